"""Writes the edge runtime's PyTorch-int8 test fixtures: ``python -m edgewise_tools.fixtures DATA DIR``.

For the digits teacher (dynamic int8) and the digits CNN (static int8) it trains the float model
with ``train``, quantizes it with ``compress``'s functions, and writes into DIR:

- ``<name>.pt``: the int8 TorchScript, as ``compress`` writes it;
- ``<name>.parity.csv``: 32 held-out rows, 64 inputs then PyTorch's 10 int8 logits a row;
- ``<name>.float.csv``: the float parent's logits on the same rows (so a test can tell the int8
  kernels ran: DJL must match the int8 logits, which differ from the float ones).
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import torch

from . import compress as cp
from . import data as datasets
from . import evaluate as ev
from . import models
from . import train as tr

ROWS = 32
FIXTURES = {"digits_teacher_int8_dynamic": ("teacher", "DynamicInt8"), "digits_cnn_int8_static": ("cnn", "StaticInt8")}


def write_csv(path: Path, inputs: torch.Tensor, outputs: torch.Tensor, comment: str) -> None:
    with path.open("w") as f:
        f.write(f"# {comment}\n")
        for x, y in zip(inputs.tolist(), outputs.tolist()):
            f.write(",".join(repr(float(v)) for v in x + y) + "\n")


def main(data_csv: str, out_dir: str) -> None:
    warnings.filterwarnings("ignore")
    torch.set_num_threads(1)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = datasets.read_csv(Path(data_csv))
    test, calibration = rows.split("test"), rows.split("train")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (arch_name, method) in FIXTURES.items():
            parent_file = Path(tmp) / f"{arch_name}.pt"
            tr.train(tr.Settings(arch_name, Path(data_csv), parent_file, None, 32, None, 7, None, "cpu", None))
            parent, arch = models.rebuild(parent_file)
            x = ev.rows_as_input(test.features[:ROWS], arch.input_shape)
            cal = ev.rows_as_input(calibration.features[:512], arch.input_shape)
            quantized, technique = cp.compressed_module(method, parent, arch, 0.0, cal)
            target = out / f"{name}.pt"
            cp.save_torchscript(quantized, x[:1], target, traced="static" in technique)
            loaded = models.load_torchscript(target)
            with torch.inference_mode():
                write_csv(out / f"{name}.parity.csv", x, loaded(x), f"{technique} {arch_name}, torch {torch.__version__}: 64 inputs, 10 int8 logits")
                write_csv(out / f"{name}.float.csv", x, parent(x), f"float {arch_name} parent: 64 inputs, 10 logits")
            print(f"{target}: {target.stat().st_size} bytes, parent {parent_file.stat().st_size} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m edgewise_tools.fixtures DATA_CSV OUT_DIR")
    main(sys.argv[1], sys.argv[2])
