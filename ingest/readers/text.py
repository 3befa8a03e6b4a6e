"""Plain text files in UTF-8, UTF-16 or Windows-1258."""

from __future__ import annotations

from typing import ClassVar

from ingest.readers.base import Extracted, Reader
from ingest.textcodec import decode_text


class TextReader(Reader):
    MEDIA_TYPES: ClassVar[frozenset[str]] = frozenset({"text/plain"})
    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"txt", "text", "md"})
    SCORE: ClassVar[int] = 1

    def read(self, data: bytes, *, filename: str) -> Extracted:
        decoded = decode_text(data, filename=filename)
        return Extracted(
            pages=[decoded.text],
            warnings=list(decoded.warnings),
            encoding=decoded.encoding,
            conversion=decoded.conversion,
        )
