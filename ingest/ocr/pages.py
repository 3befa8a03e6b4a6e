"""Reading page images side by side: one Tesseract process per core.

Images come from an iterator (PDF pages are rendered one at a time in the calling thread,
where pdfium must stay); each is prepared and recognised in a worker thread that waits on
its own single-threaded Tesseract process, so the cores run one page each. At most two
pages per worker are held in memory at once.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from ingest.ocr.engine import OcrPage, page_from_lines, recognise, tesseract_binary
from ingest.ocr.repair import repair_ocr_text
from ingest.ocr.reread import reread_number_lines

DPI = 300
"""Resolution PDF pages are rendered at (and the one given to Tesseract for them)."""


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _read(image: Image.Image, binary: str, dpi: int) -> OcrPage:
    from ingest.ocr.prepare import prepare  # numpy: imported when a page needs it

    prepared = prepare(image)
    lines = recognise(prepared, binary=binary, dpi=dpi)
    page = page_from_lines(reread_number_lines(prepared, lines, binary=binary, dpi=dpi))
    return OcrPage(text=repair_ocr_text(page.text), confidence=page.confidence)


def ocr_images(
    images: Iterable[Image.Image], *, filename: str, dpi: int = DPI, workers: int | None = None
) -> list[OcrPage]:
    """OCR each image (in order) with Tesseract's Vietnamese model; ``IngestError`` with
    install advice when Tesseract is missing."""
    binary = tesseract_binary(filename)
    count = workers or default_workers()
    results: list[OcrPage] = []
    pending: deque[Future[OcrPage]] = deque()
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="ocr") as pool:
        for image in images:
            pending.append(pool.submit(_read, image, binary, dpi))
            while len(pending) >= 2 * count:
                results.append(pending.popleft().result())
        while pending:
            results.append(pending.popleft().result())
    return results
