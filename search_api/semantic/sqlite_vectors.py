"""Chunk vectors in the embedded store's SQLite file, searched with numpy.

``SqliteVectors`` is both the store's vector hook (``install`` / ``prepare``: vectors are
written in the same transaction as their record) and a ``VectorIndex``. Triggers on
``documents`` delete a document's vectors whenever the document is deleted or rewritten, in
that same transaction, so stale vectors never outlive their record. Searches run on a float32
matrix held in memory and reloaded when a generation counter (bumped by triggers on every
vector change, from any process) moves.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from nlp.record import Record
from search_api.semantic.chunking import Chunk, chunk_record
from search_api.semantic.embedders import Embedder, Vectors
from search_api.semantic.index import ChunkHit

SCHEMA = """
CREATE TABLE IF NOT EXISTS chunk_vectors (
    doc_id TEXT NOT NULL, model TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL,
    start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (doc_id, model, idx)
);
CREATE TABLE IF NOT EXISTS vector_generation (id INTEGER PRIMARY KEY CHECK (id = 0), n INTEGER);
INSERT OR IGNORE INTO vector_generation VALUES (0, 0);
CREATE TRIGGER IF NOT EXISTS chunk_vectors_doc_deleted AFTER DELETE ON documents
BEGIN DELETE FROM chunk_vectors WHERE doc_id = OLD.id; END;
CREATE TRIGGER IF NOT EXISTS chunk_vectors_doc_rewritten AFTER UPDATE OF record ON documents
BEGIN DELETE FROM chunk_vectors WHERE doc_id = OLD.id; END;
CREATE TRIGGER IF NOT EXISTS chunk_vectors_added AFTER INSERT ON chunk_vectors
BEGIN UPDATE vector_generation SET n = n + 1 WHERE id = 0; END;
CREATE TRIGGER IF NOT EXISTS chunk_vectors_removed AFTER DELETE ON chunk_vectors
BEGIN UPDATE vector_generation SET n = n + 1 WHERE id = 0; END;
"""
_WIDE = 8
"""Chunks looked at per document wanted, before falling back to a full sort."""
Writer = Callable[[sqlite3.Connection], None]


@dataclass(slots=True)
class _Matrix:
    generation: int
    vectors: Vectors
    doc_ids: npt.NDArray[np.object_]
    chunk: npt.NDArray[np.int32]
    spans: npt.NDArray[np.int64]


def _rows(record_id: str, model: str, chunks: Sequence[Chunk], vectors: Vectors
          ) -> list[tuple[str, str, int, str, int, int, bytes]]:
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    return [(record_id, model, c.index, c.kind, c.start, c.end,
             np.asarray(v, dtype=np.float32).tobytes()) for c, v in zip(chunks, vectors, strict=True)]


class SqliteVectors:
    """The vector hook and index of an ``EmbeddedStore`` (``store.attach_vectors(this)``)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._conn: sqlite3.Connection | None = None
        self._lock: threading.RLock = threading.RLock()
        self._matrix: _Matrix | None = None

    @property
    def model(self) -> str:
        return self.embedder.name

    # -- the store hook ------------------------------------------------------------------

    def install(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        """Create the tables and triggers on the store's connection (called by the store)."""
        with lock:
            conn.executescript(SCHEMA)
        self._conn, self._lock = conn, lock

    def prepare(self, records: Sequence[Record]) -> Writer:
        """Chunk and embed ``records`` now (outside any transaction); the returned function
        writes their vectors inside the store's transaction."""
        chunked = [(r.id, chunk_record(r)) for r in records]
        texts = [c.text for _, chunks in chunked for c in chunks]
        vectors = self.embedder.embed_passages(texts) if texts else np.zeros((0, 0), np.float32)
        rows: list[tuple[str, str, int, str, int, int, bytes]] = []
        first = 0
        for doc_id, chunks in chunked:
            rows += _rows(doc_id, self.model, chunks, vectors[first:first + len(chunks)])
            first += len(chunks)
        ids = [(doc_id, self.model) for doc_id, _ in chunked]

        def write(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM chunk_vectors WHERE doc_id = ? AND model = ?", ids)
            conn.executemany("INSERT INTO chunk_vectors VALUES (?,?,?,?,?,?,?)", rows)

        return write

    # -- VectorIndex -----------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("SqliteVectors is not attached to a store (store.attach_vectors)")
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._db()
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def put_vectors(self, doc_id: str, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        rows = _rows(doc_id, self.model, chunks, vectors)
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                return  # deleted meanwhile: its vectors would outlive it
            conn.execute("DELETE FROM chunk_vectors WHERE doc_id = ? AND model = ?",
                         (doc_id, self.model))
            conn.executemany("INSERT INTO chunk_vectors VALUES (?,?,?,?,?,?,?)", rows)

    def count(self) -> int:
        with self._lock:
            row = self._db().execute("SELECT COUNT(*) FROM chunk_vectors WHERE model = ?",
                                     (self.model,)).fetchone()
        return int(row[0])

    def missing(self, *, limit: int = 100) -> list[str]:
        with self._lock:
            rows = self._db().execute(
                "SELECT id FROM documents WHERE id NOT IN"
                " (SELECT doc_id FROM chunk_vectors WHERE model = ?) ORDER BY seq LIMIT ?",
                (self.model, limit)).fetchall()
        return [r[0] for r in rows]

    def document_vectors(self, doc_id: str) -> Vectors | None:
        with self._lock:
            rows = self._db().execute(
                "SELECT vector FROM chunk_vectors WHERE doc_id = ? AND model = ? ORDER BY idx",
                (doc_id, self.model)).fetchall()
        if not rows:
            return None
        return np.vstack([np.frombuffer(r[0], dtype=np.float32) for r in rows])

    def nearest(self, vector: Vectors, *, limit: int, doc_ids: Collection[str] | None = None,
                exclude: Collection[str] = ()) -> list[ChunkHit]:
        matrix = self._current()
        if limit <= 0 or len(matrix.vectors) == 0:
            return []
        scores = matrix.vectors @ np.asarray(vector, dtype=np.float32).reshape(-1)
        if doc_ids is not None or exclude:
            allowed = np.ones(len(scores), dtype=bool)
            if doc_ids is not None:
                allowed &= np.isin(matrix.doc_ids, np.array(list(doc_ids), dtype=object))
            if exclude:
                allowed &= ~np.isin(matrix.doc_ids, np.array(list(exclude), dtype=object))
            scores = np.where(allowed, scores, -np.inf)
        wide = min(len(scores), limit * _WIDE)
        hits = self._best_per_doc(matrix, scores, np.argpartition(-scores, wide - 1)[:wide], limit)
        if len(hits) < limit and wide < len(scores):
            hits = self._best_per_doc(matrix, scores, np.arange(len(scores)), limit)
        return hits

    @staticmethod
    def _best_per_doc(matrix: _Matrix, scores: npt.NDArray[np.float32],
                      rows: npt.NDArray[np.intp], limit: int) -> list[ChunkHit]:
        order = rows[np.argsort(-scores[rows], kind="stable")]
        seen: set[str] = set()
        hits: list[ChunkHit] = []
        for row in order:
            score = float(scores[row])
            if score == -np.inf:
                break
            doc_id = str(matrix.doc_ids[row])
            if doc_id in seen:
                continue
            seen.add(doc_id)
            start, end = matrix.spans[row]
            hits.append(ChunkHit(doc_id, int(matrix.chunk[row]), score, int(start), int(end)))
            if len(hits) == limit:
                break
        return hits

    def _current(self) -> _Matrix:
        """The in-memory matrix, reloaded when any connection changed the vectors."""
        with self._lock:
            conn = self._db()
            generation = int(conn.execute("SELECT n FROM vector_generation").fetchone()[0])
            if self._matrix is not None and self._matrix.generation == generation:
                return self._matrix
            rows = conn.execute(
                "SELECT doc_id, idx, start_offset, end_offset, vector FROM chunk_vectors"
                " WHERE model = ? ORDER BY doc_id, idx", (self.model,)).fetchall()
        dim = len(rows[0][4]) // 4 if rows else 0
        vectors = (np.frombuffer(b"".join(r[4] for r in rows), dtype=np.float32).reshape(-1, dim)
                   if rows else np.zeros((0, 0), dtype=np.float32))
        self._matrix = _Matrix(
            generation, vectors,
            np.array([r[0] for r in rows], dtype=object),
            np.array([r[1] for r in rows], dtype=np.int32),
            np.array([(r[2], r[3]) for r in rows], dtype=np.int64).reshape(-1, 2),
        )
        return self._matrix


@runtime_checkable
class Fillable(Protocol):
    """What ``fill_missing`` needs of a vector index (SQLite's or Elasticsearch's)."""

    @property
    def embedder(self) -> Embedder: ...

    def missing(self, *, limit: int = 100) -> list[str]: ...

    def put_vectors(self, doc_id: str, chunks: Sequence[Chunk], vectors: Vectors) -> None: ...


def fill_missing(index: Fillable, load: Callable[[str], Record | None], *,
                 batch: int = 16, limit: int | None = None) -> int:
    """Embed stored documents that have no vectors yet (e.g. ingested before semantic search
    was turned on); ``load`` reads a record by id. Returns how many were embedded."""
    done = 0
    skipped: set[str] = set()
    while limit is None or done < limit:
        ids = [i for i in index.missing(limit=batch + len(skipped)) if i not in skipped][:batch]
        if not ids:
            return done
        for doc_id in ids:
            record = load(doc_id)
            chunks = chunk_record(record) if record is not None else []
            if not chunks:
                skipped.add(doc_id)
                continue
            index.put_vectors(doc_id, chunks, index.embedder.embed_passages([c.text for c in chunks]))
            done += 1
    return done
