"""Writes a fixture: the TorchScript artifact, its signature file and its reference request/response.

The formats are described in models/README.md. Everything here is plain data handling; the models
themselves live in protocol.py, mobilenet.py, text_langid.py and silero.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
import torch

# OIP v2 datatype name <-> torch dtype <-> numpy dtype.
OIP_TO_TORCH = {
    "BOOL": torch.bool,
    "UINT8": torch.uint8,
    "INT8": torch.int8,
    "INT16": torch.int16,
    "INT32": torch.int32,
    "INT64": torch.int64,
    "FP16": torch.float16,
    "FP32": torch.float32,
    "FP64": torch.float64,
}
TORCH_TO_OIP = {v: k for k, v in OIP_TO_TORCH.items()}

# Parity tolerance of an output, by datatype: |actual - expected| <= atol + rtol * |expected|.
# Integers and booleans must match exactly.
TOLERANCE = {
    "BOOL": 0.0,
    "UINT8": 0.0,
    "INT8": 0.0,
    "INT16": 0.0,
    "INT32": 0.0,
    "INT64": 0.0,
    "FP16": 1e-2,
    "FP32": 1e-4,
    "FP64": 1e-9,
}


@dataclass(frozen=True)
class TensorSpec:
    """One named input or output of a model's signature; -1 marks a variable dimension."""

    name: str
    datatype: str
    shape: Sequence[int]

    def to_json(self) -> dict:
        return {"name": self.name, "datatype": self.datatype, "shape": list(self.shape)}


@dataclass
class Signature:
    """Inputs in the order of forward's arguments; outputs in tuple order (or dict keys)."""

    inputs: List[TensorSpec]
    outputs: List[TensorSpec]
    description: str = ""
    extra: Dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict:
        doc = {
            "inputs": [s.to_json() for s in self.inputs],
            "outputs": [s.to_json() for s in self.outputs],
        }
        return doc


def _flat_data(t: torch.Tensor, datatype: str, decimals: int | None) -> list:
    a = t.detach().cpu().contiguous().numpy().reshape(-1)
    if datatype == "BOOL":
        return [bool(v) for v in a]
    if datatype.startswith("INT") or datatype.startswith("UINT"):
        return [int(v) for v in a]
    if datatype == "FP16":
        # str() of a numpy float16 is its shortest decimal that reads back to the same float16.
        return [float(str(v)) for v in a]
    if datatype == "FP32":
        if decimals is not None:
            return [round(float(v), decimals) for v in a]
        return [float(str(v)) for v in a]
    return [float(v) for v in a]


def tensor_json(name: str, t: torch.Tensor, decimals: int | None = None) -> dict:
    """One OIP v2 tensor: name, datatype, shape and row-major flat data."""
    datatype = TORCH_TO_OIP[t.dtype]
    return {
        "name": name,
        "datatype": datatype,
        "shape": list(t.shape),
        "data": _flat_data(t, datatype, decimals),
    }


def _check_against_signature(kind: str, specs: Sequence[TensorSpec], tensors: Dict[str, torch.Tensor]):
    names = [s.name for s in specs]
    if list(tensors) != names:
        raise ValueError(f"{kind} {list(tensors)} do not match the signature's {names}")
    for spec in specs:
        t = tensors[spec.name]
        if TORCH_TO_OIP[t.dtype] != spec.datatype:
            raise ValueError(f"{kind} {spec.name}: {t.dtype} but the signature says {spec.datatype}")
        if len(t.shape) != len(spec.shape) or any(
            d != -1 and d != n for d, n in zip(spec.shape, t.shape)
        ):
            raise ValueError(f"{kind} {spec.name}: shape {list(t.shape)} against {list(spec.shape)}")


def outputs_by_name(signature: Signature, result) -> Dict[str, torch.Tensor]:
    """Names a forward result (tensor, tuple/list or dict) by the signature's outputs."""
    if isinstance(result, dict):
        return {s.name: result[s.name] for s in signature.outputs}
    if isinstance(result, torch.Tensor):
        result = (result,)
    if len(result) != len(signature.outputs):
        raise ValueError(f"{len(result)} outputs, the signature names {len(signature.outputs)}")
    return {s.name: t for s, t in zip(signature.outputs, result)}


def write_fixture(
    out_dir: Path,
    name: str,
    module: torch.jit.ScriptModule,
    signature: Signature,
    inputs: Dict[str, torch.Tensor],
    input_decimals: int | None = None,
    notes: Dict[str, object] | None = None,
) -> dict:
    """Saves the module, reloads it, runs the reference inputs through the reloaded copy and writes
    NAME.pt, NAME.signature.json and NAME.reference.json. Returns the manifest entry."""
    out_dir.mkdir(parents=True, exist_ok=True)
    artifact = out_dir / f"{name}.pt"
    torch.jit.save(module, str(artifact))
    reloaded = torch.jit.load(str(artifact), map_location="cpu")
    reloaded.eval()

    if input_decimals is not None:
        # Round FP32 inputs so that the JSON stays short and reads back to the very same floats.
        inputs = {
            k: (torch.round(v, decimals=input_decimals) if v.dtype == torch.float32 else v)
            for k, v in inputs.items()
        }
    _check_against_signature("inputs", signature.inputs, inputs)
    request = {"inputs": [tensor_json(k, v, input_decimals) for k, v in inputs.items()]}
    # What the client sends is what the model gets: run the model on the values as JSON reads them.
    parsed = {
        t["name"]: torch.tensor(t["data"], dtype=OIP_TO_TORCH[t["datatype"]]).reshape(t["shape"])
        for t in request["inputs"]
    }
    with torch.inference_mode():
        result = reloaded(*parsed.values())
    outputs = outputs_by_name(signature, result)
    _check_against_signature("outputs", signature.outputs, outputs)
    response = {
        "model_name": name,
        "outputs": [tensor_json(k, v) for k, v in outputs.items()],
    }
    tolerance = {k: TOLERANCE[TORCH_TO_OIP[v.dtype]] for k, v in outputs.items()}

    sig_path = out_dir / f"{name}.signature.json"
    sig_path.write_text(signature_text(signature))
    ref_path = out_dir / f"{name}.reference.json"
    ref_path.write_text(
        json.dumps(
            {"request": request, "response": response, "tolerance": tolerance},
            separators=(",", ":"),
        )
        + "\n"
    )
    entry = {
        "artifact": artifact.name,
        "signature": sig_path.name,
        "reference": ref_path.name,
        "description": signature.description,
        "sha256": {p.name: _sha256(p) for p in (artifact, sig_path, ref_path)},
        "bytes": {p.name: p.stat().st_size for p in (artifact, sig_path, ref_path)},
    }
    if notes:
        entry["notes"] = notes
    return entry


def signature_text(signature: Signature) -> str:
    """The signature file's text: one line per tensor, easy to read and to diff."""
    doc = signature.to_json()
    parts = []
    for key in ("inputs", "outputs"):
        lines = ",\n".join("    " + json.dumps(t) for t in doc[key])
        parts.append(f'  "{key}": [\n{lines}\n  ]')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
