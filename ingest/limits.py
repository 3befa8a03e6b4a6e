"""Limits on what one file may cost to read: pages, unpacked size, characters, seconds.

A file over a limit is refused with an ``IngestError`` naming the limit, so a hostile or
broken file costs a bounded amount of time and memory and the rest of a batch goes on.
The time limit is checked between pages (and OCR pages), not by interrupting a library.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ingest.errors import IngestError

MAX_PAGES = 2_000
"""Pages of a PDF (a thick government report has a few hundred)."""
MAX_TEXT_CHARS = 5_000_000
"""Characters of text a file may hold (about 2,000 dense pages)."""
MAX_UNPACKED_BYTES = 256 << 20
"""Bytes a ZIP container (DOCX, ODT) may unpack to."""
MAX_ZIP_RATIO = 200
"""How many times larger than the container its contents may be (a zip bomb is far beyond)."""
MAX_ZIP_MEMBERS = 10_000
MAX_SECONDS = 300.0
"""Seconds to read one file, OCR included."""

_deadline: ContextVar[tuple[str, float] | None] = ContextVar("ingest_deadline", default=None)


@contextmanager
def time_budget(filename: str, seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Within this block, ``check_time`` raises once ``seconds`` have passed."""
    token = _deadline.set((filename, time.monotonic() + seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check_time(what: str = "reading") -> None:
    """Raise ``IngestError`` when the current file is past its time budget."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[1]:
        raise IngestError(current[0], f"{what} took longer than the limit of"
                                      f" {MAX_SECONDS:.0f} s per file")


def check_pages(count: int, filename: str) -> None:
    if count > MAX_PAGES:
        raise IngestError(filename, f"{count} pages: more than the limit of {MAX_PAGES}")


def check_text(chars: int, filename: str) -> None:
    if chars > MAX_TEXT_CHARS:
        raise IngestError(filename, f"{chars:,} characters of text: more than the limit of"
                                    f" {MAX_TEXT_CHARS:,}")


def check_zip(data: bytes, filename: str) -> None:
    """Refuse a ZIP container whose members unpack too large or too many times its size."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise IngestError(filename, f"{len(members)} files inside: more than {MAX_ZIP_MEMBERS}")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_ZIP_RATIO * max(len(data), 1):
        raise IngestError(filename, f"unpacks to {unpacked >> 20} MB from {len(data) >> 10} KB"
                                    " (a zip bomb?): over the limit on unpacked size")


MAX_HTML_DEPTH = 1_000
"""Elements nested inside each other in an HTML page (parsing slows down quadratically)."""
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_NOT_NESTING = frozenset({
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option",
    b"thead", b"tbody", b"tfoot", b"colgroup", b"rt", b"rp", b"optgroup",
})  # fmt: skip
"""Void elements, and those a parser closes by itself (their nesting is never deep)."""


def check_html_depth(data: bytes, filename: str) -> None:
    """Refuse HTML nested deeper than ``MAX_HTML_DEPTH`` (a linear scan of the tags)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(data):
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
        if deepest > MAX_HTML_DEPTH:
            raise IngestError(filename, f"HTML nested more than {MAX_HTML_DEPTH} elements deep")
