"""The embedded store: SQLite (system of record) plus a tantivy index derived from it.

Writes go to SQLite first, in one transaction that also queues the changed ids; the queue
is then applied to tantivy and emptied once tantivy has committed. Opening a store replays
what a crash left queued, and rebuilds the index when it is missing, of another schema
version, or holds a different number of documents than SQLite.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import tantivy

from nlp.record import Record
from search_api.query import parse_query
from search_api.store import sqlite_db as db
from search_api.store import sqlite_queries as sq
from search_api.store import tantivy_query as tq
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
from search_api.store.fulltext import FullTextIndex, make_document
from search_api.store.highlight import highlight

log = logging.getLogger(__name__)
_SYNC_CHUNK = 2000
MAX_LIMIT = 1000
"""The most hits one search returns."""


class VectorHook(Protocol):
    """Writes derived vectors with records (``search_api.semantic.sqlite_vectors``)."""

    def install(self, conn: sqlite3.Connection, lock: threading.RLock) -> None: ...

    def prepare(self, records: Sequence[Record]) -> Callable[[sqlite3.Connection], None]: ...


class EmbeddedStore:
    """``sqlite:///path/vanban.db``; the full-text index lives in ``vanban.db.tantivy/``."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = None if path in (None, ":memory:") else Path(path)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = db.connect(str(self.path) if self.path else ":memory:")
        index_path = self.path.with_name(self.path.name + ".tantivy") if self.path else None
        self._index = FullTextIndex(index_path)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._vectors: VectorHook | None = None
        self._recover()

    def attach_vectors(self, hook: VectorHook) -> None:
        """From now on, ``hook`` writes vectors of every stored record in its transaction."""
        hook.install(self._db, self._lock)
        self._vectors = hook

    # -- consistency -------------------------------------------------------------------

    def _recover(self) -> None:
        """Bring the index in step with SQLite after a crash (or build it when new)."""
        try:
            with self._lock:
                self._sync()
                self._index.index.reload()
                if self._index.num_docs() != self.count():
                    log.info("full-text index out of step with %s: rebuilding", self.path)
                    self.reindex()
        except ValueError as exc:  # another process holds the writer: it keeps things in step
            log.info("full-text recovery skipped: %s", exc)
        finally:
            self._index.release()

    def _sync(self, fresh: dict[str, tuple[int, Record]] | None = None) -> None:
        """Apply the queued changes to the index, commit it, then empty the queue."""
        while True:
            ids = [r[0] for r in self._db.execute(
                "SELECT doc_id FROM index_queue LIMIT ?", (_SYNC_CHUNK,))]
            if not ids:
                return
            writer = self._index.writer()
            for doc_id in ids:
                writer.delete_documents_by_term("id", doc_id)
                entry = (fresh or {}).get(doc_id) or self._load_for_index(doc_id)
                if entry is not None:
                    writer.add_document(make_document(entry[1], entry[0]))
            self._index.commit()
            with self._transaction():
                self._db.executemany("DELETE FROM index_queue WHERE doc_id = ?",
                                     [(i,) for i in ids])

    def _load_for_index(self, doc_id: str) -> tuple[int, Record] | None:
        seq = db.load_seq(self._db, doc_id)
        record = db.load_record(self._db, doc_id)
        return (seq, record) if seq is not None and record is not None else None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def reindex(self) -> int:
        """Rebuild the full-text index from SQLite; returns the number of documents indexed."""
        with self._lock:
            writer = self._index.writer()
            writer.delete_all_documents()
            count = 0
            for seq, record in db.iter_records(self._db):
                writer.add_document(make_document(record, seq))
                count += 1
            self._index.commit()
            with self._transaction():
                self._db.execute("DELETE FROM index_queue")
            return count

    # -- writing -----------------------------------------------------------------------

    def put(self, record: Record, *, path: str | None = None, sha256: str | None = None) -> None:
        self.put_many([(record, path, sha256)])

    def put_many(self, items: Iterable[tuple[Record, str | None, str | None]]) -> int:
        """Store records in one SQLite transaction, then one full-text commit."""
        items = list(items)
        write_vectors = self._vectors.prepare([r for r, _, _ in items]) if self._vectors else None
        with self._lock:
            fresh: dict[str, tuple[int, Record]] = {}
            with self._transaction() as conn:
                for record, path, sha256 in items:
                    seq = db.write_record(conn, record, sha256=sha256)
                    if path is not None:
                        db.link_source(conn, path, record.id, sha256)
                    fresh[record.id] = (seq, record)
                if write_vectors is not None:
                    write_vectors(conn)
            self._sync(fresh)
            return len(fresh)

    def delete(self, doc_id: str) -> bool:
        with self._lock:
            with self._transaction() as conn:
                gone = db.delete_document(conn, doc_id)
            self._sync()
            return gone

    def record_failure(self, path: str, error: str, *, sha256: str | None = None) -> None:
        with self._lock, self._transaction() as conn:
            sq.record_failure(conn, path, error, sha256, db.now())

    # -- reading -----------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """This thread's read-only connection (a file store; WAL lets readers run side by
        side and beside the writer); the shared connection under the lock in memory."""
        if self.path is None:
            with self._lock:
                yield self._db
            return
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = db.connect_reader(str(self.path))
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        yield conn

    def get(self, doc_id: str) -> Record | None:
        with self._reading() as conn:
            return db.load_record(conn, doc_id)

    def known_sha256(self, path: str) -> str | None:
        with self._reading() as conn:
            row = conn.execute("SELECT sha256 FROM sources WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def count(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def failures(self) -> list[FailureRow]:
        with self._reading() as conn:
            return sq.select_failures(conn)

    def tasks(self, task_filter: TaskFilter) -> list[TaskRow]:
        with self._reading() as conn:
            return sq.select_tasks(conn, task_filter)

    def tasks_where(self, task_filter: TaskFilter, *, typed_assignee: str | None = None,
                    undated: bool = False, offset: int = 0) -> list[TaskRow]:
        """``tasks`` with the task API's own filters done in SQL too: an assignee canonical
        or as written (``typed_assignee``), only undated tasks, and a page offset."""
        with self._reading() as conn:
            return sq.select_tasks(conn, task_filter, typed_assignee=typed_assignee,
                                   undated=undated, offset=offset)

    def count_tasks_where(self, task_filter: TaskFilter, *, typed_assignee: str | None = None,
                          undated: bool = False) -> int:
        """How many tasks ``tasks_where`` gives without a limit or an offset."""
        with self._reading() as conn:
            return sq.count_tasks(conn, task_filter, typed_assignee=typed_assignee,
                                  undated=undated)

    def entities(self, label: str | None = None, prefix: str | None = None, *,
                 limit: int = 100, max_clearance: int | None = None) -> list[EntityCount]:
        with self._reading() as conn:
            return sq.select_entities(conn, label, prefix, limit, max_clearance)

    def citations(self, doc_id: str) -> Citations:
        with self._reading() as conn:
            return sq.select_citations(conn, doc_id)

    def search(self, query: SearchQuery) -> SearchResult:
        """Full-text search with filters, facets and highlights (see ``SearchQuery``)."""
        parsed = parse_query(query.text)
        schema = self._index.schema
        filters = tq.filter_clauses(schema, query)
        main = tq.with_filters(tq.text_query(schema, parsed), filters)
        searcher = self._index.searcher()
        order = query.order if not parsed.is_empty else ("date" if query.order == "relevance"
                                                          else query.order)
        result, total, facets = self._run(searcher, main, query, order)
        if total == 0 and len(parsed.words) > 1 and not parsed.numbers and not parsed.phrases:
            main = tq.with_filters(tq.text_query(schema, parsed, all_words=False), filters)
            result, total, facets = self._run(searcher, main, query, order)
        found = result.hits[: max(0, query.limit)]
        hits = self._hits(searcher, found, order, parsed.terms() if query.highlights else [])
        return SearchResult(total=total, hits=hits, facets=facets)

    @staticmethod
    def _run(searcher: tantivy.Searcher, main: tantivy.Query, query: SearchQuery, order: str
             ) -> tuple[tantivy.SearchResult, int, dict[str, dict[str, int]]]:
        """One page of hits, the total and the facets (counted in the facet pass when asked)."""
        facets: dict[str, dict[str, int]] = {}
        total = 0
        if query.facets:
            agg = searcher.aggregate(main, tq.facet_request(query.facets))
            facets, total = tq.facet_counts(agg, query.facets), tq.facet_total(agg)
        # tantivy wants a limit of at least 1; a page of 0 hits is cut afterwards
        limit, offset, count = max(1, min(query.limit, MAX_LIMIT)), max(0, query.offset), not query.facets
        if order == "relevance":
            result = searcher.search(main, limit, count=count, offset=offset)
        else:
            direction = tantivy.Order.Asc if order == "date_asc" else tantivy.Order.Desc
            result = searcher.search(main, limit, count=count, offset=offset,
                                     order_by_field="date_order", order=direction)
        if count:
            total = int(getattr(result, "count", 0) or 0)
        return result, total, facets

    def _hits(self, searcher: tantivy.Searcher, found: list[tuple[object, tantivy.DocAddress]],
              order: str, terms: list[str]) -> list[Hit]:
        if not found:
            return []
        seqs = [int(s or 0) for s in searcher.fast_field_values("seq", [a for _, a in found])]
        with self._reading() as conn:
            rows = sq.metadata_rows(conn, seqs)
        hits = []
        for (key, _), seq in zip(found, seqs, strict=True):
            if seq not in rows:  # deleted since the searcher was opened
                continue
            doc_id, metadata, text = rows[seq]
            score = float(key) if order == "relevance" else 0.0  # type: ignore[arg-type]
            marks = highlight(text, tuple(terms)) if terms else []
            hits.append(Hit(doc_id, score, metadata, marks))
        return hits

    def close(self) -> None:
        with self._lock:
            self._index.release()
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
