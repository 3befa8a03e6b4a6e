"""The reader contract: one small class per format, chosen by the manager after sniffing."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from nlp.record import Table

_EMPTY_CELL = re.compile(r"(?<=\|)  (?=\|)")


def row_line(cells: list[str]) -> str:
    """A table row as one line of text, cells joined by " | " (an empty cell: "| |").

    >>> row_line(["5", "Sở GD&ĐT", "", "Năm 2022"])
    '5 | Sở GD&ĐT | | Năm 2022'
    """
    return _EMPTY_CELL.sub(" ", " | ".join(cells))


@dataclass(slots=True)
class Extracted:
    """What a reader got out of a file, before normalisation and furniture removal."""

    pages: list[str]
    """The text, one entry per page (a single entry for formats without pages)."""
    paged: bool = False
    """Whether ``pages`` are real pages (PDF) rather than one block of text."""
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    conversion: str | None = None
    """Legacy font encoding already converted to Unicode by the reader ("tcvn3", "vni")."""
    ocr: bool = False
    """Whether any page was read by OCR."""
    page_confidence: list[float] | None = None
    """OCR confidence per page (0-100; 100.0 for a page read from its text layer)."""


class Reader(ABC):
    """One file format. The manager picks the highest ``SCORE`` among the readers that
    accept the sniffed media type (or, failing that, the file's extension)."""

    MEDIA_TYPES: ClassVar[frozenset[str]] = frozenset()
    EXTENSIONS: ClassVar[frozenset[str]] = frozenset()
    SCORE: ClassVar[int] = 0

    @abstractmethod
    def read(self, data: bytes, *, filename: str) -> Extracted:
        """Extract text (raising ``IngestError`` for a file that cannot be read)."""
