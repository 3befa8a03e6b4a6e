"""Choosing a reader and turning its output into a ``ParsedDocument``.

The manager sniffs the bytes (magic bytes first, the extension second), runs the reader
with the highest ``SCORE`` for that media type, normalises every page with
``nlp.normalize.normalize_text``, removes page furniture (``nlp.furniture``) and fills in
the source information (sha256, size, media type, pages, encoding, warnings).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from ingest.errors import IngestError
from ingest.legacy import detect_legacy, to_unicode
from ingest.limits import check_text, check_time, time_budget
from ingest.readers import READERS, Extracted, Reader
from ingest.sniff import sniff
from nlp.furniture import strip_furniture, strip_pages
from nlp.normalize import normalize_text
from nlp.record import ParsedDocument, SourceInfo, Table


def choose_reader(media_type: str, filename: str) -> Reader:
    """The best reader for a media type, else for the file's extension."""
    matching = [r for r in READERS if media_type in r.MEDIA_TYPES]
    if not matching:
        ext = PurePath(filename).suffix.lower().lstrip(".")
        matching = [r for r in READERS if ext in r.EXTENSIONS]
    if not matching:
        raise IngestError(filename, f"unsupported file type: {media_type}")
    return max(matching, key=lambda r: r.SCORE)()


def _repair_legacy(extracted: Extracted) -> None:
    """Convert text in a legacy font encoding (TCVN3, VNI) that the reader passed through,
    before normalisation (which drops the soft hyphen TCVN3 uses for "ư")."""
    if extracted.conversion is not None or extracted.ocr:
        return
    conversion = detect_legacy("\n".join(extracted.pages))
    if conversion is not None:
        extracted.pages = [to_unicode(page, conversion) for page in extracted.pages]
        extracted.conversion = conversion
        extracted.warnings.append(f"text in the legacy {conversion.upper()} encoding converted")


def _assemble(extracted: Extracted) -> tuple[str, list[int], list[str]]:
    _repair_legacy(extracted)
    pages = [normalize_text(p) for p in extracted.pages]
    if extracted.paged:
        pages, warnings = strip_pages(pages)
    else:
        cleaned, warnings = strip_furniture("\n".join(pages))
        pages = [cleaned]
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for page in pages:
        body = page.strip("\n")
        starts.append(offset)
        parts.append(body + "\n" if body else "")
        offset += len(parts[-1])
    return "".join(parts), starts, warnings


def parse(data: bytes, *, filename: str) -> ParsedDocument:
    """Read a file's bytes into a ``ParsedDocument``; raise ``IngestError`` if unreadable
    or over a limit of ``ingest.limits`` (pages, unpacked size, characters, seconds)."""
    media_type = sniff(data, filename)
    reader = choose_reader(media_type, filename)
    try:
        with time_budget(filename):
            extracted = reader.read(data, filename=filename)
            check_time()
    except IngestError:
        raise
    except RecursionError as exc:  # a document nested deeper than the reader can walk
        raise IngestError(filename, f"cannot read {media_type} file: nested too deeply") from exc
    except Exception as exc:  # a reader library failing on bad input: one clear line
        raise IngestError(
            filename, f"cannot read {media_type} file ({type(exc).__name__}: {exc})"
        ) from exc
    check_text(sum(len(page) for page in extracted.pages), filename)
    text, starts, furniture_warnings = _assemble(extracted)
    if not text.strip():
        raise IngestError(filename, "no text found (the file is empty of text)")
    source = SourceInfo(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        pages=len(extracted.pages) if extracted.paged else None,
        size=len(data),
        encoding=extracted.encoding,
        conversion=extracted.conversion,
        ocr=extracted.ocr,
        page_confidence=extracted.page_confidence,
        warnings=[*extracted.warnings, *furniture_warnings],
    )
    tables = [
        Table(rows=[[normalize_text(c) for c in row] for row in t.rows], page=t.page)
        for t in extracted.tables
    ]
    return ParsedDocument(
        text=text, source=source, page_starts=starts if extracted.paged else [], tables=tables
    )
