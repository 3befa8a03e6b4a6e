"""The Elasticsearch store: ``http(s)://host:9200[/prefix]``, the ``Store`` protocol on a cluster.

The ``documents`` index is the system of record (each entry carries the whole record);
``tasks`` and ``entities`` are derived from it and rebuilt by ``reindex``; ``sources``
(path -> document) and ``failures`` are kept as written. Writes go through bulk requests
and do not force a refresh: the store refreshes what it wrote itself only before it next
searches it (see ``config.Refresh``), so a batch ingest never waits on refreshes.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch

from nlp.record import Record
from search_api.query import ParsedQuery, parse_query
from search_api.semantic.embedders import Embedder
from search_api.store.base import (
    Citations,
    EntityCount,
    FailureRow,
    Hit,
    SearchQuery,
    SearchResult,
    TaskFilter,
    TaskRow,
)
from search_api.store.elastic import bulk, queries, reads, schema, vectors
from search_api.store.elastic import documents as docs
from search_api.store.elastic.config import ElasticConfig
from search_api.store.elastic.highlights import render
from search_api.store.elastic.indices import Indices, generation
from search_api.store.highlight import highlight

log = logging.getLogger(__name__)
MAX_LIMIT = 1000
"""The most hits one search returns (as the embedded store)."""
Action = dict[str, Any]
_REFRESH: dict[str, str | bool] = {"read": False, "wait_for": "wait_for", "true": True}


def make_client(config: ElasticConfig) -> Elasticsearch:
    auth = (config.username, config.password or "") if config.username else None
    return Elasticsearch(config.hosts, basic_auth=auth, request_timeout=60,
                         retry_on_timeout=True, max_retries=3)


class ElasticStore:
    """Records in Elasticsearch indices named ``<prefix>-<kind>`` (aliases)."""

    def __init__(self, config: ElasticConfig, client: Elasticsearch | None = None) -> None:
        self.config = config
        self.client = client or make_client(config)
        self.indices = Indices(self.client, config)
        self._vectors: dict[str, vectors.ElasticVectors] = {}
        if stale := self.indices.ensure():
            log.info("%s: %s hold an older schema: rebuilding", config.prefix, ", ".join(stale))
            self.reindex()

    # -- writing -----------------------------------------------------------------------

    def _write(self, actions: Iterable[Action], *kinds: str) -> int:
        refresh: str | bool = _REFRESH[self.config.refresh]
        try:
            return bulk.write(self.client, actions, refresh=refresh)
        finally:
            if refresh is False:
                self.indices.wrote(*kinds)

    def _counts(self, doc_ids: list[str]) -> dict[str, tuple[int, int]]:
        """doc id -> (tasks, entities) entries it has now (real-time: sees unrefreshed writes)."""
        if not doc_ids:
            return {}
        found = self.client.mget(index=self.indices.alias("documents"), ids=doc_ids,
                                 source_includes=["n_tasks", "n_entities"]).body["docs"]
        return {d["_id"]: (int(d["_source"].get("n_tasks", 0)), int(d["_source"].get("n_entities", 0)))
                for d in found if d.get("found")}

    def _record_actions(self, record: Record, sha256: str | None, old: tuple[int, int],
                        target: dict[str, str]) -> Iterator[Action]:
        doc = docs.document_source(record, sha256=sha256)
        yield {"_op_type": "index", "_index": target["documents"], "_id": record.id, "_source": doc}
        for kind, sources, old_n in (("tasks", docs.task_sources(record), old[0]),
                                     ("entities", docs.entity_sources(record), old[1])):
            for i, source in enumerate(sources):
                yield {"_op_type": "index", "_index": target[kind],
                       "_id": docs.task_id(record.id, i), "_source": source}
            for i in range(len(sources), old_n):
                yield {"_op_type": "delete", "_index": target[kind], "_id": docs.task_id(record.id, i)}

    def _aliases(self) -> dict[str, str]:
        return {kind: self.indices.alias(kind) for kind in schema.KINDS}

    def put(self, record: Record, *, path: str | None = None, sha256: str | None = None) -> None:
        self.put_many([(record, path, sha256)])

    def put_many(self, items: Iterable[tuple[Record, str | None, str | None]]) -> int:
        """Store records in bulk; a path that now holds another document lets go of the old
        one, which is deleted when no other path holds it."""
        records: dict[str, tuple[Record, str | None]] = {}
        links: list[tuple[str, str, str | None]] = []
        for record, path, sha256 in items:
            records[record.id] = (record, sha256)
            if path is not None:
                links.append((path, record.id, sha256))
        if not records:
            return 0
        counts = self._counts(list(records))
        held = self._linked([path for path, _, _ in links])
        released: set[str] = set()
        for path, doc_id, _ in links:
            if held.get(path, doc_id) != doc_id:
                released.add(held[path])
            held[path] = doc_id
        target, now = self._aliases(), _now()
        actions: list[Action] = []
        for record, sha256 in records.values():
            actions.extend(self._record_actions(record, sha256, counts.get(record.id, (0, 0)), target))
        for path, doc_id, sha256 in links:
            pid = docs.path_id(path)
            actions.append({"_op_type": "index", "_index": target["sources"], "_id": pid,
                            "_source": {"path": path, "doc_id": doc_id, "sha256": sha256, "at": now}})
            actions.append({"_op_type": "delete", "_index": target["failures"], "_id": pid})
        self._write(actions, *schema.KINDS)
        vectors.forget(self.client, self.config.prefix, set(counts))  # rewritten: stale vectors
        for index in self._vectors.values():
            index.index_records([record for record, _ in records.values()])
        if released := released - set(held.values()):
            self._delete_unheld(released)
        return len(records)

    def _linked(self, paths: list[str]) -> dict[str, str]:
        """path -> the document it holds now."""
        if not paths:
            return {}
        found = self.client.mget(index=self.indices.alias("sources"),
                                 ids=[docs.path_id(p) for p in dict.fromkeys(paths)]).body["docs"]
        return {d["_source"]["path"]: d["_source"]["doc_id"] for d in found if d.get("found")}

    def _paths_of(self, doc_ids: set[str]) -> list[dict[str, Any]]:
        self.indices.refresh("sources")
        query = {"terms": {"doc_id": sorted(doc_ids)}}
        return [h["_source"] for h in reads.scan(self.client, self.indices.alias("sources"), query,
                                                 [{"path": {"order": "asc"}}], ["path", "doc_id"])]

    def _delete_unheld(self, doc_ids: set[str]) -> None:
        still = {source["doc_id"] for source in self._paths_of(doc_ids)}
        if gone := doc_ids - still:
            self._delete_documents(gone)

    def _delete_documents(self, doc_ids: set[str]) -> set[str]:
        """Delete documents with their tasks, entities and paths; the ids that existed."""
        counts = self._counts(sorted(doc_ids))
        target = self._aliases()
        actions: list[Action] = [{"_op_type": "delete", "_index": target["documents"], "_id": i}
                                 for i in sorted(doc_ids)]
        for doc_id, (n_tasks, n_entities) in counts.items():
            actions += [{"_op_type": "delete", "_index": target["tasks"],
                         "_id": docs.task_id(doc_id, i)} for i in range(n_tasks)]
            actions += [{"_op_type": "delete", "_index": target["entities"],
                         "_id": docs.task_id(doc_id, i)} for i in range(n_entities)]
        actions += [{"_op_type": "delete", "_index": target["sources"],
                     "_id": docs.path_id(s["path"])} for s in self._paths_of(doc_ids)]
        self._write(actions, *schema.KINDS)
        vectors.forget(self.client, self.config.prefix, set(counts))
        return set(counts)

    def delete(self, doc_id: str) -> bool:
        return bool(self._delete_documents({doc_id}))

    def record_failure(self, path: str, error: str, *, sha256: str | None = None) -> None:
        source = {"path": path, "error": error, "sha256": sha256, "at": _now()}
        self._write([{"_op_type": "index", "_index": self.indices.alias("failures"),
                      "_id": docs.path_id(path), "_source": source}], "failures")

    def reindex(self) -> int:
        """Build new ``documents``/``tasks``/``entities`` indices from the stored records and
        move the aliases to them in one step; the number of documents indexed.
        (Writes made by other processes while it runs are lost: stop ingests first.)"""
        gen = generation()
        new = {kind: self.indices.create(kind, gen, alias=False) for kind in schema.DERIVED}
        for index in new.values():
            self.indices.set_refresh_interval(index, "-1")
        count = 0

        def actions() -> Iterator[Action]:
            nonlocal count
            for record, sha256 in self.iter_records():
                count += 1
                yield from self._record_actions(record, sha256, (0, 0), new)

        bulk.write(self.client, actions())
        for index in new.values():
            self.indices.set_refresh_interval(index, "1s")
        self.client.indices.refresh(index=",".join(new.values()))
        self.indices.swap(new)
        return count

    # -- reading -----------------------------------------------------------------------

    def iter_records(self) -> Iterator[tuple[Record, str | None]]:
        """Every stored record with its file hash, in id order."""
        self.indices.refresh("documents")
        for hit in reads.scan(self.client, self.indices.alias("documents"), {"match_all": {}},
                              [{"id": {"order": "asc"}}], ["record", "sha256"]):
            yield reads.load_record(hit["_source"]), hit["_source"].get("sha256")

    def iter_sources(self) -> Iterator[tuple[str, str, str | None]]:
        """(path, document id, sha256) of every path read into a document, by path."""
        self.indices.refresh("sources")
        for hit in reads.scan(self.client, self.indices.alias("sources"), {"match_all": {}},
                              [{"path": {"order": "asc"}}], ["path", "doc_id", "sha256"]):
            yield hit["_source"]["path"], hit["_source"]["doc_id"], hit["_source"].get("sha256")

    def get(self, doc_id: str) -> Record | None:
        found = self.client.options(ignore_status=404).get(
            index=self.indices.alias("documents"), id=doc_id, source_includes=["record"]).body
        return reads.load_record(found["_source"]) if found.get("found") else None

    def known_sha256(self, path: str) -> str | None:
        found = self.client.options(ignore_status=404).get(
            index=self.indices.alias("sources"), id=docs.path_id(path)).body
        return found["_source"].get("sha256") if found.get("found") else None

    def count(self) -> int:
        self.indices.refresh("documents")
        return int(self.client.count(index=self.indices.alias("documents")).body["count"])

    def failures(self) -> list[FailureRow]:
        self.indices.refresh("failures")
        hits = reads.scan(self.client, self.indices.alias("failures"), {"match_all": {}},
                          [{"path": {"order": "asc"}}], ["path", "error", "sha256", "at"])
        return [FailureRow(h["_source"]["path"], h["_source"]["error"], h["_source"].get("sha256"),
                           h["_source"]["at"]) for h in hits]

    def tasks(self, task_filter: TaskFilter) -> list[TaskRow]:
        self.indices.refresh("tasks")
        return reads.tasks(self.client, self.indices.alias("tasks"), task_filter)

    def entities(self, label: str | None = None, prefix: str | None = None, *,
                 limit: int = 100, max_clearance: int | None = None) -> list[EntityCount]:
        self.indices.refresh("entities")
        return reads.entities(self.client, self.indices.alias("entities"), label, prefix, limit,
                              max_clearance)

    def citations(self, doc_id: str) -> Citations:
        self.indices.refresh("documents")
        return reads.citations(self.client, self.indices.alias("documents"), doc_id)

    def search(self, query: SearchQuery) -> SearchResult:
        """Full-text search with filters, facets and highlights (see ``SearchQuery``)."""
        self.indices.refresh("documents")
        parsed = parse_query(query.text)
        order = query.order if not parsed.is_empty else ("date" if query.order == "relevance"
                                                          else query.order)
        result = self._run(query, parsed, order, all_words=True)
        if (result.total == 0 and len(parsed.words) > 1 and not parsed.numbers
                and not parsed.phrases):
            result = self._run(query, parsed, order, all_words=False)
        return result

    def _run(self, query: SearchQuery, parsed: ParsedQuery, order: str, *,
             all_words: bool) -> SearchResult:
        body = queries.search_body(query, parsed, order, all_words=all_words)
        index = self.indices.alias("documents")
        offset, limit = max(0, query.offset), max(0, min(query.limit, MAX_LIMIT))
        page: dict[str, Any] = {"from_": offset}
        if offset + limit > reads.WINDOW:  # deep page: walk there with search_after
            skipped = reads.scan(self.client, index, body["query"], body["sort"], ["id"],
                                 limit=offset)
            tail = deque(skipped, maxlen=1)
            last = tail[0] if tail else None
            page = {"search_after": last["sort"]} if last else {}
            limit = limit if last else 0
        response = self.client.search(index=index, size=limit, **page, **body).body
        hits = [self._hit(h, order, parsed, query.highlights) for h in response["hits"]["hits"]]
        facets = queries.facet_counts(response.get("aggregations", {}), query.facets)
        return SearchResult(total=int(response["hits"]["total"]["value"]), hits=hits,
                            facets=facets)

    @staticmethod
    def _hit(hit: dict[str, Any], order: str, parsed: ParsedQuery, highlights: bool) -> Hit:
        record = hit["_source"].get("record", {})
        score = float(hit.get("_score") or 0.0) if order == "relevance" else 0.0
        marks: list[str] = []
        if highlights and parsed.terms():
            text = record.get("text", "")
            try:
                marks = render(text, hit.get("highlight", {}).get("text", []))
            except ValueError:  # text not NFC: mark it the embedded store's way
                marks = highlight(text, tuple(parsed.terms()))
        return Hit(hit["_source"]["id"], score, record.get("metadata", {}), marks)

    def vector_index(self, embedder: Embedder) -> vectors.ElasticVectors:
        """The chunk vectors of ``embedder`` (a ``VectorIndex``); from now on this store
        embeds the records it writes into it."""
        if embedder.name not in self._vectors:
            self._vectors[embedder.name] = vectors.ElasticVectors(self.client, self.indices,
                                                                  embedder)
        return self._vectors[embedder.name]

    def drop(self) -> None:
        """Delete every index and template of this store (throw-away stores, tests)."""
        self.indices.drop()
        vectors.drop(self.client, self.config.prefix)
        self._vectors.clear()

    def close(self) -> None:
        """Make this store's writes searchable (one refresh at the end of an ingest), let go."""
        try:
            self.indices.refresh(*schema.KINDS)
        finally:
            self.client.close()

    def __enter__(self) -> ElasticStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
