"""The per-file time limit (``ingest.limits``) holds for OCR: image files, multi-page TIFF
included, stop with the same clear error as PDFs once the limit is passed."""

from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest.errors import IngestError
from ingest.limits import time_budget
from ingest.readers.image import ImageReader
from ingest.readers.pdf import PdfReader

LIMIT = r"OCR took longer than the limit of \d+ s per file"


def _page(render: ModuleType, text: str) -> Image.Image:
    page = Image.new("L", (1240, 600), 255)
    font = ImageFont.truetype(str(render.FONT), 36)
    ImageDraw.Draw(page).text((80, 80), text, font=font, fill=0)
    return page


def _tiff(render: ModuleType, pages: int) -> bytes:
    frames = [_page(render, f"Trang {n}: Sở Nội vụ tỉnh Hà Tĩnh") for n in range(1, pages + 1)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))
    return buffer.getvalue()


def test_multi_page_tiff_is_read_within_the_limit(render: ModuleType) -> None:
    with time_budget("ba-trang.tiff"):
        out = ImageReader().read(_tiff(render, 3), filename="ba-trang.tiff")
    assert len(out.pages) == 3
    assert "Trang 3" in out.pages[2]


@pytest.mark.parametrize("seconds", [0.0, 0.05])
def test_multi_page_tiff_past_the_limit_is_refused(render: ModuleType, seconds: float) -> None:
    """Past the limit before the first frame (0 s) or while the first frames are read."""
    data = _tiff(render, 6)
    with time_budget("sau-trang.tiff", seconds), pytest.raises(IngestError, match=LIMIT) as err:
        ImageReader().read(data, filename="sau-trang.tiff")
    assert err.value.filename == "sau-trang.tiff"


def test_scanned_pdf_past_the_limit_is_refused_the_same_way(fixtures: dict[str, Path]) -> None:
    data = fixtures["scan.pdf"].read_bytes()
    with (
        time_budget("scan.pdf", 0.0),
        pytest.raises(IngestError, match=r"took longer than the limit"),
    ):
        PdfReader().read(data, filename="scan.pdf")
