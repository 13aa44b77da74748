"""Silero VAD, the pretrained TorchScript model the `silero-vad` PyPI package ships, as one stateless step.

The package's `silero_vad.jit` keeps its RNN state and audio context inside the module (and
`forward(x, sr: int)` takes a Python int), which a model server cannot share between clients. The
fixture wraps the package's own scripted sub-models, weights untouched, with the inputs and
outputs of the package's ONNX model: `input` FP32 [N, 64 + 512] (the previous chunk's last 64
samples, then 512 new ones, at 16 kHz; 32 + 256 at 8 kHz), `state` FP32 [2, N, 128], `sr` INT64
scalar; out `output` FP32 [N, 1] (speech probability) and `stateN` FP32 [2, N, 128].
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Dict, Tuple

import numpy as np
import torch
from torch import Tensor, nn

from fixturelib import Signature, TensorSpec, write_fixture

CONTEXT = 64
CHUNK = 512
RATE = 16000


class SileroVadStep(nn.Module):
    """One step of Silero VAD with its state passed in and out."""

    def __init__(self, package_model: torch.jit.ScriptModule):
        super().__init__()
        self.model_16k = package_model._model
        self.model_8k = package_model._model_8k

    def forward(self, input: Tensor, state: Tensor, sr: Tensor) -> Tuple[Tensor, Tensor]:
        if input.dtype != torch.float32 or state.dtype != torch.float32:
            raise ValueError("input and state must be float32")
        if sr.dtype != torch.int64:
            raise ValueError("sr must be int64")
        rate = int(sr.item())
        if rate == 16000:
            if input.shape[-1] != 576:
                raise ValueError("at 16000 Hz input has 64 context + 512 new samples")
            return self.model_16k(input, state)
        if rate == 8000:
            if input.shape[-1] != 288:
                raise ValueError("at 8000 Hz input has 32 context + 256 new samples")
            return self.model_8k(input, state)
        raise ValueError("sr must be 8000 or 16000")


def _package_file(name: str) -> str:
    return str(resources.files("silero_vad") / "data" / name)


def _audio(streams: int, chunks: int, seed: int) -> torch.Tensor:
    """Synthetic audio: stream 0 silence-like noise, stream 1 a voiced-like harmonic tone with noise."""
    generator = torch.Generator().manual_seed(seed)
    t = torch.arange(chunks * CHUNK) / RATE
    noise = 0.01 * torch.randn(streams, chunks * CHUNK, generator=generator)
    envelope = 0.5 * (1 + torch.sin(2 * math.pi * 3 * t))
    voiced = sum(torch.sin(2 * math.pi * 140 * k * t) / k for k in range(1, 8)) * 0.3 * envelope
    audio = noise.clone()
    audio[1] += voiced
    return audio


def build(out_dir: Path, seed: int) -> Dict[str, dict]:
    package_model = torch.jit.load(_package_file("silero_vad.jit"), map_location="cpu").eval()
    step = torch.jit.script(SileroVadStep(package_model).eval())

    # Run 6 chunks of 2 streams to get a real state and context, then the 7th is the reference step.
    streams, chunks = 2, 7
    audio = _audio(streams, chunks, seed)
    state = torch.zeros(2, streams, 128)
    context = torch.zeros(streams, CONTEXT)
    sr = torch.tensor(RATE, dtype=torch.int64)
    with torch.inference_mode():
        for i in range(chunks - 1):
            x = torch.cat([context, audio[:, i * CHUNK : (i + 1) * CHUNK]], dim=1)
            _, state = step(x, state, sr)
            context = x[:, -CONTEXT:]
    last = torch.cat([context, audio[:, (chunks - 1) * CHUNK :]], dim=1)
    inputs = {"input": last, "state": state.clone(), "sr": sr}

    entry = write_fixture(
        out_dir,
        "silero_vad",
        step,
        Signature(
            inputs=[
                TensorSpec("input", "FP32", [-1, -1]),
                TensorSpec("state", "FP32", [2, -1, 128]),
                TensorSpec("sr", "INT64", []),
            ],
            outputs=[TensorSpec("output", "FP32", [-1, 1]), TensorSpec("stateN", "FP32", [2, -1, 128])],
            description="Silero VAD (silero-vad package's pretrained TorchScript), one stateless step",
        ),
        inputs,
        input_decimals=5,
        notes={
            "source": "silero_vad/data/silero_vad.jit of the silero-vad wheel: its _model (16 kHz) and _model_8k",
            "batch_dimension": "dimension 0 of input and output, dimension 1 of state and stateN; sr is a scalar",
        },
    )
    entry["notes"]["onnx_parity"] = _onnx_parity(out_dir / "silero_vad.reference.json")
    return {"silero_vad": entry}


def _onnx_parity(reference: Path) -> dict:
    """Runs the reference request through the package's silero_vad.onnx with onnxruntime."""
    import json

    import onnxruntime

    doc = json.loads(reference.read_text())
    feeds = {
        t["name"]: np.array(t["data"], dtype=np.float32 if t["datatype"] == "FP32" else np.int64).reshape(t["shape"])
        for t in doc["request"]["inputs"]
    }
    session = onnxruntime.InferenceSession(_package_file("silero_vad.onnx"), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    got = dict(zip(names, session.run(None, feeds)))
    diffs = {}
    for out in doc["response"]["outputs"]:
        expected = np.array(out["data"], dtype=np.float32).reshape(out["shape"])
        diffs[out["name"]] = float(np.abs(got[out["name"]] - expected).max())
    return {"onnxruntime": onnxruntime.__version__, "max_abs_difference": diffs}
