import json

import torch

from edgewise_tools import data


def test_train_writes_torchscript_and_the_manifest(cli, teacher, digits):
    manifest = json.loads(teacher.with_name("teacher.pt.manifest.json").read_text())
    assert manifest["arch"] == "teacher" and manifest["epochs"] == 10 and manifest["device"] == "cpu"
    assert manifest["dataDigest"] == data.sha256_file(digits)
    assert manifest["digest"] == data.sha256_file(teacher) and manifest["bytes"] == teacher.stat().st_size
    assert (manifest["trainRows"], manifest["testRows"]) == (1438, 359)
    assert manifest["accuracy"] > 0.95
    assert manifest["parent"] is None
    out = torch.jit.load(str(teacher))(torch.rand(3, 64))
    assert out.shape == (3, 10)


def test_training_is_repeatable_with_the_same_seed(cli, digits, tmp_path):
    runs = []
    for name in ("a.pt", "b.pt"):
        runs.append(cli.json(cli("train", "--arch", "student", "--data", digits, "--out", tmp_path / name, "--epochs", "3")))
    a, b = (torch.jit.load(str(tmp_path / n)).state_dict() for n in ("a.pt", "b.pt"))
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert runs[0]["accuracy"] == runs[1]["accuracy"]


def test_fine_tuning_starts_from_the_parent(cli, digits, student_fixture, tmp_path):
    parent_accuracy = cli.json(cli("evaluate", "--model", student_fixture, "--data", digits))["accuracy"]
    manifest = cli.json(cli("train", "--arch", "student", "--data", digits, "--out", tmp_path / "ft.pt", "--epochs", "1", "--parent", student_fixture, "--lr", "1e-4"))
    assert manifest["parentDigest"] == data.sha256_file(student_fixture)
    # One gentle epoch from a trained parent stays near it; from scratch it would be far below.
    assert abs(manifest["accuracy"] - parent_accuracy) < 0.03
    scratch = cli.json(cli("train", "--arch", "student", "--data", digits, "--out", tmp_path / "s.pt", "--epochs", "1", "--lr", "1e-4"))
    assert scratch["accuracy"] < manifest["accuracy"] - 0.2


def test_fine_tuning_a_parent_of_another_architecture_is_bad_input(cli, digits, student_fixture, tmp_path):
    done = cli("train", "--arch", "teacher", "--data", digits, "--out", tmp_path / "x.pt", "--parent", student_fixture, check=2)
    assert "does not hold a teacher model" in done.stderr


def test_evaluate_reports_accuracy_and_refuses_below_the_floor(cli, digits, student_fixture):
    report = cli.json(cli("evaluate", "--model", student_fixture, "--data", digits))
    assert report["rows"] == 359 and 0.9 < report["accuracy"] <= 1.0 and report["inputShape"] == [-1, 64]
    done = cli("evaluate", "--model", student_fixture, "--data", digits, "--min-accuracy", "0.999", check=3)
    assert "is below --min-accuracy 0.9990" in done.stderr
    assert json.loads(done.stdout)["accepted"] is False


def test_evaluate_missing_model_is_bad_input(cli, digits, tmp_path):
    done = cli("evaluate", "--model", tmp_path / "none.pt", "--data", digits, check=2)
    assert "model not found" in done.stderr


def test_evaluate_uses_the_signature_beside_the_model(cli, digits, tmp_path, student_fixture):
    model = tmp_path / "m.pt"
    model.write_bytes(student_fixture.read_bytes())
    (tmp_path / "m.pt.manifest.json").write_text(json.dumps({"signature": {"inputs": [{"shape": [-1, 8, 8]}]}}))
    done = cli("evaluate", "--model", model, "--data", digits, check=None)
    # The student takes [N, 64]; a signature of [N, 8, 8] reaches the model and fails there.
    assert done.returncode == 1 and "8" in done.stderr
