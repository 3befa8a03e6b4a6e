"""The readers, one per format; ``READERS`` is the one place they are registered."""

from __future__ import annotations

from ingest.readers.base import Extracted, Reader
from ingest.readers.docx import DocxReader
from ingest.readers.html import HtmlReader
from ingest.readers.image import ImageReader
from ingest.readers.office import OfficeReader
from ingest.readers.pdf import PdfReader
from ingest.readers.text import TextReader

READERS: tuple[type[Reader], ...] = (
    TextReader,
    HtmlReader,
    PdfReader,
    DocxReader,
    ImageReader,
    OfficeReader,
)

__all__ = [
    "READERS",
    "DocxReader",
    "Extracted",
    "HtmlReader",
    "ImageReader",
    "OfficeReader",
    "PdfReader",
    "Reader",
    "TextReader",
]
