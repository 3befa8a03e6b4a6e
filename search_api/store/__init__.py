"""Stores: where records live and are searched. ``open_store(url)`` picks the backend.

>>> store = open_store("sqlite:///:memory:")
>>> store.count()
0
"""

from __future__ import annotations

from urllib.parse import urlparse

from search_api.store.base import (
    FACETS,
    Citations,
    EntityCount,
    FailureRow,
    Hit,
    SearchQuery,
    SearchResult,
    Store,
    TaskFilter,
    TaskRow,
)
from search_api.store.records import record_from_dict

__all__ = [
    "FACETS",
    "Citations",
    "EntityCount",
    "FailureRow",
    "Hit",
    "SearchQuery",
    "SearchResult",
    "Store",
    "StoreURLError",
    "TaskFilter",
    "TaskRow",
    "open_store",
    "record_from_dict",
]


class StoreURLError(ValueError):
    """A store URL no backend understands."""


def open_store(url: str) -> Store:
    """The store at ``url``: ``sqlite:///relative/or/absolute.db``, ``sqlite:////abs.db``,
    ``sqlite:///:memory:`` (throw-away), or ``http(s)://host:9200[/prefix]`` (Elasticsearch).
    """
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        from search_api.store.embedded import EmbeddedStore

        path = url[len("sqlite://"):]
        path = path[1:] if path.startswith("/") else path  # sqlite:///x.db -> x.db
        if not path:
            raise StoreURLError(f"{url}: no database path (e.g. sqlite:///./data/vanban.db)")
        return EmbeddedStore(None if path == ":memory:" else path)
    if parsed.scheme in ("http", "https"):
        from search_api.store.elastic import open_elastic_store

        return open_elastic_store(url)
    raise StoreURLError(f"{url}: unknown store URL (use sqlite:///path/to/vanban.db)")
