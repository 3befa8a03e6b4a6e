"""Image files (PNG, JPEG, TIFF; every frame of a multi-page TIFF) read by OCR, within the
per-file time limit of ``ingest.limits`` (checked before each frame and as each is read);
ruled tables found by OCR go to ``tables`` with their frame's number as page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from ingest.errors import IngestError
from ingest.limits import check_time
from ingest.readers.base import Extracted, Reader
from ingest.readers.ocr_pages import page_warnings
from nlp.record import Table

if TYPE_CHECKING:
    from PIL import Image

_KINDS = {"PNG": "PNG image", "JPEG": "JPEG image", "TIFF": "TIFF image"}
_MIN_DPI, _MAX_DPI = 100, 1200


def image_dpi(image: Image.Image, default: int) -> int:
    """The resolution the image declares (``default`` when it declares none or nonsense)."""
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if _MIN_DPI <= value <= _MAX_DPI else default


class ImageReader(Reader):
    MEDIA_TYPES: ClassVar[frozenset[str]] = frozenset({"image/png", "image/jpeg", "image/tiff"})
    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"png", "jpg", "jpeg", "tif", "tiff"})
    SCORE: ClassVar[int] = 10

    def read(self, data: bytes, *, filename: str) -> Extracted:
        from PIL import Image, ImageSequence, UnidentifiedImageError

        from ingest.ocr.pages import DPI, ocr_images

        try:
            image = Image.open(io.BytesIO(data))
            image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            kind = _detected_kind(data)
            raise IngestError(filename, f"corrupt or truncated {kind} ({exc})") from exc

        def frames() -> Iterator[Image.Image]:
            for frame in ImageSequence.Iterator(image):
                check_time("OCR")
                yield frame.copy()

        pages = ocr_images(frames(), filename=filename, dpi=image_dpi(image, DPI))
        out = Extracted(
            pages=[p.text for p in pages],
            paged=True,
            ocr=True,
            page_confidence=[p.confidence for p in pages],
            tables=[
                Table(rows=t.rows, page=number)
                for number, page in enumerate(pages, start=1)
                for t in page.tables
            ],
        )
        out.warnings.extend(page_warnings(pages, range(len(pages)), scanned=False))
        if not any(p.text.strip() for p in pages):
            raise IngestError(filename, "OCR found no text in the image")
        return out


def _detected_kind(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return _KINDS["PNG"]
    if data.startswith(b"\xff\xd8"):
        return _KINDS["JPEG"]
    return _KINDS["TIFF"]
