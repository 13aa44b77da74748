#!/usr/bin/env bash
# Throughput and latency of the edge runtime over HTTP (with dynamic batching) against the
# in-process DJL predictor on the same model, in the same run; plus cold start and RSS.
#
# Usage: edge-runtime/bench/bench-runtime.sh [SECONDS]   (env: MODEL, PORT, ENGINE_CACHE_DIR)
# rows/request "bin32" is 32 rows sent with the OIP binary tensor data extension (raw FP32).
# Needs: a packaged module (mvn -o -B package -DskipTests -pl edge-runtime), test classes
# (mvn -o -B test-compile -pl edge-runtime), wrk (apt-get install -y wrk) and curl.
# Cores (SPLIT): "pinned" (default) puts the server, and before it the in-process predictor, on
# core 0 and wrk on core 1; "shared" lets the server, the predictor and wrk use both cores.
# PyTorch runs one intra-op thread in both. SERVER_OPTS defaults to a 128 MiB heap.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
MODEL=${MODEL:-demo/digits_student_mlp.pt}
PORT=${PORT:-18473}
APP=target/quarkus-app
OUT=target/bench
export ENGINE_CACHE_DIR=${ENGINE_CACHE_DIR:-$PWD/target/djl-cache}
# libgomp otherwise starts one spinning worker per visible core besides PyTorch's own thread.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
[ -f "$APP/quarkus-run.jar" ] || { echo "missing $APP: mvn -o -B package -DskipTests -pl edge-runtime" >&2; exit 2; }
[ -d target/test-classes/dev/edgewise/runtime/bench ] || { echo "missing test classes: mvn -o -B test-compile -pl edge-runtime" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
mkdir -p "$OUT"
SPLIT=${SPLIT:-pinned}
SERVER_OPTS=${SERVER_OPTS:--Xmx128m -XX:+UseSerialGC}
if [ "$SPLIT" = pinned ]; then SERVER_CPU="taskset -c 0"; LOAD_CPU="taskset -c 1"; else SERVER_CPU=""; LOAD_CPU=""; fi
CP="target/test-classes:target/classes:$APP/lib/boot/*:$APP/lib/main/*"
URL="http://127.0.0.1:$PORT/v2/models/digits/infer"

java -cp "$CP" dev.edgewise.runtime.bench.InProcessBench lua demo/digits.csv "$OUT" 1 32

echo "machine: $(getconf _NPROCESSORS_ONLN) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model: $MODEL ($(du -sb "$MODEL" | cut -f1) bytes)"
echo
echo "== in-process DJL predictor ($SPLIT, 1 PyTorch thread, ${SECS}s each)"
$SERVER_CPU java -cp "$CP" dev.edgewise.runtime.bench.InProcessBench predictor "$MODEL" "$SECS" 1 32 2>/dev/null \
  | tee "$OUT/inprocess.txt"

echo
echo "== HTTP server ($SPLIT, 1 PyTorch thread, $SERVER_OPTS; wrk -t1)"
start=$(date +%s%N)
$SERVER_CPU java -Dquarkus.http.port="$PORT" -Dedgewise.model.path="$MODEL" \
  -Dedgewise.djl.num-threads=1 $SERVER_OPTS -jar "$APP/quarkus-run.jar" >"$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/v2/health/ready" >/dev/null; do
  kill -0 $PID 2>/dev/null || { echo "server died; see $OUT/server.log" >&2; exit 1; }
  sleep 0.02
done
echo "cold start to ready: $(( ($(date +%s%N) - start) / 1000000 )) ms (engine cache warm)"
echo "rss after start: $(grep VmRSS /proc/$PID/status | awk '{print $2/1024 " MiB"}')"
# Warm-up (JIT on one busy core takes a while): both request shapes, not measured.
$LOAD_CPU wrk -t1 -c32 -d15s -s "$OUT/infer-1.lua" "$URL" >/dev/null
$LOAD_CPU wrk -t1 -c8 -d10s -s "$OUT/infer-32.lua" "$URL" >/dev/null
$LOAD_CPU wrk -t1 -c8 -d5s -s "$OUT/infer-bin32.lua" "$URL" >/dev/null

run() { # rows connections
  local f="$OUT/wrk-$1rows-$2conns.txt"
  $LOAD_CPU wrk -t1 -c"$2" -d"${SECS}s" --latency -s "$OUT/infer-$1.lua" "$URL" >"$f"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$f")
  p50=$(awk '$1=="50%" {print $2}' "$f")
  p99=$(awk '$1=="99%" {print $2}' "$f")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$f")
  PEAK=$(awk '/VmHWM/ {print $2/1024}' /proc/$PID/status 2>/dev/null || echo "?")
  printf "rows/request=%-3s connections=%-3s requests/s=%-9s rows/s=%-9.0f p50=%-8s p99=%-8s non-2xx=%s\n" \
    "$1" "$2" "$rps" "$(echo "$rps * ${1#bin}" | bc -l)" "$p50" "$p99" "${non2xx:-0}"
}
run 1 32
run 1 8
run 1 2
run 32 8
run 32 2
run bin32 8
run 1 64
echo "peak rss (VmHWM) after the runs: $PEAK MiB"
curl -s "http://127.0.0.1:$PORT/q/metrics" | grep -E '^edgewise_batch_rows_(sum|count)' | tr '\n' ' '
echo
