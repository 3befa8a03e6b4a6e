"""`vanban ingest / search / reindex / failures / tasks --store` on a real embedded store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from search_api.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOCS = ["thong_bao-45-tb-vpcp-2016", "chi_thi-05-ct-ttg-2015", "quyet_dinh-1425-qd-ttg-2019"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("docs")
    for name in DOCS:
        shutil.copy(CORPUS / f"{name}.txt", folder / f"{name}.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    url = f"sqlite:///{tmp_path_factory.mktemp('store')}/vanban.db"
    return folder, url


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_is_idempotent_and_records_failures(
    library: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, url = library
    assert main(["ingest", "--quiet", "--workers", "1", "--store", url, str(folder)]) == 1
    first = capsys.readouterr().err
    assert "3 stored" in first
    assert "1 failed" in first
    assert "broken.pdf" in first
    assert main(["ingest", "--quiet", "--store", url, str(folder)]) == 0
    assert "0 stored, 4 unchanged" in capsys.readouterr().err
    assert main(["failures", "--json", "--store", url]) == 0
    failures = _json_lines(capsys.readouterr().out)
    assert [Path(str(f["path"])).name for f in failures] == ["broken.pdf"]


@pytest.mark.parametrize(
    ("query", "number"),
    [("45/TB-VPCP", "45/TB-VPCP"), ("so 45 tb vpcp", "45/TB-VPCP"), ("05 CT TTg", "05/CT-TTg")],
)
def test_search_json_finds_document_by_loose_number(
    library: tuple[Path, str], capsys: pytest.CaptureFixture[str], query: str, number: str
) -> None:
    folder, url = library
    main(["ingest", "--quiet", "--store", url, str(folder)])
    capsys.readouterr()
    assert main(["search", "--json", "--store", url, "--limit", "2", query]) == 0
    hits = _json_lines(capsys.readouterr().out)
    assert hits
    first = hits[0]
    assert isinstance(first["metadata"], dict)
    assert first["metadata"]["number"] == number
    assert set(first) == {"id", "score", "metadata", "highlights"}


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
def test_semantic_and_hybrid_modes_rank_by_meaning(
    library: tuple[Path, str], capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    folder, url = library
    main(["ingest", "--quiet", "--store", url, str(folder)])
    capsys.readouterr()
    # Words of the directive's subject that are not in the query: fire safety at markets.
    query = "phòng ngừa hỏa hoạn ở chợ và trung tâm thương mại"
    assert main(["search", "--json", "--mode", mode, "--store", url, "--limit", "3", query]) == 0
    hits = _json_lines(capsys.readouterr().out)
    assert hits
    assert hits[0]["metadata"]["number"] == "05/CT-TTg"


def test_reindex_and_tasks_from_store(
    library: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, url = library
    main(["ingest", "--quiet", "--store", url, str(folder)])
    assert main(["reindex", "--store", url]) == 0
    assert "3 documents" in capsys.readouterr().err
    assert main(["tasks", "--json", "--store", url, "--as-of", "2030-01-01",
                 "--status", "overdue"]) == 0
    tasks = _json_lines(capsys.readouterr().out)
    assert tasks
    assert all(t["status"] == "overdue" for t in tasks)


def test_bad_store_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="cannot open store"):
        main(["search", "--store", "ftp://nowhere", "x"])
