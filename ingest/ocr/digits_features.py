"""What the digit classifier sees of a glyph: its ink, cut to its box and scaled (aspect
kept) into the middle of a 32×32 square, described two ways:

* ink counts of the 8×8 blocks of 4×4 pixels (0-16 each, as in the UCI handwritten digits);
* for each of 4×4 cells of 8×8 pixels, how much edge runs in each of four directions
  (a coarse histogram of gradient orientations), which tells a stroke's slope: the lead-in
  flag of a "1" from the slanted bar of a "4".
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image

SIZE = 32
_BLOCK = 4
_CELLS = 4
_BINS = 4
EDGE_WEIGHT = 0.5
"""Scale of the direction part against the block counts."""
LENGTH = (SIZE // _BLOCK) ** 2 + _CELLS * _CELLS * _BINS


def square(ink: NDArray[np.bool_]) -> NDArray[np.float64]:
    """``ink`` cut to its box and scaled, aspect kept, into the middle of a SIZE² square
    (grey levels 0-1)."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    out = np.zeros((SIZE, SIZE))
    if rows.size == 0:
        return out
    box = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = box.shape
    scale = SIZE / max(height, width)
    new_h, new_w = max(1, round(height * scale)), max(1, round(width * scale))
    image = Image.fromarray((box * 255).astype(np.uint8)).resize(
        (new_w, new_h), Image.Resampling.BILINEAR
    )
    top, left = (SIZE - new_h) // 2, (SIZE - new_w) // 2
    out[top : top + new_h, left : left + new_w] = np.asarray(image) / 255.0
    return out


def block_counts(grey: NDArray[np.float64]) -> NDArray[np.float64]:
    """Ink pixels (grey ≥ 0.5) in each 4×4 block of a SIZE² square: 64 values 0-16."""
    on = grey >= 0.5
    n = SIZE // _BLOCK
    counts: NDArray[np.float64] = on.reshape(n, _BLOCK, n, _BLOCK).sum(axis=(1, 3)).ravel()
    return counts.astype(np.float64)


def edge_directions(grey: NDArray[np.float64]) -> NDArray[np.float64]:
    """Gradient magnitude by orientation (4 bins over 180°) in each of 4×4 cells."""
    padded = np.pad(grey, 1)
    gx = padded[1:-1, 2:] - padded[1:-1, :-2]
    gy = padded[2:, 1:-1] - padded[:-2, 1:-1]
    magnitude = np.hypot(gx, gy)
    angle = np.mod(np.arctan2(gy, gx), np.pi)
    bins = np.floor(angle / np.pi * _BINS + 0.5).astype(np.int64) % _BINS
    cell = SIZE // _CELLS
    out = np.zeros((_CELLS, _CELLS, _BINS))
    for b in range(_BINS):
        part = np.where(bins == b, magnitude, 0.0)
        out[:, :, b] = part.reshape(_CELLS, cell, _CELLS, cell).sum(axis=(1, 3))
    return out.ravel()


def features(ink: NDArray[np.bool_]) -> NDArray[np.float64]:
    """The LENGTH numbers the classifier reads for one glyph (True for ink)."""
    grey = square(ink)
    return np.concatenate([block_counts(grey), EDGE_WEIGHT * edge_directions(grey)])
