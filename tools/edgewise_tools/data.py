"""The labelled CSV data sets (header, feature columns, then ``label``) and their fixed split.

The split is the Java tools' split (``DigitsData``): a Fisher-Yates permutation drawn with
``java.util.Random(42)``, the last 20% held out for testing, so accuracies quoted by the Python
and Java tools are on the same rows. Pixel values are divided by 16 (the fixtures' convention).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SPLIT_SEED = 42
TEST_FRACTION = 0.2
SCALE = 16.0


class JavaRandom:
    """``java.util.Random``'s 48-bit linear congruential generator (enough for ``nextInt``)."""

    _MULTIPLIER = 0x5DEECE66D
    _MASK = (1 << 48) - 1

    def __init__(self, seed: int):
        self._seed = (seed ^ self._MULTIPLIER) & self._MASK

    def next_bits(self, bits: int) -> int:
        """``Random.next(bits)`` as a signed 32-bit Java int."""
        self._seed = (self._seed * self._MULTIPLIER + 0xB) & self._MASK
        value = self._seed >> (48 - bits)
        value &= 0xFFFFFFFF
        return value - (1 << 32) if value >= (1 << 31) else value

    def next_int(self, bound: int) -> int:
        """``Random.nextInt(bound)``, rejection sampling included."""
        if bound <= 0:
            raise ValueError("bound must be positive")
        if bound & -bound == bound:
            return (bound * self.next_bits(31)) >> 31
        while True:
            bits = self.next_bits(31)
            value = bits % bound
            if bits - value + (bound - 1) < (1 << 31):
                return value


def permutation(size: int, seed: int = SPLIT_SEED) -> np.ndarray:
    """The Java tools' seeded Fisher-Yates permutation of ``range(size)``."""
    order = list(range(size))
    random = JavaRandom(seed)
    for i in range(size - 1, 0, -1):
        j = random.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return np.asarray(order, dtype=np.int64)


@dataclass(frozen=True)
class Dataset:
    """Features (float32, one row per example) and integer labels."""

    features: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    @property
    def classes(self) -> int:
        return int(self.labels.max()) + 1 if len(self) else 0

    def subset(self, rows: np.ndarray) -> "Dataset":
        return Dataset(self.features[rows], self.labels[rows])

    def split(self, name: str) -> "Dataset":
        """``train``, ``test`` (the fixed held-out rows) or ``all``."""
        if name == "all":
            return self
        order = permutation(len(self))
        test = int(round(len(self) * TEST_FRACTION))
        if name == "test":
            return self.subset(order[len(self) - test :])
        if name == "train":
            return self.subset(order[: len(self) - test])
        raise ValueError(f"split must be train, test or all, got {name!r}")


def local_path(path_or_uri: str) -> Path:
    """A plain path, or the path of a ``file://`` URI."""
    if path_or_uri.startswith("file://"):
        return Path(path_or_uri[len("file://") :])
    if path_or_uri.startswith("file:"):
        return Path(path_or_uri[len("file:") :])
    return Path(path_or_uri)


def read_csv(path: Path, scale: float = SCALE) -> Dataset:
    """Reads a labelled CSV; fails naming the file and line on a malformed row."""
    if not path.is_file():
        raise FileNotFoundError(f"data file not found: {path}")
    with path.open(newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header:
            raise ValueError(f"{path} is empty")
        if header[-1].strip() != "label" or len(header) < 2:
            raise ValueError(f"{path}: the last column must be 'label', header is {','.join(header)}")
        cols = len(header) - 1
        rows, labels = [], []
        for number, row in enumerate(reader, start=2):
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != cols + 1:
                raise ValueError(f"{path} line {number} has {len(row)} columns, expected {cols + 1}")
            try:
                rows.append([float(c) / scale for c in row[:cols]])
                labels.append(int(row[cols]))
            except ValueError as e:
                raise ValueError(f"{path} line {number}: {e}") from e
    return Dataset(np.asarray(rows, dtype=np.float32).reshape(-1, cols), np.asarray(labels, dtype=np.int64))


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (the digest the edge runtime checks)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
