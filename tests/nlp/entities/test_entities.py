"""Recogniser rules (table in entity_cases.yaml), offsets, the issue's sentence, import cost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.entities import extract_entities
from nlp.record import Entity

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "entity_cases.yaml").read_text(encoding="utf-8")
)["cases"]


def _found(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.label, e.text) for e in entities}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule(case: dict[str, Any]) -> None:
    entities = extract_entities(case["text"])
    found = _found(entities)
    canonical = {(e.label, e.text): e.canonical for e in entities}
    for row in case.get("expect", []):
        label, text = row[0], row[1]
        assert (label, text) in found, f"{label} {text!r} not in {sorted(found)}"
        if len(row) > 2:
            assert canonical[(label, text)] == row[2]
    for label, text in case.get("absent", []):
        assert (label, text) not in found, f"{label} {text!r} found"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_offsets(case: dict[str, Any]) -> None:
    text = case["text"]
    for entity in extract_entities(text):
        assert text[entity.start : entity.end] == entity.text
        assert entity.canonical


ISSUE_SENTENCE = (
    "Văn phòng Chính phủ có Thông báo số 63/TB-VPCP kết luận của Thủ tướng Chính phủ "
    "Nguyễn Xuân Phúc tại phiên họp của Hội đồng Thi đua - Khen thưởng Trung ương. Bộ Nội vụ "
    "khẩn trương hoàn thiện Dự án Luật Thi đua, khen thưởng (sửa đổi) theo tinh thần Chỉ thị "
    "số 34-CT/TƯ của Bộ Chính trị. Tặng Bằng khen của Thủ tướng Chính phủ cho ông Trần Văn "
    "Nam, Giám đốc Sở Nội vụ tỉnh Nghệ An."
)


def test_issue_sentence() -> None:
    got = {(e.label, e.canonical) for e in extract_entities(ISSUE_SENTENCE)}
    expected = {
        ("ORG", "Văn phòng Chính phủ"),
        ("POSITION", "Thủ tướng Chính phủ"),
        ("PERSON", "Nguyễn Xuân Phúc"),
        ("ORG", "Hội đồng Thi đua - Khen thưởng Trung ương"),
        ("ORG", "Bộ Nội vụ"),
        ("LEGAL_REF", "34-CT/TW"),
        ("LEGAL_REF", "Luật Thi đua, khen thưởng"),
        ("ORG", "Bộ Chính trị"),
        ("AWARD", "Bằng khen của Thủ tướng Chính phủ"),
        ("PERSON", "Trần Văn Nam"),
        ("ORG", "Sở Nội vụ tỉnh Nghệ An"),
    }
    assert expected <= got, expected - got
    labels = {(e.label, e.text) for e in extract_entities(ISSUE_SENTENCE)}
    assert ("ORG", "Sở Nội vụ") not in labels  # the longer span wins


def test_entities_in_text_order() -> None:
    entities = extract_entities(ISSUE_SENTENCE)
    assert [e.start for e in entities] == sorted(e.start for e in entities)


def test_empty_text() -> None:
    assert extract_entities("") == []


def test_citations_passed_in_give_the_same_result() -> None:
    from nlp.citations import extract_citations

    again = extract_entities(ISSUE_SENTENCE, citations=extract_citations(ISSUE_SENTENCE))
    assert again == extract_entities(ISSUE_SENTENCE)


def test_import_is_cheap() -> None:
    code = "import sys, nlp.entities; print('spacy' in sys.modules, 'underthesea' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
