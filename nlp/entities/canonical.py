"""Canonical names of recognised mentions, by label."""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.agencies import canonical_agency, canonical_place, canonical_place_name
from nlp.entities.gazetteer import gazetteer
from nlp.entities.patterns import position_names
from nlp.entities.view import norm

_QUALIFIERS = {"tp.": "thành phố", "tp": "thành phố", "tx.": "thị xã"}


def _key(words: list[str]) -> str:
    return " ".join(norm(w) for w in words)


@lru_cache(maxsize=1)
def _org_names() -> dict[str, str]:
    """Matching form of every body's name and alias -> its name."""
    gaz = gazetteer()
    names: dict[str, str] = {}
    for body in (*gaz.bodies, *gaz.units):
        for text in (body.name, *body.aliases):
            names.setdefault(_key(text.split()), body.name)
    for text in gaz.party_units:
        names.setdefault(_key(text.split()), text)
    for abbr in gaz.abbreviations:
        if abbr.label == "ORG":
            names.setdefault(norm(abbr.short), abbr.expansion)
    return names


def known_org(key: str) -> bool:
    """Whether ``key`` (words in matching form, one space) is a listed body's name."""
    return key in _org_names()


@lru_cache(maxsize=1)
def _provinces() -> frozenset[str]:
    return frozenset(
        _key(text.split()) for p in gazetteer().provinces for text in (p.name, *p.aliases)
    )


def _qualifier(words: list[str]) -> tuple[str, int] | None:
    qualifiers = {q.lower() for q in gazetteer().qualifiers}
    for size in (2, 1):
        key = _key(words[:size])
        if len(words) >= size and key in qualifiers:
            return _QUALIFIERS.get(key, key), size
    return None


def _rest(words: list[str]) -> str:
    """The place or parent written after a body's name."""
    found = _qualifier(words)
    if found is not None:
        qualifier, size = found
        place = " ".join(words[size:])
        if not place:
            return "Thành phố" if words[0] == "Thành" else qualifier
        return f"{qualifier} {canonical_place_name(place)}"
    text = " ".join(words)
    if words[0] in {"-", "–"}:
        return "- " + _rest(words[1:]) if len(words) > 1 else ""
    if _key(words) in _provinces():
        return canonical_place_name(text)
    return _org(text)


def _org(text: str) -> str:
    words = text.split()
    names = _org_names()
    for size in range(len(words), 0, -1):
        name = names.get(_key(words[:size]))
        if name is not None:
            return name if size == len(words) else f"{name} {_rest(words[size:])}"
    for size in range(min(4, len(words) - 1), 0, -1):
        if _key(words[-size:]) in _provinces():
            place = canonical_place_name(" ".join(words[-size:]))
            return f"{canonical_agency(' '.join(words[:-size]))} {place}"
    return canonical_agency(text)


_NAME_PARTS = re.compile(r"([^\W\d_]+)")


def _title_case(text: str) -> str:
    """A name in proper case: words in one case are cased ("NGUYỄN VĂN A", "H'HEN NIÊ"),
    words in mixed case are kept as written ("H'Hen", "P.T.T.Huyền")."""
    return " ".join(
        _NAME_PARTS.sub(lambda m: m.group(1).capitalize(), w) if w.isupper() or w.islower() else w
        for w in text.split()
    )


@lru_cache(maxsize=65536)
def canonical(label: str, text: str) -> str | None:
    """The canonical form of a mention: ``canonical("ORG", "UBND TỈNH NGHỆ AN")`` is
    ``"Ủy ban nhân dân tỉnh Nghệ An"``; ``canonical("POSITION", "THỨ TRƯỞNG")`` is
    ``"Thứ trưởng"``; ``canonical("PERSON", "NGUYỄN VĂN A")`` is ``"Nguyễn Văn A"``."""
    if label == "ORG":
        return _org(text)
    if label == "POSITION":
        key = " ".join(norm(text).split())
        known = position_names().get(key)
        return known or key[:1].upper() + key[1:]
    if label == "LOCATION":
        return canonical_place(text)
    if label == "PERSON":
        return _title_case(text)
    return " ".join(text.split())
