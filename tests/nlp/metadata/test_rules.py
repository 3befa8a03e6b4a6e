"""Rule table for extract_metadata (tests/nlp/metadata/data/cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.metadata import extract_metadata
from nlp.normalize import normalize_text

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "cases.yaml").read_text(encoding="utf-8")
)


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    text = normalize_text(case["text"])
    result = extract_metadata(text)
    meta = result.metadata
    for name, expected in case.get("expect", {}).items():
        if name == "signers":
            got: Any = [[s.authority, s.position, s.name] for s in meta.signers]
        else:
            got = getattr(meta, name)
        assert got == expected, name
    for warning in case.get("warnings", []):
        assert warning in result.warnings
    for warning in case.get("no_warnings", []):
        assert warning not in result.warnings


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_evidence_points_into_text(case: dict[str, Any]) -> None:
    text = normalize_text(case["text"])
    meta = extract_metadata(text).metadata
    for name, (start, end) in meta.evidence.items():
        assert 0 <= start <= end <= len(text), name
    if meta.number is not None:
        start, end = meta.evidence["number"]
        assert text[start:end].replace(" ", "") == meta.number
    for signer in meta.signers:
        assert signer.name is not None
        assert signer.name.split()[-1] in text[signer.start : signer.end]
