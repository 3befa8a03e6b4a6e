"""Turning search parameters (API or page) into a store ``SearchQuery``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from search_api.store import SearchQuery

MODES = ("lexical", "semantic", "hybrid")
MAX_SIZE = 100
MAX_PAGE = 10_000


class ModeUnavailableError(ValueError):
    """A search mode that this version cannot run yet."""


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str = ""
    doc_type: str | None = None
    issuer: str | None = None
    signer: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    award_kind: str | None = None
    page: int = 1
    size: int = 10
    mode: str = "lexical"

    def to_query(self, *, order: str = "relevance") -> SearchQuery:
        """The store query for this page; ``ModeUnavailableError`` for semantic or hybrid."""
        if self.mode != "lexical":
            raise ModeUnavailableError(
                f"mode {self.mode!r} is not available yet: only 'lexical' search exists until"
                " the semantic (precedents) search lands")
        size = max(1, min(self.size, MAX_SIZE))
        return SearchQuery(
            text=self.q.strip(), doc_type=self.doc_type or None, issuer=self.issuer or None,
            signer=self.signer or None, date_from=self.date_from or None,
            date_to=self.date_to or None, entity=self.entity or None,
            award_kind=self.award_kind or None,
            order="date" if order == "date" else "relevance",
            offset=(max(1, self.page) - 1) * size, limit=size,
        )


def iso_or_none(value: str | None) -> str | None:
    """A form's date field: ``"2024-01-31"`` kept, empty or malformed -> None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None
