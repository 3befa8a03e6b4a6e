"""Highlights: fragments of a record's text around the query words, HTML-escaped, marked.

Matches are found in the original text with a pattern in which every letter stands for all
its accented and upper-case forms, so "thi dua" marks "Thi đua" and offsets are exact.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from search_api.fold import fold_table

FRAGMENT_CHARS = 180
MAX_FRAGMENTS = 3
_MAX_MATCHES = 24
_MAX_WINDOWS = 8


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Folded letter -> character class of every form that folds to it."""
    forms: dict[str, set[str]] = {}
    for code, base in fold_table().items():
        forms.setdefault(base, set()).add(chr(code))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        forms.setdefault(letter, set()).update({letter, letter.upper()})
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in forms.items() if len(base) == 1}


@lru_cache(maxsize=512)
def match_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern matching any of the folded ``terms`` as whole words in unfolded text."""
    variants = _variants()
    alternatives = [
        "".join(variants.get(ch, re.escape(ch)) for ch in term)
        for term in sorted(set(terms), key=len, reverse=True)
        if term
    ]
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def find_matches(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each run of the terms in ``text`` (neighbours separated by a space merge)."""
    pattern = match_pattern(terms)
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if spans and text[spans[-1][1]:start].isspace() and start - spans[-1][1] <= 2:
            spans[-1] = (spans[-1][0], end)  # "thi đua" is one mark, not two
        else:
            spans.append((start, end))
        if len(spans) >= _MAX_MATCHES:
            break
    return spans


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Up to MAX_FRAGMENTS windows, preferring those holding the most distinct words."""
    starts = [start for start, _ in spans]
    scored = []
    for i, (start, _) in enumerate(spans[:_MAX_WINDOWS]):
        lo = max(0, start - FRAGMENT_CHARS // 3)
        hi = min(len(text), lo + FRAGMENT_CHARS)
        first, last = bisect_left(starts, lo), bisect_right(starts, hi)
        inside = {text[s:e].lower() for s, e in spans[first:last] if e <= hi}
        scored.append((-len(inside), i, lo, hi))
    chosen: list[tuple[int, int]] = []
    for _, _, lo, hi in sorted(scored):
        if all(hi <= c_lo or lo >= c_hi for c_lo, c_hi in chosen):
            chosen.append((lo, hi))
        if len(chosen) == MAX_FRAGMENTS:
            break
    return sorted(chosen)


def _snap(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Move a window's ends to word boundaries."""
    if lo > 0:
        space = text.find(" ", lo, lo + 20)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", hi - 20, hi)
        hi = space if space > lo else hi
    return lo, hi


def highlight(text: str, terms: tuple[str, ...]) -> list[str]:
    """HTML fragments of ``text`` with each folded term marked: ``…công tác <mark>thi đua</mark>…``."""
    spans = find_matches(text, terms)
    if not spans:
        return []
    starts = [start for start, _ in spans]
    fragments = []
    for lo, hi in _windows(text, spans):
        lo, hi = _snap(text, lo, hi)
        parts, cursor = [], lo
        for start, end in spans[bisect_left(starts, lo):bisect_right(starts, hi)]:
            if end > hi:
                break
            parts.append(html.escape(text[cursor:start]))
            parts.append("<mark>" + html.escape(text[start:end]) + "</mark>")
            cursor = end
        parts.append(html.escape(text[cursor:hi]))
        body = " ".join("".join(parts).split())
        fragments.append(("…" if lo > 0 else "") + body + ("…" if hi < len(text) else ""))
    return fragments
