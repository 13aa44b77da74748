"""Makes the checked-in model fixtures of models/fixtures/ (run by `make models`).

Usage: make_models.py [--out DIR] [--only NAME ...]

Seeds are fixed; the versions of everything that computed the files are written into
fixtures/MANIFEST.json, with the size and SHA-256 of each file. See models/README.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import warnings
from importlib import metadata
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import protocol  # noqa: E402

SEED = 20261202
GROUPS = ("protocol", "mobilenet", "text", "silero")


def _versions() -> dict:
    versions = {"python": platform.python_version(), "torch": torch.__version__}
    for dist in ("torchvision", "silero-vad", "onnxruntime", "numpy"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return versions


def _build(group: str, out: Path) -> dict:
    if group == "protocol":
        return protocol.build(out, SEED)
    if group == "mobilenet":
        import mobilenet

        return mobilenet.build(out, SEED)
    if group == "text":
        import text_langid

        return text_langid.build(out, SEED)
    if group == "silero":
        import silero

        return silero.build(out, SEED)
    raise ValueError(group)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE / "fixtures")
    parser.add_argument("--only", nargs="*", choices=GROUPS, default=list(GROUPS))
    args = parser.parse_args()

    # torch.jit is deprecated in favour of torch.export, but TorchScript is what libtorch/DJL loads.
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"torch\.jit")
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    manifest_path = args.out / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {"fixtures": {}}
    for group in args.only:
        print(f"make_models: {group}", flush=True)
        entries = _build(group, args.out)
        for entry in entries.values():
            entry["made_with"] = _versions()
        manifest["fixtures"].update(entries)
        manifest["seed"] = SEED
        manifest["versions"] = _versions()
        manifest["fixtures"] = dict(sorted(manifest["fixtures"].items()))
        args.out.mkdir(parents=True, exist_ok=True)
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"make_models: wrote {manifest_path}")


if __name__ == "__main__":
    main()
