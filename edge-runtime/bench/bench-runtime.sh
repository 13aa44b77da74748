#!/usr/bin/env bash
# Throughput and latency of the edge runtime over HTTP (with dynamic batching) against the
# in-process DJL predictor on the same model, in the same run; plus cold start and RSS.
#
# Usage: edge-runtime/bench/bench-runtime.sh [SECONDS]
#   env: MODEL, PORT, ENGINE_CACHE_DIR, SPLIT, SERVER_OPTS,
#        BATCH_SIZES   max-batch-size values to serve with, one server each (default "32 256")
#        BASELINE_APP  another packaged quarkus-app directory (e.g. a copy of main's) measured in
#                      the same run, cold start and 32-row requests, for a before/after comparison
#        STARTS        cold starts per variant (default 3)
#        VARIANT       "label|jvm options": one more variant of this build (with the AppCDS archive
#                      when there is one), measured in cold start and served like the baseline,
#                      e.g. VARIANT="c1|-XX:TieredStopAtLevel=1"
#        PHASES        which parts run (default "inprocess coldstart serve")
#        OPEN_CONNS    connections of the open-loop step (default 64)
# rows/request "bin32" is 32 rows sent with the OIP binary tensor data extension (raw FP32).
# Needs: a packaged module (mvn -o -B package -DskipTests -pl edge-runtime), test classes
# (mvn -o -B test-compile -pl edge-runtime), wrk (apt-get install -y wrk) and curl. Cold start is
# also measured with the AppCDS archive when bench/make-cds.sh has written target/edge-runtime.jsa.
# Cores (SPLIT): "pinned" (default) puts the server, and before it the in-process predictor, on
# core 0 and wrk on core 1; "shared" lets the server, the predictor and wrk use both cores.
# PyTorch runs one intra-op thread in both. SERVER_OPTS defaults to a 128 MiB heap.
# "1-row at half max" (full mode, after the 1-row runs) offers half the best 1-row rows/s of those
# runs at a fixed rate (open loop, OpenLoopLoad in the test classes, on wrk's core) and gives the
# latency percentiles from each request's scheduled send time, so a stall counts for every request
# it holds back; "achieved" is the rate of responses in the measured window. "server-cpu" is the
# server process's CPU time (user + system) over a wrk run divided by its requests.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
MODEL=${MODEL:-demo/digits_student_mlp.pt}
PORT=${PORT:-18473}
APP=target/quarkus-app
OUT=target/bench
JSA=target/edge-runtime.jsa
BATCH_SIZES=${BATCH_SIZES:-32 256}
STARTS=${STARTS:-3}
BASELINE_APP=${BASELINE_APP:-}
VARIANT=${VARIANT:-}
PHASES=${PHASES:-inprocess coldstart serve}
has() { [[ " $PHASES " == *" $1 "* ]]; }
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
load() { cut -d' ' -f1-3 /proc/loadavg; }
OPEN_CONNS=${OPEN_CONNS:-64}

java -cp "$CP" dev.edgewise.runtime.bench.InProcessBench lua demo/digits.csv "$OUT" 1 32

echo "machine: $(getconf _NPROCESSORS_ONLN) cores, load average $(load)"
echo "model: $MODEL ($(du -sb "$MODEL" | cut -f1) bytes)"
if has inprocess; then
  echo
  echo "== in-process DJL predictor ($SPLIT, 1 PyTorch thread, ${SECS}s each; batch = rows per forward)"
  $SERVER_CPU java -cp "$CP" dev.edgewise.runtime.bench.InProcessBench predictor "$MODEL" "$SECS" 1 32 128 256 2>/dev/null \
    | tee "$OUT/inprocess.txt"
fi

PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null || true' EXIT

start_server() { # app extra-opts... ; sets PID and STARTED_MS
  local app=$1
  shift
  local t0
  t0=$(date +%s%N)
  $SERVER_CPU java -Dquarkus.http.port="$PORT" -Dedgewise.model.path="$MODEL" \
    -Dedgewise.djl.num-threads=1 $SERVER_OPTS "$@" -jar "$app/quarkus-run.jar" >"$OUT/server.log" 2>&1 &
  PID=$!
  until curl -sf "http://127.0.0.1:$PORT/v2/health/ready" >/dev/null; do
    kill -0 $PID 2>/dev/null || { echo "server died; see $OUT/server.log" >&2; exit 1; }
    sleep 0.02
  done
  STARTED_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

stop_server() {
  kill $PID
  wait $PID 2>/dev/null || true
  PID=
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Cold start: from `java` to the first 200 of /v2/health/ready, engine cache warm. The variants
# alternate start by start, so a burst of load elsewhere hits them alike.
CDS_OPT=
[ -f "$JSA" ] && CDS_OPT="-XX:SharedArchiveFile=$JSA"
VARIANT_LABEL=${VARIANT%%|*}
VARIANT_OPTS=${VARIANT#*|}
if has coldstart; then
  echo
  echo "== cold start to ready ($SPLIT, engine cache warm, $STARTS starts per variant, load $(load))"
  variants=("this|$APP|")
  [ -n "$CDS_OPT" ] && variants+=("this+appcds|$APP|$CDS_OPT")
  [ -n "$VARIANT" ] && variants+=("this+${CDS_OPT:+appcds+}$VARIANT_LABEL|$APP|$CDS_OPT $VARIANT_OPTS")
  [ -n "$BASELINE_APP" ] && variants+=("baseline|$BASELINE_APP|")
  declare -A times
  for ((s = 1; s <= STARTS; s++)); do
    for v in "${variants[@]}"; do
      IFS="|" read -r label app opt <<<"$v"
      start_server "$app" $opt
      times[$label]="${times[$label]:-} $STARTED_MS"
      stop_server
    done
  done
  for v in "${variants[@]}"; do
    label=${v%%|*}
    echo "cold start $label: ms ${times[$label]# } (median $(echo "${times[$label]}" | median))"
  done
fi

run() { # rows connections
  local f="$OUT/wrk-$1rows-$2conns.txt" ticks0 ticks1
  ticks0=$(awk '{print $14 + $15}' /proc/$PID/stat)
  $LOAD_CPU wrk -t1 -c"$2" -d"${SECS}s" --latency -s "$OUT/infer-$1.lua" "$URL" >"$f"
  ticks1=$(awk '{print $14 + $15}' /proc/$PID/stat)
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$f")
  p50=$(awk '$1=="50%" {print $2}' "$f")
  p99=$(awk '$1=="99%" {print $2}' "$f")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$f")
  PEAK=$(awk '/VmHWM/ {print $2/1024}' /proc/$PID/status 2>/dev/null || echo "?")
  if [ "$1" = 1 ]; then
    MAX1=$(echo "$rps" | awk -v m="${MAX1:-0}" '{print ($1 > m ? $1 : m)}')
  fi
  # Server CPU (user + system, 10 ms ticks) per request over the wrk run: less sensitive than rows/s
  # to how much of core 0 other processes took.
  printf "rows/request=%-5s connections=%-3s requests/s=%-9s rows/s=%-9.0f p50=%-8s p99=%-8s non-2xx=%s server-cpu=%.1fus/request\n" \
    "$1" "$2" "$rps" "$(echo "$rps * ${1#bin}" | bc -l)" "$p50" "$p99" "${non2xx:-0}" \
    "$(echo "($ticks1 - $ticks0) * 10000 / ($rps * $SECS)" | bc -l)"
}

metric_sums() { # prints "batch-rows-sum forward-passes gc-pauses gc-pause-seconds"
  curl -s "http://127.0.0.1:$PORT/q/metrics" | awk '
    /^edgewise_batch_rows_sum/ {s=$NF} /^edgewise_batch_rows_count/ {c=$NF}
    /^jvm_gc_pause_seconds_count/ {gc+=$NF} /^jvm_gc_pause_seconds_sum/ {gs+=$NF}
    END {printf "%s %s %s %s\n", s+0, c+0, gc+0, gs+0}'
}

# Ticks (1/100 s) of core 0: busy (user, nice, system, irq, softirq) and stolen by the hypervisor;
# the server's own CPU ticks; and the time its threads waited runnable for a CPU (ns).
# (printf "%.0f": mawk clamps "%d" to 2^31 - 1.)
sched_sums() {
  echo "$(awk '/^cpu0 / {print $2 + $3 + $4 + $7 + $8, $9}' /proc/stat)" \
    "$(awk '{print $14 + $15}' /proc/$PID/stat)" \
    "$(cat /proc/$PID/task/*/schedstat 2>/dev/null | awk '{s += $2} END {printf "%.0f\n", s}')"
}

# Fixed offered rate: half the best 1-row rows/s of the runs above, 5 s warm-up at that rate, then
# SECS measured.
open_loop() { # rows
  local f="$OUT/openloop-$1rows.txt" rate before after
  rate=$(echo "$MAX1 / 2" | bc)
  before="$(metric_sums) $(sched_sums)"
  $LOAD_CPU java -XX:+UseSerialGC -Xms64m -Xmx256m -DslowMs=10 -cp target/test-classes \
    dev.edgewise.runtime.bench.OpenLoopLoad "$URL" "$OUT/infer-$1.json" application/json \
    "$rate" "$OPEN_CONNS" 5 "$SECS" >"$f" 2>"$OUT/openloop-$1rows-stalls.txt"
  after="$(metric_sums) $(sched_sums)"
  local r=($(sed 's/[a-z0-9_]*=//g' "$f")) b=($before) a=($after)
  # r: offered achieved requests late non2xx p50 p90 p99 p999 max
  printf "%s-row at half max (open loop, %s connections): offered=%s rows/s achieved=%s rows/s p50=%sms p90=%sms p99=%sms p99.9=%sms max=%sms late-sends=%s non-2xx=%s\n" \
    "$1" "$OPEN_CONNS" "${r[0]}" "${r[1]}" "${r[5]}" "${r[6]}" "${r[7]}" "${r[8]}" "${r[9]}" "${r[3]}" "${r[4]}"
  echo "  during it (warm-up included): $(echo "${a[1]} - ${b[1]}" | bc) forward passes, mean rows per forward pass $(echo "(${a[0]} - ${b[0]}) / (${a[1]} - ${b[1]})" | bc -l | xargs printf %.1f), $(echo "${a[2]} - ${b[2]}" | bc) GC pauses totalling $(echo "(${a[3]} - ${b[3]}) * 1000" | bc -l | xargs printf %.0f) ms"
  echo "  stalls (requests over 10 ms within 20 ms of each other): $(grep -c '^stall' "$OUT/openloop-$1rows-stalls.txt"), worst $(awk '/^stall/ && $NF + 0 > m {m = $NF + 0} END {print m + 0}' "$OUT/openloop-$1rows-stalls.txt") ms (wall-clock times in $OUT/openloop-$1rows-stalls.txt)"
  if [ "$SPLIT" = pinned ]; then
    # b/a: 0-3 metrics, 4 core-0 busy, 5 core-0 steal, 6 server ticks, 7 server run-queue wait ns
    local secs=$(echo "$SECS + 5" | bc)
    echo "  core 0 during it: server $(((${a[6]} - ${b[6]}) * 100 / (secs * 100)))%," \
      "other processes $((((${a[4]} - ${b[4]}) - (${a[6]} - ${b[6]})) * 100 / (secs * 100)))%," \
      "stolen $(((${a[5]} - ${b[5]}) * 100 / (secs * 100)))%; server threads waited for a CPU" \
      "$(((${a[7]} - ${b[7]}) / 1000000 / secs)) ms per second"
  fi
}

batch_stats() {
  curl -s "http://127.0.0.1:$PORT/q/metrics" \
    | awk '/^edgewise_batch_rows_sum/ {s=$2} /^edgewise_batch_rows_count/ {c=$2} END {printf "forward passes: %d, mean rows per forward pass: %.1f\n", c, s/c}'
}

serve() { # label app max-batch-size full|short [jvm options...]
  local label=$1 app=$2 batch=$3 mode=$4
  shift 4
  MAX1=0
  echo
  echo "== HTTP server $label, max-batch-size $batch ($SPLIT, 1 PyTorch thread, $SERVER_OPTS $*; wrk -t1; load $(load))"
  start_server "$app" -Dedgewise.batching.max-batch-size="$batch" "$@"
  echo "rss after start: $(grep VmRSS /proc/$PID/status | awk '{print $2/1024 " MiB"}')"
  # Warm-up (JIT on one busy core takes a while): every request shape, not measured.
  $LOAD_CPU wrk -t1 -c32 -d15s -s "$OUT/infer-1.lua" "$URL" >/dev/null
  $LOAD_CPU wrk -t1 -c16 -d15s -s "$OUT/infer-32.lua" "$URL" >/dev/null
  $LOAD_CPU wrk -t1 -c8 -d5s -s "$OUT/infer-bin32.lua" "$URL" >/dev/null
  if [ "$mode" = full ]; then
    run 1 32
    run 1 8
    run 1 2
  fi
  run 32 32
  run 32 8
  run 32 2
  if [ "$mode" = full ]; then
    run bin32 8
    run 1 64
    open_loop 1
  fi
  batch_stats
  echo "peak rss (VmHWM) after the runs: $PEAK MiB"
  stop_server
}

if has serve; then
  for b in $BATCH_SIZES; do
    serve this "$APP" "$b" full
    [ -n "$VARIANT" ] && serve "this+$VARIANT_LABEL" "$APP" "$b" short $VARIANT_OPTS
    [ -n "$BASELINE_APP" ] && serve baseline "$BASELINE_APP" "$b" short
  done
fi
echo
echo "load average at the end: $(load)"
