"""nlp.normalize.normalize_text (cases in tests/fixtures/normalize_cases.yaml)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from nlp.normalize import normalize_text

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "fixtures" / "normalize_cases.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_normalize_text(case: dict[str, str]) -> None:
    assert normalize_text(case["raw"]) == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_result_is_nfc_and_stable(case: dict[str, str]) -> None:
    once = normalize_text(case["raw"])
    assert unicodedata.is_normalized("NFC", once)
    assert normalize_text(once) == once
