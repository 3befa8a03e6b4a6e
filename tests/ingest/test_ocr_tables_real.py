"""Ruled tables on the image-only scans of the shared real corpus: found on the page that has
one and nowhere else, and read as rows.

Runs only when VANBAN_REAL_CORPUS points at the shared real corpus and Tesseract with its
Vietnamese model is installed. None of the scans is an award decision with a ruled list (the
2871 decision lists its recipients as numbered lines), so awards from an OCR'd table are
checked on a rendered decision in ``test_ocr_tables``.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from ingest.ocr.accuracy import character_accuracy
from ingest.ocr.grid import find_grids
from ingest.ocr.pages import DPI
from ingest.ocr.prepare import prepare
from ingest.read import read_path
from nlp.record import ParsedDocument
from tests.ingest.real_scans import MARKS, ROOT

pytestmark = MARKS
DATA = Path(__file__).parent / "data" / "tables"
NOMINEES = "2753-TTr-STP-QuangBinh_khenthuong_totrinh_scan.pdf"
MIN_ACCURACY = 0.97
"""Of the table's text (its rows, one a line) against the transcription; measured 0.998
(the Roman numeral "I" of the first group is read as "1")."""


def _pages() -> list[tuple[str, int, int]]:
    with (DATA / "real_ruled_pages.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(row["file"], int(row["page"]), int(row["tables"])) for row in rows]


@cache
def _read(name: str) -> ParsedDocument:
    return read_path(ROOT / "pdf" / name)


def test_every_scan_page_is_listed() -> None:
    listed = {(name, page) for name, page, _count in _pages()}
    found: set[tuple[str, int]] = set()
    for path in sorted((ROOT / "pdf").glob("*_scan.pdf")):
        doc = pdfium.PdfDocument(str(path))
        found.update((path.name, page) for page in range(1, len(doc) + 1))
        doc.close()
    assert listed == found


@pytest.mark.parametrize(("name", "page", "count"), _pages(), ids=lambda v: str(v))
def test_ruled_tables_are_found_where_there_are_some(name: str, page: int, count: int) -> None:
    doc = pdfium.PdfDocument(str(ROOT / "pdf" / name))
    image = doc[page - 1].render(scale=DPI / 72).to_pil()
    doc.close()
    assert len(find_grids(np.asarray(prepare(image)), DPI)) == count


def test_nominee_table_is_read_as_rows() -> None:
    expected = [
        line.split("\t")
        for line in (DATA / "2753-TTr-STP-QuangBinh.p2.tsv").read_text("utf-8").splitlines()
    ]
    doc = _read(NOMINEES)
    assert [(table.page, len(table.rows)) for table in doc.tables] == [(2, len(expected))]
    rows = doc.tables[0].rows
    assert all(len(row) == 2 for row in rows)
    got = "\n".join(" | ".join(row) for row in rows)
    want = "\n".join(" | ".join(row) for row in expected)
    assert character_accuracy(want, got) >= MIN_ACCURACY
    page_two = doc.text[doc.page_starts[1] :]
    assert [line for line in page_two.splitlines() if " | " in line] == [
        " | ".join(r) for r in rows
    ]


def test_table_words_are_only_in_the_rows() -> None:
    doc = _read(NOMINEES)
    page_two = doc.text[doc.page_starts[1] :].splitlines()
    first = next(i for i, line in enumerate(page_two) if " | " in line)
    assert any("Kèm theo Tờ trình" in line for line in page_two[:first])
    outside = [line for line in page_two if " | " not in line]
    for row in doc.tables[0].rows[2:]:
        assert not any(row[1] in line for line in outside), row
