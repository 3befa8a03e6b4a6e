"""Copy every record of one store into another: ``vanban reindex --from URL --to URL``.

Records keep the paths they were read from (and their hashes), so an ingest into the new
store skips unchanged files; failures are copied too. Typically embedded -> Elasticsearch:

>>> reindex_between("sqlite:///data/vanban.db", "http://localhost:9200",
...                 progress=ProgressLine())  # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from nlp.record import Record
from search_api.indexer import Progress
from search_api.store import Store, open_store

if TYPE_CHECKING:
    from search_api.store.embedded import EmbeddedStore

BATCH = 500
Item = tuple[Record, str | None, str | None]


def iter_store(store: Store) -> Iterator[Item]:
    """Every record of ``store`` once per path it was read from (once, pathless, when none)."""
    from search_api.store.embedded import EmbeddedStore

    if isinstance(store, EmbeddedStore):
        yield from _iter_embedded(store)
        return
    iter_records = getattr(store, "iter_records", None)
    iter_sources = getattr(store, "iter_sources", None)
    if iter_records is None or iter_sources is None:
        raise TypeError(f"cannot read every record of a {type(store).__name__}")
    paths: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for path, doc_id, sha256 in iter_sources():
        paths[doc_id].append((path, sha256))
    for record, sha256 in iter_records():
        yield from _with_paths(record, sha256, paths.get(record.id, []))


def _iter_embedded(store: EmbeddedStore) -> Iterator[Item]:
    # the embedded store has no public way to list its records and paths (yet): read SQLite
    from search_api.store import sqlite_db as db

    conn = store._db
    paths: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for path, doc_id, sha256 in conn.execute("SELECT path, doc_id, sha256 FROM sources ORDER BY path"):
        paths[doc_id].append((path, sha256))
    hashes: dict[str, str | None] = dict(conn.execute("SELECT id, sha256 FROM documents"))
    for _, record in db.iter_records(conn):
        yield from _with_paths(record, hashes.get(record.id), paths.get(record.id, []))


def _with_paths(record: Record, sha256: str | None,
                paths: list[tuple[str, str | None]]) -> Iterator[Item]:
    if not paths:
        yield record, None, sha256
    for path, path_sha in paths:
        yield record, path, path_sha


def reindex_between(src_url: str, dst_url: str, *,
                    progress: Callable[[Progress], None] | None = None) -> int:
    """Copy every record (with its paths) and every failure from ``src_url`` to ``dst_url``;
    the number of documents the destination holds afterwards. ``progress`` is called after
    every batch with ``total``/``done`` counted in documents."""
    if src_url == dst_url:
        raise ValueError("--from and --to name the same store")
    source = open_store(src_url)
    try:
        target = open_store(dst_url)
        try:
            state = Progress(total=source.count())
            batch: list[Item] = []
            seen: set[str] = set()

            def flush() -> None:
                target.put_many(batch)
                state.done = state.stored = len(seen)
                batch.clear()
                if progress is not None:
                    progress(state)

            for item in iter_store(source):
                batch.append(item)
                seen.add(item[0].id)
                if len(batch) >= BATCH:
                    flush()
            flush()
            for failure in source.failures():
                target.record_failure(failure.path, failure.error, sha256=failure.sha256)
            return target.count()
        finally:
            target.close()
    finally:
        source.close()
