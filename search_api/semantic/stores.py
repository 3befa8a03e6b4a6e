"""Giving a store its vector index and a ``SemanticSearch`` over both.

The embedded store gets ``SqliteVectors`` through its vector hook; another backend (e.g.
Elasticsearch) joins by offering ``vector_index(embedder) -> VectorIndex``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from search_api.semantic.embedders import DEFAULT_EMBEDDER, Embedder, shared_embedder
from search_api.semantic.index import VectorIndex
from search_api.semantic.search import SemanticSearch
from search_api.semantic.sqlite_vectors import Fillable, SqliteVectors, fill_missing
from search_api.store.base import Store


class SemanticUnavailableError(RuntimeError):
    """The store's backend keeps no vectors."""


def vector_index(store: Store, embedder: Embedder) -> VectorIndex:
    """The store's vector index for ``embedder``; from now on it is written with records."""
    from search_api.store.embedded import EmbeddedStore

    if isinstance(store, EmbeddedStore):
        index = SqliteVectors(embedder)
        store.attach_vectors(index)
        return index
    factory = getattr(store, "vector_index", None)
    if callable(factory):
        return cast(VectorIndex, cast(Callable[[Embedder], object], factory)(embedder))
    raise SemanticUnavailableError(f"{type(store).__name__} keeps no vectors")


def open_semantic(store: Store, *, embedder: Embedder | None = None,
                  embedder_spec: str = DEFAULT_EMBEDDER, fill: bool = True) -> SemanticSearch:
    """Semantic search over ``store``; ``fill`` first embeds documents stored without vectors
    (the first call after ingesting with semantic search off takes a while)."""
    chosen = embedder or shared_embedder(embedder_spec)
    index = vector_index(store, chosen)
    if fill and isinstance(index, Fillable):
        fill_missing(index, store.get)
    return SemanticSearch(store, index, chosen)
