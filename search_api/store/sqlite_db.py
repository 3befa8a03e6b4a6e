"""The SQLite system of record: schema, writing a record and its tables, reading it back.

Every change to a document also adds its id to ``index_queue`` in the same transaction; the
queue is emptied only after the full-text index has committed the change, so after a crash
the index can be brought back in step by replaying the queue.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import orjson

from nlp.agencies import fold
from nlp.record import Record
from nlp.temporal.calendar import parse_iso
from search_api.fold import fold_key, number_key
from search_api.store.base import SECRECY_RANKS, TOP_CLEARANCE
from search_api.store.records import record_from_dict, record_to_dict

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    number TEXT, number_key TEXT, doc_type TEXT, issuer TEXT, issued_date TEXT, subject TEXT,
    metadata TEXT NOT NULL,
    record TEXT NOT NULL,
    text TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_number_key ON documents(number_key);
CREATE INDEX IF NOT EXISTS documents_issued ON documents(issued_date);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY, doc_id TEXT NOT NULL, sha256 TEXT, stored_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_doc ON sources(doc_id);
CREATE TABLE IF NOT EXISTS tasks (
    doc_seq INTEGER NOT NULL, idx INTEGER NOT NULL, action TEXT NOT NULL, action_key TEXT NOT NULL,
    deadline_date TEXT, deadline_kind TEXT, report_to TEXT, data TEXT NOT NULL,
    assignee_key TEXT NOT NULL DEFAULT '', due_day TEXT, doc_issued TEXT, doc_id TEXT,
    PRIMARY KEY (doc_seq, idx)
);
DROP INDEX IF EXISTS tasks_order;
CREATE INDEX IF NOT EXISTS tasks_listing
    ON tasks(deadline_date IS NULL, deadline_date, doc_issued, doc_id, idx,
             doc_seq, due_day, assignee_key, action_key);
CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks(deadline_date);
CREATE INDEX IF NOT EXISTS tasks_due ON tasks(due_day);
CREATE TABLE IF NOT EXISTS task_people (
    doc_seq INTEGER NOT NULL, idx INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
    name_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_people_doc ON task_people(doc_seq, idx);
CREATE INDEX IF NOT EXISTS task_people_key ON task_people(name_key);
CREATE TABLE IF NOT EXISTS entities (
    doc_seq INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL, name TEXT NOT NULL,
    name_key TEXT NOT NULL, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_seq);
CREATE INDEX IF NOT EXISTS entities_key ON entities(label, name_key);
CREATE TABLE IF NOT EXISTS entity_counts (
    label TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL, rank INTEGER NOT NULL,
    documents INTEGER NOT NULL, PRIMARY KEY (label, name, rank)
);
CREATE INDEX IF NOT EXISTS entity_counts_key ON entity_counts(name_key);
CREATE TABLE IF NOT EXISTS citations (
    doc_seq INTEGER NOT NULL, idx INTEGER NOT NULL, number TEXT, number_key TEXT, doc_type TEXT,
    issued_date TEXT, issuer TEXT, role TEXT NOT NULL, text TEXT NOT NULL, title TEXT,
    start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(doc_seq);
CREATE INDEX IF NOT EXISTS citations_key ON citations(number_key);
CREATE TABLE IF NOT EXISTS awards (
    doc_seq INTEGER NOT NULL, idx INTEGER NOT NULL, recipient TEXT NOT NULL, recipient_kind TEXT,
    position TEXT, unit TEXT, award TEXT NOT NULL, award_kind TEXT, grade TEXT, reason TEXT,
    start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX IF NOT EXISTS awards_doc ON awards(doc_seq);
CREATE INDEX IF NOT EXISTS awards_kind ON awards(award_kind);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY, sha256 TEXT, error TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS index_queue (doc_id TEXT PRIMARY KEY);
"""
_CHILD_TABLES = ("tasks", "task_people", "entities", "citations", "awards")
SCHEMA_VERSION = 2
"""2: ``tasks.assignee_key`` / ``due_day`` / ``doc_issued`` / ``doc_id`` (the listing order
in one index) and ``entity_counts`` (1 is migrated). The listing index also holds the
columns the task filters read (``tasks_listing``, which replaced ``tasks_order``), so a
filtered page is found by reading the index alone, the table only for the rows returned."""
_TASK_COLUMNS = ("doc_seq, idx, action, action_key, deadline_date, deadline_kind, report_to,"
                 " data, assignee_key, due_day, doc_issued, doc_id")
KEY_SEPARATOR = "\x1f"
"""Between the typed keys in ``tasks.assignee_key`` (``str.split`` drops it from any key)."""


def rank_sql(alias: str) -> str:
    """SQL for the clearance rank of a ``documents`` row (as ``base.clearance_rank``)."""
    marks = " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in SECRECY_RANKS.items())
    return (f"(CASE COALESCE(json_extract({alias}.metadata, '$.confidentiality'), '')"
            f" WHEN '' THEN 0 {marks} ELSE {TOP_CLEARANCE} END)")


def typed_key(name: str) -> str:
    """The form the task API matches assignees in: folded, lower case, spaces collapsed."""
    return " ".join(fold(name).lower().split())


def assignee_key(assignees: Iterable[str]) -> str:
    """Every assignee name (canonical and as written) of a task, typed-keyed, in one column."""
    return KEY_SEPARATOR.join(dict.fromkeys(k for k in map(typed_key, assignees) if k))


def due_day(value: str | None) -> str | None:
    """The deadline day as ISO when it is a real date (what ``task_status`` counts)."""
    day = parse_iso(value)
    return day.isoformat() if day else None


class SchemaVersionError(RuntimeError):
    """The database was written by a vanban with another table layout."""


def connect(path: str) -> sqlite3.Connection:
    """Open (creating if needed) a store database; ``":memory:"`` for a throw-away one."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-65536")  # 64 MB: index inserts stay in memory
    conn.execute("PRAGMA temp_store=MEMORY")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version not in (0, 1, SCHEMA_VERSION):
        conn.close()
        raise SchemaVersionError(
            f"{path}: store tables are version {version}, this vanban reads {SCHEMA_VERSION}"
            " (ingest into a new store)")
    if version == 1:
        _migrate_from_1(conn)
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn


def connect_reader(path: str) -> sqlite3.Connection:
    """A read-only connection to a store database (WAL: readers do not wait on the writer)."""
    uri = f"file:{path}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           timeout=30)
    conn.execute("PRAGMA cache_size=-16384")
    conn.execute("PRAGMA mmap_size=268435456")
    return conn


def _migrate_from_1(conn: sqlite3.Connection) -> None:
    """Version 1 -> 2: fill the task keys and the entity counts from the stored rows."""
    conn.execute("BEGIN IMMEDIATE")
    if conn.execute("PRAGMA user_version").fetchone()[0] != 1:  # another process migrated it
        conn.execute("COMMIT")
        return
    try:
        conn.execute("ALTER TABLE tasks ADD COLUMN assignee_key TEXT NOT NULL DEFAULT ''")
        for column in ("due_day", "doc_issued", "doc_id"):
            conn.execute(f"ALTER TABLE tasks ADD COLUMN {column} TEXT")
        for statement in filter(str.strip, SCHEMA.split(";")):  # executescript would commit
            conn.execute(statement)
        updates = []
        for seq, idx, data in conn.execute("SELECT doc_seq, idx, data FROM tasks").fetchall():
            task = json.loads(data)
            names = [*task.get("assignees", []), *task.get("assignees_raw", [])]
            updates.append((assignee_key(names),
                            due_day((task.get("deadline") or {}).get("date")), seq, idx))
        conn.executemany("UPDATE tasks SET assignee_key=?, due_day=? WHERE doc_seq=? AND idx=?",
                         updates)
        conn.execute("UPDATE tasks SET (doc_issued, doc_id) = (SELECT issued_date, id"
                     " FROM documents WHERE seq = tasks.doc_seq)")
        conn.execute(
            "INSERT INTO entity_counts (label, name, name_key, rank, documents)"
            f" SELECT e.label, e.name, MIN(e.name_key), {rank_sql('d')}, COUNT(DISTINCT e.doc_seq)"
            " FROM entities e JOIN documents d ON d.seq = e.doc_seq GROUP BY 1, 2, 4")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_record(conn: sqlite3.Connection, record: Record, *, sha256: str | None) -> int:
    """Insert or replace one record and its tables (inside the caller's transaction); its seq."""
    data = record_to_dict(record)
    text = data.pop("text")
    meta = record.metadata
    row = (
        record.id, sha256 or record.source.sha256 or None, meta.number,
        number_key(meta.number) if meta.number else None, meta.doc_type, meta.issuer,
        meta.issued_date, meta.subject, _json(data["metadata"]), _json(data), text, now(),
    )
    existing = conn.execute("SELECT seq FROM documents WHERE id = ?", (record.id,)).fetchone()
    if existing:
        seq = int(existing[0])
        _delete_children(conn, seq)  # while the old row gives the rank its entities counted at
        conn.execute(
            "UPDATE documents SET sha256=?, number=?, number_key=?, doc_type=?, issuer=?,"
            " issued_date=?, subject=?, metadata=?, record=?, text=?, stored_at=? WHERE seq=?",
            (*row[1:], seq),
        )
    else:
        cursor = conn.execute(
            "INSERT INTO documents (id, sha256, number, number_key, doc_type, issuer, issued_date,"
            " subject, metadata, record, text, stored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            row,
        )
        seq = int(cursor.lastrowid or 0)
    _write_children(conn, seq, record, data)
    conn.execute("INSERT OR IGNORE INTO index_queue (doc_id) VALUES (?)", (record.id,))
    return seq


def _write_children(conn: sqlite3.Connection, rid: int, record: Record, data: dict[str, Any]) -> None:
    conn.executemany(
        f"INSERT INTO tasks ({_TASK_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(rid, i, t.action, fold_key(t.action), t.deadline.date if t.deadline else None,
          t.deadline.kind if t.deadline else None, t.report_to, _json(data["tasks"][i]),
          assignee_key([*t.assignees, *t.assignees_raw]),
          due_day(t.deadline.date if t.deadline else None), record.metadata.issued_date,
          record.id)
         for i, t in enumerate(record.tasks)],
    )
    conn.executemany(
        "INSERT INTO task_people VALUES (?,?,?,?,?)",
        [(rid, i, role, name, fold_key(name))
         for i, t in enumerate(record.tasks)
         for role, names in (("assignee", t.assignees), ("coordinator", t.coordinators))
         for name in names],
    )
    conn.executemany(
        "INSERT INTO entities VALUES (?,?,?,?,?,?,?)",
        [(rid, e.label, e.text, e.canonical or e.text, fold_key(e.canonical or e.text),
          e.start, e.end) for e in record.entities],
    )
    conn.executemany(
        "INSERT INTO citations VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(rid, i, c.number, number_key(c.number) if c.number else None, c.doc_type,
          c.issued_date, c.issuer, c.role, c.text, c.title, c.start, c.end)
         for i, c in enumerate(record.citations)],
    )
    conn.executemany(
        "INSERT INTO awards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(rid, i, a.recipient.name, a.recipient.kind, a.recipient.position, a.recipient.unit,
          a.award, a.award_kind, a.grade, a.reason, a.start, a.end)
         for i, a in enumerate(record.awards)],
    )
    _count_entities(conn, rid, +1)


def _count_entities(conn: sqlite3.Connection, seq: int, step: int) -> None:
    """Add ``step`` to the document counts of the names document ``seq`` mentions."""
    conn.execute(
        "INSERT INTO entity_counts (label, name, name_key, rank, documents)"
        f" SELECT e.label, e.name, MIN(e.name_key), {rank_sql('d')}, ?"
        " FROM entities e JOIN documents d ON d.seq = e.doc_seq WHERE e.doc_seq = ?"
        " GROUP BY 1, 2, 4"
        " ON CONFLICT (label, name, rank) DO UPDATE SET documents = documents + excluded.documents",
        (step, seq),
    )
    if step < 0:
        conn.execute("DELETE FROM entity_counts WHERE documents <= 0")


def _delete_children(conn: sqlite3.Connection, seq: int) -> None:
    """Remove a document's rows (its ``documents`` row must still be there)."""
    _count_entities(conn, seq, -1)
    for table in _CHILD_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE doc_seq = ?", (seq,))


def delete_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    """Remove a document, its tables and the paths read into it (caller's transaction)."""
    row = conn.execute("SELECT seq FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row:
        _delete_children(conn, int(row[0]))
        conn.execute("DELETE FROM documents WHERE seq = ?", (row[0],))
    conn.execute("DELETE FROM sources WHERE doc_id = ?", (doc_id,))
    conn.execute("INSERT OR IGNORE INTO index_queue (doc_id) VALUES (?)", (doc_id,))
    return row is not None


def link_source(conn: sqlite3.Connection, path: str, doc_id: str, sha256: str | None) -> None:
    """Point ``path`` at ``doc_id``; the document it used to hold goes if nothing else holds it."""
    old = conn.execute("SELECT doc_id FROM sources WHERE path = ?", (path,)).fetchone()
    conn.execute(
        "INSERT OR REPLACE INTO sources (path, doc_id, sha256, stored_at) VALUES (?,?,?,?)",
        (path, doc_id, sha256, now()),
    )
    conn.execute("DELETE FROM failures WHERE path = ?", (path,))
    if old and old[0] != doc_id:
        still_held = conn.execute("SELECT 1 FROM sources WHERE doc_id = ?", (old[0],)).fetchone()
        if not still_held:
            delete_document(conn, old[0])


def load_record(conn: sqlite3.Connection, doc_id: str) -> Record | None:
    row = conn.execute("SELECT record, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return _record(row[0], row[1]) if row else None


def load_seq(conn: sqlite3.Connection, doc_id: str) -> int | None:
    row = conn.execute("SELECT seq FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return int(row[0]) if row else None


def iter_records(conn: sqlite3.Connection, *, batch: int = 500) -> Iterator[tuple[int, Record]]:
    """Every stored record with its seq, in seq order (read in batches)."""
    last = -1
    while True:
        rows = conn.execute(
            "SELECT seq, record, text FROM documents WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, batch),
        ).fetchall()
        if not rows:
            return
        for seq, data, text in rows:
            yield seq, _record(data, text)
        last = rows[-1][0]


def _record(data: str, text: str) -> Record:
    fields = orjson.loads(data)
    fields["text"] = text
    return record_from_dict(fields)
