"""Reading page images side by side: one Tesseract process per core.

Images come from an iterator (PDF pages are rendered one at a time in the calling thread,
where pdfium must stay); each is prepared and recognised in a worker thread that waits on
its own single-threaded Tesseract process, so the cores run one page each. At most two
pages per worker are held in memory at once. The time limit of ``ingest.limits`` is checked
as each page is done; past it the pages not started are dropped.

One page: ``prepare`` cleans the image, Tesseract reads it (``engine``), received stamps
are dropped (``stamps``), figure blocks that hold text are read again (``regions``), the
number line is read again (``reread``), the header's two columns are put one after the
other (``columns``), ruled tables become " | " rows (``tables``), noise lines go (``noise``,
never a table row) and the text is repaired (``repair``).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from ingest.limits import check_time
from ingest.ocr.columns import order_columns
from ingest.ocr.engine import OcrPage, page_from_lines, read_layout, tesseract_binary
from ingest.ocr.noise import is_noise
from ingest.ocr.regions import read_figures
from ingest.ocr.repair import repair_ocr_text
from ingest.ocr.reread import reread_number_lines
from ingest.ocr.stamps import drop_stamps
from ingest.ocr.tables import find_tables
from nlp.record import Table

DPI = 300
"""Resolution PDF pages are rendered at (and the one given to Tesseract for them)."""
STAMP_NOTE = "received stamp removed"


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read_page(image: Image.Image, binary: str, dpi: int) -> OcrPage:
    """One page image read: text, confidence, notes and ruled tables."""
    from ingest.ocr.prepare import prepare  # numpy: imported when a page needs it

    prepared = prepare(image)
    layout, stamps = drop_stamps(read_layout(prepared, binary=binary, dpi=dpi), dpi)
    lines = read_figures(prepared, layout, binary=binary, dpi=dpi)
    lines = reread_number_lines(prepared, lines, binary=binary, dpi=dpi)
    lines = order_columns(lines, prepared.width, prepared.height)
    lines, tables = find_tables(prepared, lines, binary=binary, dpi=dpi)
    rows = {id(line) for table in tables for line in table.lines}
    page = page_from_lines([line for line in lines if id(line) in rows or not is_noise(line)])
    notes = (STAMP_NOTE,) if stamps else ()
    return OcrPage(
        text=repair_ocr_text(page.text),
        confidence=page.confidence,
        notes=notes,
        tables=tuple(Table(rows=table.rows) for table in tables),
    )


def ocr_images(
    images: Iterable[Image.Image], *, filename: str, dpi: int = DPI, workers: int | None = None
) -> list[OcrPage]:
    """OCR each image (in order) with Tesseract's Vietnamese model; ``IngestError`` with
    install advice when Tesseract is missing, or when the file's time limit is passed."""
    binary = tesseract_binary(filename)
    count = workers or default_workers()
    results: list[OcrPage] = []
    pending: deque[Future[OcrPage]] = deque()
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="ocr") as pool:
        try:
            for image in images:
                pending.append(pool.submit(read_page, image, binary, dpi))
                while len(pending) >= 2 * count:
                    results.append(pending.popleft().result())
                    check_time("OCR")
            while pending:
                results.append(pending.popleft().result())
                check_time("OCR")
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return results
