"""``train``: trains (or fine-tunes) a digits model and writes TorchScript plus a manifest.

Seeds are fixed (Python, NumPy, torch), the data are the fixed training split of the CSV, the
accuracy is on its held-out test split. On CUDA when there is a GPU, else CPU. Under ``torchrun``
(``WORLD_SIZE`` > 1) it runs as PyTorch DDP: a ``DistributedSampler`` gives each rank its share
of every epoch, each rank steps on ``batch / world`` rows so the global batch stays the same, DDP
averages the gradients (gloo on CPU, NCCL on CUDA), and rank 0 alone evaluates and writes.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from . import data as datasets
from . import evaluate as ev
from . import models
from .manifest import write_manifest


@dataclass(frozen=True)
class Settings:
    arch: str
    data: Path
    out: Path
    epochs: int | None
    batch_size: int
    learning_rate: float | None
    seed: int
    parent: Path | None
    device: str
    termination_log: Path | None


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def choose_device(wanted: str) -> torch.device:
    if wanted == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if wanted == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda: no CUDA device is visible")
    if wanted not in ("cpu", "cuda"):
        raise ValueError(f"--device must be auto, cpu or cuda, got {wanted!r}")
    return torch.device(wanted)


class Distributed:
    """Rank and world size from torchrun's environment; a one-process world without it."""

    def __init__(self, device: torch.device):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        self.active = self.world > 1
        if self.active:
            backend = "nccl" if device.type == "cuda" else "gloo"
            dist.init_process_group(backend=backend)

    @property
    def leader(self) -> bool:
        return self.rank == 0

    def close(self) -> None:
        if self.active:
            dist.destroy_process_group()


def train(settings: Settings) -> dict | None:
    """Trains and, on rank 0, writes the model and returns the manifest (None on other ranks)."""
    start = time.perf_counter()
    arch = models.architecture(settings.arch)
    epochs = settings.epochs if settings.epochs is not None else arch.epochs
    lr = settings.learning_rate if settings.learning_rate is not None else arch.learning_rate
    if epochs < 1:
        raise ValueError(f"--epochs must be at least 1, got {epochs}")
    device = choose_device(settings.device)
    world = Distributed(device)
    try:
        if device.type == "cuda":
            device = torch.device("cuda", world.local_rank)
            torch.cuda.set_device(device)
        if settings.batch_size % world.world != 0:
            raise ValueError(f"--batch-size {settings.batch_size} must divide by the {world.world} workers")
        seed_everything(settings.seed)
        everything = datasets.read_csv(settings.data)
        train_rows, test_rows = everything.split("train"), everything.split("test")
        module = arch.build()
        parent_digest = None
        if settings.parent is not None:
            parent, parent_arch = models.rebuild(settings.parent, settings.arch)
            module.load_state_dict(parent.state_dict())
            parent_digest = datasets.sha256_file(settings.parent)
        module = module.to(device)
        trained = nn.parallel.DistributedDataParallel(module) if world.active else module
        x = ev.rows_as_input(train_rows.features, arch.input_shape)
        y = torch.from_numpy(train_rows.labels)
        sampler = DistributedSampler(
            TensorDataset(x, y), num_replicas=world.world, rank=world.rank, shuffle=True, seed=settings.seed, drop_last=False
        )
        loader = DataLoader(TensorDataset(x, y), batch_size=settings.batch_size // world.world, sampler=sampler)
        optimizer = torch.optim.Adam(trained.parameters(), lr=lr)
        loss_fn = nn.CrossEntropyLoss()
        trained.train()
        for epoch in range(epochs):
            sampler.set_epoch(epoch)
            for xb, yb in loader:
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(trained(xb.to(device)), yb.to(device))
                loss.backward()
                optimizer.step()
        train_seconds = time.perf_counter() - start
        if not world.leader:
            return None
        module = module.to("cpu").eval()
        test_x = ev.rows_as_input(test_rows.features, arch.input_shape)
        accuracy = ev.accuracy(module, test_x, test_rows.labels)
        settings.out.parent.mkdir(parents=True, exist_ok=True)
        models.export(module, test_x[:1], settings.out)
        manifest = {
            "kind": "train",
            "arch": arch.name,
            "artifact": settings.out.name,
            "digest": datasets.sha256_file(settings.out),
            "bytes": settings.out.stat().st_size,
            "data": str(settings.data),
            "dataDigest": datasets.sha256_file(settings.data),
            "trainRows": len(train_rows),
            "testRows": len(test_rows),
            "epochs": epochs,
            "batchSize": settings.batch_size,
            "learningRate": lr,
            "seed": settings.seed,
            "workers": world.world,
            "device": device.type,
            "parent": str(settings.parent) if settings.parent else None,
            "parentDigest": parent_digest,
            "accuracy": accuracy,
            "trainSeconds": train_seconds,
            "seconds": time.perf_counter() - start,
            "torch": torch.__version__.split("+")[0],
            "signature": arch.signature(),
        }
        write_manifest(settings.out.with_name(settings.out.name + ".manifest.json"), manifest, settings.termination_log)
        return manifest
    finally:
        world.close()
