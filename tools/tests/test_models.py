import pytest
import torch

from edgewise_tools import evaluate as ev
from edgewise_tools import models


def parity(path):
    rows = [list(map(float, line.split(","))) for line in path.read_text().splitlines() if line and not line.startswith("#")]
    t = torch.tensor(rows)
    return t[:, :64], t[:, 64:]


def test_student_fixture_is_recognised_and_rebuilt_to_the_same_logits(student_fixture):
    module, arch = models.rebuild(student_fixture)
    assert arch.name == "student"
    x, expected = parity(student_fixture.with_name("digits_student_mlp.parity.csv"))
    with torch.no_grad():
        assert torch.allclose(module(x), expected, atol=1e-4)


def test_cnn_fixture_is_recognised_and_rebuilt_to_the_same_logits(cnn_fixture):
    module, arch = models.rebuild(cnn_fixture)
    assert arch.name == "cnn" and arch.convolutional
    x, expected = parity(cnn_fixture.with_name("digits_cnn.parity.csv"))
    with torch.no_grad():
        assert torch.allclose(module(x), expected, atol=1e-4)


def test_other_mlp_widths_become_an_mlp_architecture():
    state = models.mlp([64, 20, 10]).state_dict()
    assert models.recognise(state) == "mlp:64-20-10"
    assert models.architecture("mlp:64-20-10").input_shape == (64,)


def test_unknown_architecture_is_named():
    with pytest.raises(ValueError, match="unknown --arch 'resnet'"):
        models.architecture("resnet")
    with pytest.raises(ValueError, match="widths must be integers"):
        models.architecture("mlp:64-x-10")


def test_unrecognisable_weights_ask_for_arch():
    with pytest.raises(ValueError, match="name it with --arch"):
        models.recognise({"encoder.weight": torch.zeros(2, 2)})


def test_mobilenet_takes_digit_rows():
    torch.manual_seed(0)
    module = models.architecture("mobilenet_v3_small").build().eval()
    with torch.no_grad():
        assert module(torch.rand(2, 64)).shape == (2, 10)


def test_signature_names_the_row_shape():
    sig = models.architecture("cnn").signature()
    assert sig["inputs"][0]["shape"] == [-1, 64]
    assert ev.input_shape(sig, 99) == (64,)
    assert ev.input_shape(None, 12) == (12,)
