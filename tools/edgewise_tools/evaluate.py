"""Accuracy and latency of a TorchScript model on a labelled data set, as the Java ``Evaluator``.

Accuracy is argmax against labels over batches of 128 rows; latency is the mean of 200 one-row
forward passes after 20 warm-up passes, on CPU with the threads the caller set (the edge runtime
uses one intra-op thread). Rows are reshaped to the model's signature input shape.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .data import Dataset

BATCH = 128
LATENCY_ROWS = 200
WARMUP_ROWS = 20


@dataclass(frozen=True)
class Evaluation:
    rows: int
    accuracy: float
    mean_latency_ms: float


def input_shape(signature: dict | None, features: int) -> tuple[int, ...]:
    """The per-row input shape a signature names (``[-1, 64]`` gives ``(64,)``)."""
    if not signature:
        return (features,)
    try:
        shape = signature["inputs"][0]["shape"]
    except (KeyError, IndexError, TypeError) as e:
        raise ValueError(f"signature has no inputs[0].shape: {json.dumps(signature)[:200]}") from e
    if not shape or any(not isinstance(d, int) for d in shape):
        raise ValueError(f"signature input shape must be a list of integers, got {shape}")
    return tuple(shape[1:])


def rows_as_input(features: np.ndarray, shape: tuple[int, ...]) -> torch.Tensor:
    """The feature rows as a float32 tensor of ``[N, *shape]``; fails naming both sizes."""
    width = int(np.prod(shape))
    if features.shape[1] != width:
        raise ValueError(f"the data has {features.shape[1]} features a row, the model's input {list(shape)} takes {width}")
    return torch.from_numpy(np.ascontiguousarray(features)).reshape(-1, *shape)


def logits(model, x: torch.Tensor) -> torch.Tensor:
    """Outputs for every row, in batches of 128."""
    with torch.inference_mode():
        return torch.cat([model(x[i : i + BATCH]).float() for i in range(0, x.shape[0], BATCH)])


def accuracy(model, x: torch.Tensor, labels: np.ndarray) -> float:
    if x.shape[0] == 0:
        return 0.0
    predicted = logits(model, x).argmax(dim=1).numpy()
    return float((predicted == labels).mean())


def mean_latency_ms(model, x: torch.Tensor, rows: int = LATENCY_ROWS, warmup: int = WARMUP_ROWS) -> float:
    """Mean single-row forward time (for speed figures; not for assertions)."""
    n = min(rows, x.shape[0])
    if n == 0:
        return 0.0
    with torch.inference_mode():
        for r in range(min(warmup, x.shape[0])):
            model(x[r : r + 1])
        start = time.perf_counter()
        for r in range(n):
            model(x[r : r + 1])
        return (time.perf_counter() - start) * 1000.0 / n


def evaluate(model, data: Dataset, shape: tuple[int, ...]) -> Evaluation:
    x = rows_as_input(data.features, shape)
    return Evaluation(len(data), accuracy(model, x, data.labels), mean_latency_ms(model, x))


def signature_beside(model_path: Path) -> dict | None:
    """The signature in the manifest written next to a model (``<file>.manifest.json`` or ``manifest.json``)."""
    for candidate in (model_path.with_name(model_path.name + ".manifest.json"), model_path.parent / "manifest.json"):
        if candidate.is_file():
            try:
                manifest = json.loads(candidate.read_text())
            except json.JSONDecodeError as e:
                raise ValueError(f"{candidate} is not JSON: {e}") from e
            if isinstance(manifest, dict) and manifest.get("signature"):
                return manifest["signature"]
    return None
