"""Reading order of a two-column header: the left column, then the right one, row by row.

A Nghị định 30 header is a table without rules: the agency and the number (with the "V/v"
summary of a công văn) on the left, the national motto and the place and date on the
right. Tesseract reads across it, merging the two columns into one line ("VĂN PHÒNG CHÍNH
PHỦ CỘNG HOÀ XÃ HỘI …", "Số: 3722/VPCP-CN Hà Nội, ngày …"). Each line at the top of the page
is cut into pieces at wide gaps between its words; the column boundary is the x that most of
those gaps span. The header (the lines above the first line of body text) is then cut into
rows at wide vertical gaps and at lines across the boundary (a centred title), and each
row with text on both sides of the boundary is given as its left pieces, then its right
pieces:
"VĂN PHÒNG CHÍNH PHỦ / CỘNG HOÀ … / Độc lập …", then "Số: … / V/v … / Hà Nội, ngày …".
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from itertools import pairwise

import numpy as np

from ingest.ocr.engine import Line, Word, line_of

TOP = 0.45
"""The header lies in this top share of the page."""
GAP = 1.5
"""A blank between two words wider than this many word heights separates two columns."""
ROW_GAP = 0.75
"""A blank between two lines higher than this many word heights separates two rows."""
BOUNDARY = (0.25, 0.65)
"""Where the column boundary may lie, as shares of the page width."""
BODY = 0.55
"""An uncut line wider than this share of the page width is body text: the header ends."""

Piece = list[Word]


def _height(words: Sequence[Word]) -> float:
    return statistics.median(w.box[3] - w.box[1] for w in words) if words else 0.0


def pieces(line: Line) -> list[Piece]:
    """The line's words cut at blanks wider than ``GAP`` word heights."""
    if not line.words:
        return []
    gap = GAP * _height(line.words)
    out: list[Piece] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.box[0] - out[-1][-1].box[2] > gap:
            out.append([])
        out[-1].append(word)
    return out


def boundary(cut: Sequence[list[Piece]], width: int) -> int | None:
    """The x that the most column gaps span, within ``BOUNDARY``; None without gaps."""
    cover = np.zeros(width + 1, dtype=np.int32)
    for parts in cut:
        for before, after in pairwise(parts):
            cover[max(0, before[-1].box[2]) : max(0, min(width, after[0].box[0]))] += 1
    low, high = round(BOUNDARY[0] * width), round(BOUNDARY[1] * width)
    window = cover[low:high]
    if window.size == 0 or window.max() == 0:
        return None
    best = np.flatnonzero(window == window.max())
    run_end = best[0]
    while run_end + 1 < window.size and window[run_end + 1] == window.max():
        run_end += 1
    return low + int(best[0] + run_end) // 2


def _piece_texts(line: Line, parts: list[Piece]) -> list[str] | None:
    """The text of each piece; when the line was read again after its words (its text no
    longer their join), the cuts are carried over by aligning the old words to the new."""
    words = [w.text for w in line.words]
    if " ".join(words) == line.text:
        return [" ".join(w.text for w in part) for part in parts]
    tokens = line.text.split()
    blocks = SequenceMatcher(a=words, b=tokens, autojunk=False).get_matching_blocks()
    cuts, start = [0], 0
    for part in parts[:-1]:
        start += len(part)
        mapped = next((b + start - a for a, b, n in blocks if a <= start < a + n), None)
        if mapped is None or mapped <= cuts[-1] or mapped >= len(tokens):
            return None
        cuts.append(mapped)
    cuts.append(len(tokens))
    return [" ".join(tokens[i:j]) for i, j in pairwise(cuts)]


def _piece_line(line: Line, part: Piece, text: str, new_paragraph: bool) -> Line:
    if text == " ".join(w.text for w in part):
        return line_of(part, new_paragraph=new_paragraph)
    box = (
        min(w.box[0] for w in part),
        min(w.box[1] for w in part),
        max(w.box[2] for w in part),
        max(w.box[3] for w in part),
    )
    letters = len(text.replace(" ", ""))
    return Line(text, box, line.confidence, letters, new_paragraph, tuple(part))


def _row_in_columns(row: list[tuple[Line, list[Piece]]], x: int) -> list[Line] | None:
    """The row's pieces, left column first; None when a piece lies across ``x`` or one
    side is empty."""
    left: list[Line] = []
    right: list[Line] = []
    for line, parts in row:
        texts = _piece_texts(line, parts)
        if texts is None:
            return None
        if _across(parts, x):
            return None
        for part, text in zip(parts, texts, strict=True):
            side = left if part[-1].box[2] <= x else right
            side.append(_piece_line(line, part, text, new_paragraph=not side))
    if not left or not right:
        return None
    left[0] = replace(left[0], new_paragraph=row[0][0].new_paragraph)
    return left + right


def _across(parts: list[Piece], x: int) -> bool:
    return any(part[0].box[0] < x < part[-1].box[2] for part in parts)


def _rows(header: list[tuple[Line, list[Piece]]], x: int) -> list[list[tuple[Line, list[Piece]]]]:
    """The header cut into rows at wide vertical blanks; a line across the column boundary
    (a centred title) is a row of its own."""
    height = _height([w for line, _parts in header for w in line.words])
    rows: list[list[tuple[Line, list[Piece]]]] = []
    bottom, alone = -1.0, False
    for line, parts in header:
        across = _across(parts, x)
        if not rows or alone or across or line.box[1] - bottom > ROW_GAP * height:
            rows.append([])
            bottom = line.box[3]
        rows[-1].append((line, parts))
        bottom, alone = max(bottom, line.box[3]), across
    return rows


def order_columns(lines: Sequence[Line], width: int, height: int) -> list[Line]:
    """``lines`` with the two columns of the page header read one after the other."""
    top = [line for line in lines if line.words and line.box[1] < TOP * height]
    cut = [pieces(line) for line in top]
    x = boundary(cut, width)
    if x is None:
        return list(lines)
    header: list[tuple[Line, list[Piece]]] = []
    for line in lines:
        parts = pieces(line)
        across = len(parts) == 1 and line.box[2] - line.box[0] > BODY * width
        if not parts or line.box[1] >= TOP * height or across:
            break
        header.append((line, parts))
    out: list[Line] = []
    for row in _rows(header, x):
        ordered = _row_in_columns(row, x)
        out.extend(ordered if ordered is not None else [line for line, _parts in row])
    return out + list(lines[len(header) :])
