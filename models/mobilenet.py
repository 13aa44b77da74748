"""torchvision's MobileNetV3-small at its seeded initial weights (not trained: nothing the project
ships is an honest 224x224 image task), input FP32 [N, 3, 224, 224], output FP32 logits [N, 1000]."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import torch
import torchvision

from fixturelib import Signature, TensorSpec, write_fixture


def build(out_dir: Path, seed: int) -> Dict[str, dict]:
    torch.manual_seed(seed)
    model = torchvision.models.mobilenet_v3_small(weights=None).eval()
    scripted = torch.jit.script(model)
    # Two "images": a smooth gradient and noise, normalized like ImageNet inputs.
    generator = torch.Generator().manual_seed(seed)
    ramp = torch.linspace(-2.0, 2.0, 224)
    gradient = torch.stack([ramp[None, :].expand(224, 224), ramp[:, None].expand(224, 224), -ramp[None, :].expand(224, 224)])
    noise = torch.randn(3, 224, 224, generator=generator)
    images = torch.stack([gradient, noise])
    return {
        "mobilenet_v3_small": write_fixture(
            out_dir,
            "mobilenet_v3_small",
            scripted,
            Signature(
                inputs=[TensorSpec("images", "FP32", [-1, 3, 224, 224])],
                outputs=[TensorSpec("logits", "FP32", [-1, 1000])],
                description="torchvision MobileNetV3-small, seeded initial weights (untrained)",
            ),
            {"images": images},
            input_decimals=2,
            notes={
                "weights": "torchvision's initialization under torch.manual_seed; not trained",
                "parameters": sum(p.numel() for p in model.parameters()),
            },
        )
    }
