#!/usr/bin/env bash
# Overhead of joint inference when it is configured but every row is confident: two servers from
# the same build side by side, A edge only, B with a cloud URL and threshold 0 (no row is hard, so
# the cloud is never called; every answer goes through the policy and carries the parameters).
# wrk -t1 -c32 single-row JSON requests, alternating A and B for ROUNDS rounds of SECS seconds;
# prints rows/s per round and the median ratio B/A. Servers on core 0, wrk on core 1.
#
# Usage: edge-runtime/bench/bench-joint.sh [ROUNDS] [SECS]   (after: mvn -o -B package -DskipTests -pl edge-runtime)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
SECS=${2:-10}
APP=target/quarkus-app
OUT=target/bench/joint
PORT_A=${PORT_A:-18181}
PORT_B=${PORT_B:-18182}
[ -f "$APP/quarkus-run.jar" ] || { echo "missing $APP: mvn -o -B package -DskipTests -pl edge-runtime" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
mkdir -p "$OUT"
# One digits row (pixel/16) as a single-row request.
ROW=$(sed -n 2p demo/digits.csv | awk -F, '{for(i=1;i<NF;i++) printf "%s%s", (i>1?",":""), $i/16}')
cat >"$OUT/infer-1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"inputs":[{"name":"input","shape":[1,64],"datatype":"FP32","data":[$ROW]}]}'
LUA
serve() { # port, extra options...
  local port=$1; shift
  OMP_NUM_THREADS=1 taskset -c 0 java -Xmx128m -XX:+UseSerialGC -Dquarkus.http.port="$port" \
    -Dedgewise.djl.num-threads=1 -Dedgewise.model.path=demo/digits_student_mlp.pt \
    -Dedgewise.djl.cache-dir=target/djl-cache "$@" -jar "$APP/quarkus-run.jar" >"$OUT/server-$port.log" 2>&1 &
  echo $!
}
PID_A=$(serve "$PORT_A")
PID_B=$(serve "$PORT_B" -Dedgewise.collaboration.cloud-url=http://127.0.0.1:9 \
  -Dedgewise.collaboration.confidence-threshold=0)
trap 'kill $PID_A $PID_B 2>/dev/null || true' EXIT
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/v2/health/ready" >/dev/null && break
    sleep 0.5
  done
done
curl -fs -H 'Content-Type: application/json' -d "$(sed -n 3p "$OUT/infer-1.lua" | sed "s/^wrk.body = '//; s/'$//")" \
  "http://127.0.0.1:$PORT_B/v2/models/digits/infer" | grep -o '"parameters":{[^}]*}' || { echo "B is not answering jointly" >&2; exit 1; }
rate() { taskset -c 1 wrk -t1 -c32 -d"${SECS}s" -s "$OUT/infer-1.lua" "http://127.0.0.1:$1" | awk '/Requests\/sec/ {print $2}'; }
rate "$PORT_A" >/dev/null; rate "$PORT_B" >/dev/null  # warm-up
echo "round A_rows/s B_rows/s B/A"
for r in $(seq 1 "$ROUNDS"); do
  a=$(rate "$PORT_A"); b=$(rate "$PORT_B")
  echo "$r $a $b $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b/a}')"
done | tee "$OUT/rounds.txt"
sort -k4 -n "$OUT/rounds.txt" | awk '{r[NR]=$4; a[NR]=$2; b[NR]=$3} END {m=int((NR+1)/2); printf "median ratio B/A %s (load %s)\n", r[m], "'"$(cut -d' ' -f1-3 /proc/loadavg)"'"}'
