"""One recipient from a list item or a table row: a person (name, position, unit) or a collective."""

from __future__ import annotations

import re

from nlp.awards.lexicon import AwardLexicon
from nlp.record import AwardRecipient

_SPLIT = re.compile(r"\s*,\s*|\s+[-–]\s+")
_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"[\wÀ-ỹ]+")
_EDGE = " \t\n,;.-–/"


def clean(text: str) -> str:
    """Single-spaced text without list punctuation at either end ("…Ba Đồn./." -> "…Ba Đồn")."""
    return _SPACE.sub(" ", text).strip(_EDGE)


def split_reason(item: str, lex: AwardLexicon) -> tuple[str, str | None]:
    """Cut the reason off an item: ("Ông A, Giám đốc Sở X", "đã có thành tích …")."""
    match = lex.reason.search(item)
    if not match or match.start() == 0:
        return item, None
    before = item[: match.start()].rstrip()
    if not before.endswith((",", "-", "–", ":")):
        return item, None
    return before.rstrip(" ,-–:"), clean(match.group(0))


def position_and_unit(desc: str, lex: AwardLexicon) -> tuple[str | None, str | None]:
    """Split "Phó Giám đốc Sở Tư pháp" into ("Phó Giám đốc", "Sở Tư pháp")."""
    desc = clean(desc)
    if not desc:
        return None, None
    match = lex.position.match(desc)
    if match:
        unit = desc[match.end() :].strip(" ,")
        return match.group(0), unit or None
    unit_match = lex.unit_head.search(desc)
    if unit_match is None:
        return desc, None
    if unit_match.start() == 0:
        return None, desc
    return desc[: unit_match.start()].strip(" ,") or None, desc[unit_match.start() :]


def group_of(heading: str, lex: AwardLexicon) -> str | None:
    """``person`` or ``collective`` for a list heading ("II. Cá nhân"), else None."""
    words = f" {' '.join(_WORDS.findall(heading.lower()))} "
    person = any(f" {w} " in words for w in lex.person_words)
    collective = any(f" {w} " in words for w in lex.collective_words)
    if person == collective:
        return None
    return "person" if person else "collective"


def is_person(name: str, group: str | None, lex: AwardLexicon) -> bool:
    return bool(lex.honorific.match(name)) or group == "person"


def from_item(item: str, group: str | None, lex: AwardLexicon) -> AwardRecipient:
    """A recipient from a list item ("Ông Trương Quang Sáng, Phó Giám đốc Sở Tư pháp")."""
    item = clean(item)
    if not is_person(item, group, lex):
        return AwardRecipient(name=item, kind="collective")
    parts = _SPLIT.split(item, maxsplit=1)
    name = clean(parts[0])
    position, unit = position_and_unit(parts[1], lex) if len(parts) > 1 else (None, None)
    return AwardRecipient(name=name, kind="person", position=position, unit=unit)


def from_cells(
    name: str, position: str | None, unit: str | None, group: str | None, lex: AwardLexicon
) -> AwardRecipient:
    """A recipient from table cells (name, and position/unit when the table has them)."""
    name = clean(name)
    if not is_person(name, group, lex):
        return AwardRecipient(
            name=name, kind="collective", position=None, unit=clean(unit) if unit else None
        )
    if position is not None and unit is None:
        position, unit = position_and_unit(position, lex)
    return AwardRecipient(
        name=name,
        kind="person",
        position=clean(position) if position else None,
        unit=clean(unit) if unit else None,
    )
