"""Choosing the reader from the bytes (magic first, extension second), and clear errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.read import read_bytes, read_path
from ingest.sniff import DOCX, HTML, PDF, TEXT

WRONG_EXTENSIONS = [
    ("pdf-named.txt", PDF),
    ("docx-named.pdf", DOCX),
    ("html-named.txt", HTML),
    ("text-named.docx", TEXT),
]


@pytest.mark.parametrize(("name", "media_type"), WRONG_EXTENSIONS)
def test_content_wins_over_extension(fixtures: dict[str, Path], name: str, media_type: str) -> None:
    doc = read_path(fixtures[name])
    assert doc.source.media_type == media_type
    assert "Số:" in doc.text


def test_extension_decides_between_text_and_html() -> None:
    data = "Số: 45/TB-UBND<br>Hà Tĩnh\n".encode()
    assert read_bytes(data, filename="a.html").source.media_type == HTML
    assert read_bytes(data, filename="a.txt").source.media_type == TEXT


ERRORS = [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("image.png", "PNG image"),
    ("photo.jpg", "JPEG image"),
    ("archive.zip", "ZIP archive"),
    ("sheet.xlsx", "Excel workbook"),
    ("program.exe", "Windows executable"),
    ("binary.dat", "unrecognised binary data"),
    ("truncated.pdf", "corrupt or truncated PDF"),
    ("encrypted.pdf", "encrypted PDF"),
    ("scan.pdf", "no text layer found"),
    ("truncated.docx", "corrupt or truncated DOCX"),
    ("broken-xml.docx", "corrupt"),
    ("password.docx", "password-protected"),
    ("legacy.doc", "legacy Word .doc"),
]


@pytest.mark.parametrize(("name", "reason"), ERRORS)
def test_bad_files_give_one_clear_line(fixtures: dict[str, Path], name: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_path(fixtures[name])
    error = caught.value
    assert reason in error.reason
    assert error.filename == str(fixtures[name])
    assert "\n" not in str(error)
    assert str(error).startswith(str(fixtures[name]))


def test_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="No such file"):
        read_path(tmp_path / "khong-co.pdf")


@pytest.mark.parametrize("name", ["thong_bao-45-tb-ubnd-2026.pdf", "utf-16-le.txt"])
def test_source_describes_the_bytes(fixtures: dict[str, Path], name: str) -> None:
    data = fixtures[name].read_bytes()
    doc = read_path(fixtures[name])
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.source.size == len(data)
    assert doc.source.filename == str(fixtures[name])
