"""DOCX: body order, layout tables column by column, data tables as " | " rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.read import read_path
from nlp.normalize import normalize_text

TB = "thong_bao-45-tb-ubnd-2026"
QD = "quyet_dinh-210-qd-ubnd-2026"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("name", [TB, QD, "chi_thi-07-ct-bnnmt-2026"])
def test_docx_reads_back_its_source(
    fixtures: dict[str, Path], source_text: Callable[[str], str], name: str
) -> None:
    doc = read_path(fixtures[f"{name}.docx"])
    assert doc.text == normalize_text(source_text(name))
    assert doc.source.media_type == DOCX
    assert doc.source.pages is None


def test_header_layout_table_reads_column_by_column(fixtures: dict[str, Path]) -> None:
    lines = read_path(fixtures[f"{TB}.docx"]).text.split("\n")
    assert lines.index("Số: 45/TB-UBND") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert lines.index("- Lưu: VT, KGVX.") < lines.index("TL. CHỦ TỊCH")


def test_data_table_rows(fixtures: dict[str, Path], source_text: Callable[[str], str]) -> None:
    doc = read_path(fixtures[f"{QD}.docx"])
    rows = [line.split(" | ") for line in source_text(QD).split("\n") if " | " in line]
    assert [t.rows for t in doc.tables] == [rows]


def _docx(tmp_path: Path, rows: list[list[list[str]]]) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Trước bảng")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, paragraphs in enumerate(cells):
            cell = table.cell(r, c)
            cell.paragraphs[0].text = paragraphs[0]
            for extra in paragraphs[1:]:
                cell.add_paragraph(extra)
    document.add_paragraph("Sau bảng")
    path = tmp_path / "bang.docx"
    document.save(str(path))
    return path


TABLE_CASES = [
    (  # 2 columns, 1 row: layout, left cell then right cell
        [[["BỘ NỘI VỤ", "Số: 5/BNV"], ["CỘNG HÒA", "Hà Nội, ngày 1 tháng 2 năm 2026"]]],
        "Trước bảng\nBỘ NỘI VỤ\nSố: 5/BNV\nCỘNG HÒA\nHà Nội, ngày 1 tháng 2 năm 2026\nSau bảng\n",
        0,
    ),
    (  # 3 columns, 4 rows of single paragraphs: data
        [[["STT"], ["Họ và tên"], ["Đơn vị"]], [["1"], ["Ông Lê Văn An"], ["Sở Y tế"]],
         [["2"], ["Bà Mai Thị Hoa"], ["Sở Tư pháp"]], [["20"], ["Ông Vũ Đình Tâm"], ["Sở Xây dựng"]]],
        "Trước bảng\nSTT | Họ và tên | Đơn vị\n1 | Ông Lê Văn An | Sở Y tế\n"
        "2 | Bà Mai Thị Hoa | Sở Tư pháp\n20 | Ông Vũ Đình Tâm | Sở Xây dựng\nSau bảng\n",
        1,
    ),
    (  # 3 columns, 1 row, a cell with several paragraphs: layout
        [[["Nơi nhận:", "- Như trên;", "- Lưu: VT."], [""], ["KT. GIÁM ĐỐC", "Trần Văn Bình"]]],
        "Trước bảng\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nTrần Văn Bình\nSau bảng\n",
        0,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "expected", "tables"), TABLE_CASES)
def test_layout_or_data_table(
    tmp_path: Path, rows: list[list[list[str]]], expected: str, tables: int
) -> None:
    doc = read_path(_docx(tmp_path, rows))
    assert doc.text == expected
    assert len(doc.tables) == tables
