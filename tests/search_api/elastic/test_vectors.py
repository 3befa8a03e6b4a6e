"""Chunk vectors in Elasticsearch: the mapping and kNN request, then the ``VectorIndex`` on a
server (noida-db's emulator or ``$VANBAN_ES_URL``) with a small hashed bag-of-words embedder."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from nlp.record import Metadata, Record, SourceInfo
from search_api.semantic.chunking import Chunk, chunk_record
from search_api.semantic.embedders import Vectors, normalise_rows
from search_api.semantic.search import SemanticSearch
from search_api.semantic.stores import vector_index
from search_api.store.base import SearchQuery
from search_api.store.elastic import schema
from search_api.store.elastic.store import ElasticStore
from search_api.store.elastic.vectors import ElasticVectors, cosine, knn_body

DIMS = 16


class BagOfWords:
    """Deterministic vectors: each word adds 1 to a hashed dimension."""

    name = "test-bag-of-words"
    dim = DIMS

    def _embed(self, texts: Sequence[str]) -> Vectors:
        rows = np.zeros((len(texts), DIMS), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                rows[i, hashlib.md5(word.encode()).digest()[0] % DIMS] += 1.0
        return normalise_rows(rows)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts)


def _record(doc_id: str, text: str, confidentiality: str | None = None) -> Record:
    return Record(id=doc_id, source=SourceInfo(f"{doc_id}.txt"), text=text,
                  metadata=Metadata(doc_type="chi_thi", doc_type_label="Chỉ thị",
                                    issued_date="2024-01-02", confidentiality=confidentiality))


def _unit(*values: float) -> Vectors:
    row = np.zeros(DIMS, dtype=np.float32)
    row[:len(values)] = values
    unit: Vectors = normalise_rows(row)[0]
    return unit


def _chunks(n: int) -> list[Chunk]:
    return [Chunk(i, "body", f"đoạn {i}", i * 10, i * 10 + 5) for i in range(n)]


def test_the_mapping_of_a_models_vectors() -> None:
    assert schema.vector_mappings("m", 16)["properties"]["vector"] == {
        "type": "dense_vector", "dims": 16, "index": True, "similarity": "cosine"}
    kind = schema.vector_kind("hf:/models/PhoBERT v2")
    assert re.fullmatch(r"vectors-hf-models-phobert-v2-[0-9a-f]{8}", kind), kind
    assert schema.vector_kind("a b") != schema.vector_kind("a-b")


def test_the_knn_request_body() -> None:
    body = knn_body(_unit(1.0), limit=3, k=24, doc_ids={"b", "a"}, exclude={"c"})
    assert body == {
        "knn": {"field": "vector", "query_vector": [1.0] + [0.0] * (DIMS - 1), "k": 24,
                "num_candidates": 100,
                "filter": {"bool": {"filter": [{"terms": {"doc_id": ["a", "b"]}}],
                                    "must_not": [{"terms": {"doc_id": ["c"]}}]}}},
        "collapse": {"field": "doc_id"}, "size": 3,
        "source_includes": ["doc_id", "chunk", "start", "end"], "track_total_hits": False}
    assert "filter" not in knn_body(_unit(1.0), limit=1, k=8)["knn"]
    assert knn_body(_unit(1.0), limit=2000, k=16000)["knn"]["num_candidates"] == 10_000
    assert cosine(1.0) == 1.0
    assert cosine(0.5) == 0.0


@pytest.fixture
def index(es_store: ElasticStore) -> ElasticVectors:
    es_store.put_many([(_record(i, f"Văn bản {i}."), None, None) for i in ("a", "b", "c")])
    vectors = es_store.vector_index(BagOfWords())
    vectors.put_vectors("a", _chunks(2), np.vstack([_unit(1, 0, 0), _unit(0, 1, 0)]))
    vectors.put_vectors("b", _chunks(1), np.vstack([_unit(1, 1, 0)]))
    vectors.put_vectors("c", _chunks(1), np.vstack([_unit(0, 0, 1)]))
    return vectors


def test_the_index_has_its_mapping_behind_an_alias(index: ElasticVectors) -> None:
    current = index.indices.current(index.kind)
    assert current is not None
    assert current.startswith(f"{index.alias}-v")
    mapping = index.client.indices.get_mapping(index=current).body[current]["mappings"]
    vector = mapping["properties"]["vector"]
    assert (vector["type"], vector["dims"], vector["similarity"]) == ("dense_vector", DIMS, "cosine")


def test_nearest_takes_each_documents_best_chunk(index: ElasticVectors) -> None:
    hits = index.nearest(_unit(0, 1, 0), limit=10)
    assert [(h.doc_id, h.chunk) for h in hits] == [("a", 1), ("b", 0), ("c", 0)]
    assert hits[0].score == pytest.approx(1.0, abs=0.02)
    assert hits[1].score == pytest.approx(0.7071, abs=0.02)
    assert (hits[0].start, hits[0].end) == (10, 15)
    assert [h.doc_id for h in index.nearest(_unit(0, 1, 0), limit=2)] == ["a", "b"]


def test_nearest_within_and_without(index: ElasticVectors) -> None:
    assert [h.doc_id for h in index.nearest(_unit(0, 1, 0), limit=5, doc_ids={"c", "b"})] == [
        "b", "c"]
    assert [h.doc_id for h in index.nearest(_unit(0, 1, 0), limit=5, exclude={"a"})] == ["b", "c"]
    assert index.nearest(_unit(0, 1, 0), limit=5, doc_ids=set()) == []
    assert index.nearest(_unit(0, 1, 0), limit=0) == []


def test_vectors_count_and_read_back(index: ElasticVectors) -> None:
    assert index.count() == 4
    rows = index.document_vectors("a")
    assert rows is not None
    assert rows.shape == (2, DIMS)
    assert np.allclose(rows[1], _unit(0, 1, 0))
    assert index.document_vectors("zz") is None


def test_put_vectors_replaces_and_skips_deleted_documents(index: ElasticVectors,
                                                           es_store: ElasticStore) -> None:
    index.put_vectors("a", _chunks(1), np.vstack([_unit(0, 0, 1)]))
    rows = index.document_vectors("a")
    assert rows is not None
    assert rows.shape == (1, DIMS)
    es_store.delete("c")
    assert index.document_vectors("c") is None
    index.put_vectors("c", _chunks(1), np.vstack([_unit(0, 0, 1)]))
    assert index.document_vectors("c") is None
    assert index.count() == 2


def test_the_store_embeds_what_it_writes_and_forgets_rewritten(es_store: ElasticStore) -> None:
    es_store.put_many([(_record("old", "Văn bản cũ."), None, None)])
    index = es_store.vector_index(BagOfWords())
    assert index.missing() == ["old"]
    record = _record("new", "Chỉ thị về phòng chống thiên tai và bão lũ.")
    es_store.put(record)
    assert index.missing() == ["old"]
    rows = index.document_vectors("new")
    assert rows is not None
    assert len(rows) == len(chunk_record(record))
    other = ElasticVectors(es_store.client, es_store.indices, _Other())  # not attached
    other.put_vectors("old", _chunks(1), np.vstack([_unit(1)]))
    es_store.put(_record("old", "Văn bản cũ, sửa lại."))
    assert other.document_vectors("old") is None  # stale vectors of every model go
    assert index.document_vectors("old") is not None
    assert index.missing() == []


class _Other(BagOfWords):
    name = "test-other"


def test_semantic_search_runs_on_the_store(es_store: ElasticStore) -> None:
    embedder = BagOfWords()
    index = vector_index(es_store, embedder)
    assert isinstance(index, ElasticVectors)
    es_store.put_many([
        (_record("flood", "Phòng chống thiên tai bão lũ lụt."), None, None),
        (_record("award", "Tặng bằng khen cho tập thể có thành tích."), None, None),
        (_record("secret", "Phòng chống bão lũ lụt.", confidentiality="Mật"), None, None)])
    search = SemanticSearch(es_store, index, embedder)
    found = search.nearest(SearchQuery(text="bão lũ lụt"), 3)
    assert found[0].doc_id in {"flood", "secret"}
    assert found[-1].doc_id == "award"
    public = search.nearest(SearchQuery(text="bão lũ lụt", max_clearance=0), 3)
    assert [h.doc_id for h in public][:1] == ["flood"]
    assert "secret" not in {h.doc_id for h in public}


def test_drop_removes_vector_indices(es_store: ElasticStore) -> None:
    index = es_store.vector_index(BagOfWords())
    es_store.drop()
    assert not es_store.client.indices.exists(index=index.alias)
    assert not es_store.client.indices.exists_index_template(name=index.alias)


def test_open_semantic_embeds_documents_stored_before(es_store: ElasticStore) -> None:
    from search_api.semantic.stores import open_semantic

    es_store.put_many([(_record("early", "Phòng chống thiên tai bão lũ lụt."), None, None)])
    search = open_semantic(es_store, embedder=BagOfWords())
    assert search.index.count() > 0
    assert search.index.missing() == []
    assert search.nearest(SearchQuery(text="bão lũ"), 1)[0].doc_id == "early"
