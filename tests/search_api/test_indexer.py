"""The indexer: folders in, records stored; unchanged skipped, changed replaced, failures kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from search_api.indexer import Progress, index_paths
from search_api.store import SearchQuery, Store, open_store

SUBJECTS = ["thi đua khen thưởng", "an toàn hồ đập thủy lợi", "cải cách hành chính",
            "phòng chống thiên tai", "chuyển đổi số", "bảo hiểm xã hội"]


def _text(i: int, subject: str) -> str:
    return (f"ỦY BAN NHÂN DÂN TỈNH MẪU\nSố: {i}/KH-UBND\nKẾ HOẠCH\nvề {subject}\n"
            f"Các sở, ngành triển khai kế hoạch mã{i:03d} về {subject}.\n")


def _write_folder(root: Path, count: int) -> list[Path]:
    files = []
    for i in range(count):
        path = root / f"group{i % 3}" / f"kh-{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_text(i, SUBJECTS[i % len(SUBJECTS)]), encoding="utf-8")
        files.append(path)
    return files


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    _write_folder(root, 6)
    (root / "empty.txt").write_bytes(b"")
    return root


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'vanban.db'}")
    yield opened
    opened.close()


def _hits(store: Store, text: str) -> list[str]:
    return [h.id for h in store.search(SearchQuery(text=text, limit=100)).hits]


@pytest.mark.parametrize("workers", [1, 2])
def test_index_folder(folder: Path, store: Store, workers: int) -> None:
    seen: list[tuple[int, int]] = []

    def progress(state: Progress) -> None:
        seen.append((state.done, state.total))

    report = index_paths([folder], store, workers=workers, progress=progress)
    assert (report.total, report.stored, report.skipped, report.failed) == (7, 6, 0, 1)
    assert seen == [(n, 7) for n in range(1, 8)]
    assert store.count() == 6
    (failure,) = store.failures()
    assert failure.path == str((folder / "empty.txt").resolve())
    assert "empty" in failure.error
    assert len(_hits(store, "ma004")) == 1
    assert len(_hits(store, "thuy loi")) == 1


def test_rerun_skips_unchanged_and_replaces_changed(folder: Path, store: Store) -> None:
    index_paths([folder], store, workers=1)
    again = index_paths([folder], store, workers=1)
    assert (again.stored, again.skipped, again.failed) == (0, 7, 0)
    changed = folder / "group1" / "kh-001.txt"
    changed.write_text(_text(1, "quản lý đất đai"), encoding="utf-8")
    third = index_paths([folder], store, workers=1)
    assert (third.stored, third.skipped) == (1, 6)
    assert store.count() == 6
    assert len(_hits(store, "dat dai")) == 1
    assert _hits(store, "an toan ho dap") == []
    retried = index_paths([folder], store, workers=1, retry_failed=True)
    assert (retried.stored, retried.failed) == (0, 1)


def test_same_content_in_two_files_is_one_document(folder: Path, store: Store) -> None:
    copy = folder / "copy.txt"
    copy.write_bytes((folder / "group0" / "kh-000.txt").read_bytes())
    report = index_paths([folder], store, workers=1)
    assert report.stored == 7
    assert store.count() == 6


_SCRIPT = """
import sys, time
from pathlib import Path
from search_api.extraction import extract_file
from search_api.indexer import index_paths
from search_api.store import open_store

def slow(path):
    time.sleep(0.04)
    return extract_file(path)

store = open_store(sys.argv[1])
index_paths([Path(sys.argv[2])], store, workers=1, analyze_file=slow, batch_size=4,
            progress=lambda p: print(p.done, flush=True))
"""


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_run_leaves_store_consistent(tmp_path: Path, sig: signal.Signals) -> None:
    root = tmp_path / "many"
    files = _write_folder(root, 40)
    url = f"sqlite:///{tmp_path / 'vanban.db'}"
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(_SCRIPT), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen([sys.executable, str(script), url, str(root)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    for line in child.stdout:
        if int(line) >= 18:
            break
    child.send_signal(sig)
    child.wait(timeout=30)

    store = open_store(url)
    try:
        stored = store.count()
        assert 0 < stored < len(files)
        assert store.search(SearchQuery(text="cac so nganh")).total == stored  # index in step
        report = index_paths([root], store, workers=1)
        assert (report.skipped, report.stored) == (stored, len(files) - stored)
        assert store.count() == len(files)
        assert store.search(SearchQuery(text="cac so nganh")).total == len(files)
        for i in range(len(files)):
            assert len(_hits(store, f"ma{i:03d}")) == 1
    finally:
        store.close()
