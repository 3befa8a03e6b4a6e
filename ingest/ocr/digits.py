"""Reading one digit glyph: a small neural network (one hidden layer) over the features of
``digits_features``, trained by ``digits_train`` on drawn, typeset and UCI handwritten
digits; its weights are ``data/digits_mlp.tsv`` (numbers as text, read with numpy).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

from ingest.ocr.digits_features import LENGTH, features

Mask = NDArray[np.bool_]
Array = NDArray[np.float64]
MODEL = "data/digits_mlp.tsv"
PARTS = ("mean", "scale", "w1", "b1", "w2", "b2")
"""The model's arrays, in the order of its file."""
_THIN = 0.5
_BLOT = 0.8
"""A glyph at least _THIN as wide as high with more than this share of its box inked is a
blot: the boldest typeset digits stay under it, a filled square or smudge does not."""


@dataclass(slots=True, frozen=True)
class Reading:
    """A glyph's most likely digit and the network's probability for it."""

    digit: int
    probability: float


@dataclass(slots=True, frozen=True)
class Network:
    mean: Array
    scale: Array
    w1: Array
    b1: Array
    w2: Array
    b2: Array

    def probabilities(self, rows: Array) -> Array:
        """Softmax over the ten digits for each row of features."""
        hidden = np.maximum(0.0, ((rows - self.mean) / self.scale) @ self.w1 + self.b1)
        logits = hidden @ self.w2 + self.b2
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        out: Array = odds / odds.sum(axis=1, keepdims=True)
        return out


def dump_network(network: Network) -> str:
    """The text of a model file: one line per row of each array, ``name<TAB>numbers``."""
    lines = ["# digit classifier weights written by ingest/ocr/digits_train.py"]
    for name in PARTS:
        array = np.atleast_2d(getattr(network, name))
        lines.extend(f"{name}\t{' '.join(f'{v:.6g}' for v in row)}" for row in array)
    return "\n".join(lines) + "\n"


def load_network(text: str) -> Network:
    rows: dict[str, list[list[float]]] = {name: [] for name in PARTS}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, numbers = line.split("\t")
        rows[name].append([float(v) for v in numbers.split()])
    arrays = {name: np.array(values, dtype=np.float64) for name, values in rows.items()}
    for name in ("mean", "scale", "b1", "b2"):
        arrays[name] = arrays[name].ravel()
    if arrays["w1"].shape[0] != LENGTH or arrays["w2"].shape[1] != 10:
        raise ValueError("digit model does not match the features")
    return Network(**arrays)


@lru_cache(maxsize=1)
def network() -> Network:
    """The packaged model."""
    text = resources.files("ingest.ocr").joinpath(MODEL).read_text(encoding="utf-8")
    return load_network(text)


def is_blot(ink: Mask) -> bool:
    """Whether a glyph is a blot rather than strokes: not thin, and its box nearly all ink.
    (The network has only seen digits, and is sure of a digit even for a black square.)"""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return True
    box = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    return box.shape[1] >= _THIN * box.shape[0] and float(box.mean()) > _BLOT


def read_glyphs(glyphs: list[Mask], model: Network | None = None) -> list[Reading]:
    """The most likely digit of each glyph (True for ink); probability 0 for a blot."""
    if not glyphs:
        return []
    rows = np.array([features(g) for g in glyphs])
    odds = (model or network()).probabilities(rows)
    best = odds.argmax(axis=1)
    return [
        Reading(int(d), 0.0 if is_blot(glyphs[i]) else float(odds[i, d]))
        for i, d in enumerate(best)
    ]
