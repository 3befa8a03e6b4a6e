"""Query parsing: words, quoted phrases and document numbers, however typed."""

from __future__ import annotations

import pytest

from search_api.query import parse_query


@pytest.mark.parametrize(
    ("query", "number_keys"),
    [
        ("63/TB-VPCP", ["63tbvpcp"]),
        ("63 TB VPCP", ["63tbvpcp"]),
        ("so 63 tb", ["63tb"]),
        ("số 63", ["63"]),
        ("Số hiệu 12/2024/TT-BTC", ["122024ttbtc"]),
        ("Nghị định 30/2020/NĐ-CP về văn thư", ["302020ndcp"]),
        ("Chỉ thị 34-CT/TW và 05-CT/TW", ["34cttw", "05cttw"]),
        ("thi đua khen thưởng", []),
        ("2021", []),
        ("năm 2021 thi đua", []),
        ("63 tb vpcp thi dua khen thuong nam nay", []),
    ],
)
def test_numbers(query: str, number_keys: list[str]) -> None:
    assert [n.key for n in parse_query(query).numbers] == number_keys


def test_words_have_both_forms() -> None:
    parsed = parse_query("Hoà bình, THUỶ lợi")
    assert [(t.exact, t.folded) for t in parsed.words] == [
        ("hòa", "hoa"), ("bình", "binh"), ("thủy", "thuy"), ("lợi", "loi")]
    assert parsed.terms() == ["hoa", "binh", "thuy", "loi"]


def test_phrases() -> None:
    parsed = parse_query('"thi đua" khen "một"')
    assert [[t.folded for t in p] for p in parsed.phrases] == [["thi", "dua"]]
    assert [t.folded for t in parsed.words] == ["thi", "dua", "khen", "mot"]


@pytest.mark.parametrize("query", ["", "   ", "!!! ---", '"'])
def test_empty(query: str) -> None:
    assert parse_query(query).is_empty


def test_syntax_characters_are_only_separators() -> None:
    parsed = parse_query('title:"x" AND (y OR z*)')
    assert [t.folded for t in parsed.words] == ["title", "x", "and", "y", "or", "z"]
