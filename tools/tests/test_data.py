import numpy as np
import pytest

from edgewise_tools import data


def test_java_random_matches_java_util_random():
    # new java.util.Random(42).nextInt() is -1170105035; nextInt(10) sequences follow the same LCG.
    assert data.JavaRandom(42).next_bits(32) == -1170105035
    r = data.JavaRandom(42)
    assert [r.next_int(10) for _ in range(5)] == [0, 3, 8, 4, 0]


def test_power_of_two_bound_takes_the_high_bits():
    values = [data.JavaRandom(7).next_int(16) for _ in range(3)]
    assert all(0 <= v < 16 for v in values)


def test_split_is_a_disjoint_80_20_partition(digits):
    rows = data.read_csv(digits)
    train, test = rows.split("train"), rows.split("test")
    assert len(rows) == 1797 and rows.features.shape == (1797, 64)
    assert (len(train), len(test)) == (1438, 359)
    order = data.permutation(len(rows))
    assert sorted(order.tolist()) == list(range(len(rows)))
    assert rows.features.max() <= 1.0 and rows.classes == 10
    assert np.array_equal(test.labels, rows.labels[order[1438:]])
    # The Java tools' DigitsData permutation (java.util.Random(42) Fisher-Yates), read from jshell.
    assert order[[0, 1, 1438, 1796]].tolist() == [487, 12, 1621, 728]


def test_unknown_split_is_named():
    rows = data.Dataset(np.zeros((5, 2), np.float32), np.zeros(5, np.int64))
    with pytest.raises(ValueError, match="split must be train, test or all"):
        rows.split("validation")


def test_malformed_row_names_file_and_line(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("a,b,label\n1,2,3\n1,2\n")
    with pytest.raises(ValueError, match=r"bad.csv line 3 has 2 columns, expected 3"):
        data.read_csv(csv)


def test_header_must_end_in_label(tmp_path):
    csv = tmp_path / "nolabel.csv"
    csv.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(ValueError, match="last column must be 'label'"):
        data.read_csv(csv)


def test_file_uri_is_a_path():
    assert str(data.local_path("file:///models/a.pt")) == "/models/a.pt"
    assert str(data.local_path("relative/a.pt")) == "relative/a.pt"
