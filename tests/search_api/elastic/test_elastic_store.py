"""What the Elasticsearch store does beyond the shared behaviour suite."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from nlp.record import Record
from search_api.store import SearchQuery, StoreURLError, TaskFilter, open_store
from search_api.store.elastic import MissingClientError, bulk, schema
from search_api.store.elastic.config import parse_url
from search_api.store.elastic.emulator import free_port
from search_api.store.elastic.store import ElasticStore
from search_api.store.records import record_from_dict


def _record(doc_id: str, text: str, **extra: Any) -> Record:
    return record_from_dict({"id": doc_id, "text": text, "source": {"filename": f"{doc_id}.txt"},
                             **extra})


def _with_task(doc_id: str) -> Record:
    task = {"action": "tổng kết phong trào thi đua", "assignees": ["Bộ Nội vụ"],
            "coordinators": [], "report_to": None, "start": 0, "end": 0}
    return _record(doc_id, "Tổng kết phong trào thi đua.", tasks=[task],
                   entities=[{"label": "ORG", "text": "Bộ Nội vụ", "start": 0, "end": 0}])


def test_reindex_builds_a_new_generation_and_moves_the_aliases(es_store: ElasticStore) -> None:
    es_store.put_many([(_with_task("a"), "/a.txt", "1"), (_record("b", "Khen thưởng."), None, None)])
    before = {kind: es_store.indices.current(kind) for kind in schema.KINDS}
    assert es_store.reindex() == 2
    after = {kind: es_store.indices.current(kind) for kind in schema.KINDS}
    for kind in schema.KINDS:
        assert (after[kind] != before[kind]) == (kind in schema.DERIVED), kind
        assert not es_store.client.indices.exists(index=str(before[kind])) or kind not in schema.DERIVED
    assert es_store.count() == 2
    assert [r.doc_id for r in es_store.tasks(TaskFilter(assignee="bo noi vu"))] == ["a"]
    assert [e.name for e in es_store.entities("ORG")] == ["Bộ Nội vụ"]
    assert es_store.known_sha256("/a.txt") == "1"


def test_an_older_schema_is_rebuilt_on_open(store_url: str, es_store: ElasticStore) -> None:
    es_store.put(_with_task("a"), path="/a.txt", sha256="1")
    old = es_store.indices.current("documents")
    es_store.client.indices.put_mapping(index=str(old), meta={"vanban_schema": 0})
    es_store.close()
    reopened = ElasticStore(parse_url(store_url))
    try:
        assert reopened.indices.current("documents") != old
        assert reopened.get("a") == _with_task("a")
        assert reopened.search(SearchQuery(text="phong trào")).total == 1
    finally:
        reopened.close()


def test_refused_documents_are_reported_one_by_one(es_store: ElasticStore) -> None:
    index = es_store.indices.alias("failures")
    actions: list[dict[str, Any]] = [
        {"_op_type": "index", "_index": index, "_id": "good", "_source": {"path": "/g", "error": "x"}},
        {"_op_type": "index", "_index": index, "_id": "bad", "_source": {"path": "/b", "colour": 1}},
        {"_op_type": "delete", "_index": index, "_id": "never-there"},
    ]
    with pytest.raises(bulk.BulkWriteError) as caught:
        bulk.write(es_store.client, actions, refresh=True)
    assert [(f.op, f.id) for f in caught.value.failures] == [("index", "bad")]
    assert "strict_dynamic_mapping_exception" in str(caught.value)
    assert caught.value.written == 1


def test_batch_writes_never_refresh(es_store: ElasticStore, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_refresh = es_store.client.indices.refresh

    def counting(**kwargs: Any) -> Any:
        calls.append(kwargs["index"])
        return real_refresh(**kwargs)

    monkeypatch.setattr(es_store.client.indices, "refresh", counting)
    for i in range(3):
        es_store.put_many([(_record(f"d{i}", "Thi đua."), f"/d{i}.txt", str(i))])
        assert es_store.known_sha256(f"/d{i}.txt") == str(i)  # real-time get, no refresh
    assert calls == []
    assert es_store.search(SearchQuery(text="thi đua")).total == 3
    assert calls == [es_store.indices.alias("documents")]
    es_store.search(SearchQuery(text="thi đua"))
    assert len(calls) == 1


def test_wait_for_refresh_needs_no_explicit_refresh(store_url: str) -> None:
    store = ElasticStore(parse_url(store_url + "?refresh=wait_for"))
    try:
        store.put(_record("x", "Thi đua."))
        assert store.indices.dirty == set()
        assert store.count() == 1
    finally:
        store.close()


def test_missing_client_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "elasticsearch", None)
    with pytest.raises(MissingClientError, match=r"pip install 'vanban\[es\]'"):
        open_store("http://localhost:9200")


def test_no_server_is_a_store_url_error() -> None:
    with pytest.raises(StoreURLError, match="no Elasticsearch answers"):
        open_store(f"http://127.0.0.1:{free_port()}/x")
