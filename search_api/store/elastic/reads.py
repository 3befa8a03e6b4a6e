"""Reads of the Elasticsearch store besides search: walking an index, tasks, entities, citations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from elasticsearch import Elasticsearch

from nlp.record import Record
from search_api.fold import number_key
from search_api.store.base import CitationLink, Citations, EntityCount, TaskFilter, TaskRow
from search_api.store.elastic import queries
from search_api.store.elastic.documents import SEP
from search_api.store.records import record_from_dict, task_from_dict

PAGE = 1000
WINDOW = 10_000
"""Elasticsearch's default ``index.max_result_window``: deeper pages use ``search_after``."""


def scan(client: Elasticsearch, index: str, query: dict[str, Any], sort: list[dict[str, Any]],
         source: list[str], *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Every hit of ``query`` in ``sort`` order (which must end on a unique field), paged
    with ``search_after``."""
    after: list[Any] | None = None
    left = limit
    while left is None or left > 0:
        size = PAGE if left is None else min(PAGE, left)
        extra: dict[str, Any] = {"search_after": after} if after is not None else {}
        hits = client.search(index=index, query=query, sort=sort, size=size,
                             source_includes=source, track_total_hits=False,
                             **extra).body["hits"]["hits"]
        yield from hits
        if len(hits) < size:
            return
        after = hits[-1]["sort"]
        left = None if left is None else left - len(hits)


def tasks(client: Elasticsearch, index: str, task_filter: TaskFilter) -> list[TaskRow]:
    rows = []
    for hit in scan(client, index, queries.task_query(task_filter), queries.TASK_SORT,
                    ["doc_id", "index", "task", "doc_number", "doc_type", "issuer",
                     "issued_date"], limit=task_filter.limit):
        src = hit["_source"]
        rows.append(TaskRow(src["doc_id"], int(src["index"]), task_from_dict(src["task"]),
                            src.get("doc_number"), src.get("doc_type"), src.get("issuer"),
                            src.get("issued_date")))
    return rows


def entities(client: Elasticsearch, index: str, label: str | None, prefix: str | None,
             limit: int, max_clearance: int | None = None) -> list[EntityCount]:
    if limit <= 0:
        return []
    body = queries.entity_body(label, prefix, limit, max_clearance)
    aggs = client.search(index=index, **body).body["aggregations"]
    counts = []
    for bucket in aggs["names"]["buckets"][:limit]:
        name, _, found_label = str(bucket["key"]).rpartition(SEP)
        counts.append(EntityCount(found_label, name, int(bucket["doc_count"])))
    return counts


def citations(client: Elasticsearch, index: str, doc_id: str) -> Citations:
    """What ``doc_id`` cites (resolved by number key, lowest id first) and what cites it."""
    found = client.options(ignore_status=404).get(
        index=index, id=doc_id, source_includes=["record.citations", "record.metadata.number"])
    if not found.body.get("found"):
        return Citations([], [])
    record = found.body["_source"].get("record", {})
    cited: list[dict[str, Any]] = list(record.get("citations", []))
    keys = sorted({number_key(c["number"]) for c in cited if c.get("number")})
    targets: dict[str, str] = {}
    if keys:
        query = {"bool": {"filter": [{"terms": {"number_key": keys}}],
                          "must_not": [{"term": {"id": doc_id}}]}}
        for hit in scan(client, index, query, [{"id": {"order": "asc"}}], ["id", "number_key"]):
            targets.setdefault(hit["_source"]["number_key"], hit["_source"]["id"])
    cites = [CitationLink(doc_id, c.get("number"), c["text"], c["role"],
                          targets.get(number_key(c["number"])) if c.get("number") else None)
             for c in cited]
    own = (record.get("metadata") or {}).get("number")
    if not own:
        return Citations(cites, [])
    key = number_key(own)
    query = {"bool": {"filter": [{"term": {"cites_key": key}}],
                      "must_not": [{"term": {"id": doc_id}}]}}
    cited_by = [
        CitationLink(hit["_source"]["id"], c.get("number"), c["text"], c["role"], doc_id)
        for hit in scan(client, index, query, [{"id": {"order": "asc"}}],
                        ["id", "record.citations"])
        for c in hit["_source"].get("record", {}).get("citations", [])
        if c.get("number") and number_key(c["number"]) == key
    ]
    return Citations(cites, cited_by)


def load_record(source: dict[str, Any]) -> Record:
    """A ``Record`` from a ``documents`` entry's ``_source``."""
    return record_from_dict(source["record"])
