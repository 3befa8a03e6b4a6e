"""Ruled tables on OCR'd pages become rows (``ingest.ocr.tables``): words put in cells and
the table put in the page's text as " | " rows, on a drawn page with hand-made lines; cells
read again by Tesseract; and a rendered award decision whose list is a ruled table, scanned
and read back through the readers and the pipeline."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest.ocr.accuracy import character_accuracy
from ingest.ocr.cells import read_cells
from ingest.ocr.engine import Line, Word, line_of, page_from_lines, tesseract_binary
from ingest.ocr.synthetic import degrade
from ingest.ocr.tables import find_tables
from ingest.read import read_bytes, read_path
from nlp.pipeline import analyze

DPI = 300
XS = (300, 500, 2200)
YS = (800, 900, 1000, 1100)
DECISION = "quyet_dinh-210-qd-ubnd-2026"
"""tests/fixtures/docs: an award decision whose recipients are a " | " table."""
NO_TESSERACT = "tesseract-is-not-run"
"""No cell of the drawn pages is read again: Tesseract is never started for them."""


def _ruled(xs: tuple[int, ...] = XS, ys: tuple[int, ...] = YS) -> Image.Image:
    page = Image.new("1", (2500, 1600), 1)
    draw = ImageDraw.Draw(page)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=0, width=4)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=4)
    return page


def _line(*words: tuple[str, int], top: int, new_paragraph: bool = False) -> Line:
    """A line of (text, left) words, 25 px per character, 40 px high."""
    made = [Word(text, (left, top, left + 25 * len(text), top + 40), 95.0) for text, left in words]
    return line_of(made, new_paragraph=new_paragraph)


TITLE = _line(("DANH", 900), ("SÁCH", 1050), top=300)
# Tesseract's reading: a row's cells on one line, the rules read as "|" or "[".
ROWS = [
    _line(("TT", 350), ("|", 498), ("Họ", 550), ("và", 630), ("tên", 700), top=830),
    _line(("1.", 350), ("[", 497), ("Ông", 550), ("Nguyễn", 660), ("An", 850), top=930),
    _line(("2.", 350), ("Bà", 550), ("Lê", 630), ("Thị", 700), ("Bình", 800), top=1030),
]
AFTER = _line(("Nơi", 300), ("nhận:", 420), top=1300, new_paragraph=True)


def test_table_words_become_rows_in_place() -> None:
    lines, tables = find_tables(_ruled(), [TITLE, *ROWS, AFTER], binary=NO_TESSERACT, dpi=DPI)
    assert [table.rows for table in tables] == [
        [["TT", "Họ và tên"], ["1.", "Ông Nguyễn An"], ["2.", "Bà Lê Thị Bình"]]
    ]
    assert page_from_lines(lines).text == (
        "DANH SÁCH\n\nTT | Họ và tên\n1. | Ông Nguyễn An\n2. | Bà Lê Thị Bình\n\nNơi nhận:\n"
    )
    assert tables[0].lines == tuple(lines[1:4])
    assert tables[0].box == (XS[0], YS[0], XS[-1], YS[-1])


def test_words_beside_a_table_keep_their_order() -> None:
    note = [Word("ghi", (2300, 930, 2375, 970), 95.0), Word("chú", (2390, 930, 2465, 970), 95.0)]
    merged = line_of([*ROWS[1].words, *note])  # Tesseract ran the row on into the margin
    lines, tables = find_tables(
        _ruled(), [TITLE, ROWS[0], merged, ROWS[2], AFTER], binary=NO_TESSERACT, dpi=DPI
    )
    assert [line.text for line in lines] == [
        "DANH SÁCH",
        "TT | Họ và tên",
        "1. | Ông Nguyễn An",
        "2. | Bà Lê Thị Bình",
        "ghi chú",
        "Nơi nhận:",
    ]
    assert lines[4].new_paragraph
    assert len(tables) == 1


def test_a_heading_across_the_table_fills_its_first_column() -> None:
    page = Image.new("1", (2500, 1600), 1)
    draw = ImageDraw.Draw(page)
    for y in YS:
        draw.line((XS[0], y, XS[-1], y), fill=0, width=4)
    for x, top in ((XS[0], YS[0]), (XS[1], YS[1]), (XS[2], YS[0])):  # no rule cuts row 1
        draw.line((x, top, x, YS[-1]), fill=0, width=4)
    heading = _line(("Cá", 350), ("nhân", 430), top=830)
    lines = [heading, ROWS[1], ROWS[2]]
    _lines, tables = find_tables(page, lines, binary=NO_TESSERACT, dpi=DPI)
    assert [table.rows for table in tables] == [
        [["Cá nhân", ""], ["1.", "Ông Nguyễn An"], ["2.", "Bà Lê Thị Bình"]]
    ]


@pytest.mark.parametrize(
    "lines",
    [
        [TITLE, ROWS[0], AFTER],  # one row with text: a form, not a table
        [TITLE, _line(("Họ", 550), ("và", 630), top=830), _line(("tên", 550), top=930), AFTER],
    ],
    ids=["one row", "one column with text"],
)
def test_a_grid_without_a_table_in_it_is_left_alone(lines: list[Line]) -> None:
    assert find_tables(_ruled(), lines, binary=NO_TESSERACT, dpi=DPI) == (lines, [])


def test_a_page_without_rules_is_left_alone() -> None:
    page = Image.new("1", (2500, 1600), 1)
    lines = [TITLE, *ROWS, AFTER]
    assert find_tables(page, lines, binary=NO_TESSERACT, dpi=DPI) == (lines, [])


def test_cells_read_again_in_one_run_come_back_in_place(render: ModuleType) -> None:
    page = Image.new("L", (2000, 700), 255)
    font = ImageFont.truetype(str(render.FONT), 40)
    draw = ImageDraw.Draw(page)
    draw.text((120, 120), "Ông Đặng Quốc Việt", font=font, fill=0)
    draw.text((1120, 120), "Phó Giám đốc,", font=font, fill=0)
    draw.text((1120, 180), "Trung tâm Phục vụ", font=font, fill=0)
    draw.text((120, 420), "5", font=font, fill=0)
    boxes = [
        (100, 100, 1000, 300),
        (1100, 100, 1900, 300),
        (100, 400, 400, 600),
        (1100, 400, 1900, 600),
    ]
    cells = read_cells(page.convert("1"), boxes, binary=tesseract_binary("test"), dpi=DPI)
    texts = [" ".join(w.text for w in words) if words else None for words in cells]
    assert texts == ["Ông Đặng Quốc Việt", "Phó Giám đốc, Trung tâm Phục vụ", "5", None]
    for words, (left, top, right, bottom) in zip(cells[:3], boxes[:3], strict=True):
        assert words is not None
        assert all(
            left <= w.box[0] < w.box[2] <= right and top <= w.box[1] < w.box[3] <= bottom
            for w in words
        )


def _award_scan(render: ModuleType, text: str, tmp_path: Path, seed: int) -> Image.Image:
    """The first page of ``text`` rendered (its " | " rows as a ruled table), rasterised at
    300 dpi and made to look scanned."""
    render.render_pdf(text, tmp_path / "decision.pdf")
    image = pdfium.PdfDocument(str(tmp_path / "decision.pdf"))[0].render(scale=DPI / 72).to_pil()
    return degrade(image, seed)


def test_scanned_award_table_becomes_rows_and_awards(
    render: ModuleType, source_text: Callable[[str], str], tmp_path: Path
) -> None:
    text = source_text(DECISION)
    expected = [line.split(" | ") for line in text.split("\n") if " | " in line]
    buffer = io.BytesIO()
    _award_scan(render, text, tmp_path, seed=1).save(buffer, format="PNG", dpi=(DPI, DPI))
    doc = read_bytes(buffer.getvalue(), filename="quyet-dinh-210.png")
    assert doc.source.ocr
    assert [table.page for table in doc.tables] == [1]
    rows = doc.tables[0].rows
    assert [len(row) for row in rows] == [len(row) for row in expected]
    assert [row[0] for row in rows] == [row[0] for row in expected]
    for got, want in zip(rows, expected, strict=True):
        assert character_accuracy(" | ".join(want), " | ".join(got)) >= 0.9, got
    text_rows = [line for line in doc.text.split("\n") if " | " in line]
    assert text_rows == [" | ".join(row) for row in rows]
    names = [award.recipient.name for award in analyze(doc).awards]
    assert names == [row[1] for row in expected[1:]]


def test_scanned_pdf_page_tables_carry_their_page(
    render: ModuleType, source_text: Callable[[str], str], tmp_path: Path
) -> None:
    from fpdf import FPDF

    scan = tmp_path / "scan.png"
    _award_scan(render, source_text(DECISION), tmp_path, seed=7).save(scan)
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(render.FONT))
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Trang có lớp chữ: Sở Nội vụ tỉnh Quảng Trị trình danh sách khen thưởng.")
    pdf.add_page()
    pdf.image(str(scan), x=0, y=0, w=210, h=297)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(bytes(pdf.output()))
    doc = read_path(path)
    assert [(table.page, len(table.rows)) for table in doc.tables] == [(2, 5)]
    assert doc.tables[0].rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị"]
    assert "STT | Họ và tên | Chức vụ, đơn vị" in doc.text[doc.page_starts[1] :]
