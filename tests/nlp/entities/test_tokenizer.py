"""The syllable tokenizer keeps the text exactly: round trip, offsets, the View of words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.entities.loader import load_pipeline

HERE = Path(__file__).parent
CASES: list[dict[str, Any]] = yaml.safe_load(
    (HERE / "tokenizer_cases.yaml").read_text(encoding="utf-8")
)["cases"]
CORPUS = sorted((HERE.parents[2] / "corpus").glob("*.txt"))


def _check(text: str) -> list[str]:
    doc = load_pipeline().make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    view = doc.user_data["vanban_view"]
    for word, start, end, index in zip(
        view.words, view.starts, view.ends, view.tokens, strict=True
    ):
        assert text[start:end] == word
        assert doc[index].idx == start
        assert doc[index].text == word
        assert not word.isspace()
    assert [t.text for t in doc if not t.is_space] == view.words
    return list(view.words)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_round_trip(case: dict[str, Any]) -> None:
    words = _check(case["text"])
    if "words" in case:
        assert words == case["words"]


@pytest.mark.parametrize("path", CORPUS[:12], ids=[p.stem for p in CORPUS[:12]])
def test_round_trip_on_corpus(path: Path) -> None:
    _check(path.read_text(encoding="utf-8"))
