"""Every real PDF in $VANBAN_REAL_CORPUS/pdf reads without a crash; the text-layer ones give
the same header (number and date line) as the matching docs/*.txt after furniture removal.

Runs only when VANBAN_REAL_CORPUS points at the shared real corpus (not part of the project).
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from ingest.read import read_path
from nlp.furniture import strip_furniture
from nlp.normalize import normalize_text

_ROOT = os.environ.get("VANBAN_REAL_CORPUS")
pytestmark = [
    pytest.mark.real_corpus,
    pytest.mark.skipif(not _ROOT, reason="VANBAN_REAL_CORPUS is not set"),
]
ROOT = Path(_ROOT or ".")
_NUMBER = re.compile(r"Số\s*:\s*(\d*\s*/\s*[^\s]+)")
_DATE = re.compile(r"ngày[\s\d]*tháng[\s\d]*năm[\s\d]*")


def _pdfs() -> list[Path]:
    return sorted((ROOT / "pdf").glob("*.pdf")) if _ROOT else []


def _text_layer_pairs() -> list[tuple[Path, Path]]:
    if not _ROOT:
        return []
    with (ROOT / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    pairs = {
        (ROOT / row["pdf_in_corpus"], ROOT / row["filename"])
        for row in rows
        if row.get("pdf_in_corpus", "").endswith("textlayer.pdf")
    }
    return sorted(pairs)


def _header(text: str) -> tuple[str | None, str | None, str]:
    number = _NUMBER.search(text)
    date = _DATE.search(text)
    first = next(line.strip() for line in text.split("\n") if line.strip())
    return (
        re.sub(r"\s+", "", number.group(1)) if number else None,
        " ".join(date.group(0).split()) if date else None,
        first,
    )


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda p: p.name)
def test_every_pdf_reads_or_fails_cleanly(pdf: Path) -> None:
    doc = read_path(pdf)
    if "_scan" in pdf.name:  # image-only scans are read by OCR
        assert doc.source.ocr
    assert doc.text.strip()
    assert doc.source.pages == len(doc.page_starts)
    assert "CÔNG BÁO/Số" not in doc.text


@pytest.mark.parametrize(("pdf", "txt"), _text_layer_pairs(), ids=lambda p: p.name)
def test_text_layer_header_matches_the_text(pdf: Path, txt: Path) -> None:
    from_pdf = _header(read_path(pdf).text)
    from_txt = _header(strip_furniture(normalize_text(txt.read_text("utf-8-sig")))[0])
    assert from_pdf[:2] == from_txt[:2]
    assert from_pdf[0] is not None
    assert from_pdf[1] is not None
    # the .txt copies made by pdfplumber merge the two header columns into one line
    assert from_txt[2].startswith(from_pdf[2])
