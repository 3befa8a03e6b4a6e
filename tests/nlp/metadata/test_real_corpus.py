"""Number and date over the real documents in corpus-real/docs (set VANBAN_REAL_CORPUS)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.metadata import extract_metadata
from nlp.normalize import normalize_text

pytestmark = pytest.mark.real_corpus

_TABLE = Path(__file__).parent / "data" / "real_corpus.tsv"
_OCR_LOST = {"990-TB-TCT.txt"}  # the month of the date line is lost by OCR


def _rows() -> list[tuple[str, str | None, str | None]]:
    rows = []
    lines = [x for x in _TABLE.read_text(encoding="utf-8").splitlines() if x and x[0] != "#"]
    for line in lines[1:]:
        name, number, date = line.split("\t")
        rows.append((name, None if number == "-" else number, None if date == "-" else date))
    return rows


def _docs() -> Path:
    root = os.environ.get("VANBAN_REAL_CORPUS")
    if not root:
        pytest.skip("VANBAN_REAL_CORPUS is not set")
    return Path(root) / "docs"


@pytest.mark.parametrize(("name", "number", "date"), _rows(), ids=[r[0] for r in _rows()])
def test_number_and_date(name: str, number: str | None, date: str | None) -> None:
    path = _docs() / name
    if not path.exists():
        pytest.skip(f"{name} not in corpus-real")
    result = extract_metadata(normalize_text(path.read_text(encoding="utf-8")))
    assert result.metadata.number == number
    if number is None:
        assert "number_blank" in result.warnings
    if name in _OCR_LOST:
        pytest.xfail("OCR lost the month")
    assert result.metadata.issued_date == date
    if date is None:
        assert "date_blank" in result.warnings


def test_table_covers_the_folder() -> None:
    docs = _docs()
    listed = {r[0] for r in _rows()}
    assert {p.name for p in docs.glob("*.txt")} <= listed
