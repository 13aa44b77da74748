"""Small TorchScript fixtures that exercise the OIP v2 tensor protocol, not a task.

Each model checks the datatype of what it gets and raises otherwise, so a runtime that converts a
tensor on the way (to FP32, say) fails loudly instead of returning almost-right numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple

import torch
from torch import Tensor, nn

from fixturelib import Signature, TensorSpec, write_fixture


class TwoInputs(nn.Module):
    """INT64 token ids [N, L] and FP32 features [N, 6] in; a tuple (FP32 scores [N, 4], INT64 counts [N]) out."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(50, 8)
        self.proj = nn.Linear(6, 8)
        self.head = nn.Linear(8, 4)

    def forward(self, input_ids: Tensor, features: Tensor) -> Tuple[Tensor, Tensor]:
        if input_ids.dtype != torch.int64:
            raise ValueError("input_ids must be int64")
        if features.dtype != torch.float32:
            raise ValueError("features must be float32")
        hidden = self.embed(input_ids).mean(1) + self.proj(features)
        scores = self.head(torch.tanh(hidden))
        token_count = (input_ids != 0).sum(1)
        return scores, token_count


class DictOutputs(nn.Module):
    """FP32 [N, 5] in; a dict {logits FP32 [N, 3], probabilities FP32 [N, 3], label INT64 [N]} out."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(5, 3)

    def forward(self, x: Tensor) -> Dict[str, Tensor]:
        if x.dtype != torch.float32:
            raise ValueError("x must be float32")
        logits = self.linear(x)
        return {
            "logits": logits,
            "probabilities": torch.softmax(logits, dim=-1),
            "label": torch.argmax(logits, dim=-1),
        }


class Rank4(nn.Module):
    """FP32 images [N, 3, H, W] in (H and W free); (FP32 logits [N, 4], FP32 feature map [N, 2, H, W]) out."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 2, kernel_size=3, padding=1)
        self.head = nn.Linear(2, 4)

    def forward(self, images: Tensor) -> Tuple[Tensor, Tensor]:
        if images.dtype != torch.float32:
            raise ValueError("images must be float32")
        feature_map = torch.relu(self.conv(images))
        pooled = feature_map.mean(dim=(2, 3))
        return self.head(pooled), feature_map


def _dtype_module(dtype: torch.dtype) -> nn.Module:
    """y = x * 3 + 7 in the input's own datatype (integers wrap around), y = ~x for BOOL."""

    if dtype == torch.bool:

        class Not(nn.Module):
            def forward(self, x: Tensor) -> Tensor:
                if x.dtype != torch.bool:
                    raise ValueError("x must be bool")
                return torch.logical_not(x)

        return Not()

    class Affine(nn.Module):
        def __init__(self, expected: torch.dtype):
            super().__init__()
            # An empty buffer carries the expected datatype into TorchScript.
            self.register_buffer("like", torch.empty(0, dtype=expected))

        def forward(self, x: Tensor) -> Tensor:
            if x.dtype != self.like.dtype:
                raise ValueError("x has the wrong datatype")
            return x * 3 + 7

    return Affine(dtype)


# Edge values per datatype: integer wrap-around, integers past 2^24 (not exact in FP32),
# FP64 digits past FP32's precision, FP16 rounding.
_DTYPE_CASES = {
    "BOOL": (torch.bool, [[True, False, True, True], [False, False, True, False], [True, True, False, False]]),
    "UINT8": (torch.uint8, [[0, 1, 84, 85], [86, 127, 128, 254], [255, 200, 3, 9]]),
    "INT8": (torch.int8, [[-128, -127, -44, -43], [-1, 0, 1, 40], [41, 42, 126, 127]]),
    "INT16": (torch.int16, [[-32768, -10925, -10924, -1], [0, 1, 10920, 10921], [10922, 20000, 32766, 32767]]),
    "INT32": (
        torch.int32,
        [[-2147483648, -715827885, -1, 0], [1, 16777217, 715827880, 715827881], [715827882, 1000000007, 2147483646, 2147483647]],
    ),
    "INT64": (
        torch.int64,
        [
            [-9223372036854775808, -3074457345618258605, -1, 0],
            [1, 16777217, 123456789012345, 3074457345618258600],
            [3074457345618258601, 3074457345618258602, 9007199254740993, 9223372036854775807],
        ],
    ),
    "FP16": (torch.float16, [[0.0, 1.0, -1.5, 0.333251953125], [1000.5, -2048.0, 65504.0 / 4, 0.0001], [3.140625, -0.0, 7.0, 2.5]]),
    "FP32": (torch.float32, [[0.0, 1.0, -1.5, 0.1], [16777217.0, -3.4e38 / 4, 1e-30, 0.333333343], [3.14159274, -0.0, 7.0, 2.5]]),
    "FP64": (
        torch.float64,
        [[0.0, 1.0000000001, -1.5, 0.1], [16777217.0, 1e300, 1e-300, 1.0 / 3.0], [3.141592653589793, -0.0, 7.0, 2.5e-12]],
    ),
}


def build(out_dir: Path, seed: int) -> Dict[str, dict]:
    """Writes every protocol fixture into out_dir; returns the manifest entries by name."""
    entries = {}

    torch.manual_seed(seed)
    model = torch.jit.script(TwoInputs().eval())
    ids = torch.tensor([[3, 17, 42, 0, 0], [5, 5, 9, 11, 49]], dtype=torch.int64)
    feats = torch.randn(2, 6)
    entries["two_inputs"] = write_fixture(
        out_dir,
        "two_inputs",
        model,
        Signature(
            inputs=[TensorSpec("input_ids", "INT64", [-1, -1]), TensorSpec("features", "FP32", [-1, 6])],
            outputs=[TensorSpec("scores", "FP32", [-1, 4]), TensorSpec("token_count", "INT64", [-1])],
            description="two inputs of different datatypes, a tuple of two outputs (one of rank 1)",
        ),
        {"input_ids": ids, "features": feats},
        input_decimals=4,
    )

    torch.manual_seed(seed + 1)
    model = torch.jit.script(DictOutputs().eval())
    entries["dict_outputs"] = write_fixture(
        out_dir,
        "dict_outputs",
        model,
        Signature(
            inputs=[TensorSpec("x", "FP32", [-1, 5])],
            outputs=[
                TensorSpec("logits", "FP32", [-1, 3]),
                TensorSpec("probabilities", "FP32", [-1, 3]),
                TensorSpec("label", "INT64", [-1]),
            ],
            description="forward returns a Dict[str, Tensor]",
        ),
        {"x": torch.randn(3, 5)},
        input_decimals=4,
    )

    torch.manual_seed(seed + 2)
    model = torch.jit.script(Rank4().eval())
    entries["rank4"] = write_fixture(
        out_dir,
        "rank4",
        model,
        Signature(
            inputs=[TensorSpec("images", "FP32", [-1, 3, -1, -1])],
            outputs=[TensorSpec("logits", "FP32", [-1, 4]), TensorSpec("feature_map", "FP32", [-1, 2, -1, -1])],
            description="a rank-4 input with free spatial dimensions, a rank-4 output",
        ),
        {"images": torch.randn(2, 3, 5, 7)},
        input_decimals=4,
    )

    for datatype, (dtype, values) in _DTYPE_CASES.items():
        name = f"dtype_{datatype.lower()}"
        model = torch.jit.script(_dtype_module(dtype).eval())
        entries[name] = write_fixture(
            out_dir,
            name,
            model,
            Signature(
                inputs=[TensorSpec("x", datatype, [-1, 4])],
                outputs=[TensorSpec("y", datatype, [-1, 4])],
                description=(
                    "y = not x" if datatype == "BOOL" else f"y = x * 3 + 7 computed in {datatype} (integers wrap)"
                )
                + "; raises if x is not "
                + datatype,
            ),
            {"x": torch.tensor(values, dtype=dtype)},
        )
    return entries
