"""Plain text in each supported encoding reads to the same NFC text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.read import read_path
from nlp.normalize import normalize_text

ENCODINGS = [
    ("utf-8.txt", "utf-8"),
    ("utf-8-sig.txt", "utf-8-sig"),
    ("utf-16-bom.txt", "utf-16"),
    ("utf-16-le.txt", "utf-16"),
    ("utf-16-be.txt", "utf-16"),
    ("cp1258.txt", "cp1258"),
    ("cp1258-crlf.txt", "cp1258"),
]


@pytest.mark.parametrize(("name", "encoding"), ENCODINGS)
def test_encodings_read_to_the_same_text(
    fixtures: dict[str, Path],
    source_text: Callable[[str], str],
    name: str,
    encoding: str,
) -> None:
    doc = read_path(fixtures[name])
    assert doc.source.encoding == encoding
    assert doc.text == normalize_text(source_text("thong_bao-45-tb-ubnd-2026"))
    assert doc.source.media_type == "text/plain"
    assert doc.source.warnings == []
    assert doc.page_starts == []


def test_cp1258_tone_marks_are_composed(fixtures: dict[str, Path]) -> None:
    text = read_path(fixtures["cp1258.txt"]).text
    assert "Hà Tĩnh, ngày 12 tháng 3 năm 2026" in text
    assert not any("\u0300" <= ch <= "\u036f" for ch in text)


def test_invalid_utf8_is_replaced_with_a_warning(fixtures: dict[str, Path]) -> None:
    doc = read_path(fixtures["latin1-junk.txt"])
    assert doc.source.encoding == "utf-8"
    assert "\ufffd" in doc.text
    assert len(doc.source.warnings) == 1
    assert "not valid UTF-8 or Windows-1258" in doc.source.warnings[0]


def test_valid_utf8_is_never_read_as_cp1258() -> None:
    from ingest.read import read_bytes

    # UTF-8 bytes of Vietnamese text also decode as Windows-1258 (as mojibake).
    data = "Ủy ban nhân dân tỉnh Hà Tĩnh\n".encode()
    doc = read_bytes(data, filename="a.txt")
    assert doc.source.encoding == "utf-8"
    assert doc.text == "Ủy ban nhân dân tỉnh Hà Tĩnh\n"


def test_text_furniture_is_removed() -> None:
    from ingest.read import read_bytes

    data = (
        "CÔNG BÁO/Số 77/Ngày 03-04-2026\n41\nCHÍNH PHỦ\nSố: 12/NQ-CP\n"
        "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-04-03 08:00:00 +07:00\n"
        "Điều 1. Phạm vi\n"
    ).encode()
    doc = read_bytes(data, filename="nq.txt")
    assert doc.text == "CHÍNH PHỦ\nSố: 12/NQ-CP\nĐiều 1. Phạm vi\n"
    assert doc.source.warnings == [
        "removed Công báo running head on 1 page",
        "removed e-signature stamp (1 block)",
    ]
