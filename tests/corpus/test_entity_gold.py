"""Well-formedness of the entity gold in every ``corpus/*.gold.json`` (issue 4).

Offsets index the record text: the ``.txt`` after ``normalize_text`` and ``strip_furniture``
(what ``vanban extract`` puts in ``"text"``). Conventions: docs/annotation.md, "Entity
conventions". These tests do not run the entity extractor; they check the gold against the
text and against the other gold keys (signers, award recipients).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from nlp.furniture import strip_furniture
from nlp.normalize import normalize_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
STEMS = sorted(p.name.removesuffix(".gold.json") for p in CORPUS.glob("*.gold.json"))
ENTITY_KEYS = {"label", "text", "start", "end", "canonical"}
LABELS = {"PERSON", "ORG", "POSITION", "LOCATION", "AWARD", "LEGAL_REF", "DATE"}
REQUIRED_LABELS = {"PERSON", "ORG", "POSITION"}
HONORIFIC = re.compile(r"^(?:Ông|Bà|Đồng chí|đồng chí)\s+")
AUTHORITY_PREFIX = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\.\s")


@cache
def _record_text(stem: str) -> str:
    raw = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    return strip_furniture(normalize_text(raw))[0]


@cache
def _gold(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return data


def _entities(stem: str) -> list[dict[str, Any]]:
    ents: list[dict[str, Any]] = _gold(stem)["entities"]
    return ents


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_corpus_is_not_empty() -> None:
    assert len(STEMS) >= 40


@pytest.mark.parametrize("stem", STEMS)
def test_every_document_has_entities(stem: str) -> None:
    labels = {e["label"] for e in _entities(stem)}
    assert labels >= REQUIRED_LABELS, (stem, labels)


@pytest.mark.parametrize("stem", STEMS)
def test_entity_shape_and_offsets(stem: str) -> None:
    text = _record_text(stem)
    for ent in _entities(stem):
        assert set(ent) == ENTITY_KEYS, ent
        assert ent["label"] in LABELS, ent
        start, end = ent["start"], ent["end"]
        assert isinstance(start, int), ent
        assert isinstance(end, int), ent
        assert 0 <= start < end <= len(text), ent
        assert text[start:end] == ent["text"], (ent, text[start:end])
        assert ent["text"] == ent["text"].strip(), ent
        assert isinstance(ent["canonical"], str), ent
        assert ent["canonical"], ent
        assert ent["canonical"] == _flat(ent["canonical"]), ent


@pytest.mark.parametrize("stem", STEMS)
def test_entities_in_text_order_without_same_label_overlap(stem: str) -> None:
    ents = _entities(stem)
    keys = [(e["start"], e["end"]) for e in ents]
    assert keys == sorted(keys), stem
    last_end: dict[str, int] = {}
    for ent in ents:
        label = ent["label"]
        assert ent["start"] >= last_end.get(label, 0), (stem, ent)
        last_end[label] = ent["end"]


@pytest.mark.parametrize("stem", STEMS)
def test_person_and_position_spans_carry_no_prefix(stem: str) -> None:
    for ent in _entities(stem):
        if ent["label"] == "PERSON":
            assert not HONORIFIC.match(ent["text"]), ent
            assert ent["canonical"] == _flat(ent["text"]), ent
        if ent["label"] == "POSITION":
            assert not AUTHORITY_PREFIX.match(ent["text"]), ent


@pytest.mark.parametrize("stem", STEMS)
def test_signers_are_person_entities(stem: str) -> None:
    persons = {e["canonical"] for e in _entities(stem) if e["label"] == "PERSON"}
    for signer in _gold(stem)["metadata"]["signers"]:
        if signer["name"]:
            assert signer["name"] in persons, (stem, signer["name"])


@pytest.mark.parametrize("stem", STEMS)
def test_award_recipients_are_person_entities(stem: str) -> None:
    persons = {e["canonical"] for e in _entities(stem) if e["label"] == "PERSON"}
    for award in _gold(stem).get("awards", []):
        recipient = award["recipient"]
        if recipient["kind"] == "person":
            assert HONORIFIC.sub("", recipient["name"]) in persons, (stem, recipient["name"])


@pytest.mark.parametrize("stem", STEMS)
def test_issuer_is_an_entity_canonical(stem: str) -> None:
    meta = _gold(stem)["metadata"]
    canonicals = {e["canonical"] for e in _entities(stem) if e["label"] in {"ORG", "POSITION"}}
    if meta["issuer"]:
        assert meta["issuer"] in canonicals, (stem, meta["issuer"])
