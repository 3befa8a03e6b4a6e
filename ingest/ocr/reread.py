"""A second look at the number line ("Số: 999/QĐ-TTg   Hà Nội, ngày 18 tháng 9 năm 2024").

Tesseract's page layout pass sometimes misreads the digits of the document number that it
reads correctly when the same line is cropped and read as a single line (``--psm 7``):
"Số: 222/QĐ-TTg" on the page, "Số: 999/QĐ-TTg" on its own. When the line holds pieces of
both header columns with a wide gap between them ("Số: 1425/QĐ-TTg      ---------") and
neither the page nor the whole-line reading is confident, each piece is read on its own:
read as one line they come out as "Số1425QĐTT1g mm". A re-reading is kept only when its
confidence is higher than the page's; the whole line is tried first.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from PIL import Image

from ingest.ocr.engine import Line, recognise
from ingest.ocr.fields import FIELDS, implausible, is_date_line, reread_fields

_NUMBER_LINE = re.compile(r"^\W{0,2}[S$§5](?:[^\s:;]{0,2}\s*[:;.,]|[^\s:;\d]{1,2}\s*\d)")
_TOP = 0.45
"""Only lines in this top fraction of the page are header lines."""
_PAD = 12
_GAP = 1.5
"""A blank run wider than this many line heights separates two pieces of a line."""


def is_number_line(line: Line, page_height: int) -> bool:
    return line.box[1] < page_height * _TOP and bool(_NUMBER_LINE.match(line.text))


def pieces(image: Image.Image, box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """The (left, right) extents of the parts of a line box separated by wide blank runs."""
    left, top, right, bottom = box
    ink = np.asarray(image.crop(box).convert("L")) < 128
    columns = np.flatnonzero(ink.any(axis=0))
    if columns.size == 0:
        return [(left, right)]
    gap = _GAP * max(1, bottom - top)
    cuts = np.flatnonzero(np.diff(columns) > gap)
    starts = [int(columns[0]), *(int(columns[c + 1]) for c in cuts)]
    ends = [*(int(columns[c]) + 1 for c in cuts), int(columns[-1]) + 1]
    return [(left + s, left + e) for s, e in zip(starts, ends, strict=True)]


def _reread(
    image: Image.Image, line: Line, parts: list[tuple[int, int]], *, binary: str, dpi: int
) -> Line | None:
    _left, top, _right, bottom = line.box
    texts: list[str] = []
    score, letters = 0.0, 0
    for start, end in parts:
        crop = image.crop((max(0, start - _PAD), max(0, top - _PAD), end + _PAD, bottom + _PAD))
        again = recognise(crop, binary=binary, dpi=dpi, psm=7)
        if len(again) != 1:
            return None
        texts.append(again[0].text)
        score += again[0].confidence * again[0].letters
        letters += again[0].letters
    confidence = score / letters if letters else 0.0
    if confidence <= line.confidence:
        return None
    return replace(line, text=" ".join(texts), confidence=confidence, letters=letters)


def reread_number_lines(
    image: Image.Image, lines: list[Line], *, binary: str, dpi: int
) -> list[Line]:
    """``lines`` with each header number line replaced by a single-line reading of its crop
    (piece by piece) when that reading is more confident, and the digits of the number and
    date fields read again glyph by glyph where the line's text of them is implausible
    (``ingest.ocr.fields``)."""
    out: list[Line] = []
    for line in lines:
        better = None
        if is_number_line(line, image.height):
            whole = [(line.box[0], line.box[2])]
            better = _reread(image, line, whole, binary=binary, dpi=dpi)
            parts = pieces(image, line.box)
            if better is None and len(parts) > 1:
                better = _reread(image, line, parts, binary=binary, dpi=dpi)
            better = reread_fields(image, better or line, binary=binary, dpi=dpi)
        elif is_date_line(line, image.height) and any(implausible(f, line.text) for f in FIELDS):
            better = reread_fields(image, line, binary=binary, dpi=dpi)
        out.append(better or line)
    return out
