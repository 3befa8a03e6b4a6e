"""OCR of the real scans that have a faithful transcription (tests/ingest/data/scans):
character accuracy, the signer block under the seal, the header read column by column and
the received stamp left out.

Runs only when VANBAN_REAL_CORPUS points at the shared real corpus and Tesseract with its
Vietnamese model is installed (apt: tesseract-ocr tesseract-ocr-vie).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from ingest.ocr.accuracy import character_accuracy
from ingest.read import read_path
from nlp.record import ParsedDocument
from tests.ingest.real_scans import MARKS, ROOT

pytestmark = MARKS
SCANS = Path(__file__).parent / "data" / "scans"
NAMES = sorted(p.name.removesuffix(".faithful.txt") for p in SCANS.glob("*.faithful.txt"))
MIN_FAITHFUL = 0.96
"""Measured (bench/ocr.py accuracy): 729-QD-TTg 0.9816, 3722-VPCP-CN 0.9792."""
MIN_SHARED = 0.87
"""Measured: 0.8955 and 0.9185; ceilings (shared against faithful) 0.9111 and 0.9374."""
MIN_SIGNER = 0.6
"""Measured on the lines after "- Lưu: …": 0.818 ("TƯỚNG / Lê Minh Hưng", the seal hides the
T of THỦ) and 0.667 ("KT. BỘ TRƯỞNG, CHỦ NHIỆM / NHIỆM / Cường"); 0 before the figure
blocks were read again."""
_LUU = re.compile(r"^\W*L[ưu]u\b")


@cache
def _read(name: str) -> ParsedDocument:
    return read_path(ROOT / "pdf" / f"{name}_scan.pdf")


def _faithful(name: str) -> str:
    return (SCANS / f"{name}.faithful.txt").read_text("utf-8")


def _signer_block(text: str) -> str:
    """The lines after the last "- Lưu: …" line of the "Nơi nhận" list."""
    lines = text.splitlines()
    last = max(i for i, line in enumerate(lines) if _LUU.match(line))
    return "\n".join(lines[last + 1 :])


def test_every_transcription_has_its_scan() -> None:
    assert NAMES
    for name in NAMES:
        assert (ROOT / "pdf" / f"{name}_scan.pdf").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_accuracy_against_the_faithful_transcription(name: str) -> None:
    assert character_accuracy(_faithful(name), _read(name).text) >= MIN_FAITHFUL


@pytest.mark.parametrize("name", NAMES)
def test_accuracy_against_the_shared_transcription(name: str) -> None:
    shared = (ROOT / "docs" / f"{name}.txt").read_text("utf-8-sig")
    assert character_accuracy(shared, _read(name).text) >= MIN_SHARED


@pytest.mark.parametrize("name", NAMES)
def test_signer_block_under_the_seal_is_read(name: str) -> None:
    expected = _signer_block(_faithful(name))
    got = _signer_block(_read(name).text)
    assert character_accuracy(expected, got) >= MIN_SIGNER, got


@pytest.mark.parametrize("name", NAMES)
def test_header_columns_are_read_one_after_the_other(name: str) -> None:
    lines = _read(name).text.splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("Số:"))
    motto = next(i for i, line in enumerate(lines) if line.startswith("CỘNG HOÀ"))
    place = next(i for i, line in enumerate(lines) if line.startswith("Hà Nội, ngày"))
    assert motto < number < place
    assert "Hà Nội" not in lines[number]


@pytest.mark.parametrize("name", NAMES)
def test_received_stamp_is_left_out_with_a_warning(name: str) -> None:
    doc = _read(name)
    assert "page 1: received stamp removed" in doc.source.warnings
    assert not re.search(r"THÔNG TIN|\bĐ[ẾE]N\b|Giờ|Ngày:", doc.text)
