"""nlp.furniture: running heads, page numbers and e-signature stamps (cases in a data file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.furniture import strip_furniture, strip_pages

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "fixtures" / "furniture_cases.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES["text_cases"], ids=lambda c: c["id"])
def test_strip_furniture(case: dict[str, Any]) -> None:
    cleaned, warnings = strip_furniture(case["text"])
    assert cleaned == case["expected"]
    assert warnings == case["warnings"]


@pytest.mark.parametrize("case", CASES["page_cases"], ids=lambda c: c["id"])
def test_strip_pages(case: dict[str, Any]) -> None:
    cleaned, warnings = strip_pages(case["pages"])
    assert cleaned == case["expected"]
    assert warnings == case["warnings"]


def test_clean_text_is_left_alone() -> None:
    text = "THÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh\n"
    assert strip_furniture(text) == (text, [])


def test_stripping_twice_changes_nothing_more() -> None:
    case = next(c for c in CASES["text_cases"] if c["id"] == "head-and-stamp-together")
    once, _ = strip_furniture(case["text"])
    assert strip_furniture(once) == (once, [])
