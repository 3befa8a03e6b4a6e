"""Search folding: exact form (tone placement) and folded form (no diacritics, đ -> d)."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search_api.fold import (
    exact_form,
    fold,
    fold_aligned,
    fold_chars,
    fold_key,
    fold_table,
    number_key,
    number_tokens,
)

DATA = Path(__file__).parent / "data"


def _cases() -> list[tuple[str, str, str]]:
    with (DATA / "fold_cases.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    return [(text, exact, folded) for text, exact, folded in rows]


@pytest.mark.parametrize(("text", "exact", "folded"), _cases())
def test_forms(text: str, exact: str, folded: str) -> None:
    assert exact_form(text) == exact
    assert fold(text) == folded


def test_decomposed_input_is_composed_first() -> None:
    decomposed = unicodedata.normalize("NFD", "Thủy lợi Hoà Bình")
    assert exact_form(decomposed) == "thủy lợi hòa bình"
    assert fold(decomposed) == "thuy loi hoa binh"


@given(st.text(alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵAĂÂĐÊÔƠƯÀỲ .,/-0123456789")))
def test_fold_aligned_keeps_offsets(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert folded.isascii()


@given(st.text())
def test_fold_chars_is_the_table_translation(text: str) -> None:
    """Any text, astral characters and lone surrogates included."""
    assert fold_chars(text) == text.translate(fold_table())


@pytest.mark.parametrize(("text", "folded"), [
    ("", ""), ("Thi đua, KHEN thưởng", "thi dua, khen thuong"), ("ĐỒNG Ý 😀 日本", "dong y 😀 日本"),
    ("\udc80ả", "\udc80a"),
])
def test_fold_chars(text: str, folded: str) -> None:
    assert fold_chars(text) == folded


@pytest.mark.parametrize(
    ("value", "key"),
    [("Văn phòng  Chính phủ", "van phong chinh phu"), ("BỘ NỘI VỤ", "bo noi vu"),
     ("Sở Lao động - Thương binh và Xã hội", "so lao dong thuong binh va xa hoi"), ("", "")],
)
def test_fold_key(value: str, key: str) -> None:
    assert fold_key(value) == key


@pytest.mark.parametrize(
    ("typed", "tokens"),
    [("63/TB-VPCP", ["63", "tb", "vpcp"]), ("63 TB VPCP", ["63", "tb", "vpcp"]),
     ("30/2020/NĐ-CP", ["30", "2020", "nd", "cp"]), ("34-CT/TƯ", ["34", "ct", "tw"]),
     ("1234/QĐ-TTg", ["1234", "qd", "ttg"])],
)
def test_number_tokens(typed: str, tokens: list[str]) -> None:
    assert number_tokens(typed) == tokens
    assert number_key(typed) == "".join(tokens)
