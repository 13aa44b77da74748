"""Starts the packaged edge runtime on a free port, one JVM per model, for the conformance tests.

The runtime is `edge-runtime/target/quarkus-app/quarkus-run.jar` (built by `make test` or
`make runtime-package`; EDGEWISE_RUNTIME_APP overrides the directory). Each served model is a
TorchScript file with its signature and reference request/response: the digits MLP of the runtime's
own tests, or a fixture of models/fixtures (see models/README.md).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "edge-runtime"
FIXTURES = ROOT / "models" / "fixtures"
APP = Path(os.environ.get("EDGEWISE_RUNTIME_APP", RUNTIME / "target" / "quarkus-app"))
START_TIMEOUT_S = float(os.environ.get("EDGEWISE_START_TIMEOUT_S", "180"))


@dataclass(frozen=True)
class Served:
    """A running runtime serving one model, with what that model must answer."""

    name: str
    host: str  # host:port, as tritonclient wants it
    url: str  # http://host:port
    signature: dict
    reference: dict
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _digits_reference() -> dict:
    """The digits MLP's parity rows (64 inputs, then PyTorch's 10 logits) as an OIP request/response."""
    rows = []
    for line in (RUNTIME / "src/test/resources/fixtures/digits_student_mlp.parity.csv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([float(v) for v in line.split(",")])
    rows = rows[:8]
    return {
        "request": {
            "inputs": [
                {"name": "input", "datatype": "FP32", "shape": [len(rows), 64], "data": [v for r in rows for v in r[:64]]}
            ]
        },
        "response": {
            "model_name": "digits",
            "outputs": [
                {"name": "logits", "datatype": "FP32", "shape": [len(rows), 10], "data": [v for r in rows for v in r[64:]]}
            ],
        },
        "tolerance": {"logits": 1e-4},
    }


def model_files(name: str):
    """(artifact, signature, reference) of a served model name."""
    if name == "digits":
        signature = {
            "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 64]}],
            "outputs": [{"name": "logits", "datatype": "FP32", "shape": [-1, 10]}],
        }
        return RUNTIME / "src/test/resources/fixtures/digits_student_mlp.pt", signature, _digits_reference()
    signature = json.loads((FIXTURES / f"{name}.signature.json").read_text())
    reference = json.loads((FIXTURES / f"{name}.reference.json").read_text())
    return FIXTURES / f"{name}.pt", signature, reference


def _wait_ready(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the runtime exited with {process.returncode}; log {log}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/v2/health/ready", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the runtime was not ready within {START_TIMEOUT_S} s; log {log}:\n{log.read_text()[-4000:]}")


class Runtimes:
    """Keeps one runtime at a time: the model asked for is started (the previous one stopped); a
    model whose runtime did not start fails its remaining tests at once with the same error."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.current: Served | None = None
        self.process: subprocess.Popen | None = None
        self.failed: Dict[str, str] = {}

    def get(self, name: str) -> Served:
        if name in self.failed:
            raise RuntimeError(self.failed[name])
        if self.current is not None and self.current.name == name:
            return self.current
        self.stop()
        try:
            self.current = self._start(name)
        except RuntimeError as e:
            self.stop()
            self.failed[name] = str(e)
            raise
        return self.current

    def _start(self, name: str) -> Served:
        jar = APP / "quarkus-run.jar"
        if not jar.exists():
            raise RuntimeError(f"{jar} is missing: run `make runtime-package` (or `make test`) first")
        artifact, signature, reference = model_files(name)
        port = _free_port()
        log = self.logs / f"runtime-{name}.log"
        cds = RUNTIME / "target" / "edge-runtime.jsa"
        command = [
            "java",
            "-Xmx256m",
            "-XX:+UseSerialGC",
            *( [f"-XX:SharedArchiveFile={cds}"] if cds.exists() and APP == RUNTIME / "target" / "quarkus-app" else []),
            f"-Dquarkus.http.port={port}",
            "-Dquarkus.http.host=127.0.0.1",
            "-Dedgewise.djl.num-threads=1",
            f"-Dedgewise.model.name={name}",
            f"-Dedgewise.model.path={artifact}",
            f"-Dedgewise.djl.cache-dir={RUNTIME / 'target' / 'djl-cache'}",
            "-jar",
            str(jar),
        ]
        env = dict(os.environ, OMP_NUM_THREADS="1")
        with log.open("w") as out:
            process = subprocess.Popen(command, cwd=RUNTIME, stdout=out, stderr=subprocess.STDOUT, env=env)
        self.process = process
        url = f"http://127.0.0.1:{port}"
        _wait_ready(url, process, log)
        return Served(name, f"127.0.0.1:{port}", url, signature, reference, log)

    def stop(self) -> None:
        process, self.process, self.current = self.process, None, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def runtimes(tmp_path_factory) -> Iterator[Runtimes]:
    r = Runtimes(tmp_path_factory.mktemp("runtime-logs"))
    try:
        yield r
    finally:
        r.stop()



def pytest_collection_modifyitems(items):
    """Runs the tests model by model, so each model's runtime starts once."""
    def model(item):
        spec = getattr(item, "callspec", None)
        return spec.params.get("served", "") if spec else ""

    order = {}
    for item in items:
        order.setdefault(model(item), len(order))
    items.sort(key=lambda item: order[model(item)])
