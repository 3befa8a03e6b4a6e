"""HTML: main content only, blocks as lines, tables as " | " rows, declared charsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.read import read_bytes, read_path

TB = "thong_bao-45-tb-ubnd-2026"
QD = "quyet_dinh-210-qd-ubnd-2026"


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_article_content_only(fixtures: dict[str, Path], source_text: Callable[[str], str]) -> None:
    doc = read_path(fixtures[f"{TB}.html"])
    assert _lines(doc.text) == _lines(source_text(TB))
    for chrome in ("Trang chủ", "CỔNG THÔNG TIN", "Tin mới", "Bản quyền", "var menu", "color"):
        assert chrome not in doc.text
    assert doc.source.media_type == "text/html"


def test_html_tables(fixtures: dict[str, Path], source_text: Callable[[str], str]) -> None:
    doc = read_path(fixtures[f"{QD}.html"])
    rows = [line for line in source_text(QD).split("\n") if " | " in line]
    assert [" | ".join(r) for r in doc.tables[0].rows] == rows
    assert _lines(doc.text) == _lines(source_text(QD))


def test_largest_text_block_without_article() -> None:
    page = (
        "<html><body><div id='menu'><a href='/'>Trang chủ</a> <a href='/lh'>Liên hệ</a></div>"
        "<div id='noi-dung'><h1>THÔNG BÁO</h1><p>Sở Nội vụ thông báo lịch tiếp công dân.</p>"
        "<p>Thời gian: sáng thứ Hai hằng tuần.</p></div>"
        "<div id='ben'><p>Liên kết</p></div></body></html>"
    )
    doc = read_bytes(page.encode(), filename="tb.html")
    assert doc.text == (
        "THÔNG BÁO\nSở Nội vụ thông báo lịch tiếp công dân.\nThời gian: sáng thứ Hai hằng tuần.\n"
    )


def test_br_and_inline_elements() -> None:
    page = "<html><body><main><p>Số: <b>45</b>/TB-UBND<br>Hà Tĩnh, ngày 12</p></main></body></html>"
    assert read_bytes(page.encode(), filename="x.htm").text == "Số: 45/TB-UBND\nHà Tĩnh, ngày 12\n"


def test_declared_windows_1258() -> None:
    body = b"<p>H\xe0 N\xf4\xf2i</p>"  # "Hà Nội", tone mark after the vowel
    page = (
        b"<html><head><meta charset='windows-1258'></head><body><main>"
        + body
        + b"</main></body></html>"
    )
    doc = read_bytes(page, filename="p.html")
    assert doc.text == "Hà Nội\n"
    assert doc.source.encoding == "windows-1258"
