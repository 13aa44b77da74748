#!/usr/bin/env bash
# Benchmarks of edgewise-tools for BENCHMARKS.md (run by `make bench-tools`):
#   1. train the digits teacher on CPU (time, accuracy), one process;
#   2. the same with DDP, 2 local gloo workers under torchrun (accuracy);
#   3. compress the teacher with PyTorch dynamic int8 (size ratio, accuracy drop, latency);
#   4. MobileNetV3-small trained on digits (32x32 upsampled rows), static int8 (ratio, drop);
#   5. MobileNetV3-small, seeded, 3x224x224: FP32 vs static int8 rows/s in PyTorch, then in DJL
#      in-process (the edge runtime's engine, libtorch 2.7.1), one thread each.
# Usage: bench-tools.sh PYTHON DATA_CSV OUT_DIR. Speed figures are medians of alternated rounds;
# the machine is shared, so quote ratios.
set -euo pipefail
PY=${1:?python}; DATA=$(realpath "${2:?data csv}"); OUT=$(realpath -m "${3:?out dir}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$OUT"
export PYTHONPATH="$ROOT/tools" OMP_NUM_THREADS=1
tools() { (cd "$ROOT/tools" && "$PY" -m edgewise_tools "$@"); }
field() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(' '.join(f'{k}={d[k]}' for k in sys.argv[2:]))" "$@"; }
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc --all) cores, torch $("$PY" -c 'import torch; print(torch.__version__)')"

echo "## 1. train teacher, 1 process (CPU, 1 thread)"
tools train --arch teacher --data "$DATA" --out "$OUT/teacher.pt" > /dev/null
field "$OUT/teacher.pt.manifest.json" epochs accuracy trainSeconds bytes

echo "## 2. train teacher, DDP 2 workers (torchrun --standalone --nproc_per_node=2, gloo)"
(cd "$ROOT/tools" && "$PY" -m torch.distributed.run --standalone --nproc_per_node=2 -m edgewise_tools \
  train --arch teacher --data "$DATA" --out "$OUT/teacher-ddp.pt" > /dev/null)
field "$OUT/teacher-ddp.pt.manifest.json" workers epochs accuracy trainSeconds

echo "## 3. compress teacher: Int8 (dynamic), gate 0.5 point"
tools compress --in "$OUT/teacher.pt" --method Int8 --eval-data "$DATA" --out "$OUT/teacher-int8" --max-drop 0.005 > /dev/null
field "$OUT/teacher-int8/manifest.json" technique bytesBefore bytesAfter ratio accuracyBefore accuracyAfter latencyMsBefore latencyMsAfter

echo "## 4. MobileNetV3-small on digits: train, then Int8 (static, FX, x86), gate 1 point"
tools train --arch mobilenet_v3_small --data "$DATA" --out "$OUT/mnv3-digits.pt" > /dev/null
field "$OUT/mnv3-digits.pt.manifest.json" epochs accuracy trainSeconds bytes
tools compress --in "$OUT/mnv3-digits.pt" --method Int8 --eval-data "$DATA" --out "$OUT/mnv3-digits-int8" --max-drop 0.01 > /dev/null
field "$OUT/mnv3-digits-int8/manifest.json" technique bytesBefore bytesAfter ratio accuracyBefore accuracyAfter latencyMsBefore latencyMsAfter

echo "## 5a. MobileNetV3-small 3x224x224 seeded: PyTorch 2.15, batch 8, 1 thread"
"$PY" "$ROOT/tools/bench/bench_mobilenet.py" "$OUT" 8 5 | tee "$OUT/mobilenet.json"

echo "## 5b. the same files in DJL 0.35.1 / libtorch 2.7.1 in-process, batch 8 and 1, 1 thread"
(cd "$ROOT" && mvn -B -q -o -pl edge-runtime -am test-compile && \
  mvn -B -q -o -pl edge-runtime dependency:build-classpath -Dmdep.outputFile="$OUT/runtime-cp.txt" > /dev/null)
for batch in 8 1; do
  (cd "$ROOT/edge-runtime" && java -Xmx1g -DENGINE_CACHE_DIR=target/djl-cache -Dai.djl.offline=true \
    -cp "target/test-classes:target/classes:$(cat "$OUT/runtime-cp.txt")" \
    dev.edgewise.runtime.bench.TorchScriptRowsBench 3x224x224 "$batch" 5 3 \
    "$OUT/mobilenet_v3_small_fp32.pt" "$OUT/mobilenet_v3_small_int8.pt" 2>/dev/null | grep median)
done
