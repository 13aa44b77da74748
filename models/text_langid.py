"""A small Transformer-encoder text classifier: which language a word is, trained on Debian's word lists.

Inputs `input_ids` INT64 [N, L] and `attention_mask` INT64 [N, L]; output `logits` FP32 [N, 7].
Tokens are the word's UTF-8 bytes plus 2, after a leading CLS token 1; 0 pads (mask 0). The word
lists come from the Debian packages below (`apt-get download`, unpacked with `dpkg -x` into
models/.cache/, never installed); words found in more than one list are dropped as ambiguous.
"""

from __future__ import annotations

import math
import random
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Tuple

import torch
from torch import Tensor, nn

from fixturelib import Signature, TensorSpec, write_fixture

# Label index -> (language code, Debian package, file under usr/share/dict).
LANGUAGES = [
    ("en", "wamerican", "american-english"),
    ("de", "wngerman", "ngerman"),
    ("fr", "wfrench", "french"),
    ("it", "witalian", "italian"),
    ("es", "wspanish", "spanish"),
    ("pt", "wportuguese", "portuguese"),
    ("nl", "wdutch", "dutch"),
]
PAD, CLS, BYTE_OFFSET = 0, 1, 2
VOCAB = 256 + BYTE_OFFSET
MAX_TOKENS = 64  # positions the model has; longer inputs are refused
TRAIN_TOKENS = 24  # words are cut to CLS + 23 bytes for training and in the reference request
TRAIN_PER_LANGUAGE = 6000
TEST_PER_LANGUAGE = 2000
CACHE = Path(__file__).resolve().parent / ".cache"


def word_lists() -> Tuple[Dict[str, List[str]], Dict[str, str]]:
    """Downloads (once) and unpacks the Debian word lists; returns words and package versions by language."""
    debs = CACHE / "debs"
    root = CACHE / "dict"
    debs.mkdir(parents=True, exist_ok=True)
    words, versions = {}, {}
    for code, package, file in LANGUAGES:
        found = sorted(debs.glob(f"{package}_*.deb"))
        if not found:
            try:
                subprocess.run(["apt-get", "download", package], cwd=debs, check=True)
            except (OSError, subprocess.CalledProcessError) as e:
                raise SystemExit(
                    f"cannot download the Debian package {package} ({e}); run `apt-get update` first"
                ) from e
            found = sorted(debs.glob(f"{package}_*.deb"))
        deb = found[-1]
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        versions[code] = subprocess.run(
            ["dpkg-deb", "-f", str(deb), "Package", "Version"], check=True, capture_output=True, text=True
        ).stdout.replace("\n", " ").strip()
        text = (root / "usr/share/dict" / file).read_text(encoding="utf-8")
        words[code] = sorted({w.strip() for w in text.splitlines() if 2 <= len(w.strip()) <= 30})
    return words, versions


def tokenize(words: List[str], length: int) -> Tuple[Tensor, Tensor]:
    """CLS then UTF-8 bytes + 2, cut to `length` tokens, padded with 0; the mask marks real tokens."""
    ids = torch.zeros(len(words), length, dtype=torch.int64)
    mask = torch.zeros(len(words), length, dtype=torch.int64)
    for i, word in enumerate(words):
        tokens = [CLS] + [b + BYTE_OFFSET for b in word.encode("utf-8")]
        tokens = tokens[:length]
        ids[i, : len(tokens)] = torch.tensor(tokens)
        mask[i, : len(tokens)] = 1
    return ids, mask


class EncoderLayer(nn.Module):
    """Pre-norm self-attention and feed-forward, written with plain ops so any libtorch runs it."""

    def __init__(self, width: int, heads: int, hidden: int):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)
        self.norm2 = nn.LayerNorm(width)
        self.ff1 = nn.Linear(width, hidden)
        self.ff2 = nn.Linear(hidden, width)

    def forward(self, x: Tensor, key_bias: Tensor) -> Tensor:
        n, length, width = x.shape
        head = width // self.heads
        q, k, v = self.qkv(self.norm1(x)).chunk(3, dim=-1)
        q = q.reshape(n, length, self.heads, head).transpose(1, 2)
        k = k.reshape(n, length, self.heads, head).transpose(1, 2)
        v = v.reshape(n, length, self.heads, head).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(head) + key_bias
        attended = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(n, length, width)
        x = x + self.out(attended)
        return x + self.ff2(torch.relu(self.ff1(self.norm2(x))))


class LanguageId(nn.Module):
    """Byte tokens and their attention mask in, one logit per language out (read at the CLS token)."""

    def __init__(self, width: int = 64, heads: int = 4, hidden: int = 128, layers: int = 2):
        super().__init__()
        self.tokens = nn.Embedding(VOCAB, width, padding_idx=PAD)
        self.positions = nn.Embedding(MAX_TOKENS, width)
        self.layers = nn.ModuleList([EncoderLayer(width, heads, hidden) for _ in range(layers)])
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, len(LANGUAGES))

    def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        if input_ids.dtype != torch.int64 or attention_mask.dtype != torch.int64:
            raise ValueError("input_ids and attention_mask must be int64")
        if input_ids.shape != attention_mask.shape:
            raise ValueError("input_ids and attention_mask must have the same shape")
        length = input_ids.shape[1]
        if length > 64:
            raise ValueError("at most 64 tokens")
        positions = torch.arange(length, device=input_ids.device)
        x = self.tokens(input_ids) + self.positions(positions)
        # Padding keys get -1e9 before the softmax: attention never looks at them.
        key_bias = ((1 - attention_mask).to(x.dtype) * -1e9)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, key_bias)
        return self.head(self.norm(x[:, 0]))


def _split(words: Dict[str, List[str]], rng: random.Random):
    counts: Dict[str, int] = {}
    for ws in words.values():
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    train, test = [], []
    for label, (code, _, _) in enumerate(LANGUAGES):
        unique = [w for w in words[code] if counts[w] == 1]
        rng.shuffle(unique)
        train += [(w, label) for w in unique[:TRAIN_PER_LANGUAGE]]
        test += [(w, label) for w in unique[TRAIN_PER_LANGUAGE : TRAIN_PER_LANGUAGE + TEST_PER_LANGUAGE]]
    rng.shuffle(train)
    return train, test


def _accuracy(model: nn.Module, data) -> float:
    model.eval()
    correct = 0
    with torch.inference_mode():
        for start in range(0, len(data), 1024):
            chunk = data[start : start + 1024]
            ids, mask = tokenize([w for w, _ in chunk], TRAIN_TOKENS)
            predicted = model(ids, mask).argmax(-1)
            correct += int((predicted == torch.tensor([y for _, y in chunk])).sum())
    return correct / len(data)


def build(out_dir: Path, seed: int, epochs: int = 5) -> Dict[str, dict]:
    words, versions = word_lists()
    rng = random.Random(seed)
    train, test = _split(words, rng)
    torch.manual_seed(seed)
    model = LanguageId()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    steps = epochs * math.ceil(len(train) / 256)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=steps)
    ids_all, mask_all = tokenize([w for w, _ in train], TRAIN_TOKENS)
    labels_all = torch.tensor([y for _, y in train])
    began = time.monotonic()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(train))
        total = 0.0
        for start in range(0, len(train), 256):
            batch = order[start : start + 256]
            loss = nn.functional.cross_entropy(model(ids_all[batch], mask_all[batch]), labels_all[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += float(loss.detach()) * len(batch)
            if epoch == 0 and start == 256 * 20:
                print(f"  text: 20 steps in {time.monotonic() - began:.1f} s", flush=True)
        print(f"  text: epoch {epoch + 1}/{epochs} loss {total / len(train):.4f}", flush=True)
    model.eval()
    train_acc, test_acc = _accuracy(model, train), _accuracy(model, test)
    print(f"  text: accuracy train {train_acc:.4f} test {test_acc:.4f}", flush=True)

    scripted = torch.jit.script(model)
    # Two held-out words per language, padded to the longest of them.
    sample: List[str] = []
    for label in range(len(LANGUAGES)):
        sample += [w for w, y in test if y == label][:2]
    ids, mask = tokenize(sample, TRAIN_TOKENS)
    width = int(mask.sum(1).max())
    ids, mask = ids[:, :width], mask[:, :width]
    return {
        "text_langid": write_fixture(
            out_dir,
            "text_langid",
            scripted,
            Signature(
                inputs=[
                    TensorSpec("input_ids", "INT64", [-1, -1]),
                    TensorSpec("attention_mask", "INT64", [-1, -1]),
                ],
                outputs=[TensorSpec("logits", "FP32", [-1, len(LANGUAGES)])],
                description="Transformer encoder, language of a word from its UTF-8 bytes",
            ),
            {"input_ids": ids, "attention_mask": mask},
            notes={
                "labels": [code for code, _, _ in LANGUAGES],
                "tokens": "CLS=1, then each UTF-8 byte + 2, cut to 24 tokens in training; pad 0 (mask 0); at most 64",
                "reference_words": sample,
                "trained_on": {
                    "debian_packages": versions,
                    "train_words_per_language": TRAIN_PER_LANGUAGE,
                    "test_words_per_language": TEST_PER_LANGUAGE,
                    "words_in_several_lists": "dropped",
                    "epochs": epochs,
                },
                "accuracy": {"train": round(train_acc, 4), "test": round(test_acc, 4)},
                "parameters": sum(p.numel() for p in model.parameters()),
            },
        )
    }
