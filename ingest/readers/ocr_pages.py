"""Warnings shared by the readers that OCR pages (scanned PDF pages, image files)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.ocr.engine import OcrPage

LOW_CONFIDENCE = 60.0
"""Below this mean word confidence a page's OCR text is flagged as unreliable."""


def page_warnings(pages: Sequence[OcrPage], numbers: Iterable[int], *, scanned: bool) -> list[str]:
    """One warning per OCR'd page that needs one, then one per note on the page ("page 1:
    received stamp removed"); ``numbers`` are 0-based page indexes."""
    warnings: list[str] = []
    for page, index in zip(pages, numbers, strict=True):
        where = f"page {index + 1}"
        lead = f"{where} has no text layer; OCR used" if scanned else ""
        if not page.text.strip():
            warnings.append(f"{lead}; OCR found no text" if lead else f"{where}: OCR found no text")
        elif page.confidence < LOW_CONFIDENCE:
            note = f"low OCR confidence ({page.confidence:.0f}%)"
            warnings.append(f"{lead}; {note}" if lead else f"{where}: {note}")
        elif lead:
            warnings.append(lead)
        warnings.extend(f"{where}: {note}" for note in page.notes)
    return warnings
