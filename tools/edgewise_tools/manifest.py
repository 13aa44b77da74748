"""JSON manifests: indented next to the artifact, compact in the termination log.

Kubernetes keeps at most 4096 bytes of a container's termination message, where the operator
reads the manifest, so that copy is one line without the signature when it would not fit.
"""

from __future__ import annotations

import json
from pathlib import Path

TERMINATION_MESSAGE_LIMIT = 4096


def write_manifest(path: Path, manifest: dict, termination_log: Path | None = None) -> None:
    path.write_text(json.dumps(manifest, indent=2) + "\n")
    if termination_log is not None:
        termination_log.write_text(termination_message(manifest))


def termination_message(manifest: dict) -> str:
    text = json.dumps(manifest, separators=(",", ":"))
    if len(text.encode()) > TERMINATION_MESSAGE_LIMIT:
        text = json.dumps({k: v for k, v in manifest.items() if k != "signature"}, separators=(",", ":"))
    return text
