"""Throughput of the PDF path, for ``bench/extract.py``.

``python -m ingest.bench FILE.pdf...`` prints pages per second for vanban's reader
(pypdfium2 text, pdfplumber only on pages with ruled tables) and for pdfplumber alone.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from ingest.errors import IngestError
from ingest.read import read_bytes


def pdf_pages_per_second(paths: Iterable[Path]) -> float:
    """Pages per second through ``read_bytes`` (files read into memory first, one warm-up
    read so that imports and cached pattern loading are not timed)."""
    files = [(str(p), p.read_bytes()) for p in paths]
    if files:
        with contextlib.suppress(IngestError):
            read_bytes(files[0][1], filename=files[0][0])
    pages = 0
    start = time.perf_counter()
    for name, data in files:
        try:
            pages += read_bytes(data, filename=name).source.pages or 0
        except IngestError:
            continue
    elapsed = time.perf_counter() - start
    return pages / elapsed if elapsed > 0 else 0.0


def pdfplumber_pages_per_second(paths: Iterable[Path]) -> float:
    """Pages per second of ``pdfplumber``'s ``extract_text`` alone, for comparison."""
    import io

    import pdfplumber

    files = [p.read_bytes() for p in paths]
    pages = 0
    start = time.perf_counter()
    for data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    elapsed = time.perf_counter() - start
    return pages / elapsed if elapsed > 0 else 0.0


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv]
    print(f"vanban reader: {pdf_pages_per_second(paths):.1f} pages/s")
    print(f"pdfplumber:    {pdfplumber_pages_per_second(paths):.1f} pages/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
