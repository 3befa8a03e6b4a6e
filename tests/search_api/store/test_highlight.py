"""Highlights: plain-ASCII query words are found in the folded text, others by a pattern over
the original; both must find exactly the same matches, and stopping early must not change
the fragments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search_api.query import parse_query
from search_api.store.highlight import (
    find_matches,
    fragments,
    highlight,
    match_pattern,
    term_matches,
)

# letters of every kind the folding touches, case, digits, word and non-word separators
ALPHABET = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừ"
            "ứửữựỳýỷỹỵAĂÂĐÊÔƠƯÀỲŒßÆæøĳ_ .,/-\n0123456789日")
TERMS = st.lists(st.text(alphabet="abcdeghinotuy0123", min_size=1, max_size=4), min_size=1,
                 max_size=4).map(tuple)
TEXTS = st.text(alphabet=ALPHABET, max_size=400)


def _pattern_matches(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    pattern = match_pattern(terms)
    return [] if pattern is None else [m.span() for m in pattern.finditer(text)]


@given(TEXTS, TERMS)
def test_folded_search_finds_what_the_pattern_finds(text: str, terms: tuple[str, ...]) -> None:
    assert list(term_matches(text, terms)) == _pattern_matches(text, terms)


@st.composite
def _dense(draw: st.DrawFn) -> tuple[str, tuple[str, ...]]:
    """A long text made of the terms (in any case and accents) and other words."""
    terms = draw(TERMS)
    words = st.sampled_from([*terms, "Đua", "THI", "tô", "àa", "xyz", "-", "đ", "0"])
    gaps = st.sampled_from([" ", "  ", ", ", "\n", "-"])
    parts = draw(st.lists(st.tuples(words, gaps), min_size=30, max_size=400))
    return "".join(word + gap for word, gap in parts), terms


@given(_dense())
def test_stopping_after_the_windows_keeps_the_fragments(case: tuple[str, tuple[str, ...]]) -> None:
    text, terms = case
    assert fragments(text, find_matches(text, terms, windows=8)) == fragments(
        text, find_matches(text, terms))


@pytest.mark.parametrize(("text", "query", "expected"), [
    ("Công tác Thi đua, khen THƯỞNG năm 2024", "thi dua khen thuong",
     ["Công tác <mark>Thi đua</mark>, <mark>khen THƯỞNG</mark> năm 2024"]),
    ("thiết bị thi_đua đua", "thi dua", ["thiết bị thi_đua <mark>đua</mark>"]),
    ("Số 63/TB-VPCP ngày 1", "63/TB-VPCP", ["Số <mark>63</mark>/<mark>TB</mark>-<mark>VPCP</mark> ngày 1"]),
    ("Straße und Strasse", "straße", ["<mark>Straße</mark> und Strasse"]),  # not ASCII: pattern
    ("日本 and an", "日本 an", ["<mark>日本</mark> and <mark>an</mark>"]),
    ("không có gì", "thi dua", []),
])
def test_highlight(text: str, query: str, expected: list[str]) -> None:
    assert highlight(text, tuple(parse_query(query).terms())) == expected
