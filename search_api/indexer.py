"""The indexer: files -> analysis (in worker processes) -> store (in this process, in batches).

Unchanged files (same path, same sha256 as stored) are skipped; a file whose content changed
replaces the document read from that path; a file that fails is recorded with its reason and
the batch goes on. Records are written in transactions, so an interrupted run (Ctrl-C or
SIGKILL) leaves the store consistent, and running again finishes the job.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
import time
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from nlp.record import Record
from search_api.extraction import Failure, expand_paths, extract_file
from search_api.store.base import Store

Analyzer = Callable[[Path], "Record | Failure"]
BATCH_SIZE = 64
BATCH_SECONDS = 2.0


@dataclass(slots=True)
class Progress:
    """Where a run stands; passed to the ``progress`` callback after every file."""

    total: int
    done: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    path: Path | None = None
    """The file just finished."""


@dataclass(slots=True)
class IndexReport:
    total: int
    stored: int
    skipped: int
    failed: int
    failures: list[Failure] = field(default_factory=list)


def file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def index_paths(
    paths: Iterable[Path | str],
    store: Store,
    *,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    retry_failed: bool = False,
    analyze_file: Analyzer = extract_file,
    batch_size: int = BATCH_SIZE,
) -> IndexReport:
    """Analyse and store the files named and those inside the folders named.

    ``workers`` > 1 analyses in that many processes; 1 analyses here. Files that failed
    before with the same content are skipped unless ``retry_failed``. ``analyze_file`` must be
    a module-level function (it is sent to worker processes).
    """
    files = [p.resolve() for p in expand_paths(Path(p) for p in paths)]
    state = Progress(total=len(files))
    failures: list[Failure] = []
    known_failures = {f.path: f.sha256 for f in store.failures()}
    todo: list[tuple[Path, str | None]] = []
    for path in files:
        sha = file_sha256(path)
        key = str(path)
        unchanged = sha is not None and store.known_sha256(key) == sha
        failed_before = not retry_failed and key in known_failures and known_failures[key] == sha
        if unchanged or failed_before:
            state.skipped += 1
            _advance(state, path, progress)
        else:
            todo.append((path, sha))

    batch = _Batch(store, batch_size)
    outcomes = _analyse(todo, analyze_file, workers)
    try:
        for (path, sha), outcome in outcomes:
            if isinstance(outcome, Failure):
                store.record_failure(str(path), outcome.error, sha256=sha)
                failures.append(outcome)
                state.failed += 1
            else:
                batch.add(outcome, str(path), sha)
                state.stored += 1
            _advance(state, path, progress)
    finally:
        outcomes.close()  # stops the worker processes
        batch.flush()  # also on Ctrl-C: what was analysed is kept
    return IndexReport(state.total, state.stored, state.skipped, state.failed, failures)


def _advance(state: Progress, path: Path, progress: Callable[[Progress], None] | None) -> None:
    state.done += 1
    state.path = path
    if progress is not None:
        progress(state)


class _Batch:
    """Records waiting to be written: flushed by size or age, in one transaction each."""

    def __init__(self, store: Store, size: int) -> None:
        self.store, self.size = store, size
        self.items: list[tuple[Record, str | None, str | None]] = []
        self.started = time.monotonic()

    def add(self, record: Record, path: str, sha: str | None) -> None:
        if not self.items:
            self.started = time.monotonic()
        self.items.append((record, path, sha))
        if len(self.items) >= self.size or time.monotonic() - self.started > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.items:
            items, self.items = self.items, []
            self.store.put_many(items)


Job = tuple[Path, str | None]


def _analyse(
    todo: list[Job], analyze_file: Analyzer, workers: int
) -> Generator[tuple[Job, Record | Failure], None, None]:
    """(job, outcome) for every job; in worker processes when ``workers`` > 1."""
    if workers <= 1 or len(todo) <= 1:
        for job in todo:
            yield job, analyze_file(job[0])
        return
    pending = list(reversed(todo))
    while pending:
        pool = _pool(workers)
        running: dict[Future[Record | Failure], Job] = {}
        try:
            while pending or running:
                while pending and len(running) < workers * 4:
                    job = pending.pop()
                    running[pool.submit(analyze_file, job[0])] = job
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    yield job, _outcome(future, job)
        except BrokenProcessPool:
            # A worker died (a crash in a native library). Which file did it is unknown, so
            # the files that were in flight are analysed again one per process.
            for job in running.values():
                yield job, _isolated(analyze_file, job)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


def _outcome(future: Future[Record | Failure], job: Job) -> Record | Failure:
    try:
        return future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # e.g. a result that cannot be sent back: this file fails, not the run
        return Failure(job[0], f"internal error: {type(exc).__name__}: {exc}", job[1])


def _isolated(analyze_file: Analyzer, job: Job) -> Record | Failure:
    pool = _pool(1)
    try:
        return pool.submit(analyze_file, job[0]).result()
    except BrokenProcessPool:
        return Failure(job[0], "analysis crashed (worker process died)", job[1])
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)
