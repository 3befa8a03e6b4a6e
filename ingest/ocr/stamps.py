"""Received stamps ("CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / ĐẾN Giờ: … Ngày: …"): found and
their words dropped from the page.

An office that receives a document stamps a small ruled box on it and writes the hour and
date in by hand. Tesseract reads the box as noise lines ("ĐEN ngày..⁄2.1-L.926....") and
often merges them into the header line beside it ("ĐẾN wa./41312024 THỦ TƯỚNG CHÍNH PHỦ").
A stamp is a word of its fixed wording (``data/received_stamp.tsv``: "ĐẾN", "Giờ:…",
"Ngày:…", matched loosely) inside a box of rule lines, which Tesseract reports as figure
blocks: starting from the word, the rules near the box grown so far are added while it keeps
a stamp's size. Every word with most of its box inside is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ingest.ocr.engine import Box, Figure, Layout, Line, Word, line_of

_THIN = 0.12
"""A rule is at most this thick (inches) ..."""
_LONG = 0.5
"""... and at least this long."""
_REACH = 0.3
"""A rule this close (inches) to the box grown so far is part of it."""
_MAX_SIZE = (3.0, 1.5)
_MIN_SIZE = (1.0, 0.4)
"""A stamp's width and height (inches): at most, at least."""
_MIN_RULES = 2
_INSIDE = 0.5
"""A word with at least this share of its box in the stamp's box is the stamp's."""


@lru_cache(maxsize=1)
def stamp_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The (kind, pattern) rows of ``data/received_stamp.tsv``."""
    text = resources.files("ingest.ocr").joinpath("data/received_stamp.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple((kind, re.compile(pattern)) for kind, pattern, *_note in rows)


def fold(word: str) -> str:
    """The word without diacritics, Đ/đ as D/d, case kept: "ĐẾN" -> "DEN"."""
    bare = unicodedata.normalize("NFD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def stamp_word(word: str) -> str | None:
    """The kind of stamp wording ``word`` is ("arrived", "hour", "day"), or None."""
    folded = fold(word)
    return next((kind for kind, pattern in stamp_words() if pattern.search(folded)), None)


def _is_rule(box: Box, dpi: int) -> bool:
    width, height = box[2] - box[0], box[3] - box[1]
    thin, long = _THIN * dpi, _LONG * dpi
    return (height <= thin and width >= long) or (width <= thin and height >= long)


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _near(a: Box, b: Box, reach: float) -> bool:
    return not (
        b[0] > a[2] + reach or b[2] < a[0] - reach or b[1] > a[3] + reach or b[3] < a[1] - reach
    )


def _fits(box: Box, dpi: int, limit: tuple[float, float]) -> bool:
    return box[2] - box[0] <= limit[0] * dpi and box[3] - box[1] <= limit[1] * dpi


def _grow(seed: Box, rules: list[Box], dpi: int) -> Box | None:
    """The box of the rules around ``seed``; None when they do not make a stamp."""
    box, used = seed, 0
    left = list(rules)
    grown = True
    while grown:
        grown = False
        for rule in list(left):
            bigger = _union(box, rule)
            if _near(box, rule, _REACH * dpi) and _fits(bigger, dpi, _MAX_SIZE):
                box, used, grown = bigger, used + 1, True
                left.remove(rule)
    width, height = box[2] - box[0], box[3] - box[1]
    big_enough = width >= _MIN_SIZE[0] * dpi and height >= _MIN_SIZE[1] * dpi
    return box if used >= _MIN_RULES and big_enough else None


def _inside(word: Word | Figure, boxes: list[Box]) -> bool:
    left, top, right, bottom = word.box
    area = max(1, (right - left) * (bottom - top))
    for b in boxes:
        width = min(right, b[2]) - max(left, b[0])
        height = min(bottom, b[3]) - max(top, b[1])
        if width > 0 and height > 0 and width * height >= _INSIDE * area:
            return True
    return False


def find_stamps(layout: Layout, dpi: int) -> list[Box]:
    """The boxes of the received stamps on the page."""
    rules = [f.box for f in layout.figures if _is_rule(f.box, dpi)]
    found: list[Box] = []
    for line in layout.lines:
        for word in line.words:
            if _inside(word, found) or stamp_word(word.text) is None:
                continue
            box = _grow(word.box, rules, dpi)
            if box is not None:
                found.append(box)
    return found


def _kept(line: Line, boxes: list[Box]) -> Line | None:
    words = [w for w in line.words if not _inside(w, boxes)]
    if len(words) == len(line.words):
        return line
    return line_of(words, new_paragraph=line.new_paragraph) if words else None


def drop_stamps(layout: Layout, dpi: int) -> tuple[Layout, int]:
    """The page without the words and figures inside its received stamps, and how many
    stamps there were."""
    boxes = find_stamps(layout, dpi)
    if not boxes:
        return layout, 0
    lines: list[Line] = []
    before: list[int] = []
    for line in layout.lines:
        before.append(len(lines))
        kept = _kept(line, boxes)
        if kept is not None:
            lines.append(kept)
    before.append(len(lines))
    figures = tuple(
        replace(f, position=before[f.position]) for f in layout.figures if not _inside(f, boxes)
    )
    return Layout(tuple(lines), figures), len(boxes)
