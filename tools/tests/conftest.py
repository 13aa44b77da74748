"""Shared fixtures: the project's digits data and fixture models, and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

TOOLS = Path(__file__).resolve().parents[1]
ROOT = TOOLS.parent
DIGITS = ROOT / "edge-runtime" / "demo" / "digits.csv"
RUNTIME_FIXTURES = ROOT / "edge-runtime" / "src" / "test" / "resources" / "fixtures"

torch.set_num_threads(1)


class Cli:
    """Runs ``python -m edgewise_tools`` as a process, as a Job's container would."""

    def __call__(self, *args: str, check: int | None = 0) -> subprocess.CompletedProcess:
        env = dict(os.environ, PYTHONPATH=str(TOOLS), OMP_NUM_THREADS="1")
        done = subprocess.run([sys.executable, "-m", "edgewise_tools", *map(str, args)], cwd=TOOLS, env=env, capture_output=True, text=True, timeout=600)
        if check is not None:
            assert done.returncode == check, f"exit {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
        return done

    @staticmethod
    def json(done: subprocess.CompletedProcess) -> dict:
        return json.loads(done.stdout)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli()


@pytest.fixture(scope="session")
def digits() -> Path:
    return DIGITS


@pytest.fixture(scope="session")
def student_fixture() -> Path:
    return RUNTIME_FIXTURES / "digits_student_mlp.pt"


@pytest.fixture(scope="session")
def cnn_fixture() -> Path:
    return RUNTIME_FIXTURES / "digits_cnn.pt"


@pytest.fixture(scope="session")
def teacher(tmp_path_factory, cli) -> Path:
    """A digits teacher trained once for the session (10 epochs)."""
    out = tmp_path_factory.mktemp("teacher") / "teacher.pt"
    cli("train", "--arch", "teacher", "--data", DIGITS, "--out", out, "--epochs", "10")
    return out
