"""Stores: where records live and are searched. ``open_store(url)`` picks the backend.

>>> store = open_store("sqlite:///:memory:")
>>> store.count()
0
"""

from __future__ import annotations

from pathlib import Path
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
    "sqlite_path",
    "store_folder",
]


class StoreURLError(ValueError):
    """A store URL no backend understands."""


def sqlite_path(url: str) -> str | None:
    """The database path of a ``sqlite://`` store URL as written ("" when it has none,
    ``:memory:`` for a throw-away store); None for any other URL.

    >>> sqlite_path("sqlite:///./data/vanban.db"), sqlite_path("sqlite:////srv/v.db")
    ('./data/vanban.db', '/srv/v.db')
    """
    if not url.startswith("sqlite://"):
        return None
    path = url[len("sqlite://"):]
    return path[1:] if path.startswith("/") else path  # sqlite:///x.db -> x.db


def store_folder(url: str) -> Path | None:
    """The folder holding a SQLite file store's database; None for a throw-away or
    non-SQLite store (keys and uploads live beside the database)."""
    path = sqlite_path(url)
    if not path or path == ":memory:":
        return None
    return Path(path).resolve().parent


def open_store(url: str) -> Store:
    """The store at ``url``: ``sqlite:///relative/or/absolute.db``, ``sqlite:////abs.db``,
    ``sqlite:///:memory:`` (throw-away), or ``http(s)://host:9200[/prefix]`` (Elasticsearch).
    """
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        from search_api.store.embedded import EmbeddedStore

        path = sqlite_path(url) or ""
        if not path:
            raise StoreURLError(f"{url}: no database path (e.g. sqlite:///./data/vanban.db)")
        return EmbeddedStore(None if path == ":memory:" else path)
    if parsed.scheme in ("http", "https"):
        from search_api.store.elastic import open_elastic_store

        return open_elastic_store(url)
    raise StoreURLError(f"{url}: unknown store URL (use sqlite:///path/to/vanban.db)")
