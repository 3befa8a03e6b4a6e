"""Highlights of the folded text mapped back onto the original."""

from __future__ import annotations

import pytest

from search_api.store.elastic.highlights import render

TEXT = "Mục <b>1</b> & công tác Thi đua, khen thưởng.\nĐiều 2. Đua thuyền."


@pytest.mark.parametrize(
    ("fragments", "expected"),
    [
        (["muc <b>1</b> & cong tac \x01thi\x02 \x01dua\x02, khen thuong."],
         ["Mục &lt;b&gt;1&lt;/b&gt; &amp; công tác <mark>Thi đua</mark>, khen thưởng.…"]),
        (["dieu 2. \x01dua\x02 thuyen."], ["…Điều 2. <mark>Đua</mark> thuyền."]),
        (["\x01muc\x02 <b>1</b>", "\x01dua\x02 thuyen"],
         ["<mark>Mục</mark> &lt;b&gt;1&lt;/b&gt;…", "…<mark>Đua</mark> thuyền…"]),
        (["not in this text"], []),
        ([], []),
    ],
)
def test_render(fragments: list[str], expected: list[str]) -> None:
    assert render(TEXT, fragments) == expected


def test_text_that_is_not_nfc_is_refused() -> None:
    with pytest.raises(ValueError, match="NFC"):
        render("Thi đu\u0300a", ["thi"])
