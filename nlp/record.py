"""The record: the contract between the stages (see DESIGN.md, "The record").

Field names here are stable: other tools rely on them. Add fields, never rename.
Every offset (``start``/``end``) is a character offset into ``Record.text``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class SourceInfo:
    """Where a document came from and what reading it involved."""

    filename: str
    sha256: str = ""
    media_type: str = "text/plain"
    pages: int | None = None
    ocr: bool = False
    size: int = 0
    encoding: str | None = None
    """Character encoding of a text file ("utf-8", "utf-8-sig", "utf-16", "cp1258")."""
    conversion: str | None = None
    """Legacy font encoding repaired to Unicode ("tcvn3", "vni"), if any."""
    warnings: list[str] = field(default_factory=list)
    page_confidence: list[float] | None = None
    """OCR confidence per page (0-100), when OCR was used."""


@dataclass(slots=True)
class Table:
    """A table read from the file, as rows of cell texts (NFC)."""

    rows: list[list[str]]
    page: int | None = None


@dataclass(slots=True)
class ParsedDocument:
    """What a reader returns: clean NFC text plus what it knows about the source."""

    text: str
    source: SourceInfo
    page_starts: list[int] = field(default_factory=list)
    """Offset in ``text`` where each page begins (empty when the format has no pages)."""
    tables: list[Table] = field(default_factory=list)


@dataclass(slots=True)
class Signer:
    name: str | None
    position: str | None = None
    authority: str | None = None
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Metadata:
    number: str | None = None
    doc_type: str | None = None
    doc_type_label: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None
    subject: str | None = None
    signers: list[Signer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    """The "Kính gửi:" list of a letter (công văn, tờ trình)."""
    urgency: str | None = None
    confidentiality: str | None = None
    evidence: dict[str, list[int]] = field(default_factory=dict)
    """Field name -> [start, end] of the text each value was read from."""


@dataclass(slots=True)
class Entity:
    label: str
    text: str
    start: int
    end: int
    canonical: str | None = None


@dataclass(slots=True)
class Citation:
    text: str
    number: str | None
    doc_type: str | None
    issued_date: str | None
    issuer: str | None
    role: str
    start: int
    end: int
    key: str | None = None
    """Normalised number used to match the same document everywhere (TƯ = TW, Đ = D)."""
    title: str | None = None
    """A document cited by name, e.g. "Luật Thi đua, khen thưởng"."""


@dataclass(slots=True)
class Deadline:
    text: str
    date: str | None
    kind: str
    """One of ``by``, ``within``, ``during``, ``recurring``, ``asap``."""
    days: int | None = None
    """For ``within`` deadlines counted from an unknown day ("kể từ ngày nhận được")."""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Task:
    assignees: list[str]
    coordinators: list[str]
    action: str
    deadline: Deadline | None
    report_to: str | None
    start: int
    end: int
    assignees_raw: list[str] = field(default_factory=list)
    """Assignees as written in the document, before canonicalisation."""


@dataclass(slots=True)
class AwardRecipient:
    name: str
    kind: str
    """``person`` or ``collective``."""
    position: str | None = None
    unit: str | None = None


@dataclass(slots=True)
class Award:
    recipient: AwardRecipient
    award: str
    award_kind: str
    grade: str | None
    reason: str | None
    start: int
    end: int


@dataclass(slots=True)
class Record:
    id: str
    source: SourceInfo
    text: str
    metadata: Metadata
    entities: list[Entity] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Problems found while analysing (a blank number, a blank day, a count mismatch)."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data."""
        return dataclasses.asdict(self)
