"""OCR on the image-only scans of the shared real corpus: number and date per file
(character accuracy against the transcriptions is in ``test_ocr_scans``).

Runs only when VANBAN_REAL_CORPUS points at the shared real corpus (not part of the project).
Known limits (see tests/ingest/data/real_scans.tsv): numbers and days stamped in a
hand-drawn style are misread by Tesseract and read again glyph by glyph
(``ingest.ocr.fields``); a number, day and month written by hand with a pen (2871) are not
read.
"""

from __future__ import annotations

import csv
import os
from functools import cache
from pathlib import Path

import pytest

from ingest.ocr.evaluate import header_matches
from ingest.read import read_path
from nlp.record import ParsedDocument

_ROOT = os.environ.get("VANBAN_REAL_CORPUS")
pytestmark = [
    pytest.mark.real_corpus,
    pytest.mark.skipif(not _ROOT, reason="VANBAN_REAL_CORPUS is not set"),
]
ROOT = Path(_ROOT or ".")
DATA = Path(__file__).parent / "data"
PRINTED = ("printed", "colour scan")
"""Scans whose number and date are printed: these must be read right."""
STAMPED = "number and day stamped"
"""Scans whose number and day are stamped in a hand-drawn style: these must be read right."""
MIN_RIGHT = 8
"""Of the 9 scans; the one with a handwritten number, day and month is not read."""


def _expected() -> list[dict[str, str]]:
    with (DATA / "real_scans.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@cache
def _read(name: str) -> ParsedDocument:
    return read_path(ROOT / "pdf" / name)


@pytest.mark.parametrize(
    "row", [r for r in _expected() if r["note"].startswith(PRINTED)], ids=lambda r: r["file"]
)
def test_printed_number_and_date_are_read(row: dict[str, str]) -> None:
    doc = _read(row["file"])
    assert doc.source.ocr
    assert doc.source.page_confidence is not None
    assert min(doc.source.page_confidence) > 80
    check = header_matches(doc.text, row["number"], row["issued_date"])
    assert check.ok, check


@pytest.mark.parametrize(
    "row", [r for r in _expected() if r["note"].startswith(STAMPED)], ids=lambda r: r["file"]
)
def test_stamped_number_and_date_are_read(row: dict[str, str]) -> None:
    check = header_matches(_read(row["file"]).text, row["number"], row["issued_date"])
    assert check.ok, check


def test_number_and_date_right_for_most_scans() -> None:
    rows = _expected()
    right = [
        r["file"]
        for r in rows
        if header_matches(_read(r["file"]).text, r["number"], r["issued_date"]).ok
    ]
    assert len(right) >= MIN_RIGHT, right
