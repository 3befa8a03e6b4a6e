"""Award extraction, table-driven from cases.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.awards import extract_awards
from nlp.normalize import normalize_text
from nlp.record import Award, Table

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8")
)
_RECIPIENT = ("name", "kind", "position", "unit")


def _flat(award: Award, keys: list[str]) -> dict[str, Any]:
    return {k: getattr(award.recipient, k) if k in _RECIPIENT else getattr(award, k) for k in keys}


def test_enough_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    text = normalize_text(case["text"])
    result = extract_awards(text, [])
    got = [_flat(a, list(want)) for a, want in zip(result.awards, case["expect"], strict=False)]
    assert got == case["expect"]
    assert len(result.awards) == len(case["expect"])
    assert result.warnings == case["warnings"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_offsets_cover_recipient_in_order(case: dict[str, Any]) -> None:
    text = normalize_text(case["text"])
    awards = extract_awards(text, []).awards
    assert [a.start for a in awards] == sorted(a.start for a in awards)
    for award in awards:
        assert text[award.start : award.end].startswith(award.recipient.name.split(",")[0])


def test_tables_used_when_text_lacks_rows() -> None:
    text = (
        "Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Nội vụ cho 01 cá nhân (có danh sách kèm theo).\n"
        "\nDANH SÁCH\nÔng Nguyễn Văn A\nChuyên viên Vụ Tiền lương\n"
    )
    table = Table(
        rows=[
            ["STT", "Họ và tên", "Chức vụ, đơn vị"],
            ["1", "Ông Nguyễn Văn A", "Chuyên viên Vụ Tiền lương"],
        ]
    )
    result = extract_awards(text, [table])
    assert [a.recipient.name for a in result.awards] == ["Ông Nguyễn Văn A"]
    award = result.awards[0]
    assert text[award.start : award.end] == "Ông Nguyễn Văn A"
    assert award.recipient.position == "Chuyên viên"
    assert result.warnings == []


def test_no_cue_no_work() -> None:
    assert extract_awards("Thông báo kết luận của Thủ tướng Chính phủ.", []).awards == []
