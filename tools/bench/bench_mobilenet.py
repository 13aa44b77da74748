"""MobileNetV3-small (torchvision, seeded weights) at 3x224x224: FP32 vs FX static int8.

Writes OUT/mobilenet_v3_small_fp32.pt (traced, as ``train`` writes), its frozen copy, and
OUT/mobilenet_v3_small_int8.pt (frozen, as ``compress`` writes) and
prints a JSON line: sizes, ratio, rows/s of each in PyTorch on CPU with one thread, and how far
int8 outputs are from FP32's. Calibration: 64 seeded random images (the weights are not trained,
so there is no accuracy to gate here; the digits-trained MobileNet is measured by ``compress``).
Usage: python bench/bench_mobilenet.py OUT [BATCH] [SECONDS]
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import torch
from torchvision.models import mobilenet_v3_small

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from edgewise_tools import compress as cp  # noqa: E402


def rows_per_second(model, x: torch.Tensor, seconds: float) -> float:
    with torch.inference_mode():
        for _ in range(3):
            model(x)
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            model(x)
            n += x.shape[0]
        return n / (time.perf_counter() - start)


def main(out: Path, batch: int, seconds: float) -> None:
    warnings.filterwarnings("ignore")
    torch.set_num_threads(1)
    torch.manual_seed(0)
    out.mkdir(parents=True, exist_ok=True)
    fp32 = mobilenet_v3_small(num_classes=1000).eval()
    calibration = torch.rand(64, 3, 224, 224)
    int8 = cp.quantize_static_int8(fp32, calibration)
    x = torch.rand(batch, 3, 224, 224)
    paths = {"fp32": out / "mobilenet_v3_small_fp32.pt", "int8": out / "mobilenet_v3_small_int8.pt"}
    frozen_fp32 = out / "mobilenet_v3_small_fp32_frozen.pt"
    with torch.inference_mode():
        traced = torch.jit.trace(fp32, x[:1])
        traced.save(str(paths["fp32"]))  # as train writes a parent
        torch.jit.freeze(traced.eval()).save(str(frozen_fp32))
    cp.save_torchscript(int8, x[:1], paths["int8"], traced=True)  # as compress writes it
    loaded = {k: torch.jit.load(str(p)) for k, p in paths.items()}
    with torch.inference_mode():
        gap = (loaded["int8"](x) - loaded["fp32"](x)).abs().max().item()
        agree = (loaded["int8"](x).argmax(1) == loaded["fp32"](x).argmax(1)).float().mean().item()
    speed = {}
    for round_ in range(3):  # alternate, so both see the same machine load
        for k in ("fp32", "int8"):
            speed.setdefault(k, []).append(rows_per_second(loaded[k], x, seconds))
    median = {k: sorted(v)[len(v) // 2] for k, v in speed.items()}
    print(json.dumps({
        "bytesFp32": paths["fp32"].stat().st_size,
        "bytesInt8": paths["int8"].stat().st_size,
        "ratio": paths["fp32"].stat().st_size / paths["int8"].stat().st_size,
        "bytesFp32Frozen": frozen_fp32.stat().st_size,
        "ratioFrozenToFrozen": frozen_fp32.stat().st_size / paths["int8"].stat().st_size,
        "batch": batch,
        "rowsPerSecondFp32": median["fp32"],
        "rowsPerSecondInt8": median["int8"],
        "speedup": median["int8"] / median["fp32"],
        "runs": speed,
        "maxAbsDiff": gap,
        "top1Agreement": agree,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8, float(sys.argv[3]) if len(sys.argv) > 3 else 5.0)
