"""Structured queries on the SQLite tables: tasks, entities, citations, failures."""

from __future__ import annotations

import sqlite3
from typing import Any

import orjson

from search_api.fold import fold_key
from search_api.store.base import (
    SECRECY_RANKS,
    TOP_CLEARANCE,
    CitationLink,
    Citations,
    EntityCount,
    FailureRow,
    TaskFilter,
    TaskRow,
)
from search_api.store.records import task_from_dict
from search_api.store.sqlite_db import KEY_SEPARATOR, typed_key


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, its own wildcards escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def clearance_clause(alias: str, max_clearance: int | None) -> tuple[str, list[str]]:
    """SQL keeping documents (table alias ``alias``) a reader of ``max_clearance`` may see.

    Unmarked documents are public; a mark not in ``SECRECY_RANKS`` is seen only with the
    top clearance.
    """
    if max_clearance is None or max_clearance >= TOP_CLEARANCE:
        return "1=1", []
    allowed = ["", *(name for name, rank in SECRECY_RANKS.items() if rank <= max_clearance)]
    marks = ",".join("?" * len(allowed))
    return (f"COALESCE(json_extract({alias}.metadata, '$.confidentiality'), '') IN ({marks})",
            allowed)


def _task_where(task_filter: TaskFilter, typed_assignee: str | None,
                undated: bool) -> tuple[str, list[str]]:
    """The FROM and WHERE of the task queries, and their parameters."""
    clause, params = clearance_clause("d", task_filter.max_clearance)
    where = [clause]
    if task_filter.doc_id:
        where.append("d.id = ?")
        params.append(task_filter.doc_id)
    if task_filter.assignee and (key := fold_key(task_filter.assignee)):
        where.append(
            "EXISTS (SELECT 1 FROM task_people p WHERE p.doc_seq = t.doc_seq AND p.idx = t.idx"
            " AND p.role = 'assignee' AND (' ' || p.name_key || ' ') LIKE ? ESCAPE '\\')"
        )
        params.append(_like(f" {key} "))
    if typed_assignee is not None:
        where.append("instr(t.assignee_key, ?) > 0")
        params.append(typed_key(typed_assignee) or KEY_SEPARATOR)  # an empty key finds none
    if task_filter.q and (key := fold_key(task_filter.q)):
        for word in key.split():
            # instr first: a cheap test that most rows fail, before building the padded key
            where.append("instr(t.action_key, ?) > 0"
                         " AND (' ' || t.action_key || ' ') LIKE ? ESCAPE '\\'")
            params.extend([word, _like(f" {word} ")])
    if undated:
        where.append("t.due_day IS NULL")
    if task_filter.due_after:
        where.append("t.due_day >= ?")
        params.append(task_filter.due_after)
    if task_filter.due_before:
        where.append("t.due_day <= ?")
        params.append(task_filter.due_before)
    return " FROM tasks t JOIN documents d ON d.seq = t.doc_seq WHERE " + " AND ".join(where), params


def select_tasks(conn: sqlite3.Connection, task_filter: TaskFilter, *,
                 typed_assignee: str | None = None, undated: bool = False,
                 offset: int = 0) -> list[TaskRow]:
    """Tasks matching ``task_filter``, soonest deadline first, one page of them.

    ``typed_assignee`` matches any assignee, canonical or as written in the document, whose
    folded form contains it (``search_api.task_listing.assignee_matches``); ``undated``
    keeps only tasks without a real deadline day (status ``no_deadline``).
    """
    body, params = _task_where(task_filter, typed_assignee, undated)
    sql = (
        "SELECT d.id, t.idx, t.data, d.number, d.doc_type, d.issuer, d.issued_date" + body
        + " ORDER BY t.deadline_date IS NULL, t.deadline_date, t.doc_issued, t.doc_id, t.idx"
    )  # the order of index tasks_listing: a page is read without sorting every match
    if task_filter.limit is not None or offset:
        sql += f" LIMIT {-1 if task_filter.limit is None else int(task_filter.limit)}"
        sql += f" OFFSET {max(0, int(offset))}"
    return [
        TaskRow(doc_id, idx, task_from_dict(orjson.loads(data)), number, doc_type, issuer, issued)
        for doc_id, idx, data, number, doc_type, issuer, issued in conn.execute(sql, params)
    ]


def count_tasks(conn: sqlite3.Connection, task_filter: TaskFilter, *,
                typed_assignee: str | None = None, undated: bool = False) -> int:
    """How many tasks ``select_tasks`` would give without a limit or an offset."""
    body, params = _task_where(task_filter, typed_assignee, undated)
    row = conn.execute("SELECT count(*)" + body, params).fetchone()
    return int(row[0])


def select_entities(
    conn: sqlite3.Connection, label: str | None, prefix: str | None, limit: int,
    max_clearance: int | None = None,
) -> list[EntityCount]:
    """Names counted by documents (from ``entity_counts``), most frequent first."""
    where: list[str] = ["1=1"]
    params: list[Any] = []
    if label:
        where.append("label = ?")
        params.append(label)
    if prefix and (key := fold_key(prefix)):
        where.append("name_key >= ? AND name_key < ?")
        params.extend([key, key + "\U0010ffff"])
    if max_clearance is not None and max_clearance < TOP_CLEARANCE:
        where.append("rank <= ?")
        params.append(max_clearance)
    sql = (
        "SELECT label, name, SUM(documents) AS n FROM entity_counts WHERE "
        + " AND ".join(where)
        + " GROUP BY label, name ORDER BY n DESC, name LIMIT ?"
    )
    return [EntityCount(lab, name, n) for lab, name, n in conn.execute(sql, [*params, limit])]


def select_citations(conn: sqlite3.Connection, doc_id: str) -> Citations:
    """What ``doc_id`` cites (resolved by number key) and what cites it."""
    cites = [
        CitationLink(doc_id, number, text, role, target)
        for number, text, role, target in conn.execute(
            "SELECT c.number, c.text, c.role, (SELECT t.id FROM documents t"
            " WHERE t.number_key = c.number_key AND t.seq != c.doc_seq ORDER BY t.seq LIMIT 1)"
            " FROM citations c JOIN documents d ON d.seq = c.doc_seq WHERE d.id = ?"
            " ORDER BY c.idx",
            (doc_id,),
        )
    ]
    cited_by = [
        CitationLink(source, number, text, role, doc_id)
        for source, number, text, role in conn.execute(
            "SELECT s.id, c.number, c.text, c.role FROM documents d"
            " JOIN citations c ON c.number_key = d.number_key"
            " JOIN documents s ON s.seq = c.doc_seq"
            " WHERE d.id = ? AND s.seq != d.seq ORDER BY s.id, c.idx",
            (doc_id,),
        )
    ]
    return Citations(cites, cited_by)


def select_failures(conn: sqlite3.Connection) -> list[FailureRow]:
    rows = conn.execute("SELECT path, error, sha256, at FROM failures ORDER BY path")
    return [FailureRow(path, error, sha, at) for path, error, sha, at in rows]


def record_failure(conn: sqlite3.Connection, path: str, error: str, sha256: str | None,
                   at: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO failures (path, sha256, error, at) VALUES (?,?,?,?)",
        (path, sha256, error, at),
    )


def metadata_rows(conn: sqlite3.Connection, seqs: list[int]) -> dict[int, tuple[str, dict[str, Any], str]]:
    """seq -> (id, metadata, text) for a page of hits."""
    marks = ",".join("?" * len(seqs))
    rows = conn.execute(
        f"SELECT seq, id, metadata, text FROM documents WHERE seq IN ({marks})", seqs
    )
    return {seq: (doc_id, orjson.loads(meta), text) for seq, doc_id, meta, text in rows}
