#!/usr/bin/env bash
# Writes an application class-data sharing archive (AppCDS, JDK 17 dynamic archive) for the
# packaged runtime: one training start that serves the demo model, answers ready and one inference,
# and stops; the JVM then archives every class it loaded (Quarkus, Vert.x, Jackson, DJL, ours).
# Starting with -XX:SharedArchiveFile=target/edge-runtime.jsa maps those classes
# instead of parsing and verifying them. The archive is only valid for this JDK and these exact
# jars (paths, sizes and times): rebuild it after every package; a stale one is ignored by the JVM.
#
# Usage: edge-runtime/bench/make-cds.sh   (env: MODEL, PORT, ENGINE_CACHE_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
APP=target/quarkus-app
JSA=target/edge-runtime.jsa
MODEL=${MODEL:-demo/digits_student_mlp.pt}
PORT=${PORT:-18474}
export ENGINE_CACHE_DIR=${ENGINE_CACHE_DIR:-$PWD/target/djl-cache}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
[ -f "$APP/quarkus-run.jar" ] || { echo "missing $APP: mvn -o -B package -DskipTests -pl edge-runtime" >&2; exit 2; }
rm -f "$JSA"
java -XX:ArchiveClassesAtExit="$JSA" -Dquarkus.http.port="$PORT" -Dedgewise.model.path="$MODEL" \
  -Dedgewise.djl.num-threads=1 -Xmx128m -XX:+UseSerialGC -jar "$APP/quarkus-run.jar" \
  >target/cds-training.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/v2/health/ready" >/dev/null; do
  kill -0 $PID 2>/dev/null || { echo "training start died; see target/cds-training.log" >&2; exit 1; }
  sleep 0.1
done
row=$(seq -s, 1 64)
for body in "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,64],\"datatype\":\"FP32\",\"data\":[$row]}]}" \
  '{"inputs":[{"name":"input","shape":[1,64],"datatype":"FP32","data":[1]}]}'; do
  curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "$body" \
    "http://127.0.0.1:$PORT/v2/models/digits/infer"
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/metrics"
kill $PID
wait $PID || true
trap - EXIT
[ -f "$JSA" ] || { echo "no archive written; see target/cds-training.log" >&2; exit 1; }
echo "wrote $JSA ($(du -m "$JSA" | cut -f1) MiB)"
