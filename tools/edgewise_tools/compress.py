"""``compress``: PyTorch's own quantization and pruning, written as standard TorchScript.

Methods (the API's names first):

- ``Int8``: static post-training int8 for convolutional models, dynamic int8 otherwise;
- ``DynamicInt8``: ``torch.ao.quantization.quantize_dynamic`` on Linear, LSTM, GRU (and so the
  Linear layers of transformer blocks): int8 weights, activations quantized on the fly;
- ``StaticInt8``: FX graph mode post-training quantization (x86 backend, fbgemm kernels),
  calibrated on rows of the evaluation data that the accuracy gate does not use (its train split);
- ``Float16``: half-precision weights and arithmetic, float32 in and out;
- ``Prune``: unstructured L1 magnitude pruning of Linear and Conv weights (``torch.nn.utils.prune``);
- ``PruneStructured``: L2 structured pruning of whole output channels/units; an MLP's pruned hidden
  units are then removed, so the file and the compute shrink;
- ``PruneInt8``: ``Prune`` then ``Int8``.

The manifest keeps the Java compressor's field names (``method``, ``sparsity``, ``artifact``,
``parentDigest``, ``digest``, ``bytesBefore``, ``bytesAfter``, ``ratio``, ``accuracyBefore``,
``accuracyAfter``, ``seconds``, ``accepted``) and adds CPU latencies and what ran.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from torch.ao.quantization import QConfigMapping, get_default_qconfig_mapping, quantize_dynamic
from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
from torch.nn.utils import prune

from . import data as datasets
from . import evaluate as ev
from . import models
from .errors import Refused
from .manifest import write_manifest

METHODS = ("Int8", "DynamicInt8", "StaticInt8", "Float16", "Prune", "PruneStructured", "PruneInt8")
ARTIFACT = "model.pt"
QUANTIZATION_BACKEND = "x86"
DYNAMIC_TYPES = {nn.Linear, nn.LSTM, nn.GRU, nn.LSTMCell, nn.GRUCell, nn.RNNCell}


def parse_method(text: str) -> str:
    for m in METHODS:
        if m.lower() == text.strip().lower():
            return m
    raise ValueError(f"unknown compression method {text!r}; use {', '.join(METHODS)}")


@dataclass(frozen=True)
class Settings:
    model: Path
    method: str
    sparsity: float
    eval_data: Path
    out: Path
    max_drop: float | None
    arch: str | None
    calibration_rows: int
    termination_log: Path | None


class HalfPrecision(nn.Module):
    """Runs a module in float16 and answers float32, so callers keep sending float32 rows."""

    def __init__(self, module: nn.Module):
        super().__init__()
        self.module = module.half()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.module(x.half()).float()


def prunable(module: nn.Module) -> list[tuple[nn.Module, str]]:
    return [(m, "weight") for m in module.modules() if isinstance(m, (nn.Linear, nn.Conv1d, nn.Conv2d, nn.Conv3d))]


def prune_unstructured(module: nn.Module, sparsity: float) -> nn.Module:
    """Zeroes the ``sparsity`` fraction of each layer's weights with the smallest magnitude."""
    for layer, name in prunable(module):
        prune.l1_unstructured(layer, name, amount=sparsity)
        prune.remove(layer, name)
    return module


def prune_structured(module: nn.Module, sparsity: float) -> nn.Module:
    """Zeroes the ``sparsity`` fraction of output channels with the smallest L2 norm (not the last layer).

    An MLP (``nn.Sequential`` of Linear and ReLU) then loses those hidden units for real.
    """
    layers = prunable(module)
    for layer, name in layers[:-1]:
        prune.ln_structured(layer, name, amount=sparsity, n=2, dim=0)
        prune.remove(layer, name)
    if isinstance(module, nn.Sequential) and all(isinstance(m, (nn.Linear, nn.ReLU)) for m in module):
        return shrink_mlp(module)
    return module


def shrink_mlp(module: nn.Sequential) -> nn.Sequential:
    """Removes hidden units whose incoming weights are all zero (their ReLU output is relu(bias))."""
    linears = [m for m in module if isinstance(m, nn.Linear)]
    shrunk: list[nn.Module] = []
    keep_in = torch.arange(linears[0].in_features)
    for i, layer in enumerate(linears):
        last = i == len(linears) - 1
        keep_out = torch.arange(layer.out_features) if last else torch.nonzero(layer.weight.abs().sum(dim=1) > 0).flatten()
        weight = layer.weight.detach()[keep_out][:, keep_in]
        bias = layer.bias.detach()[keep_out] if layer.bias is not None else None
        if i > 0 and bias is not None:
            # A removed unit still fed relu(bias) forward: fold it into this layer's bias.
            dropped = torch.ones(linears[i - 1].out_features, dtype=torch.bool)
            dropped[keep_in] = False
            if dropped.any():
                prev_bias = linears[i - 1].bias.detach()
                bias = bias + layer.weight.detach()[keep_out][:, dropped] @ torch.relu(prev_bias[dropped])
        new = nn.Linear(len(keep_in), len(keep_out), bias=bias is not None)
        with torch.no_grad():
            new.weight.copy_(weight)
            if bias is not None:
                new.bias.copy_(bias)
        shrunk.append(new)
        if not last:
            shrunk.append(nn.ReLU())
        keep_in = keep_out
    return nn.Sequential(*shrunk)


def quantize_dynamic_int8(module: nn.Module) -> nn.Module:
    torch.backends.quantized.engine = QUANTIZATION_BACKEND
    return quantize_dynamic(module, DYNAMIC_TYPES, dtype=torch.qint8)


def quantize_static_int8(module: nn.Module, calibration: torch.Tensor) -> nn.Module:
    """FX graph mode post-training int8: fuse, observe the calibration rows, convert."""
    torch.backends.quantized.engine = QUANTIZATION_BACKEND
    mapping: QConfigMapping = get_default_qconfig_mapping(QUANTIZATION_BACKEND)
    prepared = prepare_fx(module, mapping, (calibration[:1],))
    with torch.inference_mode():
        for i in range(0, calibration.shape[0], ev.BATCH):
            prepared(calibration[i : i + ev.BATCH])
    return convert_fx(prepared)


def compressed_module(method: str, module: nn.Module, arch: models.Architecture, sparsity: float, calibration: torch.Tensor):
    """The compressed eager module and a label of what ran."""
    module = copy.deepcopy(module).eval()
    if method == "Int8":
        method = "StaticInt8" if arch.convolutional else "DynamicInt8"
    if method == "DynamicInt8":
        return quantize_dynamic_int8(module), "dynamic-int8"
    if method == "StaticInt8":
        return quantize_static_int8(module, calibration), "static-int8"
    if method == "Float16":
        return HalfPrecision(module), "float16"
    if method == "Prune":
        return prune_unstructured(module, sparsity), "l1-unstructured"
    if method == "PruneStructured":
        return prune_structured(module, sparsity), "l2-structured"
    if method == "PruneInt8":
        pruned = prune_unstructured(module, sparsity)
        quantized, how = compressed_module("Int8", pruned, arch, sparsity, calibration)
        return quantized, "l1-unstructured+" + how
    raise ValueError(f"unknown compression method {method!r}")


def save_torchscript(module: nn.Module, example: torch.Tensor, path: Path, traced: bool) -> None:
    """Saves the edge artifact as frozen TorchScript (``torch.jit.freeze``).

    Freezing inlines the submodules and folds weights and packed int8 params into constants: the
    file loses the per-module code and debug records (MobileNetV3-small int8: 3.14 MB to 2.82 MB)
    and the edge runs the same kernels. A frozen file has no parameters left, so it is not a parent
    for fine-tuning; ``train`` keeps writing unfrozen TorchScript for that.
    """
    module = module.eval()
    with torch.inference_mode():
        scripted = torch.jit.trace(module, example) if traced else script_or_trace(module, example)
    torch.jit.freeze(scripted.eval()).save(str(path))


def script_or_trace(module: nn.Module, example: torch.Tensor) -> torch.jit.ScriptModule:
    try:
        return torch.jit.script(module)
    except Exception:  # noqa: BLE001 - tracing is the documented fallback for unscriptable code
        return torch.jit.trace(module, example)


def compress(settings: Settings) -> dict:
    """Compresses, evaluates parent and artifact, writes the manifest, enforces the gate."""
    start = time.perf_counter()
    method = parse_method(settings.method)
    if not 0 <= settings.sparsity < 1:
        raise ValueError(f"--sparsity must be in [0, 1), got {settings.sparsity}")
    if not settings.model.is_file():
        raise FileNotFoundError(f"model not found: {settings.model}")
    parent, arch = models.rebuild(settings.model, settings.arch)
    rows = datasets.read_csv(settings.eval_data)
    test, calibration_rows = rows.split("test"), rows.split("train")
    test_x = ev.rows_as_input(test.features, arch.input_shape)
    calibration = ev.rows_as_input(calibration_rows.features[: settings.calibration_rows], arch.input_shape)
    if calibration.shape[0] == 0:
        calibration = test_x[: settings.calibration_rows]
    compressed, technique = compressed_module(method, parent, arch, settings.sparsity, calibration)
    settings.out.mkdir(parents=True, exist_ok=True)
    artifact = settings.out / ARTIFACT
    save_torchscript(compressed, test_x[:1], artifact, traced="static" in technique)
    reference = models.load_torchscript(settings.model)
    loaded = models.load_torchscript(artifact)
    before, after = ev.evaluate(reference, test, arch.input_shape), ev.evaluate(loaded, test, arch.input_shape)
    bytes_before, bytes_after = settings.model.stat().st_size, artifact.stat().st_size
    drop = before.accuracy - after.accuracy
    accepted = settings.max_drop is None or drop <= settings.max_drop
    manifest = {
        "method": method,
        "technique": technique,
        "sparsity": settings.sparsity if "Prune" in method else 0.0,
        "artifact": ARTIFACT,
        "parentDigest": datasets.sha256_file(settings.model),
        "digest": datasets.sha256_file(artifact),
        "bytesBefore": bytes_before,
        "bytesAfter": bytes_after,
        "ratio": bytes_before / bytes_after,
        "accuracyBefore": before.accuracy,
        "accuracyAfter": after.accuracy,
        "latencyMsBefore": before.mean_latency_ms,
        "latencyMsAfter": after.mean_latency_ms,
        "evaluationRows": len(test),
        "calibrationRows": int(calibration.shape[0]) if "static" in technique else 0,
        "arch": arch.name,
        "backend": QUANTIZATION_BACKEND if "int8" in technique else None,
        "seconds": time.perf_counter() - start,
        "accepted": accepted,
        "torch": torch.__version__.split("+")[0],
        "signature": arch.signature(),
    }
    write_manifest(settings.out / "manifest.json", manifest, settings.termination_log)
    if not accepted:
        artifact.unlink()
        raise Refused(f"accuracy drop {drop:.4f} exceeds --max-drop {settings.max_drop:.4f}; artifact removed")
    return manifest
