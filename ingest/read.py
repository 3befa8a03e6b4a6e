"""TEMPORARY: public entry points of the reading stage (replaced by the readers work)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.errors import IngestError
from nlp.normalize import normalize_text
from nlp.record import ParsedDocument, SourceInfo


def read_bytes(data: bytes, *, filename: str) -> ParsedDocument:
    if not data:
        raise IngestError(filename, "empty file")
    text = normalize_text(data.decode("utf-8-sig"))
    source = SourceInfo(
        filename=filename, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
        encoding="utf-8",
    )
    return ParsedDocument(text=text, source=source)


def read_path(path: Path) -> ParsedDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), exc.strerror or str(exc)) from exc
    return read_bytes(data, filename=str(path))
