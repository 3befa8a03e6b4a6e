"""The document number ("Số: 63/TB-VPCP") and the type abbreviation in its symbol."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.agencies import fold
from nlp.metadata.lexicon import DocType, doc_types

# "Số:", "SỐ:", "số:", OCR "$6:", "Sé:", "S6:"; the party form "Số 34-CT/TW" has no colon.
_LABEL = r"(?:(?<![^\s\"“(:])[Ss$][^\s:;/]{0,2}\s*[:;]|(?<![^\s\"“(])(?:Số|SỐ|So|SO)\s+(?=[\d./…_ ]*[\d/]))"
_BODY = (
    r"(?P<num>\d+(?:[.,]\d+)*[a-z]?)?(?P<fill>[\s.…_]*)"
    r"(?P<sym>(?:/\s*\d{4}\s*)?[/-]\s*[A-ZĐ][\wĐđ&.]*(?:\s*[-/]\s*[A-ZĐ0-9][\wĐđ&.]*)*)"
)
_NUMBER_RE = re.compile(rf"{_LABEL}\s*{_BODY}")
_BARE_RE = re.compile(
    r"(?<!\S)(?P<num>\d+)(?P<fill>)(?P<sym>(?:/\d{4})?/[A-ZĐ][\wĐđ&]*(?:-[A-ZĐ0-9][\wĐđ&]*)+)"
)


@dataclass(slots=True)
class NumberMatch:
    number: str | None
    """None when the number is left blank ("Số: /KH-UBND")."""
    symbol: str
    start: int
    end: int
    """Offsets inside the searched string, of the number and symbol."""


def find_number(text: str, *, bare: bool = False) -> NumberMatch | None:
    """The first "Số: …" in ``text`` (or, with ``bare``, a symbol with no label)."""
    m = (_BARE_RE if bare else _NUMBER_RE).search(text)
    if m is None:
        return None
    symbol = re.sub(r"\s+", "", m.group("sym")).rstrip(".")
    num = m.group("num")
    start = m.start("num") if num else m.start("sym")
    end = m.start("sym") + len(m.group("sym").rstrip(". "))
    number = num + symbol if num else None
    return NumberMatch(number, symbol, start, end)


def type_from_symbol(symbol: str) -> DocType | None:
    """The type abbreviation of a symbol: "/TB-VPCP" -> Thông báo; "/VPCP-CN" -> None."""
    tokens = [t for t in re.split(r"[-/]", symbol) if t and not t.isdigit()]
    if not tokens:
        return None
    first = tokens[0]
    types = doc_types()
    return types.by_abbr.get(first) or types.by_folded_abbr.get(fold(first).upper())
