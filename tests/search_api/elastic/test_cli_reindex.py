"""`vanban ingest` into SQLite, then `vanban reindex --from … --to …` into Elasticsearch (emulator)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from search_api.cli import main

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def test_reindex_sqlite_to_elasticsearch_moves_every_record(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:6]:
        shutil.copy(path, docs / path.name)
    sqlite_url = f"sqlite:///{tmp_path}/vanban.db"
    assert main(["ingest", "--quiet", "--workers", "1", "--store", sqlite_url, str(docs)]) == 0
    capsys.readouterr()

    assert main(["reindex", "--quiet", "--from", sqlite_url, "--to", store_url]) == 0
    assert "6 documents" in capsys.readouterr().err

    found = []
    for url in (sqlite_url, store_url):
        assert main(["search", "--json", "--limit", "20", "--store", url, "thi dua"]) == 0
        found.append({json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()})
    assert found[0]
    assert found[0] == found[1]


def test_reindex_needs_both_ends(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reindex", "--from", "sqlite:///x.db"]) == 2
    assert "go together" in capsys.readouterr().err
