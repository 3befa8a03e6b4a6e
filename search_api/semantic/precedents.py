"""Similar documents and precedents, from the vector index (and the store's citations).

* ``similar``: documents nearest to this one's centroid (the mean of its chunk vectors).
* ``precedents`` of an award decision: earlier decisions with an award of the same form
  (``award_kind``), ranked by how close their text is to this one's reasons ("đã có thành
  tích xuất sắc trong …"). Of any other document (a directive, a conclusion notice …):
  earlier documents on the same subject. Both come with the citation neighbours (what it
  cites and what cites it, when stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nlp.record import Record
from search_api.semantic.embedders import Vectors, normalise_rows
from search_api.semantic.search import SemanticSearch
from search_api.store.base import SearchQuery
from search_api.store.records import record_to_dict

POOL = 50
MAX_REASONS = 5
MAX_AWARD_CANDIDATES = 1000


@dataclass(slots=True)
class Related:
    """A related document and why it is related."""

    id: str
    score: float
    metadata: dict[str, Any]
    why: list[str] = field(default_factory=list)
    """E.g. ``["same award form: bang_khen", "similar reasons"]``, ``["cited by this document"]``."""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "metadata": self.metadata, "why": self.why}


@dataclass(slots=True)
class Precedents:
    kind: str
    """``award`` (earlier decisions with the same award form) or ``subject``."""
    earlier: list[Related]
    neighbours: list[Related]
    """Citation neighbours: stored documents it cites, and those citing it."""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "earlier": [r.to_dict() for r in self.earlier],
                "neighbours": [r.to_dict() for r in self.neighbours]}


def _centroid(search: SemanticSearch, record: Record) -> Vectors:
    """The record's mean chunk vector (embedded now when it has no stored vectors)."""
    vectors = search.index.document_vectors(record.id)
    if vectors is None:
        from search_api.semantic.chunking import chunk_record

        chunks = chunk_record(record)
        vectors = search.embedder.embed_passages([c.text for c in chunks])
    centroid: Vectors = normalise_rows(vectors.mean(axis=0))[0]
    return centroid


def _metadata(search: SemanticSearch, doc_id: str) -> dict[str, Any] | None:
    record = search.store.get(doc_id)
    return record_to_dict(record)["metadata"] if record is not None else None


def similar(search: SemanticSearch, record: Record, *, limit: int = 10) -> list[Related]:
    """Up to ``limit`` other documents nearest to ``record`` in meaning, best first."""
    found = search.index.nearest(_centroid(search, record), limit=limit, exclude={record.id})
    return [Related(h.doc_id, round(h.score, 4), meta, ["similar content"])
            for h in found if (meta := _metadata(search, h.doc_id)) is not None]


def _earlier(meta: dict[str, Any], day: str | None) -> bool:
    issued = meta.get("issued_date")
    return day is None or (bool(issued) and str(issued) < day)


def precedents(search: SemanticSearch, record: Record, *, limit: int = 10) -> Precedents:
    """Precedents of ``record``: see the module docstring."""
    neighbours = _citation_neighbours(search, record)
    if record.awards:
        return Precedents("award", _award_precedents(search, record, limit), neighbours)
    return Precedents("subject", _subject_precedents(search, record, limit), neighbours)


def _award_precedents(search: SemanticSearch, record: Record, limit: int) -> list[Related]:
    day = record.metadata.issued_date
    kinds = sorted({a.award_kind for a in record.awards if a.award_kind})
    candidates: dict[str, str] = {}
    for kind in kinds:
        listing = search.store.search(SearchQuery(award_kind=kind, limit=MAX_AWARD_CANDIDATES,
                                                  facets=(), highlights=False))
        for listed in listing.hits:
            if listed.id != record.id and _earlier(listed.metadata, day):
                candidates.setdefault(listed.id, kind)
    if not candidates:
        return []
    reasons = list(dict.fromkeys(a.reason for a in record.awards if a.reason))[:MAX_REASONS]
    if reasons:
        vectors = search.embedder.embed_passages(reasons)
        anchor = normalise_rows(np.asarray(vectors).mean(axis=0))[0]
    else:
        anchor = _centroid(search, record)
    found = search.index.nearest(anchor, limit=limit, doc_ids=set(candidates))
    related = []
    for hit in found:
        meta = _metadata(search, hit.doc_id)
        if meta is not None:
            why = [f"same award form: {candidates[hit.doc_id]}",
                   "similar reasons" if reasons else "similar content"]
            related.append(Related(hit.doc_id, round(hit.score, 4), meta, why))
    return related


def _subject_precedents(search: SemanticSearch, record: Record, limit: int) -> list[Related]:
    day = record.metadata.issued_date
    centroid = _centroid(search, record)
    subject = (record.metadata.subject or "").strip()
    if subject:
        subject_vector = search.embedder.embed_queries([subject])[0]
        centroid = normalise_rows(centroid + subject_vector)[0]
    related = []
    for hit in search.index.nearest(centroid, limit=POOL, exclude={record.id}):
        meta = _metadata(search, hit.doc_id)
        if meta is not None and _earlier(meta, day):
            related.append(Related(hit.doc_id, round(hit.score, 4), meta, ["similar subject"]))
            if len(related) == limit:
                break
    return related


def _citation_neighbours(search: SemanticSearch, record: Record) -> list[Related]:
    links = search.store.citations(record.id)
    pairs = [(c.target_id, f"cited by this document ({c.number or c.text})")
             for c in links.cites if c.target_id]
    pairs += [(c.doc_id, f"cites this document ({c.role})") for c in links.cited_by]
    related: dict[str, Related] = {}
    for doc_id, why in pairs:
        if doc_id is None or doc_id == record.id:
            continue
        if doc_id in related:
            related[doc_id].why.append(why)
        elif (meta := _metadata(search, doc_id)) is not None:
            related[doc_id] = Related(doc_id, 1.0, meta, [why])
    return list(related.values())
