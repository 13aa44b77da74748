"""Command line: ``python -m edgewise_tools {train,compress,evaluate} ...``.

Exit codes as the Java tools: 0 ok, 2 bad input (the message names the option or file), 3 the
accuracy gate refused the artifact, 1 anything else (with its traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import traceback
import warnings
from pathlib import Path

from . import __version__
from .errors import BAD_INPUT, FAILED, OK, BadInput, Refused


def _path(text: str) -> Path:
    from .data import local_path

    return local_path(text)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="edgewise-tools", description="Train, compress and evaluate Edgewise models with PyTorch.")
    p.add_argument("--version", action="version", version=f"edgewise-tools {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train or fine-tune a digits model; writes TorchScript and <out>.manifest.json")
    t.add_argument("--arch", default="teacher", help="teacher, student, cnn, mobilenet_v3_small or mlp:64-128-10")
    t.add_argument("--data", type=_path, required=True, help="labelled CSV (a path or file:// URI)")
    t.add_argument("--out", type=_path, default=os.environ.get("EDGEWISE_OUTPUT_PATH"), help="model file to write (default $EDGEWISE_OUTPUT_PATH)")
    t.add_argument("--epochs", type=int, help="passes over the training split (default: the architecture's)")
    t.add_argument("--batch-size", type=int, default=32, help="global batch (split across DDP workers)")
    t.add_argument("--lr", type=float, help="Adam learning rate (default: the architecture's)")
    t.add_argument("--seed", type=int, default=7)
    t.add_argument("--parent", type=_path, help="TorchScript model to fine-tune from (same architecture)")
    t.add_argument("--device", default="auto", help="auto (CUDA when visible), cpu or cuda")
    t.add_argument("--workers", type=int, default=1, help="DDP processes on this machine (re-runs itself under torchrun)")
    t.add_argument("--threads", type=int, default=1, help="torch intra-op threads per process (1: the digits models are small and the cores shared)")
    t.add_argument("--termination-log", type=Path, help="also write the manifest here (e.g. /dev/termination-log)")

    c = sub.add_parser("compress", help="quantize or prune a TorchScript model; writes <out>/model.pt and <out>/manifest.json")
    c.add_argument("--in", dest="model", type=_path, required=True, help="float TorchScript parent (a path or file:// URI)")
    c.add_argument("--method", required=True, help="Int8, DynamicInt8, StaticInt8, Float16, Prune, PruneStructured or PruneInt8")
    c.add_argument("--sparsity", type=float, default=0.5, help="fraction pruned (Prune*)")
    c.add_argument("--eval-data", type=_path, required=True, help="labelled CSV: its test split gates, its train split calibrates")
    c.add_argument("--out", type=_path, required=True, help="output directory")
    c.add_argument("--max-drop", type=float, help="refuse when accuracy drops more than this (0..1)")
    c.add_argument("--arch", help="architecture of --in (default: recognised from its weights)")
    c.add_argument("--calibration-rows", type=int, default=512, help="rows observed by static quantization")
    c.add_argument("--threads", type=int, default=1, help="torch intra-op threads for the latency figures (the edge uses 1)")
    c.add_argument("--termination-log", type=Path, help="also write the manifest here (e.g. /dev/termination-log)")
    c.add_argument("--features", type=int, default=64, help="accepted for the Java tool's command line; the signature decides")

    e = sub.add_parser("evaluate", help="accuracy and single-row latency of a TorchScript model")
    e.add_argument("--model", type=_path, required=True, help="TorchScript file")
    e.add_argument("--data", type=_path, required=True, help="labelled CSV")
    e.add_argument("--split", default="test", help="test (default), train or all")
    e.add_argument("--signature", type=_path, help="JSON signature or manifest (default: the manifest beside the model)")
    e.add_argument("--features", type=int, default=64, help="input width when the model has no signature")
    e.add_argument("--min-accuracy", type=float, help="refuse below this accuracy (0..1)")
    e.add_argument("--parent", type=_path, help="parent model to compare against")
    e.add_argument("--max-drop", type=float, help="refuse when accuracy drops more than this (0..1); needs --parent")
    e.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    return p


def _under_torchrun() -> bool:
    return "TORCHELASTIC_RUN_ID" in os.environ or int(os.environ.get("WORLD_SIZE", "1")) > 1


def _relaunch_under_torchrun(workers: int, argv: list[str]) -> int:
    """Runs this same command as ``workers`` DDP processes with PyTorch's own launcher."""
    rest, skip = [], False
    for i, a in enumerate(argv):
        if skip:
            skip = False
            continue
        if a == "--workers":
            skip = True
            continue
        if a.startswith("--workers="):
            continue
        rest.append(a)
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={workers}", "-m", "edgewise_tools", *rest]
    return subprocess.call(command)


def run_train(args, argv: list[str]) -> int:
    from . import train

    if args.workers < 1:
        raise BadInput(f"--workers must be at least 1, got {args.workers}")
    if args.workers > 1 and not _under_torchrun():
        return _relaunch_under_torchrun(args.workers, argv)
    if args.out is None:
        raise BadInput("--out is required (or set EDGEWISE_OUTPUT_PATH)")
    if args.parent is not None and not args.parent.is_file():
        raise BadInput(f"--parent not found: {args.parent}")
    manifest = train.train(
        train.Settings(args.arch, args.data, args.out, args.epochs, args.batch_size, args.lr, args.seed, args.parent, args.device, args.termination_log)
    )
    if manifest is not None:
        print(json.dumps(manifest, indent=2))
    return OK


def run_compress(args) -> int:
    from . import compress

    settings = compress.Settings(args.model, args.method, args.sparsity, args.eval_data, args.out, args.max_drop, args.arch, args.calibration_rows, args.termination_log)
    try:
        manifest = compress.compress(settings)
    except Refused:
        print((args.out / "manifest.json").read_text())
        raise
    print(json.dumps(manifest, indent=2))
    return OK


def run_evaluate(args) -> int:
    from . import data as datasets
    from . import evaluate as ev
    from . import models

    if args.max_drop is not None and args.parent is None:
        raise BadInput("--max-drop needs --parent")
    if not args.model.is_file():
        raise BadInput(f"model not found: {args.model}")
    if args.signature is not None:
        doc = json.loads(args.signature.read_text())
        signature = doc.get("signature", doc)
    else:
        signature = ev.signature_beside(args.model)
    shape = ev.input_shape(signature, args.features)
    rows = datasets.read_csv(args.data).split(args.split)
    result = ev.evaluate(models.load_torchscript(args.model), rows, shape)
    report = {
        "model": str(args.model),
        "digest": datasets.sha256_file(args.model),
        "bytes": args.model.stat().st_size,
        "inputShape": [-1, *shape],
        "rows": result.rows,
        "accuracy": result.accuracy,
        "meanLatencyMs": result.mean_latency_ms,
    }
    refusal = None
    if args.parent is not None:
        parent_shape = ev.input_shape(ev.signature_beside(args.parent), args.features) if args.signature is None else shape
        parent = ev.evaluate(models.load_torchscript(args.parent), rows, parent_shape)
        report["parentAccuracy"] = parent.accuracy
        report["drop"] = parent.accuracy - result.accuracy
        if args.max_drop is not None and report["drop"] > args.max_drop:
            refusal = f"accuracy drop {report['drop']:.4f} exceeds --max-drop {args.max_drop:.4f}"
    if args.min_accuracy is not None and result.accuracy < args.min_accuracy:
        refusal = f"accuracy {result.accuracy:.4f} is below --min-accuracy {args.min_accuracy:.4f}"
    report["accepted"] = refusal is None
    print(json.dumps(report, indent=2))
    if refusal:
        raise Refused(refusal)
    return OK


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    warnings.filterwarnings("ignore", category=FutureWarning, module="torch")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="torch")
    warnings.filterwarnings("ignore", category=UserWarning, module="torch")
    try:
        import torch

        if getattr(args, "threads", None):
            torch.set_num_threads(args.threads)
        if args.command == "train":
            return run_train(args, argv)
        if args.command == "compress":
            return run_compress(args)
        return run_evaluate(args)
    except (BadInput, Refused) as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except (ValueError, FileNotFoundError, json.JSONDecodeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return BAD_INPUT
    except Exception as e:  # noqa: BLE001 - reported with its traceback, never swallowed
        print(f"error: {e}", file=sys.stderr)
        traceback.print_exc()
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
