"""Table cells read again on their own, where the page reading of them cannot be right.

Where the cells of a row hold different numbers of lines ("Ông Đặng Quốc Việt" beside a
unit that wraps onto two), Tesseract's page layout analysis may take the row for two lines
of text and read the same words twice, shifted ("Ông ng Đặ Đặng Quốc ốc Việt Việ"): words
that overlap on one line. Where it found no text in a cell that holds ink, it may have taken
the cell for a picture ("5" alone in a tall cell). Such cells are cropped inside their
rules, the crops put one under the other on a white page and read as one block of text
(``--psm 6``) in a single Tesseract run; each cell's reading replaces the page's words of it
when it is confident enough. A page has at most ``MAX_READS`` cells read again.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from ingest.ocr.engine import Box, Word, read_layout

MAX_READS = 40
"""Cells read again on one page, at most."""
MIN_CONFIDENCE = 60.0
"""A cell's new reading is kept when its mean word confidence is at least this."""
OVERLAP = 0.3
"""Two words overlapping by this share of the narrower one's width, on one line, are one
word read twice."""
MIN_INK = (0.06, 0.015)
"""A cell holds something to read when ink runs down this many inches of rows without a
break and lies in this many inches' worth of columns (a glyph, not a speck or a rule)."""
_INSET = 0.02
"""Inches cut off inside the rules before a cell is read (the rules' own ink)."""
SPACE = 0.15
"""Blank (inches) between the stacked cells: more than between two lines of text."""
_BLOCK = 6


def _overlap(a: Box, b: Box) -> float:
    """How much two boxes on one line overlap across, as a share of the narrower."""
    high = min(a[3], b[3]) - max(a[1], b[1])
    if high * 2 < min(a[3] - a[1], b[3] - b[1]):
        return 0.0
    wide = min(a[2], b[2]) - max(a[0], b[0])
    return max(0.0, wide) / max(1, min(a[2] - a[0], b[2] - b[0]))


def read_twice(words: Sequence[Word]) -> bool:
    """Whether two of the words overlap on one line (one word read twice)."""
    return any(
        _overlap(a.box, b.box) >= OVERLAP for i, a in enumerate(words) for b in words[i + 1 :]
    )


def inner(box: Box, dpi: int) -> Box:
    """The part of a cell inside its rules."""
    inset = round(_INSET * dpi)
    left, top, right, bottom = box
    return (
        left + inset,
        top + inset,
        max(left + inset, right - inset),
        max(top + inset, bottom - inset),
    )


def has_ink(white: NDArray[np.bool_], box: Box, dpi: int) -> bool:
    """Whether the inside of a cell holds a glyph (``white``: the page, True where white)."""
    left, top, right, bottom = box
    ink = ~white[top:bottom, left:right]
    if ink.size == 0:
        return False
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return False
    breaks = np.flatnonzero(np.diff(rows) > 1)
    runs = np.diff(np.concatenate(([-1], breaks, [rows.size - 1])))
    tall, wide = (inches * dpi for inches in MIN_INK)
    return bool(runs.max() >= tall) and int(np.count_nonzero(ink.any(axis=0))) >= wide


def _stacked(image: Image.Image, boxes: Sequence[Box], space: int) -> tuple[Image.Image, list[int]]:
    """The crops of ``boxes`` one under the other on a white page, ``space`` apart and from
    its edges, and the top of each on it."""
    crops = [image.crop(box) for box in boxes]
    width = max(crop.width for crop in crops) + 2 * space
    height = sum(crop.height + space for crop in crops) + space
    page = Image.new(image.mode, (width, height), 255)
    tops: list[int] = []
    y = space
    for crop in crops:
        page.paste(crop, (space, y))
        tops.append(y)
        y += crop.height + space
    return page, tops


def _confident(words: list[Word]) -> bool:
    scored = [(w.confidence, len(w.text)) for w in words if w.confidence >= 0]
    letters = sum(n for _c, n in scored)
    return bool(letters) and sum(c * n for c, n in scored) / letters >= MIN_CONFIDENCE


def read_cells(
    image: Image.Image, boxes: Sequence[Box], *, binary: str, dpi: int
) -> list[list[Word] | None]:
    """The words of each cell (its inside, ``inner``), in page coordinates, from one
    Tesseract run over the crops stacked on a page of their own; None for a cell whose
    reading is empty or not confident."""
    if not boxes:
        return []
    space = round(SPACE * dpi)
    page, tops = _stacked(image, boxes, space)
    found: list[list[Word]] = [[] for _box in boxes]
    for line in read_layout(page, binary=binary, dpi=dpi, psm=_BLOCK).lines:
        for word in line.words:
            middle = (word.box[1] + word.box[3]) / 2
            index = max(0, int(np.searchsorted(tops, middle, side="right")) - 1)
            left, top = boxes[index][0] - space, boxes[index][1] - tops[index]
            x0, y0, x1, y1 = word.box
            found[index].append(
                Word(word.text, (x0 + left, y0 + top, x1 + left, y1 + top), word.confidence)
            )
    return [words if _confident(words) else None for words in found]
