"""The ``Store`` protocol every backend implements, and the values it takes and returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from nlp.record import Record, Task

Order = Literal["relevance", "date", "date_asc"]
FACETS = ("doc_type", "issuer", "signer", "year", "award_kind")
"""Facet names a search may count."""
SECRECY_RANKS = {"Mật": 1, "Tối mật": 2, "Tuyệt mật": 3}
"""``Metadata.confidentiality`` -> clearance rank a reader needs (public documents: 0)."""
TOP_CLEARANCE = 3


def clearance_rank(confidentiality: str | None) -> int:
    """0 for a public document, 1-3 for Mật / Tối mật / Tuyệt mật; an unknown mark counts
    as the highest (a filter fails closed)."""
    if not confidentiality:
        return 0
    return SECRECY_RANKS.get(confidentiality, TOP_CLEARANCE)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search: free text plus filters, one page of hits.

    ``text`` may be empty (filters only; then hits come newest first). Filters on names
    (issuer, signer, entity) ignore case and diacritics but match the whole name.
    """

    text: str = ""
    doc_type: str | None = None
    issuer: str | None = None
    signer: str | None = None
    date_from: str | None = None
    """Inclusive ISO date ``YYYY-MM-DD`` (issued date)."""
    date_to: str | None = None
    entity: str | None = None
    award_kind: str | None = None
    order: Order = "relevance"
    offset: int = 0
    limit: int = 10
    facets: tuple[str, ...] = FACETS
    highlights: bool = True
    max_clearance: int | None = None
    """Only documents whose ``clearance_rank`` is at most this; None: no restriction."""


@dataclass(slots=True)
class Hit:
    id: str
    score: float
    metadata: dict[str, Any]
    highlights: list[str] = field(default_factory=list)
    """HTML fragments of the text, escaped, with matches in ``<mark>…</mark>``."""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "metadata": self.metadata,
                "highlights": self.highlights}


@dataclass(slots=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    """Facet name -> value -> number of matching documents, most frequent first."""

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [hit.to_dict() for hit in self.hits],
                "facets": self.facets}


@dataclass(frozen=True, slots=True)
class TaskFilter:
    assignee: str | None = None
    """Matches any assignee containing these words (case and diacritics ignored)."""
    due_after: str | None = None
    """Inclusive ISO dates on the deadline; tasks without a dated deadline are left out."""
    due_before: str | None = None
    q: str | None = None
    """Words that the action must contain."""
    doc_id: str | None = None
    limit: int | None = None
    max_clearance: int | None = None
    """Only tasks of documents whose ``clearance_rank`` is at most this; None: all."""


@dataclass(slots=True)
class TaskRow:
    """One task with the document it comes from."""

    doc_id: str
    index: int
    task: Task
    doc_number: str | None
    doc_type: str | None
    issuer: str | None
    issued_date: str | None


@dataclass(slots=True)
class EntityCount:
    label: str
    name: str
    documents: int


@dataclass(slots=True)
class CitationLink:
    """A citation, resolved to a stored document when one has that number."""

    doc_id: str
    """The citing document."""
    number: str | None
    text: str
    role: str
    target_id: str | None
    """The cited document, when stored."""


@dataclass(slots=True)
class Citations:
    cites: list[CitationLink]
    cited_by: list[CitationLink]


@dataclass(slots=True)
class FailureRow:
    path: str
    error: str
    sha256: str | None
    at: str


class Store(Protocol):
    """Where records live and are searched. Backends: ``sqlite:///…`` (embedded), ES later."""

    def put(self, record: Record, *, path: str | None = None, sha256: str | None = None) -> None:
        """Store ``record`` (replacing the document previously read from ``path``, if any)."""

    def put_many(self, items: Iterable[tuple[Record, str | None, str | None]]) -> int:
        """Store (record, path, sha256) triples in one transaction; returns how many."""

    def get(self, doc_id: str) -> Record | None: ...

    def delete(self, doc_id: str) -> bool:
        """Remove a document; False when there was none."""

    def search(self, query: SearchQuery) -> SearchResult: ...

    def tasks(self, task_filter: TaskFilter) -> list[TaskRow]: ...

    def entities(self, label: str | None = None, prefix: str | None = None, *,
                 limit: int = 100, max_clearance: int | None = None) -> list[EntityCount]:
        """Names counted by documents; ``max_clearance`` leaves out documents above it."""

    def citations(self, doc_id: str) -> Citations: ...

    def known_sha256(self, path: str) -> str | None:
        """The hash of the file stored from ``path``, if a document was stored from it."""

    def record_failure(self, path: str, error: str, *, sha256: str | None = None) -> None: ...

    def failures(self) -> list[FailureRow]: ...

    def count(self) -> int: ...

    def reindex(self) -> int:
        """Rebuild derived indexes from the system of record; returns documents indexed."""

    def close(self) -> None: ...
