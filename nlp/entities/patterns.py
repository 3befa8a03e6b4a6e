"""SpanRuler phrase patterns generated from the gazetteer (plain data, no spaCy here).

Public labels (ORG, POSITION, LOCATION) and helper labels that later components read:
``_QUAL`` (a place qualifier, "tỉnh"), ``_HEAD`` (the head of a body's name, "Vụ"),
``_SURNAME``, ``_CUE`` ("ông", "đồng chí"), ``_NOTNAME`` and ``_BLOCK``.
A pattern's ``id`` says where it came from: ``body`` (a central body), ``unit`` (a local
body that takes a place qualifier), ``party`` (a committee named by its place, "Tỉnh ủy").
"""

from __future__ import annotations

from functools import lru_cache

from nlp.entities.gazetteer import Gazetteer, gazetteer
from nlp.entities.view import norm

Pattern = dict[str, str]


def _add(out: list[Pattern], seen: set[tuple[str, str]], label: str, text: str, ident: str) -> None:
    key = (label, " ".join(norm(w) for w in text.split()))
    if key not in seen:
        seen.add(key)
        out.append({"label": label, "pattern": text, "id": ident})


def build_patterns(gaz: Gazetteer) -> list[Pattern]:
    """Every phrase pattern of the gazetteer, each once per label."""
    out: list[Pattern] = []
    seen: set[tuple[str, str]] = set()
    for body in gaz.bodies:
        for text in (body.name, *body.aliases):
            _add(out, seen, "ORG", text, "body")
    for unit in gaz.units:
        for text in (unit.name, *unit.aliases):
            _add(out, seen, "ORG", text, "unit")
    for text in gaz.party_units:
        _add(out, seen, "ORG", text, "party")
    for abbr in gaz.abbreviations:
        if abbr.label in {"ORG", "LOCATION", "POSITION"}:
            _add(out, seen, abbr.label, abbr.short, "unit" if abbr.label == "ORG" else "abbr")
    for province in gaz.provinces:
        for text in (province.name, *province.aliases):
            _add(out, seen, "LOCATION", text, "province")
    for text in (*gaz.fixed_positions, *gaz.positions):
        _add(out, seen, "POSITION", text, "title")
    for text in gaz.qualifiers:
        _add(out, seen, "_QUAL", text, "")
    for text in gaz.heads:
        _add(out, seen, "_HEAD", text, "")
    for text in gaz.surnames:
        _add(out, seen, "_SURNAME", text, "")
    for text in gaz.cues:
        _add(out, seen, "_CUE", text, "")
    for text in gaz.not_names:
        _add(out, seen, "_NOTNAME", text, "")
    for text in gaz.blockers:
        _add(out, seen, "_BLOCK", text, "")
    return out


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    """The patterns of the packaged gazetteer, built once."""
    return tuple(build_patterns(gazetteer()))


@lru_cache(maxsize=1)
def position_names() -> dict[str, str]:
    """Matching form of a title -> the title in its proper case."""
    gaz = gazetteer()
    names = {
        " ".join(norm(w) for w in t.split()): t for t in (*gaz.fixed_positions, *gaz.positions)
    }
    for abbr in gaz.abbreviations:
        if abbr.label == "POSITION":
            names[norm(abbr.short)] = abbr.expansion
    return names
