"""Cutting a field of digits ("1114", "07") out of a binary line image, one glyph per digit.

Rule lines are wiped out first (an underline of the line above can touch the digits). The
ink of the field is then split into 8-connected components; specks are dropped, pieces of
one broken digit (one above the other) are put together, and a component much wider than
it is tall (two digits that touch) is cut at its thinnest column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Mask = NDArray[np.bool_]
_SPECK = 0.004
"""A component with fewer pixels than this share of the field height squared is a speck ..."""
_SPECK_HEIGHT = 0.3
"""... and so is one lower than this share of the tallest component."""
_OVERLAP = 0.5
"""Components whose columns overlap by this share of the narrower are one glyph."""
_WIDE = 1.15
"""A glyph wider than this many times its height holds two digits."""
_MAX_CUTS = 4
"""A field glyph is cut at most this many levels deep (16 pieces): wider ink is no number."""
_RULE = 2
"""A horizontal run of ink longer than this many crop heights is a rule line, not a digit."""


@dataclass(slots=True, frozen=True)
class Glyph:
    """One glyph: its box (left, top, right, bottom) in the field image and its ink."""

    box: tuple[int, int, int, int]
    ink: Mask

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


def components(ink: Mask) -> list[Glyph]:
    """The 8-connected components of ``ink``, left to right."""
    height, width = ink.shape
    label = np.zeros(ink.shape, dtype=np.int32)
    found: list[Glyph] = []
    for start in zip(*np.nonzero(ink), strict=True):
        if label[start]:
            continue
        current = len(found) + 1
        label[start] = current
        stack = [start]
        pixels: list[tuple[int, int]] = []
        while stack:
            y, x = stack.pop()
            pixels.append((y, x))
            for ny in range(max(0, y - 1), min(height, y + 2)):
                for nx in range(max(0, x - 1), min(width, x + 2)):
                    if ink[ny, nx] and not label[ny, nx]:
                        label[ny, nx] = current
                        stack.append((ny, nx))
        ys = np.array([p[0] for p in pixels])
        xs = np.array([p[1] for p in pixels])
        top, left = int(ys.min()), int(xs.min())
        box = (left, top, int(xs.max()) + 1, int(ys.max()) + 1)
        found.append(Glyph(box, label[box[1] : box[3], box[0] : box[2]] == current))
    return sorted(found, key=lambda g: g.box[0])


def _merge(a: Glyph, b: Glyph) -> Glyph:
    box = (
        min(a.box[0], b.box[0]),
        min(a.box[1], b.box[1]),
        max(a.box[2], b.box[2]),
        max(a.box[3], b.box[3]),
    )
    ink: Mask = np.zeros((box[3] - box[1], box[2] - box[0]), dtype=np.bool_)
    for part in (a, b):
        y, x = part.box[1] - box[1], part.box[0] - box[0]
        ink[y : y + part.height, x : x + part.width] |= part.ink
    return Glyph(box, ink)


def _overlap(a: Glyph, b: Glyph) -> float:
    shared = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    return shared / max(1, min(a.width, b.width))


def _split(glyph: Glyph, depth: int = 0) -> list[Glyph]:
    """``glyph`` cut at its thinnest column when it is too wide for one digit (at most
    ``_MAX_CUTS`` levels deep; a sliver too narrow to cut is kept whole)."""
    lo, hi = glyph.width // 4, glyph.width - glyph.width // 4
    if glyph.width <= _WIDE * glyph.height or depth >= _MAX_CUTS or lo < 1 or hi <= lo:
        return [glyph]
    columns = glyph.ink.sum(axis=0)
    cut = lo + int(np.argmin(columns[lo:hi]))
    parts: list[Glyph] = []
    for start, end in ((0, cut), (cut, glyph.width)):
        part = glyph.ink[:, start:end]
        rows = np.flatnonzero(part.any(axis=1))
        cols = np.flatnonzero(part.any(axis=0))
        if rows.size == 0:
            continue
        top, left = int(rows[0]), start + int(cols[0])
        bottom, right = int(rows[-1]) + 1, start + int(cols[-1]) + 1
        box = (glyph.box[0] + left, glyph.box[1] + top, glyph.box[0] + right, glyph.box[1] + bottom)
        parts.append(Glyph(box, glyph.ink[top:bottom, left:right]))
    return [piece for part in parts for piece in _split(part, depth + 1)]


def erase_rules(ink: Mask, longest: int) -> Mask:
    """``ink`` without its horizontal runs longer than ``longest`` (rule lines, underlines)."""
    out = ink.copy()
    padded = np.pad(ink, ((0, 0), (1, 1))).astype(np.int8)
    for row in np.flatnonzero(ink.any(axis=1)):
        steps = np.diff(padded[row])
        for start, end in zip(np.flatnonzero(steps == 1), np.flatnonzero(steps == -1), strict=True):
            if end - start > longest:
                out[row, start:end] = False
    return out


def glyphs(ink: Mask, left: float, right: float, min_height: int = 0) -> list[Glyph]:
    """The digit glyphs of ``ink`` (a line's crop, True for ink) whose centres lie between
    the columns ``left`` and ``right``, left to right; boxes are in ``ink``'s columns.
    Only the columns within one crop height of the two are looked at; glyphs lower than
    ``min_height`` (dots, a dotted line where a number is still to be written) are dropped."""
    height = ink.shape[0]
    start = max(0, int(left) - height)
    window = erase_rules(ink[:, start : max(start, int(right) + height)], _RULE * height)
    found = [
        Glyph((g.box[0] + start, g.box[1], g.box[2] + start, g.box[3]), g.ink)
        for g in components(window)
        if left < g.centre[0] + start < right and g.ink.sum() >= _SPECK * height * height
    ]
    merged: list[Glyph] = []
    for glyph in found:
        if merged and _overlap(merged[-1], glyph) >= _OVERLAP:
            merged[-1] = _merge(merged[-1], glyph)
        else:
            merged.append(glyph)
    tallest = max((g.height for g in merged), default=0)
    lowest = max(min_height, _SPECK_HEIGHT * tallest)
    kept = [g for g in merged if g.height >= lowest]
    return [piece for glyph in kept for piece in _split(glyph) if piece.height >= lowest]
