"""``mode=lexical|semantic|hybrid``: one entry point over a store and its vector index.

* lexical: the store's own BM25 search, unchanged.
* semantic: the query embedded, the documents whose best chunk is nearest; the hit's
  highlight is that chunk (escaped, without marks).
* hybrid: both rankings (``POOL`` deep) fused by reciprocal rank; facets come from the
  lexical side, highlights from the lexical hit when there is one.

Filters (type, issuer, dates …) restrict the semantic side to the documents the store's
filter-only search returns (at most ``MAX_FILTERED`` of them). A query without text is a
filter-only listing in every mode.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Literal

from search_api.semantic.embedders import Embedder
from search_api.semantic.fusion import reciprocal_rank
from search_api.semantic.index import ChunkHit, VectorIndex
from search_api.store.base import Hit, SearchQuery, SearchResult, Store
from search_api.store.records import record_to_dict

Mode = Literal["lexical", "semantic", "hybrid"]
MODES: tuple[Mode, ...] = ("lexical", "semantic", "hybrid")
POOL = 100
"""How deep each ranking is read before fusing."""
MAX_FILTERED = 1000
SNIPPET_CHARS = 300


@dataclass(slots=True)
class SemanticSearch:
    """A store, the vector index of its documents and the embedder of that index."""

    store: Store
    index: VectorIndex
    embedder: Embedder

    def search(self, query: SearchQuery, mode: Mode = "hybrid") -> SearchResult:
        """One page of hits for ``query`` in ``mode``."""
        if mode == "lexical" or not query.text.strip():
            return self.store.search(query)
        if mode == "semantic":
            return self._semantic(query)
        if mode == "hybrid":
            return self._hybrid(query)
        raise ValueError(f"unknown search mode {mode!r} (one of {', '.join(MODES)})")

    def nearest(self, query: SearchQuery, depth: int) -> list[ChunkHit]:
        """The semantic ranking: documents by their chunk nearest to the query text."""
        vector = self.embedder.embed_queries([query.text.strip()])[0]
        return self.index.nearest(vector, limit=depth, doc_ids=self._allowed(query))

    def _allowed(self, query: SearchQuery) -> set[str] | None:
        """Ids passing the query's filters; None when it has none."""
        bare = replace(query, text="", offset=0, limit=0, facets=(), highlights=False,
                       order="relevance")
        if bare == SearchQuery(limit=0, facets=(), highlights=False):
            return None
        listing = self.store.search(replace(bare, limit=MAX_FILTERED))
        return {hit.id for hit in listing.hits}

    def _semantic(self, query: SearchQuery) -> SearchResult:
        found = self.nearest(query, query.offset + query.limit)
        page = found[query.offset:query.offset + query.limit]
        hits = [h for h in (self._hit(c, c.score, query.highlights) for c in page) if h]
        return SearchResult(total=len(found), hits=hits)

    def _hybrid(self, query: SearchQuery) -> SearchResult:
        depth = max(POOL, query.offset + query.limit)
        lexical = self.store.search(replace(query, offset=0, limit=depth))
        dense = self.nearest(query, depth)
        fused = reciprocal_rank([[h.id for h in lexical.hits], [c.doc_id for c in dense]])
        by_id = {h.id: h for h in lexical.hits}
        chunks = {c.doc_id: c for c in dense}
        hits: list[Hit] = []
        for doc_id, score in fused[query.offset:query.offset + query.limit]:
            if doc_id in by_id:
                lexical_hit = by_id[doc_id]
                hits.append(Hit(doc_id, score, lexical_hit.metadata, lexical_hit.highlights))
            elif (hit := self._hit(chunks[doc_id], score, query.highlights)) is not None:
                hits.append(hit)
        total = len({*by_id, *chunks}) + max(0, lexical.total - len(lexical.hits))
        return SearchResult(total=total, hits=hits, facets=lexical.facets)

    def _hit(self, chunk: ChunkHit, score: float, highlights: bool) -> Hit | None:
        record = self.store.get(chunk.doc_id)
        if record is None:  # deleted since its vectors were read
            return None
        marks = [snippet(record.text, chunk.start, chunk.end)] if highlights else []
        return Hit(chunk.doc_id, round(score, 6), record_to_dict(record)["metadata"],
                   [m for m in marks if m])


def snippet(text: str, start: int, end: int, *, size: int = SNIPPET_CHARS) -> str:
    """The chunk's text, whitespace collapsed, cut at ``size`` characters, HTML-escaped."""
    plain = " ".join(text[start:end].split())
    if len(plain) > size:
        plain = plain[:size].rsplit(" ", 1)[0] + " …"
    return html.escape(plain)
