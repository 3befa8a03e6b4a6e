"""Public entry points of the reading stage: a path or bytes in, a ``ParsedDocument`` out.

>>> read_bytes("Số: 63/TB-VPCP\\n".encode(), filename="tb.txt").text
'Số: 63/TB-VPCP\\n'
"""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError
from ingest.manager import parse
from nlp.record import ParsedDocument


def read_bytes(data: bytes, *, filename: str) -> ParsedDocument:
    """Read a file's bytes; ``filename`` names it in errors and helps sniffing."""
    return parse(data, filename=filename)


def read_path(path: Path) -> ParsedDocument:
    """Read a file from disk."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), exc.strerror or str(exc)) from exc
    return read_bytes(data, filename=str(path))
