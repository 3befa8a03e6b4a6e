"""The number and date fields read again glyph by glyph: real number lines whose stamped
digits Tesseract misreads, printed ones left alone, where a field is and when it is
implausible, and the hOCR character boxes that place it. Needs ``tesseract`` (vie)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ingest.ocr.digits_segment import glyphs as cut_glyphs
from ingest.ocr.engine import Line, tesseract_binary
from ingest.ocr.fields import FIELDS, _put, implausible, is_date_line, read_field, reread_fields
from ingest.ocr.fields_hocr import CharLine, parse_hocr
from ingest.ocr.reread import pieces

DIGITS = Path(__file__).parent / "data" / "digits"
NUMBER, DAY, MONTH = FIELDS
_HOCR = """<div class='ocr_page'><span class='ocr_line' title="bbox 0 0 300 60">
 <span class='ocrx_word' id='word_1_1' title='bbox 20 27 86 79; x_wconf 86'>
  <span class='ocrx_cinfo' title='x_bboxes 20 39 44 79; x_conf 98.0'>S</span>
  <span class='ocrx_cinfo' title='x_bboxes 49 27 73 79; x_conf 98.1'>ó</span>
  <span class='ocrx_cinfo' title='x_bboxes 80 51 86 77; x_conf 99.0'>:</span>
 </span>
 <span class='ocrx_word' id='word_1_2' title='bbox 106 20 209 76; x_wconf 85'>
  <span class='ocrx_cinfo' title='x_bboxes 106 24 137 76; x_conf 99.2'>#</span>
  <span class='ocrx_cinfo' title='x_bboxes 137 23 176 76; x_conf 99.4'>&amp;</span>
 </span>
</span></div>"""


def _lines() -> list[list[str]]:
    rows = (DIGITS / "lines.tsv").read_text("utf-8").splitlines()
    return [row.split("\t") for row in rows if row and not row.startswith("#")]


def _line_image(name: str) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A number line crop and the line's box in it (the crop has 12 px around the box)."""
    image = Image.open(DIGITS / name).convert("1")
    return image, (12, 12, image.width - 12, image.height - 12)


@pytest.mark.parametrize(("image", "page_text", "expected"), _lines(), ids=lambda v: str(v)[:12])
def test_number_line_fields_are_read_again(image: str, page_text: str, expected: str) -> None:
    picture, box = _line_image(image)
    line = Line(page_text, box, 80.0, len(page_text))
    again = reread_fields(picture, line, binary=tesseract_binary("test"), dpi=300)
    assert again.text == expected
    assert (again.box, again.confidence, again.letters) == (box, 80.0, len(page_text))


def test_date_line_on_its_own_is_read_again() -> None:
    picture, box = _line_image("1114-QD-TTg_number_line.png")
    left, right = pieces(picture, box)[-1]
    date_box = (left, box[1], right, box[3])
    line = Line("Hà Nội, ngày 0# tháng 10 năm 2024", date_box, 80.0, 30)
    assert is_date_line(line, 1000)
    assert implausible(DAY, line.text)
    again = reread_fields(picture, line, binary=tesseract_binary("test"), dpi=300)
    assert again.text == "Hà Nội, ngày 07 tháng 10 năm 2024"


@pytest.mark.parametrize(
    ("text", "number", "day", "month"),
    [
        ("Số: 1053/QĐ-TTg Hà Nội, ngày 28 tháng 9 năm 2024", "1053", "28", "9"),
        ("Số:⁄4444/QĐ-TTg Hà Nội, ngày 0# tháng 10 năm 2024", "⁄4444", "0#", "10"),
        ("Só: #2 /QĐ-TTg Hà Nội, ngày?3 tháng 4 năm 2026", "#2", "?3", "4"),
        ("Số: 12/2024/NĐ-CP Hà Nội, ngày 5 tháng 01 năm 2024", "12", "5", "01"),
        ("Số:2753 /TTr-STP Quảng Bình, ngày 28 tháng 9 năm 2022", "2753", "28", "9"),
        ("Căn cứ Luật Tổ chức Chính phủ", None, None, None),
    ],
)
def test_fields_are_found_in_a_line(
    text: str, number: str | None, day: str | None, month: str | None
) -> None:
    for field, expected in ((NUMBER, number), (DAY, day), (MONTH, month)):
        found = field.pattern.search(text)
        assert (found.group("digits") if found else None) == expected


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        (DAY, "ngày 07 tháng", False),
        (DAY, "ngày 0# tháng", True),
        (DAY, "ngày 32 tháng", True),
        (DAY, "ngày 00 tháng", True),
        (MONTH, "tháng 13 năm", True),
        (MONTH, "tháng 12 năm", False),
        (NUMBER, "Số: 749⁄QĐ-TTg", False),
        (NUMBER, "Số: 7a9/QĐ-TTg", True),
        (NUMBER, "Sở Tư pháp", False),
        (NUMBER, "Số: 1 114/QĐ-TTg", True),
        (DAY, "ngày ²3 tháng", True),
        (NUMBER, "Số: 00/QĐ-TTg", True),
    ],
)
def test_implausible_field_text(field: object, text: str, expected: bool) -> None:
    assert implausible(field, text) is expected  # type: ignore[arg-type]


def test_date_line_is_a_header_place_and_day() -> None:
    assert is_date_line(Line("Quảng Bình, ngày 28 tháng 9", (0, 100, 9, 140), 90.0, 9), 1000)
    assert not is_date_line(Line("Quảng Bình, ngày 28 tháng 9", (0, 900, 9, 940), 90.0, 9), 1000)
    assert not is_date_line(Line("Căn cứ Luật ngày 19 tháng 6", (0, 100, 9, 140), 90.0, 9), 1000)


@pytest.mark.parametrize(
    ("text", "start", "end", "digits", "expected"),
    [
        ("ngày?3 tháng", 4, 6, "23", "ngày 23 tháng"),
        ("Số:⁄4444/QĐ", 3, 8, "1114", "Số:1114/QĐ"),
        ("ngày 0#tháng", 5, 7, "07", "ngày 07 tháng"),
    ],
)
def test_replaced_digits_stay_apart_from_letters(
    text: str, start: int, end: int, digits: str, expected: str
) -> None:
    assert _put(text, start, end, digits) == expected


def _day_chars(width: int) -> CharLine:
    """The characters of "ngày ## tháng": "y" ends at column 60, "t" starts at width - 40."""
    boxes: list[tuple[int, int, int, int] | None] = [
        (i * 15, 10, i * 15 + 15, 50) for i in range(4)
    ]
    boxes += [None, (70, 10, 80, 50), (80, 10, 90, 50), None]
    boxes += [(width - 40 + i * 8, 10, width - 32 + i * 8, 50) for i in range(5)]
    return CharLine("ngày ## tháng", tuple(boxes))


@pytest.mark.parametrize(
    ("paint", "own"),
    [
        ((slice(10, 50), slice(100, 140)), "##"),  # a black square: a blot, not a digit
        ((slice(10, 50), slice(100, 140)), "#"),
        ((slice(40, 44), slice(100, 104)), "#"),  # a dot where the day is still to come
    ],
)
def test_field_is_kept_when_its_ink_is_no_digit(paint: tuple[slice, slice], own: str) -> None:
    ink = np.zeros((60, 240), dtype=bool)
    ink[paint] = True
    assert read_field(DAY, own, _day_chars(240), ink, line_height=40) is None


def test_unreadable_glyph_takes_the_digit_the_text_has_there() -> None:
    day = np.asarray(Image.open(DIGITS / "729-QD-TTg_day.png").convert("L")) < 128  # "23"
    ink = np.zeros((day.shape[0], 240), dtype=bool)
    ink[:, 80 : 80 + day.shape[1]] = day
    second = cut_glyphs(ink, 60, 200)[1]
    ink[second.box[1] : second.box[3], second.box[0] : second.box[2]] = True  # a blot
    assert read_field(DAY, "?5", _day_chars(240), ink, line_height=60) == "25"
    assert read_field(DAY, "??", _day_chars(240), ink, line_height=60) is None


def test_hocr_characters_and_boxes_are_parsed() -> None:
    line = parse_hocr(_HOCR)
    assert line.text == "Só: #&"
    assert line.boxes[3] is None
    assert line.boxes[4] == (106, 24, 137, 76)
    assert line.boxes[5] == (137, 23, 176, 76)
    assert parse_hocr("<html></html>") == CharLine("", ())
