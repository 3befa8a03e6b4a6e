"""PDF text layers: reading order, pages, furniture, tables, pages without text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.read import read_path
from nlp.normalize import normalize_text

TB = "thong_bao-45-tb-ubnd-2026"
QD = "quyet_dinh-210-qd-ubnd-2026"
CT = "chi_thi-07-ct-bnnmt-2026"


def _words(text: str) -> list[str]:
    return normalize_text(text).split()


def test_header_columns_read_one_after_the_other(
    fixtures: dict[str, Path], source_text: Callable[[str], str]
) -> None:
    doc = read_path(fixtures[f"{TB}.pdf"])
    header = [line for line in source_text(TB).split("\n") if line.strip()][:6]
    assert doc.text.split("\n")[:6] == header


def test_text_and_diacritics_survive(
    fixtures: dict[str, Path], source_text: Callable[[str], str]
) -> None:
    doc = read_path(fixtures[f"{TB}.pdf"])
    assert _words(doc.text) == _words(source_text(TB))
    assert doc.source.media_type == "application/pdf"
    assert doc.source.pages == 1
    assert doc.page_starts == [0]


def test_running_heads_and_page_numbers_are_removed(
    fixtures: dict[str, Path], source_text: Callable[[str], str]
) -> None:
    doc = read_path(fixtures["congbao.pdf"])
    pages = doc.source.pages
    assert pages is not None
    assert pages >= 3
    assert f"removed Công báo running head on {pages} pages" in doc.source.warnings
    assert "CÔNG BÁO" not in doc.text
    assert _words(doc.text) == _words(source_text(CT))


def test_page_starts_point_at_each_page(fixtures: dict[str, Path]) -> None:
    doc = read_path(fixtures["congbao.pdf"])
    starts = doc.page_starts
    assert doc.source.pages == len(starts)
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    assert all(doc.text[s - 1] == "\n" for s in starts[1:])


def test_ruled_table_rows_are_extracted(
    fixtures: dict[str, Path], source_text: Callable[[str], str]
) -> None:
    doc = read_path(fixtures[f"{QD}.pdf"])
    rows = [line for line in source_text(QD).split("\n") if " | " in line]
    assert [t.rows for t in doc.tables] == [[r.split(" | ") for r in rows]]
    assert doc.tables[0].page == 1
    text_rows = [line for line in doc.text.split("\n") if " | " in line]
    assert text_rows == rows
    assert _words(doc.text) == _words(source_text(QD))


def test_page_without_text_layer_is_a_warning(fixtures: dict[str, Path]) -> None:
    doc = read_path(fixtures["one-blank-page.pdf"])
    assert doc.source.pages == 3
    assert doc.source.warnings == ["page 2 has no text layer; OCR used; OCR found no text"]
    assert doc.source.ocr
    assert doc.source.page_confidence == [100.0, 0.0, 100.0]
    assert "Trang có chữ số 1" in doc.text
    assert "Trang có chữ số 3" in doc.text
    assert doc.page_starts[1] == doc.page_starts[2]


def test_unruled_pages_have_no_tables(fixtures: dict[str, Path]) -> None:
    assert read_path(fixtures["congbao.pdf"]).tables == []


def test_benchmark_counts_pages(fixtures: dict[str, Path]) -> None:
    from ingest.bench import pdf_pages_per_second

    assert pdf_pages_per_second([fixtures["congbao.pdf"], fixtures[f"{TB}.pdf"]]) > 0
