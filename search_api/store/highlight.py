"""Highlights: fragments of a record's text around the query words, HTML-escaped, marked.

A folded word matches every form that folds to it, so "thi dua" marks "Thi đua", at its exact
offsets. Words of ASCII letters and digits (nearly every query) are found by substring search
in the folded text, which keeps the offsets; others with a pattern in which every letter
stands for all its accented and upper-case forms. Both find the same matches.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache

from search_api.fold import fold_chars, fold_table

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


_PLAIN_TERM = re.compile(r"[a-z0-9]+")


def term_matches(text: str, terms: tuple[str, ...]) -> Iterable[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of the folded ``terms``, in text order."""
    wanted = {term for term in terms if term}
    if wanted and all(_PLAIN_TERM.fullmatch(term) for term in wanted):
        return _folded_matches(text, wanted)
    pattern = match_pattern(terms)
    return [] if pattern is None else (match.span() for match in pattern.finditer(text))


def _folded_matches(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """``match_pattern``'s matches for terms of ASCII letters and digits: a character matches a
    term's letter exactly when it folds to it, and such characters are word characters, so
    whole-word matches cannot overlap and come out in the same order."""
    folded, padded = fold_chars(text), f" {text} "  # padded[i] is text[i - 1]
    found = []
    for term in terms:
        at = folded.find(term)
        while at != -1:
            after = at + len(term)
            before, next_ = padded[at], padded[after + 1]  # \w of re: alphanumeric or "_"
            if not (before.isalnum() or before == "_" or next_.isalnum() or next_ == "_"):
                found.append((at, after))
            at = folded.find(term, at + 1)
    found.sort()
    return found


def find_matches(text: str, terms: tuple[str, ...], *,
                 windows: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each run of the terms in ``text`` (neighbours separated by a space merge).

    With ``windows``, the search stops at the first run that starts after the fragment
    window of run number ``windows`` (``highlight`` looks no further); the runs before it
    are the same as without.
    """
    spans: list[tuple[int, int]] = []
    limit = len(text)
    for start, end in term_matches(text, terms):
        if spans and text[spans[-1][1]:start].isspace() and start - spans[-1][1] <= 2:
            spans[-1] = (spans[-1][0], end)  # "thi đua" is one mark, not two
        elif start > limit:
            break
        else:
            spans.append((start, end))
            if len(spans) == windows:
                limit = _window(text, start)[1]
        if len(spans) >= _MAX_MATCHES:
            break
    return spans


def _window(text: str, start: int) -> tuple[int, int]:
    """The fragment window around a run starting at ``start``."""
    lo = max(0, start - FRAGMENT_CHARS // 3)
    return lo, min(len(text), lo + FRAGMENT_CHARS)


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Up to MAX_FRAGMENTS windows, preferring those holding the most distinct words."""
    starts = [start for start, _ in spans]
    scored = []
    for i, (start, _) in enumerate(spans[:_MAX_WINDOWS]):
        lo, hi = _window(text, start)
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
    return fragments(text, find_matches(text, terms, windows=_MAX_WINDOWS))


def fragments(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """``highlight``'s fragments of ``text`` for the runs ``spans`` (from ``find_matches``)."""
    if not spans:
        return []
    starts = [start for start, _ in spans]
    out = []
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
        out.append(("…" if lo > 0 else "") + body + ("…" if hi < len(text) else ""))
    return out
