import json
import zipfile

import pytest
import torch
from torch import nn

from edgewise_tools import compress as cp
from edgewise_tools import models

# The Java compressor's manifest fields, read by the operator's CompressionManifest.
JAVA_FIELDS = {"method", "sparsity", "artifact", "parentDigest", "digest", "bytesBefore", "bytesAfter", "ratio", "accuracyBefore", "accuracyAfter", "seconds", "accepted"}


def code_of(pt):
    with zipfile.ZipFile(pt) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if "/code/" in n and n.endswith(".py"))


def test_int8_on_the_teacher_is_dynamic_int8_about_4x_smaller_within_half_a_point(cli, teacher, digits, tmp_path):
    out = tmp_path / "int8"
    manifest = cli.json(cli("compress", "--in", teacher, "--method", "Int8", "--eval-data", digits, "--out", out, "--max-drop", "0.005", "--termination-log", tmp_path / "termination-log"))
    assert JAVA_FIELDS <= set(manifest)
    assert manifest["technique"] == "dynamic-int8" and manifest["accepted"]
    assert manifest["ratio"] > 3.5
    assert manifest["accuracyBefore"] - manifest["accuracyAfter"] <= 0.005
    assert manifest["latencyMsBefore"] > 0 and manifest["latencyMsAfter"] > 0
    assert "ops.quantized.linear_dynamic" in code_of(out / "model.pt")
    assert json.loads((tmp_path / "termination-log").read_text())["digest"] == manifest["digest"]
    assert json.loads((out / "manifest.json").read_text()) == manifest


def test_static_int8_on_the_cnn_runs_quantized_convolutions(cli, cnn_fixture, digits, tmp_path):
    manifest = cli.json(cli("compress", "--in", cnn_fixture, "--method", "Int8", "--eval-data", digits, "--out", tmp_path, "--calibration-rows", "256"))
    assert manifest["technique"] == "static-int8" and manifest["calibrationRows"] == 256
    assert manifest["accuracyBefore"] - manifest["accuracyAfter"] <= 0.02
    code = code_of(tmp_path / "model.pt")
    assert "ops.quantized.conv2d_relu" in code and "ops.quantized.linear" in code
    assert manifest["bytesAfter"] < manifest["bytesBefore"]


def test_artifacts_are_frozen_torchscript(cli, student_fixture, digits, tmp_path):
    cli("compress", "--in", student_fixture, "--method", "Float16", "--eval-data", digits, "--out", tmp_path)
    frozen = torch.jit.load(str(tmp_path / "model.pt"))
    assert list(frozen.parameters()) == [] and frozen(torch.rand(2, 64)).dtype == torch.float32


def test_float16_answers_float32_close_to_the_parent(student_fixture):
    parent, arch = models.rebuild(student_fixture)
    half, technique = cp.compressed_module("Float16", parent, arch, 0.0, torch.rand(4, 64))
    x = torch.rand(8, 64)
    with torch.no_grad():
        out = half(x)
        assert out.dtype == torch.float32
        assert torch.allclose(out, parent(x), atol=2e-2)
    assert technique == "float16"


def test_unstructured_pruning_zeroes_the_asked_fraction(student_fixture):
    parent, arch = models.rebuild(student_fixture)
    pruned, _ = cp.compressed_module("Prune", parent, arch, 0.6, torch.rand(4, 64))
    for layer in (m for m in pruned.modules() if isinstance(m, nn.Linear)):
        zeros = (layer.weight == 0).float().mean().item()
        assert zeros == pytest.approx(0.6, abs=0.01)
    assert not hasattr(pruned[0], "weight_orig"), "the pruning reparametrization is made permanent"


def test_structured_pruning_removes_hidden_units_without_changing_outputs():
    torch.manual_seed(3)
    module = models.mlp([64, 40, 30, 10]).eval()
    zeroed = cp.copy.deepcopy(module)
    for layer, name in cp.prunable(zeroed)[:-1]:
        cp.prune.ln_structured(layer, name, amount=0.5, n=2, dim=0)
        cp.prune.remove(layer, name)
    shrunk = cp.shrink_mlp(zeroed)
    widths = [m.out_features for m in shrunk if isinstance(m, nn.Linear)]
    assert widths == [20, 15, 10]
    x = torch.rand(16, 64)
    with torch.no_grad():
        assert torch.allclose(shrunk(x), zeroed(x), atol=1e-5)


def test_the_gate_refuses_removes_the_artifact_and_exits_3(cli, student_fixture, digits, tmp_path):
    done = cli("compress", "--in", student_fixture, "--method", "Prune", "--sparsity", "0.97", "--eval-data", digits, "--out", tmp_path, "--max-drop", "0.01", check=3)
    assert "exceeds --max-drop 0.0100; artifact removed" in done.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["accepted"] is False and manifest["accuracyBefore"] - manifest["accuracyAfter"] > 0.01
    assert not (tmp_path / "model.pt").exists()


def test_a_quantized_parent_is_bad_input(cli, digits, tmp_path):
    int8 = tmp_path / "int8.pt"
    torch.jit.script(cp.quantize_dynamic_int8(models.mlp([64, 8, 10]).eval())).save(str(int8))
    done = cli("compress", "--in", int8, "--method", "Int8", "--eval-data", digits, "--out", tmp_path / "o", check=2)
    assert "already quantized" in done.stderr


def test_unknown_method_is_bad_input(cli, student_fixture, digits, tmp_path):
    done = cli("compress", "--in", student_fixture, "--method", "Int4", "--eval-data", digits, "--out", tmp_path, check=2)
    assert "unknown compression method 'Int4'" in done.stderr
