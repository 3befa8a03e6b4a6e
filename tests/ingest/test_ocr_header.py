"""Header lines of OCR text: dates whose day is unreadable, the number line found and cut
into its column pieces for a second reading."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ingest.ocr.engine import Line
from ingest.ocr.reread import is_number_line, pieces
from nlp.metadata import extract_metadata
from nlp.normalize import normalize_text

DATA = Path(__file__).parent / "data"


def _header_cases() -> list[tuple[str, str, str, str]]:
    rows = (DATA / "ocr_header_cases.tsv").read_text("utf-8").splitlines()
    return [
        (cols[0].replace("\\n", "\n"), cols[1], cols[2], cols[3])
        for cols in (row.split("\t") for row in rows if row and not row.startswith("#"))
    ]


@pytest.mark.parametrize(("text", "number", "issued", "warning"), _header_cases())
def test_header_date_comes_from_the_header_only(
    text: str, number: str, issued: str, warning: str
) -> None:
    result = extract_metadata(normalize_text(text))
    assert result.metadata.number == (number or None)
    assert result.metadata.issued_date == (None if issued == "-" else issued)
    if warning:
        assert warning in result.warnings


@pytest.mark.parametrize(
    ("text", "top", "expected"),
    [
        ("Số: 63/TB-VPCP Hà Nội", 100, True),
        ("Số1425QĐTT1g mm", 100, True),
        ("$6: 12/CT-UBND", 100, True),
        ("Số: 63/TB-VPCP", 900, False),
        ("Sở Nội vụ tỉnh Hà Tĩnh", 100, False),
        ("Sau khi xem xét", 100, False),
    ],
)
def test_number_line_is_recognised(text: str, top: int, expected: bool) -> None:
    line = Line(text, (10, top, 500, top + 40), 50.0, len(text))
    assert is_number_line(line, 1000) is expected


def test_line_is_cut_at_wide_gaps_only() -> None:
    pixels = np.full((60, 1000), 255, dtype=np.uint8)
    pixels[10:50, 20:100] = 0
    pixels[10:50, 120:300] = 0  # 20 px gap: a space between words
    pixels[10:50, 700:900] = 0  # 400 px gap: the other column
    image = Image.fromarray(pixels).convert("1")
    assert pieces(image, (0, 10, 1000, 50)) == [(20, 300), (700, 900)]
