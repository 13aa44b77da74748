"""DDP under PyTorch's own launcher: two local gloo workers train to the same accuracy as one."""

import json
import os
import subprocess
import sys

from conftest import DIGITS, TOOLS


def test_two_torchrun_workers_match_one_within_half_a_point(cli, tmp_path):
    one = cli.json(cli("train", "--arch", "teacher", "--data", DIGITS, "--out", tmp_path / "one.pt", "--epochs", "10"))
    env = dict(os.environ, PYTHONPATH=str(TOOLS), OMP_NUM_THREADS="1")
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", "-m", "edgewise_tools",
               "train", "--arch", "teacher", "--data", str(DIGITS), "--out", str(tmp_path / "two.pt"), "--epochs", "10"]
    done = subprocess.run(command, cwd=TOOLS, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    two = json.loads((tmp_path / "two.pt.manifest.json").read_text())
    assert two["workers"] == 2 and one["workers"] == 1
    assert abs(two["accuracy"] - one["accuracy"]) <= 0.005


def test_workers_option_relaunches_under_torchrun(cli, tmp_path):
    cli("train", "--arch", "student", "--data", DIGITS, "--out", tmp_path / "w.pt", "--epochs", "2", "--workers", "2")
    assert json.loads((tmp_path / "w.pt.manifest.json").read_text())["workers"] == 2
