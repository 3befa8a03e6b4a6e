"""Citation extraction, table-driven from cases.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.citations import extract_citations
from nlp.normalize import normalize_text

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8")
)


def test_enough_cases() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    text = normalize_text(case["text"])
    found = extract_citations(text)
    got = [{k: getattr(c, k) for k in want} for c, want in zip(found, case["expect"], strict=False)]
    assert got == case["expect"]
    assert len(found) == len(case["expect"])


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_offsets_cover_text_in_order(case: dict[str, Any]) -> None:
    text = normalize_text(case["text"])
    found = extract_citations(text)
    assert [c.start for c in found] == sorted(c.start for c in found)
    for citation in found:
        assert text[citation.start : citation.end] == citation.text
        if citation.number:
            assert citation.number.replace("TW", "TƯ") in text.replace("\n", "").replace(
                " ", ""
            ) or citation.number in text.replace("\n", "").replace(" ", "")


def test_same_document_same_key() -> None:
    text = "Chỉ thị số 05-CT/TƯ và Chỉ thị số 5-CT/TW; Nghị định số 15/2018/NĐ-CP, 15/2018/ND-CP."
    keys = [c.key for c in extract_citations(text)]
    assert keys[0] == keys[1]
    assert keys[2] == keys[3]
    assert keys[0] != keys[2]


def test_deterministic() -> None:
    text = "Căn cứ Luật Thi đua, khen thưởng; Nghị định số 91/2017/NĐ-CP của Chính phủ."
    assert extract_citations(text) == extract_citations(text)
