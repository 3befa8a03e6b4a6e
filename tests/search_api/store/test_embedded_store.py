"""The embedded backend's own promises: URLs, the derived index, recovery after a crash."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from nlp.record import Record
from search_api.query import tokenize
from search_api.store import SearchQuery, StoreURLError, TaskFilter, open_store, record_from_dict
from search_api.store import sqlite_db as db
from search_api.store.embedded import EmbeddedStore
from search_api.store.fulltext import EXACT, FOLDED, analyzers


def _ids(store: EmbeddedStore, text: str) -> list[str]:
    return [hit.id for hit in store.search(SearchQuery(text=text, limit=50)).hits]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "vanban.db"


def test_open_store_urls(db_path: Path) -> None:
    store = open_store(f"sqlite:///{db_path}")
    store.close()
    assert db_path.exists()
    assert (db_path.parent / "vanban.db.tantivy").is_dir()
    for url in ("sqlite://", "http://localhost:9200", "ftp://x", "vanban.db"):
        with pytest.raises(StoreURLError):
            open_store(url)


def test_relative_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    open_store("sqlite:///./data/vanban.db").close()
    assert (tmp_path / "data" / "vanban.db").exists()


def test_query_tokens_match_index_analysers() -> None:
    """Queries are split and folded in Python exactly as tantivy splits and folds the text."""
    text = (
        "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc. Số: 63/TB-VPCP; "
        "ĐẢNG ỦY khối ngày 15/3/2021 (trích yếu) thuỷ lợi, hoà bình, Ư Ơ ư ơ ĐĐđđ 2016-2020 "
        + "x" * 70
    )
    tokens = tokenize(text)
    assert [t.folded for t in tokens] == analyzers()[FOLDED].analyze(text)
    exact_text = " ".join(t.exact for t in tokens)
    assert [t.exact for t in tokens] == analyzers()[EXACT].analyze(exact_text)


def _crash_after_sqlite(store: EmbeddedStore, record: Record, path: str) -> None:
    """What a crash between the SQLite commit and the index commit leaves behind."""
    conn = store._db
    conn.execute("BEGIN IMMEDIATE")
    db.write_record(conn, record, sha256="x")
    db.link_source(conn, path, record.id, "x")
    conn.execute("COMMIT")


def test_recovers_from_crash_between_commits(
    db_path: Path, plain_record: Callable[..., Record]
) -> None:
    store = EmbeddedStore(db_path)
    store.put(plain_record("old", "văn bản cũ về thủy lợi"), path="/a.txt")
    _crash_after_sqlite(store, plain_record("new", "văn bản mới về thi đua"), "/a.txt")
    assert _ids(store, "thi dua") == []  # the index is behind
    assert store.search(SearchQuery(text="thuy loi")).total == 1  # and still holds "old"
    store.close()
    reopened = EmbeddedStore(db_path)
    assert _ids(reopened, "thi dua") == ["new"]
    assert _ids(reopened, "thuy loi") == []
    assert reopened._db.execute("SELECT COUNT(*) FROM index_queue").fetchone()[0] == 0
    reopened.close()


def test_rebuilds_missing_index(db_path: Path, plain_record: Callable[..., Record]) -> None:
    store = EmbeddedStore(db_path)
    store.put_many((plain_record(f"d{i}", f"báo cáo số {i} về thi đua"), None, None) for i in range(7))
    store.close()
    shutil.rmtree(db_path.with_name("vanban.db.tantivy"))
    reopened = EmbeddedStore(db_path)
    assert len(_ids(reopened, "thi dua")) == 7
    reopened.close()


def test_rebuilds_index_of_other_schema_version(
    db_path: Path, plain_record: Callable[..., Record]
) -> None:
    store = EmbeddedStore(db_path)
    store.put(plain_record("a", "công tác thi đua"))
    store.close()
    (db_path.with_name("vanban.db.tantivy") / "vanban-schema-version").write_text("0")
    reopened = EmbeddedStore(db_path)
    assert _ids(reopened, "thi dua") == ["a"]
    reopened.close()


def test_rebuilds_index_that_lost_documents(
    db_path: Path, plain_record: Callable[..., Record]
) -> None:
    store = EmbeddedStore(db_path)
    store.put_many((plain_record(f"d{i}", "công tác thi đua"), None, None) for i in range(3))
    writer = store._index.writer()
    writer.delete_documents_by_term("id", "d1")
    store._index.commit()
    assert len(_ids(store, "thi dua")) == 2
    store.close()
    reopened = EmbeddedStore(db_path)
    assert len(_ids(reopened, "thi dua")) == 3
    reopened.close()


def test_refuses_tables_of_another_version(db_path: Path) -> None:
    EmbeddedStore(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(db.SchemaVersionError):
        EmbeddedStore(db_path)


def test_reindex(db_path: Path, plain_record: Callable[..., Record]) -> None:
    store = EmbeddedStore(db_path)
    store.put_many((plain_record(f"d{i}", "công tác thi đua"), None, None) for i in range(4))
    assert store.reindex() == 4
    assert len(_ids(store, "thi dua")) == 4
    store.close()


def _with_tasks(doc_id: str, *actions: str) -> Record:
    return record_from_dict({
        "id": doc_id, "text": " ".join(actions), "source": {"filename": f"{doc_id}.txt"},
        "tasks": [{"assignees": ["Sở Nội vụ"], "coordinators": [], "action": action,
                   "deadline": None, "report_to": None, "start": 0, "end": len(action)}
                  for action in actions],
    })


@pytest.mark.parametrize(("words", "expected"), [
    ("thi", [("a", 1)]),  # whole words: not "thiết"
    ("thi dua", [("a", 1)]),
    ("Thiết bị", [("a", 0)]),
    ("thie", []),  # nor part of one
    ("trien khai", [("b", 0), ("b", 1)]),
    ("khai trien", [("b", 0), ("b", 1)]),  # every word, in any order
    ("khai thi", []),
    ("ke hoach", [("b", 1)]),  # the last word of the action
])
def test_task_words_are_whole_words(db_path: Path, words: str, expected: list[tuple[str, int]]) -> None:
    store = EmbeddedStore(db_path)
    store.put(_with_tasks("a", "Mua sắm thiết bị", "Tổ chức thi đua"))
    store.put(_with_tasks("b", "Triển khai ngay", "Khẩn trương triển khai kế hoạch"))
    rows = store.tasks(TaskFilter(q=words))
    assert sorted((row.doc_id, row.index) for row in rows) == expected
    store.close()


def test_listing_index_of_an_older_store_is_replaced(db_path: Path) -> None:
    """A store written before the listing index held the filtered columns gets it on open."""
    EmbeddedStore(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP INDEX tasks_listing")
    conn.execute("CREATE INDEX tasks_order"
                 " ON tasks(deadline_date IS NULL, deadline_date, doc_issued, doc_id, idx)")
    conn.commit()
    conn.close()
    EmbeddedStore(db_path).close()
    conn = sqlite3.connect(db_path)
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    assert "tasks_listing" in names
    assert "tasks_order" not in names
