"""``reindex_between``: every record moves from one store to another, paths and failures too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from nlp.record import Record
from search_api.es_reindex import reindex_between
from search_api.indexer import Progress
from search_api.store import SearchQuery, TaskFilter, open_store, record_from_dict

DOCUMENTS = Path(__file__).parents[1] / "store" / "data" / "documents.yaml"


def _records() -> list[Record]:
    with DOCUMENTS.open(encoding="utf-8") as handle:
        data: list[dict[str, Any]] = yaml.safe_load(handle)
    return [record_from_dict({"source": {"filename": f"{d['id']}.txt"}, **d}) for d in data]


def _fill_sqlite(tmp_path: Path, records: list[Record]) -> str:
    url = f"sqlite:///{tmp_path / 'src.db'}"
    store = open_store(url)
    store.put_many((r, f"/docs/{r.id}.txt", f"sha-{r.id}") for r in records)
    store.put(records[0], path="/copies/first.txt", sha256="sha-copy")  # two paths, one document
    store.put(record_from_dict({"id": "no-path", "text": "Văn bản không có tệp.",
                                "source": {"filename": ""}}))
    store.record_failure("/docs/bad.pdf", "file is encrypted", sha256="ff")
    store.close()
    return url


def test_sqlite_to_elasticsearch_moves_every_record(tmp_path: Path, store_url: str) -> None:
    records = _records()
    src = _fill_sqlite(tmp_path, records)
    seen: list[tuple[int, int]] = []
    moved = reindex_between(src, store_url, progress=lambda p: seen.append((p.done, p.total)))
    assert moved == len(records) + 1
    assert seen[-1] == (moved, moved)
    source, target = open_store(src), open_store(store_url)
    try:
        assert target.count() == source.count()
        for record in records:  # spot-check every record, whole
            assert target.get(record.id) == source.get(record.id) == record
        assert target.known_sha256("/copies/first.txt") == "sha-copy"
        assert target.known_sha256(f"/docs/{records[1].id}.txt") == f"sha-{records[1].id}"
        assert [(f.path, f.error, f.sha256) for f in target.failures()] == [
            ("/docs/bad.pdf", "file is encrypted", "ff")]
        for query in ("thi đua", "63/TB-VPCP", "hồ đập thuỷ lợi", "không có tệp"):
            assert ([h.id for h in target.search(SearchQuery(text=query)).hits]
                    == [h.id for h in source.search(SearchQuery(text=query)).hits]), query
        assert len(target.tasks(TaskFilter())) == len(source.tasks(TaskFilter()))
    finally:
        source.close()
        target.close()


def test_elasticsearch_back_to_sqlite(tmp_path: Path, store_url: str) -> None:
    records = _records()
    reindex_between(_fill_sqlite(tmp_path, records), store_url, progress=None)
    back = f"sqlite:///{tmp_path / 'back.db'}"
    assert reindex_between(store_url, back, progress=None) == len(records) + 1
    store = open_store(back)
    try:
        assert store.get(records[2].id) == records[2]
        assert store.known_sha256("/copies/first.txt") == "sha-copy"
        assert [f.path for f in store.failures()] == ["/docs/bad.pdf"]
    finally:
        store.close()


def test_progress_counts_documents(tmp_path: Path, store_url: str) -> None:
    states: list[Progress] = []
    reindex_between(_fill_sqlite(tmp_path, _records()), store_url, progress=states.append)
    assert states
    assert all(s.done <= s.total for s in states)
