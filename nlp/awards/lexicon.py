"""The award lexicon (nlp/data/awards.yaml) and the patterns built from it, once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.datafiles import load_yaml

_NOT_WORD = r"(?![\wÀ-ỹ])"


@dataclass(frozen=True, slots=True)
class AwardLexicon:
    """Compiled patterns and tables for award extraction."""

    form_head: re.Pattern[str]
    form_kinds: dict[str, tuple[str, bool]]
    stop_words: frozenset[str]
    max_words: int
    grades: dict[str, str]
    grant: re.Pattern[str]
    prose_grant: re.Pattern[str]
    article: re.Pattern[str]
    list_start: re.Pattern[str]
    honorific: re.Pattern[str]
    collective_words: tuple[str, ...]
    person_words: tuple[str, ...]
    position: re.Pattern[str]
    unit_head: re.Pattern[str]
    count: re.Pattern[str]
    reason: re.Pattern[str]
    cue: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def load_data() -> dict[str, Any]:
    """The raw contents of nlp/data/awards.yaml."""
    return load_yaml("awards.yaml")


@lru_cache(maxsize=1)
def lexicon() -> AwardLexicon:
    """Build (once) the patterns used by ``extract_awards``."""
    data = load_data()
    forms = data["forms"]
    heads = _alternation([f["head"] for f in forms])
    kinds = {f["head"].lower(): (f["kind"], bool(f.get("closed"))) for f in forms}
    verbs = _alternation(data["grant_verbs"])
    return AwardLexicon(
        form_head=re.compile(rf"(?<![\wÀ-ỹ])(?i:{heads}){_NOT_WORD}"),
        form_kinds=kinds,
        stop_words=frozenset(str(w).lower() for w in data["form_stop_words"]),
        max_words=int(data["form_max_words"]),
        grades={g.lower(): g for g in data["grades"]},
        grant=re.compile(rf"\s*(?:{verbs}){_NOT_WORD}"),
        prose_grant=re.compile(
            rf"(?m)^[ \t]*(?:(?:\d{{1,3}}|[a-zđ])[.)][ \t]+|[-–•+][ \t]*)?(?:{verbs}){_NOT_WORD}"
        ),
        article=re.compile(r"(?m)^[ \t]*[ĐÐD]i[ềe]u\s+\d+\s*[.:]?"),
        list_start=re.compile(r"(?m)^[ \t]*DANH\s+SÁCH\b"),
        honorific=re.compile(rf"^(?:{_alternation(data['honorifics'])})(?=\s)"),
        collective_words=tuple(data["collective_words"]),
        person_words=tuple(data["person_words"]),
        position=re.compile(
            rf"^(?:(?i:nguyên)\s+)?(?i:{_alternation(data['positions'])}){_NOT_WORD}"
        ),
        unit_head=re.compile(rf"(?<![\wÀ-ỹ])(?:{_alternation(data['unit_heads'])}){_NOT_WORD}"),
        count=re.compile(data["count_pattern"]),
        reason=re.compile(data["reason_pattern"]),
        cue=re.compile(r"(?i:tặng|công\s+nhận)"),
    )
