"""Every real document in ../shared/corpus-real/docs goes through the whole analysis.

Runs only when ``VANBAN_REAL_CORPUS`` names that folder (``.ci/run`` sets it when present).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.record import Record
from search_api.extraction import extract_file

REAL = os.environ.get("VANBAN_REAL_CORPUS")
DOCS = sorted(Path(REAL, "docs").glob("*.txt")) if REAL else []
pytestmark = [
    pytest.mark.real_corpus,
    pytest.mark.skipif(not REAL, reason="VANBAN_REAL_CORPUS is not set"),
]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_real_document_is_analysed_with_consistent_offsets(path: Path) -> None:
    record = extract_file(path)
    assert isinstance(record, Record), record
    text = record.text
    for start, end in record.metadata.evidence.values():
        assert 0 <= start <= end <= len(text)
    for item in [*record.tasks, *record.citations, *record.awards]:
        assert 0 <= item.start <= item.end <= len(text)
    for citation in record.citations:
        assert text[citation.start : citation.end] == citation.text
