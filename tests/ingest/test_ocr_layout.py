"""Page layout after Tesseract: received stamps dropped, the two header columns read one
after the other, figure blocks read again, noise lines recognised (``ingest.ocr.stamps``,
``columns``, ``regions``, ``noise``), on hand-made layouts and a rendered page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest.ocr.columns import order_columns, pieces
from ingest.ocr.engine import Figure, Layout, Line, Word, line_of, tesseract_binary, tsv_layout
from ingest.ocr.noise import is_noise
from ingest.ocr.regions import read_figures
from ingest.ocr.stamps import drop_stamps, find_stamps, stamp_word

DATA = Path(__file__).parent / "data"
DPI = 300
WIDTH, HEIGHT = 2500, 3500


def _line(*pieces: tuple[str, int], top: int, height: int = 50, conf: float = 95.0) -> Line:
    """A line of pieces of text, each given as (words, left): 25 px per character, 20 px
    between words."""
    made: list[Word] = []
    for text, left in pieces:
        for word in text.split():
            made.append(Word(word, (left, top, left + 25 * len(word), top + height), conf))
            left += 25 * len(word) + 20
    return line_of(made)


def _stamp_cases() -> list[tuple[str, str | None]]:
    rows = (DATA / "ocr_stamp_words.tsv").read_text("utf-8").splitlines()
    cases = [row.split("\t") for row in rows if row and not row.startswith("#")]
    return [(word, None if kind == "-" else kind) for word, kind in cases]


@pytest.mark.parametrize(("word", "kind"), _stamp_cases())
def test_stamp_wording_is_read_loosely(word: str, kind: str | None) -> None:
    assert stamp_word(word) == kind


# A received stamp at the left under the number, drawn as four rule lines (Tesseract's
# figure blocks), its words merged into the title line beside it.
RULES = (
    Figure((170, 740, 730, 755), 0),
    Figure((165, 745, 178, 960), 0),
    Figure((722, 745, 735, 960), 0),
    Figure((170, 950, 730, 962), 0),
)
STAMP_PAGE = Layout(
    lines=(
        _line(("Số:", 300), ("12/QĐ-TTg", 400), top=600),
        _line(("CÔNG", 200), ("THÔNG", 320), ("TIN", 470), top=770),
        _line(("ĐẾN", 200), ("Ngày:.23.4.2026", 300), ("QUYẾT", 1100), ("ĐỊNH", 1260), top=860),
        _line(("Căn", 300), ("cứ", 400), ("Luật", 470), top=1100),
    ),
    figures=RULES,
)


def test_received_stamp_is_found_from_its_words_and_rules() -> None:
    assert find_stamps(STAMP_PAGE, DPI) == [(165, 740, 735, 962)]


def test_received_stamp_words_are_dropped_and_lines_around_it_kept() -> None:
    page, count = drop_stamps(STAMP_PAGE, DPI)
    assert count == 1
    assert [line.text for line in page.lines] == ["Số: 12/QĐ-TTg", "QUYẾT ĐỊNH", "Căn cứ Luật"]
    assert page.figures == ()


def test_stamp_wording_without_a_ruled_box_is_kept() -> None:
    loose = Layout(STAMP_PAGE.lines, RULES[:1])
    assert find_stamps(loose, DPI) == []
    assert drop_stamps(loose, DPI) == (loose, 0)


def test_figure_positions_follow_the_dropped_lines() -> None:
    seal = Figure((1400, 2600, 2300, 3100), 4)
    page, _count = drop_stamps(Layout(STAMP_PAGE.lines, (*RULES, seal)), DPI)
    assert page.figures == (Figure(seal.box, 3),)


HEADER = [
    _line(("VĂN PHÒNG CHÍNH PHỦ", 330), ("CỘNG HOÀ XÃ", 1120), top=285),
    _line(("Độc lập", 1330), top=357),
    _line(("Số: 3722/VPCP-CN", 430), ("Hà Nội, ngày 28", 1270), top=490),
    _line(("V/v cơ chế", 300), top=565),
    _line(("khẩn cấp", 320), top=620),
    _line(("Kính gửi:", 705), top=925),
    _line(("Xét đề nghị của Ủy ban nhân dân tỉnh Đồng Nai tại văn bản số 92/TTr", 465), top=1250),
    _line(("Số: liệu", 400), ("Hà Nội", 1400), top=2000),
]


def test_words_are_cut_at_column_gaps_only() -> None:
    assert [[w.text for w in part] for part in pieces(HEADER[2])] == [
        ["Số:", "3722/VPCP-CN"],
        ["Hà", "Nội,", "ngày", "28"],
    ]
    assert len(pieces(HEADER[6])) == 1


def test_header_is_read_row_by_row_left_column_first() -> None:
    lines = order_columns(HEADER, WIDTH, HEIGHT)
    assert [line.text for line in lines] == [
        "VĂN PHÒNG CHÍNH PHỦ",
        "CỘNG HOÀ XÃ",
        "Độc lập",
        "Số: 3722/VPCP-CN",
        "V/v cơ chế",
        "khẩn cấp",
        "Hà Nội, ngày 28",
        "Kính gửi:",
        HEADER[6].text,
        "Số: liệu Hà Nội",
    ]
    assert [line.new_paragraph for line in lines[:7]] == [
        False,
        True,
        False,
        False,
        False,
        False,
        True,
    ]


def test_a_line_read_again_is_cut_where_its_words_were() -> None:
    read = _line(("Số: #2/QĐ-TTg", 430), ("Hà Nội, ngày?3 tháng 4", 1270), top=490)
    again = replace(read, text="Số: 729/QĐ-TTg Hà Nội, ngày 23 tháng 4", confidence=97.0)
    lines = order_columns([HEADER[0], HEADER[1], again], WIDTH, HEIGHT)
    assert [line.text for line in lines] == [
        "VĂN PHÒNG CHÍNH PHỦ",
        "CỘNG HOÀ XÃ",
        "Độc lập",
        "Số: 729/QĐ-TTg",
        "Hà Nội, ngày 23 tháng 4",
    ]


def test_page_without_two_columns_is_left_alone() -> None:
    body = [HEADER[6], HEADER[5]]
    assert order_columns(body, WIDTH, HEIGHT) == body


@pytest.mark.parametrize(
    ("text", "confidence", "noise"),
    [
        ("——— _—", 90.0, True),
        ("TT8I", 42.0, True),
        ("] 11", 48.0, True),
        ("TƯƠNG", 52.0, True),
        ("Điều 1", 70.0, False),
        ("Điều 10", 40.0, False),
        ("2", 93.0, False),
        ("Lê Minh Hưng", 90.0, False),
    ],
)
def test_noise_lines(text: str, confidence: float, noise: bool) -> None:
    assert is_noise(Line(text, (0, 0, 100, 40), confidence, len(text))) is noise


def test_tsv_layout_keeps_figure_blocks_in_reading_order() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "2\t1\t1\t0\t0\t0\t10\t10\t200\t30\t-1\t",
        "5\t1\t1\t1\t1\t1\t10\t10\t30\t20\t90\tNơi",
        "5\t1\t1\t1\t1\t2\t50\t12\t80\t20\t90\tnhận:",
        "2\t1\t2\t0\t0\t0\t300\t100\t800\t500\t-1\t",
        "5\t1\t2\t1\t1\t1\t300\t100\t800\t500\t95\t ",
        "2\t1\t3\t0\t0\t0\t10\t700\t40\t20\t-1\t",
        "5\t1\t3\t1\t1\t1\t10\t700\t40\t20\t90\tHà",
    ]
    layout = tsv_layout("\n".join([header, *rows]))
    assert [line.text for line in layout.lines] == ["Nơi nhận:", "Hà"]
    assert layout.figures == (Figure((300, 100, 1100, 600), 1),)
    assert [w.text for w in layout.lines[0].words] == ["Nơi", "nhận:"]


def test_text_in_a_figure_block_is_read_again_in_place(render: ModuleType) -> None:
    page = Image.new("L", (1600, 900), 255)
    font = ImageFont.truetype(str(render.FONT), 44)
    draw = ImageDraw.Draw(page)
    draw.text((100, 100), "Nơi nhận: Như trên", font=font, fill=0)
    draw.text((900, 400), "KT. BỘ TRƯỞNG", font=font, fill=0)
    draw.text((900, 600), "Nguyễn Văn An", font=font, fill=0)
    prepared = page.convert("1")
    before = _line(("Nơi", 100), ("nhận:", 200), top=100)
    after = _line(("Lưu:", 100), top=800)
    layout = Layout((before, after), (Figure((850, 350, 1500, 700), 1),))
    lines = read_figures(prepared, layout, binary=tesseract_binary("test"), dpi=DPI)
    assert [line.text for line in lines] == ["Nơi nhận:", "KT. BỘ TRƯỞNG", "Nguyễn Văn An", "Lưu:"]
    assert lines[1].new_paragraph
    assert 850 <= lines[1].box[0] < lines[1].box[2] <= 1500
