"""The digits of the number and date fields, read again glyph by glyph.

Numbers and days are often put on with a numbering stamp in a hand-drawn style (a "1" with
a long lead-in flag, a "7" with a bar across) inside an otherwise printed line,
"Số: 1114/QĐ-TTg   Hà Nội, ngày 07 tháng 10 năm 2024", and Tesseract reads them as
"⁄4444", "0#", "#2", "?3" or "749". For the number line, and for a header date line whose
day or month is not a plausible number, this module

1. has Tesseract read the line crop again with a box for every character (``fields_hocr``),
   which places the number (between "Số:" and "/"), the day (between "ngày" and "tháng")
   and the month (between "tháng" and "năm");
2. cuts each field's ink into glyphs (``digits_segment``) and reads each with the digit
   classifier (``digits``);
3. replaces the field in the line's own text only when that text is implausible there (a
   character that is not a digit, fewer or more digits than glyphs, a day over 31) and the
   glyphs read as a plausible value: each glyph the classifier is sure of, or else the digit
   the line's text has at that glyph's place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from ingest.ocr.digits import read_glyphs
from ingest.ocr.digits_segment import glyphs as cut_glyphs
from ingest.ocr.engine import Line
from ingest.ocr.fields_hocr import CharLine, read_chars

MIN_PROBABILITY = 0.8
"""The classifier's reading of a glyph is taken when at least this sure."""
_PAD = 12
"""Margin around the line's box in the crop Tesseract reads again ..."""
_SLACK = 3
"""... of which only this much above and below the box is looked at for the digits' ink."""
_LOWEST = 0.3
"""Glyphs lower than this share of the line's height are not digits (dots, specks)."""
_TOP = 0.45
"""Only lines in this top fraction of the page are header lines."""
_DATE_LINE = re.compile(r"^\D{2,40}[,.]\s*ng[àa]y\b")
_ASCII_DIGITS = re.compile(r"[0-9]+")


@dataclass(slots=True, frozen=True)
class Field:
    """Where a field's digits are in a line's text (group ``digits``), how many digits it
    may have and the range of its value."""

    name: str
    pattern: re.Pattern[str]
    most_digits: int
    lowest: int
    highest: int

    def plausible(self, text: str) -> bool:
        return (
            _ASCII_DIGITS.fullmatch(text) is not None
            and len(text) <= self.most_digits
            and self.lowest <= int(text) <= self.highest
        )


FIELDS = (
    Field(
        "number",
        re.compile(
            r"^\W{0,2}[S$§5]\S{0,2}?\s*[:;.,]\s*(?P<digits>\S.{0,11}?)\s*[/⁄](?=\s*(?:[A-ZĐ]|\d{4}\s*[/⁄]))"
        ),
        7,
        1,
        9_999_999,
    ),
    Field("day", re.compile(r"ng[àa]y\s*(?P<digits>\S{1,3}?)\s*th[áa]ng"), 2, 1, 31),
    Field("month", re.compile(r"th[áa]ng\s*(?P<digits>\S{1,3}?)\s*n[ăa]m"), 2, 1, 12),
)


def is_date_line(line: Line, page_height: int) -> bool:
    """A header line that starts with a place and "ngày" ("Hà Nội, ngày 07 tháng ...")."""
    return line.box[1] < page_height * _TOP and bool(_DATE_LINE.match(line.text))


def implausible(field: Field, text: str) -> bool:
    """Whether a field's text, as the line has it, cannot be right."""
    match = field.pattern.search(text)
    return match is not None and not field.plausible(match.group("digits"))


def _bounds(chars: CharLine, start: int, end: int, width: int) -> tuple[float, float]:
    """The columns between the last character box before ``start`` and the first from
    ``end`` on: the field's glyphs have their centres there."""
    before = next((chars.boxes[i] for i in range(start - 1, -1, -1) if chars.boxes[i]), None)
    after = next((chars.boxes[i] for i in range(end, len(chars.boxes)) if chars.boxes[i]), None)
    return (before[2] if before else 0.0, after[0] if after else float(width))


def read_field(
    field: Field, own: str, chars: CharLine, ink: NDArray[np.bool_], line_height: int
) -> str | None:
    """The field's digits read glyph by glyph, when ``own`` (the line's text of the field)
    is implausible and the glyphs read as a plausible value; otherwise None."""
    found = field.pattern.search(chars.text)
    if found is None:
        return None
    left, right = _bounds(chars, found.start("digits"), found.end("digits"), ink.shape[1])
    glyphs = cut_glyphs(ink, left, right, min_height=round(_LOWEST * line_height))
    if not glyphs or len(glyphs) > field.most_digits:
        return None
    if field.plausible(own) and len(own) == len(glyphs):
        return None
    digits: list[str] = []
    for place, reading in enumerate(read_glyphs([g.ink for g in glyphs])):
        if reading.probability >= MIN_PROBABILITY:
            digits.append(str(reading.digit))
        elif len(own) == len(glyphs) and own[place] in "0123456789":
            digits.append(own[place])
        else:
            return None
    text = "".join(digits)
    return text if field.plausible(text) and text != own else None


def _put(text: str, start: int, end: int, digits: str) -> str:
    """``text`` with ``text[start:end]`` replaced by ``digits``, kept apart from letters."""
    before = " " if start > 0 and text[start - 1].isalpha() else ""
    after = " " if end < len(text) and text[end].isalpha() else ""
    return f"{text[:start]}{before}{digits}{after}{text[end:]}"


def reread_fields(image: Image.Image, line: Line, *, binary: str, dpi: int) -> Line:
    """``line`` with the digits of its number, day and month read again where its own text
    of them is implausible (see the module docstring)."""
    if not any(field.pattern.search(line.text) for field in FIELDS):
        return line
    left, top, right, bottom = line.box
    box = (max(0, left - _PAD), max(0, top - _PAD), min(image.width, right + _PAD))
    crop = image.crop((*box, min(image.height, bottom + _PAD)))
    chars = read_chars(crop, binary=binary, dpi=dpi)
    ink = np.asarray(crop.convert("L")) < 128
    ink[: max(0, top - box[1] - _SLACK)] = False  # other lines' ink within the padding
    ink[bottom - box[1] + _SLACK :] = False
    text = line.text
    for field in FIELDS:
        own = field.pattern.search(text)
        if own is None:
            continue
        digits = read_field(field, own.group("digits"), chars, ink, bottom - top)
        if digits is not None:
            text = _put(text, own.start("digits"), own.end("digits"), digits)
    return line if text == line.text else replace(line, text=text)
