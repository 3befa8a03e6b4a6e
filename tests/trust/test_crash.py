"""Crash safety: an ingest killed with SIGKILL at random moments, several times, then run
to the end, leaves the same store as one uninterrupted ingest: every file once, the SQLite
integrity check passing, and the full-text index holding exactly the stored documents."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search_api.store import SearchQuery, open_store

ROOT = Path(__file__).resolve().parents[2]
KILLS = 4
COPIES = 2
"""Each corpus text is ingested this many times (a line added, so each is its own document)."""
TABLES = ("documents", "sources", "tasks", "task_people", "entities", "citations", "awards",
          "failures")


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "search_api.cli", "ingest", str(folder), "--store",
         f"sqlite:///{db}", "--workers", "1", "--quiet"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(folder: Path, db: Path) -> None:
    process = _ingest(folder, db)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode(errors="replace")


def _snapshot(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
        sources = dict(conn.execute("SELECT path, doc_id FROM sources"))
        ids = {r[0] for r in conn.execute("SELECT id FROM documents")}
        queued = conn.execute("SELECT COUNT(*) FROM index_queue").fetchone()[0]
    finally:
        conn.close()
    return {"counts": counts, "sources": sources, "ids": ids, "queued": queued}


def _index_ids(db: Path) -> tuple[int, set[str]]:
    """(total the full-text index counts, ids it returns) after the store's own recovery."""
    store = open_store(f"sqlite:///{db}")
    try:
        result = store.search(SearchQuery(limit=1000, facets=("doc_type",), highlights=False))
        assert store.count() == result.total
        return result.total, {hit.id for hit in result.hits}
    finally:
        store.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash-files")
    for path in sorted((ROOT / "corpus").iterdir()):
        if path.is_file() and path.suffix in {".pdf", ".docx", ".html"}:
            shutil.copy(path, folder / path.name)
        elif path.is_file() and path.suffix == ".txt":
            text = path.read_text(encoding="utf-8")
            for copy in range(COPIES):
                (folder / f"{path.stem}-{copy}.txt").write_text(f"{text}\nBản sao {copy}.\n",
                                                                encoding="utf-8")
    return folder


def test_killed_ingests_lose_nothing(files: Path, tmp_path: Path) -> None:
    seed = int(os.environ.get("VANBAN_CRASH_SEED", random.SystemRandom().randrange(1 << 30)))
    rng = random.Random(seed)
    reference = tmp_path / "reference" / "vanban.db"
    started = time.monotonic()
    _finish(files, reference)
    duration = time.monotonic() - started
    expected = _snapshot(reference)
    db = tmp_path / "killed" / "vanban.db"
    killed_mid_run = 0
    for _ in range(KILLS):
        process = _ingest(files, db)
        time.sleep(rng.uniform(0.2, 0.8) * duration)  # a later run has less left to do
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed_mid_run += 1
        process.wait(timeout=60)
    _finish(files, db)
    found = _snapshot(db)
    note = (f"(VANBAN_CRASH_SEED={seed}, {killed_mid_run} runs killed mid-way,"
            f" an ingest takes {duration:.1f} s)")
    assert found["counts"] == expected["counts"], note
    assert found["sources"] == expected["sources"], note
    assert found["ids"] == expected["ids"], note
    assert found["queued"] == 0, note
    total, ids = _index_ids(db)
    assert total == len(expected["ids"]), note  # type: ignore[arg-type]
    assert ids == expected["ids"], note
    assert killed_mid_run >= 1, note
