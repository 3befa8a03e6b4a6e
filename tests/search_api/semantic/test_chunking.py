"""Chunking: the rule table, and offsets and limits on every corpus document."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.record import Record
from search_api.extraction import Failure, extract_file
from search_api.semantic.chunking import chunk_record, chunk_rules, chunk_text, head_text

CASES = yaml.safe_load((Path(__file__).parent / "data" / "chunk_cases.yaml").read_text("utf-8"))
CORPUS = Path(__file__).resolve().parents[3] / "corpus"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_chunk_cases(case: dict[str, Any]) -> None:
    rules = replace(chunk_rules(), min_words=4, max_words=12)
    chunks = chunk_text(case["text"], head=case["head"], body_start=case.get("body_start", 0),
                        rules=rules)
    got = [[c.kind, " ".join(c.text.split()[:2])] for c in chunks]
    assert got == case["chunks"]
    if "texts" in case:
        assert [c.text for c in chunks] == case["texts"]
    assert [c.index for c in chunks] == list(range(len(chunks)))


@pytest.fixture(scope="module")
def corpus_records() -> list[Record]:
    records = [extract_file(p) for p in sorted(CORPUS.glob("*.txt"))]
    return [r for r in records if not isinstance(r, Failure)]


def test_corpus_chunks_keep_offsets_and_limits(corpus_records: list[Record]) -> None:
    rules = chunk_rules()
    assert len(corpus_records) >= 40
    for record in corpus_records:
        chunks = chunk_record(record)
        assert chunks, record.source.filename
        assert chunks[0].kind == "head"
        for chunk in chunks[1:]:
            inside = record.text[chunk.start:chunk.end].split()
            assert chunk.text.split()[0] == inside[0]
            assert chunk.text.split()[-1] == inside[-1]
            assert set(chunk.text.split()) <= set(inside)
            assert len(chunk.text.split()) <= rules.max_words
            assert "Nơi nhận" not in chunk.text
        starts = [c.start for c in chunks[1:]]
        assert starts == sorted(starts)


def test_head_names_type_subject_and_issuer(corpus_records: list[Record]) -> None:
    record = next(r for r in corpus_records if r.metadata.number == "05/CT-TTg")
    assert head_text(record) == ("Chỉ thị Về việc tăng cường công tác phòng cháy, chữa cháy tại"
                                 " khu dân cư, chợ và trung tâm thương mại (Thủ tướng Chính phủ)")


def test_record_without_metadata_still_has_a_chunk(corpus_records: list[Record]) -> None:
    record = replace(corpus_records[0], metadata=type(corpus_records[0].metadata)())
    chunks = chunk_record(record)
    assert chunks
    assert all(c.kind == "body" for c in chunks)
