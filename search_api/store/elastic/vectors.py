"""Chunk vectors in Elasticsearch: a ``VectorIndex`` on a ``dense_vector`` field, searched with kNN.

Each embedder gets its own index kind ``vectors-<model>`` (``schema.vector_kind``), versioned
and behind an alias like the other kinds, one entry per chunk (``<doc id>#<chunk>``) with
the document id, the chunk's offsets and the document's clearance rank. ``nearest`` asks for
the ``k`` nearest chunks (optionally only of some documents) collapsed on ``doc_id``, so each
document comes back once with its best chunk. The store keeps vectors in step with records:
a rewritten or deleted document loses its vectors (``forget``), and an attached index embeds
the records the store writes (``index_records``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

import numpy as np
from elasticsearch import Elasticsearch

from nlp.record import Record
from search_api.semantic.chunking import Chunk, chunk_record
from search_api.semantic.embedders import Embedder, Vectors
from search_api.semantic.index import ChunkHit
from search_api.store.base import clearance_rank
from search_api.store.elastic import bulk, reads, schema
from search_api.store.elastic.indices import Indices, generation

WIDE = 8
"""Chunks asked for per document wanted (the collapse keeps one per document)."""
MAX_CANDIDATES = 10_000
"""Elasticsearch's ceiling on ``num_candidates`` (and so on ``k``)."""
MIN_CANDIDATES = 100
MISSING_PAGE = 500
Action = dict[str, Any]


def chunk_id(doc_id: str, index: int) -> str:
    return f"{doc_id}#{index}"


def knn_body(vector: Vectors, *, limit: int, k: int, doc_ids: Collection[str] | None = None,
             exclude: Collection[str] = ()) -> dict[str, Any]:
    """Keyword arguments of ``client.search``: the ``k`` nearest chunks, best chunk per document."""
    knn: dict[str, Any] = {
        "field": "vector",
        "query_vector": [float(x) for x in np.asarray(vector, dtype=np.float32).reshape(-1)],
        "k": k,
        "num_candidates": min(MAX_CANDIDATES, max(k * 2, MIN_CANDIDATES)),
    }
    clauses: dict[str, Any] = {}
    if doc_ids is not None:
        clauses["filter"] = [{"terms": {"doc_id": sorted(doc_ids)}}]
    if exclude:
        clauses["must_not"] = [{"terms": {"doc_id": sorted(exclude)}}]
    if clauses:
        knn["filter"] = {"bool": clauses}
    return {"knn": knn, "collapse": {"field": "doc_id"}, "size": limit,
            "source_includes": ["doc_id", "chunk", "start", "end"], "track_total_hits": False}


def cosine(score: float) -> float:
    """Elasticsearch's cosine ``_score`` is ``(1 + cos) / 2``; back to the cosine."""
    return 2.0 * score - 1.0


def vector_actions(alias: str, record: Record, chunks: Sequence[Chunk],
                   vectors: Vectors) -> Iterator[Action]:
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    rank = clearance_rank(record.metadata.confidentiality)
    for chunk, row in zip(chunks, vectors, strict=True):
        yield {"_op_type": "index", "_index": alias, "_id": chunk_id(record.id, chunk.index),
               "_source": {"doc_id": record.id, "chunk": chunk.index, "chunk_kind": chunk.kind,
                           "start": chunk.start, "end": chunk.end, "clearance": rank,
                           "vector": [float(x) for x in np.asarray(row, dtype=np.float32)]}}


def vector_pattern(prefix: str) -> str:
    """Every chunk-vector index of a store, whatever the model."""
    return schema.index_pattern(prefix, f"{schema.VECTOR_KIND}-*")


def forget(client: Elasticsearch, prefix: str, doc_ids: Collection[str]) -> None:
    """Delete the vectors of ``doc_ids`` of every model (their records are rewritten or gone)."""
    if not doc_ids:
        return
    pattern = vector_pattern(prefix)
    if not client.indices.get(index=pattern, allow_no_indices=True, ignore_unavailable=True).body:
        return
    client.indices.refresh(index=pattern, allow_no_indices=True, ignore_unavailable=True)
    client.delete_by_query(index=pattern, query={"terms": {"doc_id": sorted(doc_ids)}},
                           allow_no_indices=True, ignore_unavailable=True, conflicts="proceed",
                           refresh=True)


def drop(client: Elasticsearch, prefix: str) -> None:
    """Delete every chunk-vector index and template of a store."""
    found = client.indices.get(index=vector_pattern(prefix), allow_no_indices=True,
                               ignore_unavailable=True).body
    for name in sorted(found):
        client.indices.delete(index=name, ignore_unavailable=True)
    templates = client.options(ignore_status=404).indices.get_index_template(
        name=schema.alias(prefix, f"{schema.VECTOR_KIND}-*")).body
    for entry in templates.get("index_templates", []):
        client.indices.delete_index_template(name=entry["name"])


class ElasticVectors:
    """The chunk vectors of one embedder in a store's cluster (``ElasticStore.vector_index``)."""

    def __init__(self, client: Elasticsearch, indices: Indices, embedder: Embedder) -> None:
        self.client, self.indices, self.embedder = client, indices, embedder
        self.kind = schema.vector_kind(embedder.name)
        self.alias = indices.alias(self.kind)
        client.indices.put_index_template(
            **schema.vector_template(indices.config, embedder.name, embedder.dim))
        if indices.current(self.kind) is None:
            indices.create(self.kind, generation(), alias=True)

    @property
    def model(self) -> str:
        return self.embedder.name

    def _searchable(self) -> None:
        self.indices.refresh(self.kind)

    # -- writing -------------------------------------------------------------------------

    def _replace(self, record_chunks: Sequence[tuple[Record, Sequence[Chunk], Vectors]]) -> None:
        ids = [record.id for record, _, _ in record_chunks]
        self._searchable()
        self.client.delete_by_query(index=self.alias, query={"terms": {"doc_id": sorted(ids)}},
                                    conflicts="proceed", refresh=True)
        actions = (a for record, chunks, vectors in record_chunks
                   for a in vector_actions(self.alias, record, chunks, vectors))
        try:
            bulk.write(self.client, actions)
        finally:
            self.indices.wrote(self.kind)

    def index_records(self, records: Sequence[Record]) -> None:
        """Embed ``records`` and write their vectors (the store calls this after writing them)."""
        chunked = [(r, chunk_record(r)) for r in records]
        texts = [c.text for _, chunks in chunked for c in chunks]
        if not texts:
            return
        vectors = self.embedder.embed_passages(texts)
        rows, first = [], 0
        for record, chunks in chunked:
            rows.append((record, chunks, vectors[first:first + len(chunks)]))
            first += len(chunks)
        self._replace(rows)

    def put_vectors(self, doc_id: str, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        found = self.client.options(ignore_status=404).get(
            index=self.indices.alias("documents"), id=doc_id, source_includes=["record"]).body
        if not found.get("found"):
            return  # deleted meanwhile: its vectors would outlive it
        record = reads.load_record(found["_source"])
        self._replace([(record, chunks, vectors)])

    # -- reading -------------------------------------------------------------------------

    def count(self) -> int:
        self._searchable()
        return int(self.client.count(index=self.alias).body["count"])

    def document_vectors(self, doc_id: str) -> Vectors | None:
        self._searchable()
        hits = list(reads.scan(self.client, self.alias, {"term": {"doc_id": doc_id}},
                               [{"chunk": {"order": "asc"}}], ["vector"]))
        if not hits:
            return None
        return np.asarray([h["_source"]["vector"] for h in hits], dtype=np.float32)

    def missing(self, *, limit: int = 100) -> list[str]:
        self._searchable()
        self.indices.refresh("documents")
        out: list[str] = []
        page: list[str] = []
        for hit in reads.scan(self.client, self.indices.alias("documents"), {"match_all": {}},
                              [{"id": {"order": "asc"}}], ["id"]):
            page.append(hit["_source"]["id"])
            if len(page) == MISSING_PAGE:
                out += self._without_vectors(page)
                page = []
                if len(out) >= limit:
                    return out[:limit]
        out += self._without_vectors(page)
        return out[:limit]

    def _without_vectors(self, ids: list[str]) -> list[str]:
        if not ids:
            return []
        aggs = {"have": {"terms": {"field": "doc_id", "size": len(ids)}}}
        body = self.client.search(index=self.alias, size=0, query={"terms": {"doc_id": ids}},
                                  aggs=aggs).body
        have = {b["key"] for b in body["aggregations"]["have"]["buckets"]}
        return [i for i in ids if i not in have]

    def nearest(self, vector: Vectors, *, limit: int, doc_ids: Collection[str] | None = None,
                exclude: Collection[str] = ()) -> list[ChunkHit]:
        if limit <= 0 or (doc_ids is not None and not doc_ids):
            return []
        self._searchable()
        k = min(MAX_CANDIDATES, limit * WIDE)
        while True:
            body = knn_body(vector, limit=limit, k=k, doc_ids=doc_ids, exclude=exclude)
            hits = self.client.search(index=self.alias, **body).body["hits"]["hits"]
            found = _best_per_doc(hits, limit)
            if len(found) >= limit or k >= MAX_CANDIDATES or k >= self.count():
                return found
            k = min(MAX_CANDIDATES, k * WIDE)  # documents with many chunks filled the k


def _best_per_doc(hits: list[dict[str, Any]], limit: int) -> list[ChunkHit]:
    """Hits (already collapsed on a real cluster; again here, so that order and unicity
    do not hang on it) as ``ChunkHit``s, best first."""
    seen: set[str] = set()
    out: list[ChunkHit] = []
    for hit in sorted(hits, key=lambda h: -float(h["_score"])):
        src = hit["_source"]
        if src["doc_id"] in seen:
            continue
        seen.add(src["doc_id"])
        out.append(ChunkHit(src["doc_id"], int(src["chunk"]), cosine(float(hit["_score"])),
                            int(src["start"]), int(src["end"])))
        if len(out) == limit:
            break
    return out
