"""PDF text layers: pypdfium2 for the text, pdfplumber only for pages with ruled tables;
OCR for the pages without a text layer.

pypdfium2 returns the text in content-stream order, which keeps the two columns of a
Nghị định 30 header apart ("THỦ TƯỚNG CHÍNH PHỦ / Số: 21/CT-TTg" then "CỘNG HÒA …"),
where pdfplumber's layout merges them line by line; it is also about 20 times faster.
Pages with several stroked or thin path objects (ruling lines) are handed to pdfplumber,
whose table rows go to ``tables`` and into the text as " | " rows.
A page with (almost) no text, or little text over a page-sized image (a scan carrying only
an e-signature stamp), is rendered at ``ingest.ocr.pages.DPI`` and read by OCR, page by page, so
that a mixed PDF keeps its text layer where it has one; the ruled tables OCR finds
(``ingest.ocr.tables``) join ``tables`` in page order.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
from collections.abc import Iterator
from typing import Any, ClassVar

from ingest.errors import IngestError
from ingest.limits import check_pages, check_time
from ingest.readers.base import Extracted, Reader, row_line
from ingest.readers.ocr_pages import page_warnings
from nlp.record import Table

_MIN_RULINGS = 4
"""Ruling paths a page needs before pdfplumber looks for tables on it."""
_THIN = 2.0
"""A path this thin (points) in one direction is a ruling line even when filled."""
_NO_TEXT = 20
"""A page with fewer letters and digits than this has no text layer."""
_LITTLE_TEXT = 300
"""A page with fewer than this over a page-sized image is a scan."""
_SCAN_AREA = 0.5
"""Share of the page an image must cover to make the page a scan."""


def _open(data: bytes, filename: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError(filename, "encrypted PDF: a password is needed to open it") from exc
        reason = str(exc).split("(PDFium: ")[-1].rstrip(").") or "unreadable"
        raise IngestError(filename, f"corrupt or truncated PDF ({reason})") from exc


def _rulings(page: Any) -> int:
    """How many path objects on the page look like table rulings (raw calls: fast)."""
    import pypdfium2.raw as pdfium_c

    count = 0
    fill, stroke = ctypes.c_int(0), ctypes.c_int(0)
    left, bottom, right, top = (ctypes.c_float(0) for _ in range(4))
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        )
        thin = min(right.value - left.value, top.value - bottom.value) <= _THIN
        if stroke.value or thin:
            count += 1
    return count


def _has_page_image(page: Any) -> bool:
    """Whether an image object covers most of the page (raw calls: fast)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    left, bottom, right, top = (ctypes.c_float(0) for _ in range(4))
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        )
        area = (right.value - left.value) * (top.value - bottom.value)
        if area >= _SCAN_AREA * width * height:
            return True
    return False


def _needs_ocr(page: Any, text: str) -> bool:
    letters = sum(1 for ch in text if ch.isalnum())
    return letters < _NO_TEXT or (letters < _LITTLE_TEXT and _has_page_image(page))


def _real_table(rows: list[list[str | None]]) -> bool:
    """A data table: two rows or more, most with two or more non-empty cells."""
    wide = sum(1 for row in rows if sum(1 for cell in row if cell and cell.strip()) >= 2)
    return len(rows) >= 2 and wide * 2 >= len(rows)


def _clean_rows(rows: list[list[str | None]]) -> list[list[str]]:
    return [[" ".join((cell or "").split()) for cell in row] for row in rows]


class _Tables:
    """pdfplumber, opened on the same bytes the first time a page needs it."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None

    def page(self, index: int) -> Any:
        if self._pdf is None:
            import pdfplumber

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        return self._pdf.pages[index]

    def close(self) -> None:
        if self._pdf is not None:
            with contextlib.suppress(Exception):  # closing walks the pages: may fail again
                self._pdf.close()


class PdfReader(Reader):
    MEDIA_TYPES: ClassVar[frozenset[str]] = frozenset({"application/pdf"})
    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"pdf"})
    SCORE: ClassVar[int] = 10

    def read(self, data: bytes, *, filename: str) -> Extracted:
        doc = _open(data, filename)
        try:
            return self._read(doc, data, filename)
        finally:
            doc.close()

    def _read(self, doc: Any, data: bytes, filename: str) -> Extracted:
        out = Extracted(pages=[], paged=True)
        check_pages(len(doc), filename)
        tables = _Tables(data)
        scanned: list[int] = []
        try:
            for index in range(len(doc)):
                check_time()
                text = self._page(doc, index, tables, out)
                out.pages.append(text)
                if _needs_ocr(doc[index], text):
                    scanned.append(index)
        finally:
            tables.close()
        if scanned:
            self._ocr(doc, scanned, out, filename)
        if not any(p.strip() for p in out.pages):
            raise IngestError(filename, "no text layer found in the PDF, and OCR read no text")
        return out

    @staticmethod
    def _ocr(doc: Any, scanned: list[int], out: Extracted, filename: str) -> None:
        """Replace the text of the ``scanned`` pages by OCR, rendering one page at a time."""

        from ingest.ocr.pages import DPI, ocr_images

        def images() -> Iterator[Any]:
            for index in scanned:
                check_time("OCR")
                yield doc[index].render(scale=DPI / 72).to_pil()

        pages = ocr_images(images(), filename=filename, dpi=DPI)
        confidence = [100.0] * len(out.pages)
        replaced = {index + 1 for index in scanned}
        out.tables = [table for table in out.tables if table.page not in replaced]
        for index, page in zip(scanned, pages, strict=True):
            out.pages[index] = page.text
            confidence[index] = page.confidence
            out.tables.extend(Table(rows=t.rows, page=index + 1) for t in page.tables)
        out.tables.sort(key=lambda table: table.page or 0)
        out.ocr = True
        out.page_confidence = confidence
        out.warnings.extend(page_warnings(pages, scanned, scanned=True))

    def _page(self, doc: Any, index: int, tables: _Tables, out: Extracted) -> str:
        """One page's text (with " | " table rows where pdfplumber finds ruled tables)."""
        import pypdfium2 as pdfium

        try:
            page = doc[index]
            textpage = page.get_textpage()
            text: str = textpage.get_text_range()
        except pdfium.PdfiumError as exc:
            out.warnings.append(f"page {index + 1} could not be read ({exc})")
            return ""
        if _rulings(page) >= _MIN_RULINGS:
            try:
                plumbed = tables.page(index)
                text = self._with_tables(plumbed, page, textpage, text, out)
            except Exception as exc:  # pdfminer on a damaged file: keep pdfium's text
                reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:120]
                out.warnings.append(f"page {index + 1}: tables not read ({reason})")
        return text

    @staticmethod
    def _with_tables(plumbed: Any, page: Any, textpage: Any, text: str, out: Extracted) -> str:
        """The page text with each ruled table's area replaced by its " | " rows."""
        found = []
        for table in plumbed.find_tables():
            rows = table.extract()
            if _real_table(rows):
                found.append((table.bbox, _clean_rows(rows)))
        if not found:
            return text
        width, height = page.get_size()
        parts: list[str] = []
        above = 0.0
        for (_x0, top, _x1, bottom), rows in sorted(found, key=lambda f: f[0][1]):
            parts.append(textpage.get_text_bounded(0, height - top, width, height - above))
            parts.append("\n".join(row_line(row) for row in rows))
            out.tables.append(Table(rows=rows, page=plumbed.page_number))
            above = bottom
        parts.append(textpage.get_text_bounded(0, 0, width, height - above))
        return "\n".join(p.strip("\r\n") for p in parts if p.strip())
