"""The vector index interface every backend implements (SQLite + numpy here; Elasticsearch
``dense_vector`` kNN can implement the same four reads and one write).

Vectors are stored per chunk with the name of the model that made them; a backend only ever
compares vectors of the embedder it was opened with.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from search_api.semantic.chunking import Chunk
from search_api.semantic.embedders import Vectors


@dataclass(frozen=True, slots=True)
class ChunkHit:
    """A document's best chunk for a query vector; ``score`` is the cosine similarity."""

    doc_id: str
    chunk: int
    score: float
    start: int
    end: int


class VectorIndex(Protocol):
    """Chunk vectors of the stored documents, for one embedder (``model``)."""

    @property
    def model(self) -> str: ...

    def nearest(self, vector: Vectors, *, limit: int, doc_ids: Collection[str] | None = None,
                exclude: Collection[str] = ()) -> list[ChunkHit]:
        """The ``limit`` documents whose best chunk is closest to ``vector``, best first;
        only among ``doc_ids`` when given (ES: kNN with a ``terms`` filter, collapsed on id)."""

    def document_vectors(self, doc_id: str) -> Vectors | None:
        """The chunk vectors of one document (rows in chunk order), None when it has none."""

    def missing(self, *, limit: int = 100) -> list[str]:
        """Ids of stored documents that have no vectors of this model yet."""

    def put_vectors(self, doc_id: str, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        """Replace the vectors of one document (used when filling in missing ones)."""

    def count(self) -> int:
        """Chunks with vectors of this model."""
