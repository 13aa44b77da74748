#!/usr/bin/env bash
# Compression ratios and accuracy of the digits teacher (64-512-256-10, trained in Java by
# train-demo) and of the student TorchScript fixture, for every method.
#
# Usage: edge-runtime/bench/bench-compression.sh   (env: TEACHER_DIR, SPARSITY)
# Trains the teacher first (several minutes on 2 cores) when TEACHER_DIR has none.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=target/quarkus-app
OUT=target/bench/compression
TEACHER_DIR=${TEACHER_DIR:-target/demo-models}
SPARSITY=${SPARSITY:-0.5}
export ENGINE_CACHE_DIR=${ENGINE_CACHE_DIR:-$PWD/target/djl-cache}
[ -f "$APP/quarkus-run.jar" ] || { echo "missing $APP: mvn -o -B package -DskipTests -pl edge-runtime" >&2; exit 2; }
CP="$APP/app/*:$APP/lib/boot/*:$APP/lib/main/*"
tools() { java -cp "$CP" dev.edgewise.runtime.tools.Tools "$@" 2>/dev/null; }
if [ ! -f "$TEACHER_DIR/teacher/edgewise-model.json" ]; then
  echo "training the teacher into $TEACHER_DIR (train-demo --only teacher)"
  tools train-demo --data demo/digits.csv --out "$TEACHER_DIR" --only teacher >/dev/null
fi
mkdir -p "$OUT"
printf "%-8s %-10s %12s %11s %7s %10s %10s %8s\n" model method bytesBefore bytesAfter ratio accBefore accAfter drop
for model in teacher student; do
  if [ $model = teacher ]; then IN="$TEACHER_DIR/teacher"; else IN=demo/digits_student_mlp.pt; fi
  for method in Int8 Float16 Prune PruneInt8; do
    tools compress --in "$IN" --method $method --sparsity "$SPARSITY" \
      --eval-data demo/digits.csv --out "$OUT/$model-$method" >/dev/null
    M="$OUT/$model-$method/manifest.json"
    awk -v model=$model -v method=$method -F'[:,]' '
      /"bytesBefore"/ {b=$2} /"bytesAfter"/ {a=$2} /"ratio"/ {r=$2}
      /"accuracyBefore"/ {ab=$2} /"accuracyAfter"/ {aa=$2}
      END {printf "%-8s %-10s %12d %11d %6.2fx %10.4f %10.4f %7.2fpt\n", model, method, b, a, r, ab, aa, (ab-aa)*100}' "$M"
  done
done
echo "(accuracy on the fixed held-out test split of demo/digits.csv; sparsity $SPARSITY for Prune*)"
