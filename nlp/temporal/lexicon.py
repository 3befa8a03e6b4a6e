"""Loading ``nlp/data/temporal.yaml`` and building the deadline regexes from it (cached)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.datafiles import load_yaml


@dataclass(frozen=True, slots=True)
class TemporalLexicon:
    """The word lists of ``temporal.yaml`` in the shapes the parser needs."""

    trigger_kind: dict[str, str]
    text_skip: tuple[str, ...]
    quarters: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    anchors_issued: tuple[str, ...]
    anchors_unknown: tuple[str, ...]


def _raw() -> dict[str, Any]:
    return load_yaml("temporal.yaml")


@lru_cache(maxsize=1)
def lexicon() -> TemporalLexicon:
    """The temporal word lists, loaded once."""
    raw = _raw()
    trigger_kind = {w: kind for kind, words in raw["triggers"].items() for w in words}
    return TemporalLexicon(
        trigger_kind=trigger_kind,
        text_skip=tuple(raw["text_skip"]),
        quarters={str(k).upper(): int(v) for k, v in raw["quarters"].items()},
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        units={str(k): str(v) for k, v in raw["units"].items()},
        anchors_issued=tuple(raw["anchors"]["issued"]),
        anchors_unknown=tuple(raw["anchors"]["unknown"]),
    )


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


def _expr_source() -> str:
    """Dates and periods: the things a trigger can govern (one group set per form)."""
    quarters = _alt([q for q in lexicon().quarters if not q.isdigit()]) + "|[1-4]"
    year_tail = r"(?:\s*[/.\-]\s*|\s*,?\s+năm\s+)"
    return (
        r"(?:ngày\s+(?P<fd>\d{1,2})\s+tháng\s+(?P<fm>\d{1,2})(?:\s*,?\s*năm\s+(?P<fy>\d{4}))?"
        r"|(?:ngày[\s|]*)?(?P<nd>\d{1,2})\s*(?P<ns>[/.\-])\s*(?P<nm>\d{1,2})"
        r"(?:\s*(?P=ns)\s*(?P<ny>\d{4}|\d{2}))?(?![\d/.\-]?\d)"
        r"|(?P<hn>\d{1,2}|sáu|chín|ba)\s+tháng\s+(?P<hp>đầu|cuối)\s+năm(?:\s+(?P<hy>\d{4}))?"
        rf"|quý\s+(?P<q>{quarters})(?![\w])(?:{year_tail}(?P<qy>\d{{4}}))?"
        rf"|tháng\s+(?P<mm>\d{{1,2}})(?!\d)(?:{year_tail}(?P<my>\d{{4}}))?"
        r"|năm\s+(?P<yy>\d{4}))"
    )


def _relative_source() -> str:
    lex = lexicon()
    numbers = _alt(list(lex.numbers))
    units = _alt(list(lex.units))
    return (
        r"(?:(?P<rt>trong\s+(?:thời\s+hạn|vòng|thời\s+gian)|thời\s+hạn|trong"
        r"|chậm\s+nhất(?:\s+là)?(?:\s+sau)?|sau)\s+)?"
        rf"(?P<rn>\d{{1,3}}|{numbers})(?:\s*\(\s*(?P<rn2>\d{{1,3}})\s*\))?\s+(?P<ru>{units})(?!\w)"
        r"(?:\s*,?\s*(?:kể\s+)?từ\s+(?:ngày|khi)\s+(?P<ra>[^\n.;()]{0,60}))?"
    )


def _recurring_source() -> str:
    raw = _raw()["recurring"]
    every = _alt(raw["every"])
    periods = _alt(raw["periods"])
    periodic = _alt(raw["periodic"])
    return (
        rf"(?:(?:{periodic})\s+)?(?:(?:trước|vào)\s+ngày\s+\d{{1,2}}\s+)?(?:thứ\s+\w+\s+)?"
        rf"(?P<every>{every})\s+(?:{periods})(?!\w)"
        rf"|(?P<periodic>{periodic})(?:\s+(?:{periods}|(?:{every})\s+\w+))?"
    )


def _asap_source() -> str:
    raw = _raw()["asap"]
    words = [w for w in raw["words"] if w != "ngay"]
    not_after = _alt(raw["not_after_ngay"])
    return rf"(?<!\w)(?:{_alt(words)}|ngay(?!\s+(?:{not_after})(?!\w)))(?!\w)"


# A time of day between the trigger and the date: "trước 16 giờ 00 (chiều) ngày 22/01/2025".
_CLOCK = (
    r"(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?(?:\s+(?:sáng|trưa|chiều|tối))?"
    r"\s*,?\s*(?=ngày))?"
)


@lru_cache(maxsize=1)
def deadline_regex() -> re.Pattern[str]:
    """Trigger + date/period, relative periods, recurring periods, urgency words."""
    triggers = _alt(list(lexicon().trigger_kind))
    source = (
        rf"(?<!\w)(?P<trig>{triggers})[\s|:(]*{_CLOCK}{_expr_source()}"
        rf"|(?<!\w)(?P<rel>{_relative_source()})"
        rf"|(?<!\w)(?P<rec>{_recurring_source()})"
        rf"|(?P<asap>{_asap_source()})"
    )
    return re.compile(source, re.IGNORECASE)


@lru_cache(maxsize=1)
def bare_regex() -> re.Pattern[str]:
    """A date or period with no trigger, matched over a whole expression."""
    return re.compile(rf"\s*{_expr_source()}\s*[.;,]?\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def date_line_regex() -> re.Pattern[str]:
    """A document's date line, the day and month possibly left blank; group 1 is the year."""
    return re.compile(
        r"^[^\n,]{0,60},\s*ngày[\s.…_\d]{0,12}tháng[\s.…_\d]{0,12}năm\s+(\d{4})",
        re.IGNORECASE | re.MULTILINE,
    )


@lru_cache(maxsize=1)
def closing_regex() -> re.Pattern[str]:
    """A date or period with no trigger at the very end of a text."""
    return re.compile(rf"(?<!\w){_expr_source()}[\s.;,)]*$", re.IGNORECASE)
