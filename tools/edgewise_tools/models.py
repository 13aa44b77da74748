"""The project's model architectures, and rebuilding one from a TorchScript file's weights.

Every digits model takes rows of 64 floats (``[N, 64]``, pixels / 16) and answers 10 logits, as
the edge runtime feeds them. Quantization and pruning need the eager ``nn.Module``, so a
TorchScript parent is turned back into one: its architecture is named (``--arch``), recorded in
the parent's manifest, or recognised from the weights' names and shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn


class DigitsCnn(nn.Module):
    """The digits CNN (as the runtime's ``digits_cnn.pt`` fixture): two 3x3 convs and a linear.

    ReLU and pooling are modules so that static quantization fuses conv+relu and keeps pooling
    on int8 tensors. The weight names (``c1``, ``c2``, ``fc``) match the fixture's.
    """

    def __init__(self, classes: int = 10):
        super().__init__()
        self.c1 = nn.Conv2d(1, 16, 3, padding=1)
        self.r1 = nn.ReLU()
        self.p1 = nn.MaxPool2d(2)
        self.c2 = nn.Conv2d(16, 32, 3, padding=1)
        self.r2 = nn.ReLU()
        self.p2 = nn.MaxPool2d(2)
        self.fc = nn.Linear(128, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.reshape(-1, 1, 8, 8)
        x = self.p1(self.r1(self.c1(x)))
        x = self.p2(self.r2(self.c2(x)))
        return self.fc(torch.flatten(x, 1))


class DigitsMobileNet(nn.Module):
    """torchvision's MobileNetV3-small on digits: ``[N, 64]`` rows become 32x32 three-channel images."""

    def __init__(self, classes: int = 10):
        super().__init__()
        from torchvision.models import mobilenet_v3_small

        self.net = mobilenet_v3_small(num_classes=classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.reshape(-1, 1, 8, 8)
        x = nn.functional.interpolate(x, size=(32, 32), mode="nearest")
        return self.net(x.expand(-1, 3, -1, -1))


def mlp(layers: list[int]) -> nn.Sequential:
    """Linear, ReLU, ..., Linear with the given widths (weight names ``0.weight``, ``2.weight``...)."""
    if len(layers) < 2 or any(w <= 0 for w in layers):
        raise ValueError(f"an MLP needs at least two positive widths, got {layers}")
    modules: list[nn.Module] = []
    for i in range(1, len(layers)):
        modules.append(nn.Linear(layers[i - 1], layers[i]))
        if i < len(layers) - 1:
            modules.append(nn.ReLU())
    return nn.Sequential(*modules)


@dataclass(frozen=True)
class Architecture:
    """A named architecture: how to build it, its input shape and its training defaults."""

    name: str
    build: Callable[[], nn.Module]
    input_shape: tuple[int, ...]
    convolutional: bool
    epochs: int
    learning_rate: float

    def signature(self, outputs: int = 10) -> dict:
        """The OIP-style tensor signature written into manifests (batch dimension -1)."""
        return {
            "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, *self.input_shape]}],
            "outputs": [{"name": "output", "datatype": "FP32", "shape": [-1, outputs]}],
        }


TEACHER_LAYERS = [64, 512, 256, 10]
STUDENT_LAYERS = [64, 32, 10]

ARCHITECTURES: dict[str, Architecture] = {
    "teacher": Architecture("teacher", lambda: mlp(TEACHER_LAYERS), (64,), False, 30, 1e-3),
    "student": Architecture("student", lambda: mlp(STUDENT_LAYERS), (64,), False, 60, 3e-3),
    "cnn": Architecture("cnn", DigitsCnn, (64,), True, 30, 1e-3),
    "mobilenet_v3_small": Architecture("mobilenet_v3_small", DigitsMobileNet, (64,), True, 15, 2e-3),
}


def architecture(name: str) -> Architecture:
    """A named architecture, or ``mlp:64-128-10`` for an MLP of those widths."""
    if name.startswith("mlp:"):
        try:
            layers = [int(w) for w in name[len("mlp:") :].split("-")]
        except ValueError as e:
            raise ValueError(f"--arch {name!r}: widths must be integers such as mlp:64-128-10") from e
        mlp(layers)  # validates
        return Architecture(name, lambda: mlp(layers), (layers[0],), False, 30, 1e-3)
    if name not in ARCHITECTURES:
        known = ", ".join(sorted(ARCHITECTURES))
        raise ValueError(f"unknown --arch {name!r}; use {known} or mlp:<w0>-<w1>-...")
    return ARCHITECTURES[name]


def recognise(state: dict[str, torch.Tensor]) -> str:
    """The architecture name whose weights have these names and shapes (an MLP by its widths)."""
    keys = set(state)
    if {"c1.weight", "c2.weight", "fc.weight"} <= keys and not any(k.startswith("net.") for k in keys):
        return "cnn"
    if any(k.startswith("net.features.") for k in keys):
        return "mobilenet_v3_small"
    weights = sorted((int(k.split(".")[0]), v) for k, v in state.items() if k.endswith(".weight") and k.split(".")[0].isdigit())
    if weights and len(weights) * 2 == len(keys) and all(v.dim() == 2 for _, v in weights):
        layers = [weights[0][1].shape[1]] + [v.shape[0] for _, v in weights]
        for name, arch in ARCHITECTURES.items():
            if not arch.convolutional and [*arch_layers(name)] == layers:
                return name
        return "mlp:" + "-".join(str(w) for w in layers)
    raise ValueError(
        "cannot tell the architecture from the model's weights (" + ", ".join(sorted(keys)[:6]) + "...); name it with --arch"
    )


def arch_layers(name: str) -> list[int]:
    return {"teacher": TEACHER_LAYERS, "student": STUDENT_LAYERS}.get(name, [])


def load_torchscript(path) -> torch.jit.ScriptModule:
    """Loads a TorchScript file on CPU."""
    return torch.jit.load(str(path), map_location="cpu")


def is_quantized(scripted: torch.jit.ScriptModule, state: dict) -> bool:
    """Whether a TorchScript module already calls quantized operators or holds quantized weights."""
    if any(isinstance(v, torch.Tensor) and v.is_quantized for v in state.values()):
        return True
    return "quantized::" in str(scripted.inlined_graph)


def rebuild(path, arch_name: str | None = None) -> tuple[nn.Module, Architecture]:
    """The eager module of a float TorchScript file, its weights loaded (strict)."""
    scripted = load_torchscript(path)
    state = scripted.state_dict()
    if is_quantized(scripted, state):
        raise ValueError(f"{path} is already quantized; give the float parent")
    name = arch_name or recognise(state)
    arch = architecture(name)
    module = arch.build()
    try:
        module.load_state_dict({k: v.float() for k, v in state.items()}, strict=True)
    except RuntimeError as e:
        raise ValueError(f"{path} does not hold a {name} model: {e}") from e
    return module.eval(), arch


def export(module: nn.Module, example: torch.Tensor, path) -> None:
    """Saves ``module`` as TorchScript: scripted when it scripts, traced otherwise."""
    module = module.eval()
    try:
        scripted = torch.jit.script(module)
    except Exception:  # noqa: BLE001 - tracing is the documented fallback for unscriptable code
        with torch.no_grad():
            scripted = torch.jit.trace(module, example)
    scripted.save(str(path))
