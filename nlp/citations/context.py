"""What is written around a citation: its date, issuer, role, and its normalised key."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from nlp.citations.lexicon import Lexicon, fold

_SPACE = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
_SYMBOL_PART = re.compile(r"[A-Z&]+")
_BASIS_LIMIT = 1500
_GAP = 120
_BREAK = re.compile(r"[.;:]")


def number_key(number: str) -> str:
    """The key of a number: ASCII upper case, TƯ = TW, no leading zeros.

    >>> number_key("08/2022/QĐ-TTg"), number_key("34-CT/TƯ")
    ('8/2022/QD-TTG', '34-CT/TW')
    """
    key = fold(number.replace("TƯ", "TW"))
    return _LEADING_ZEROS.sub("", key.replace("–", "-").replace(" ", ""))


def title_key(title: str) -> str:
    """The key of a document cited by name: its folded title, single-spaced, lower case."""
    return _SPACE.sub(" ", fold(title)).lower()


def symbol_type(number: str, lex: Lexicon) -> str | None:
    """doc_type read from a number's symbol: "NĐ" -> nghi_dinh; an agency-only symbol: công văn."""
    parts = [p for p in re.split(r"[/–-]", fold(number)) if p and not p.isdigit()]
    if not parts:
        return None
    head = _SYMBOL_PART.match(parts[0])
    code = head.group(0) if head else parts[0]
    if code in lex.symbol_types:
        return lex.symbol_types[code]
    return "cong_van"


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def read_date(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    """A date right after ``pos`` ("ngày 31/7/2017"): (ISO date or None, end)."""
    match = lex.date_after.match(text, pos)
    if not match:
        return None, pos
    g = match.groups()
    if g[0]:
        day, month, year = g[0], g[2], g[3]
    elif g[4]:
        day, month, year = g[4], g[5], g[6]
    else:
        day, month, year = g[7], g[8], g[9]
    iso = _iso(day, month, year)
    return (iso, match.end()) if iso else (None, pos)


def read_issuer(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    """An issuer right after ``pos`` ("của Bộ Chính trị"): (issuer, end)."""
    match = lex.issuer_after.match(text, pos)
    if not match:
        return None, pos
    issuer = _SPACE.sub(" ", match.group(1)).strip(" ,.")
    words = issuer.split(" ")
    issuer = " ".join(lex.issuer_expansions.get(w, w) for w in words)
    return issuer, match.start(1) + len(match.group(1).rstrip(" ,."))


def basis_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of the "Căn cứ …" clauses (each up to its ";" or the next clause)."""
    spans: list[tuple[int, int]] = []
    for match in lex.basis_start.finditer(text):
        start = match.end()
        end_match = lex.basis_end.search(text, start, start + _BASIS_LIMIT)
        spans.append((match.start(), end_match.start() if end_match else start + _BASIS_LIMIT))
    return spans


def role_of(
    text: str, start: int, prev_end: int, spans: list[tuple[int, int]], lex: Lexicon
) -> str:
    """``basis`` inside a "Căn cứ" clause; ``replaces``/``amends`` after "thay thế" /
    "sửa đổi, bổ sung" in the same clause; else ``reference``."""
    i = bisect.bisect_right(spans, (start, len(text) + 1)) - 1
    if i >= 0 and spans[i][0] <= start < spans[i][1]:
        return "basis"
    gap = text[max(prev_end, start - _GAP) : start]
    # Right after another citation, the words describe that document ("Nghị định số 75/… sửa
    # đổi, bổ sung … Nghị định số 146/…"): the role is the cited one's, not this document's.
    follows = prev_end > 0 and start - prev_end <= _GAP
    for trigger, role in ((lex.replaces_gap, "replaces"), (lex.amends_gap, "amends")):
        match = trigger.search(gap)
        if not match or lex.proposal_before.search(gap, 0, match.start()):
            continue
        if follows and not _BREAK.search(gap, 0, match.start()):
            continue
        return role
    return "reference"
