"""Turning search parameters (API or page) into a store ``SearchQuery``, and running it in
one of the three modes (semantic and hybrid through one ``SemanticSearch`` per app)."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from starlette.datastructures import State

from search_api.settings import Settings
from search_api.store import SearchQuery, SearchResult, Store
from search_api.store.base import TOP_CLEARANCE, clearance_rank

if TYPE_CHECKING:
    from search_api.semantic.search import SemanticSearch

Mode = Literal["lexical", "semantic", "hybrid"]
MODES: tuple[Mode, ...] = ("lexical", "semantic", "hybrid")
MAX_SIZE = 100
MAX_PAGE = 10_000
_OPENING = threading.Lock()
"""Held while an app's ``SemanticSearch`` is opened (the first time embeds what lacks vectors)."""
_WARMING = threading.Lock()
_WARM_NICE = 10
"""Niceness of the thread that opens semantic search in the background."""
_LOG = logging.getLogger("vanban.semantic")


class ModeUnavailableError(ValueError):
    """A search mode this server cannot run (the semantic extra is missing, or the store
    keeps no vectors); the message says why."""


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
        """The store query for this page (the mode is applied by ``run_search``)."""
        size = max(1, min(self.size, MAX_SIZE))
        return SearchQuery(
            text=self.q.strip(), doc_type=self.doc_type or None, issuer=self.issuer or None,
            signer=self.signer or None, date_from=self.date_from or None,
            date_to=self.date_to or None, entity=self.entity or None,
            award_kind=self.award_kind or None,
            order="date" if order == "date" else "relevance",
            offset=(max(1, self.page) - 1) * size, limit=size,
        )


def mode_or_lexical(value: str | None) -> Mode:
    """A form's ``mode`` field: one of ``MODES``, anything else -> ``"lexical"``."""
    return value if value in MODES else "lexical"


def semantic_search(state: State, settings: Settings) -> SemanticSearch:
    """The app's ``SemanticSearch`` (kept on ``state``), opened on first use: that first call
    embeds the stored documents that have no vectors yet. ``ModeUnavailableError`` when the
    semantic extra is missing or the store cannot keep vectors."""
    from search_api.semantic import missing_extra

    problem = missing_extra(settings.embedder)
    if problem is not None:
        raise ModeUnavailableError(problem)
    found: SemanticSearch | None = getattr(state, "semantic_search", None)
    if found is not None:
        return found
    with _OPENING:
        found = getattr(state, "semantic_search", None)
        if found is None:
            from search_api.semantic.embedders import EmbedderUnavailableError
            from search_api.semantic.stores import SemanticUnavailableError, open_semantic

            try:
                found = open_semantic(state.store, embedder_spec=settings.embedder)
            except (SemanticUnavailableError, EmbedderUnavailableError) as exc:
                raise ModeUnavailableError(f"semantic search is not available: {exc}") from exc
            state.semantic_search = found
    return found


def semantic_available(state: State, settings: Settings) -> SemanticSearch | None:
    """The app's ``SemanticSearch``, or None where semantic search cannot run."""
    try:
        return semantic_search(state, settings)
    except ModeUnavailableError:
        return None


def semantic_if_ready(state: State, settings: Settings) -> SemanticSearch | None:
    """The app's ``SemanticSearch`` when it is open; otherwise None at once, having started
    opening it in a background thread (once) where the semantic extra is installed.

    For pages and other answers that have a lexical stand-in: opening embeds every stored
    document without vectors (tens of seconds for a small corpus ingested without
    ``--semantic``), which must not hold a page up. The thread runs at a lower priority
    where the system allows it; a failure to open is logged and leaves the stand-in."""
    found: SemanticSearch | None = getattr(state, "semantic_search", None)
    if found is not None:
        return found
    from search_api.semantic import missing_extra

    if missing_extra(settings.embedder) is not None:
        return None
    with _WARMING:
        if getattr(state, "semantic_warming", None) is None:
            worker = threading.Thread(target=_warm, args=(state, settings), daemon=True,
                                      name="vanban-semantic-open")
            state.semantic_warming = worker
            worker.start()
    return None


def semantic_warming(state: State) -> bool:
    """True while a background thread is opening the app's ``SemanticSearch``."""
    worker: threading.Thread | None = getattr(state, "semantic_warming", None)
    return worker is not None and worker.is_alive()


def _warm(state: State, settings: Settings) -> None:
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _WARM_NICE)
    try:
        semantic_search(state, settings)
    except (ModeUnavailableError, OSError, ValueError) as exc:
        _LOG.warning("semantic search could not be opened: %s", exc)


def run_search(state: State, settings: Settings, query: SearchQuery, mode: Mode,
               clearance: int) -> SearchResult:
    """``query`` in ``mode``, showing only documents of clearance rank at most ``clearance``."""
    store: Store = state.store
    limited = replace(query, max_clearance=None if clearance >= TOP_CLEARANCE else clearance)
    if mode == "lexical":
        return store.search(replace(query, max_clearance=clearance))
    result = semantic_search(state, settings).search(limited, mode)
    shown = [hit for hit in result.hits
             if clearance_rank(hit.metadata.get("confidentiality")) <= clearance]
    return SearchResult(total=result.total - (len(result.hits) - len(shown)), hits=shown,
                        facets=result.facets)


def iso_or_none(value: str | None) -> str | None:
    """A form's date field: ``"2024-01-31"`` kept, empty or malformed -> None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None
