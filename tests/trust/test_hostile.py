"""Hostile files: each is refused with a clear reason or read into a correct record, the
process stays up, the rest of the batch is stored; nothing from a document or a query
reaches a page as markup, or a backend as query syntax; uploads never leave the store."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.extraction import Failure, extract_file
from search_api.indexer import index_paths
from search_api.settings import Settings
from search_api.store import SearchQuery, open_store
from tests.trust.hostile import CASES, hostile_files

LOCAL = ("127.0.0.1", 50000)
SECONDS_PER_FILE = 10.0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, hostile_files(folder)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_file_is_an_error_or_a_record(hostile: tuple[Path, dict[str, str]],
                                           name: str) -> None:
    folder, expected = hostile
    started = time.monotonic()
    outcome = extract_file(folder / name)
    assert time.monotonic() - started < SECONDS_PER_FILE
    if expected[name] == "error":
        assert isinstance(outcome, Failure), name
        assert outcome.error
        assert not outcome.error.startswith("internal error"), outcome.error
        assert "\n" not in outcome.error
    else:
        assert not isinstance(outcome, Failure), getattr(outcome, "error", "")
        assert unicodedata.is_normalized("NFC", outcome.text)
        assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in outcome.text)
        assert outcome.text.strip()


def test_a_batch_goes_on_past_hostile_files(hostile: tuple[Path, dict[str, str]],
                                           tmp_path: Path) -> None:
    folder, expected = hostile
    store = open_store(f"sqlite:///{tmp_path / 'vanban.db'}")
    try:
        report = index_paths(sorted(folder.iterdir()), store, workers=2)
        failed = {Path(f.path).name for f in store.failures()}
        assert failed == {name for name, what in expected.items() if what == "error"}
        assert report.failed == len(failed)
        assert report.stored == sum(1 for what in expected.values() if what == "record")
        stored = store.search(SearchQuery(limit=100)).hits
        assert len(stored) == store.count() > 0
    finally:
        store.close()


@pytest.fixture(scope="module")
def dev_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("hostile-store")
    app = create_app(f"sqlite:///{folder / 'vanban.db'}",
                     settings=Settings(auth_mode="local-dev", max_file_mb=60))
    with TestClient(app, client=LOCAL) as client:
        yield client


@pytest.mark.parametrize("name", sorted(CASES))
def test_upload_of_hostile_files(hostile: tuple[Path, dict[str, str]], dev_client: TestClient,
                                 name: str) -> None:
    folder, expected = hostile
    response = dev_client.post("/v1/documents",
                               files={"file": (name, (folder / name).read_bytes())})
    wanted = {422} if expected[name] == "error" else {200, 201}
    assert response.status_code in wanted, response.text
    assert dev_client.get("/healthz").status_code == 200


@pytest.mark.parametrize("filename", ["../../escape.txt", "..\\..\\escape.txt", "/etc/passwd",
                                      "a/../../b.txt", "x.txt\x00.sh", "%2e%2e%2fup.txt"])
def test_upload_paths_stay_in_the_store(tmp_path: Path, filename: str) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'store' / 'vanban.db'}",
                     settings=Settings(auth_mode="local-dev"))
    with TestClient(app, client=LOCAL) as client:
        body = CASES["good.txt"][0]() + filename.encode("utf-8", "replace")
        response = client.post("/v1/documents", files={"file": (filename, body)})
        assert response.status_code == 201
    inside = {p.resolve() for p in (tmp_path / "store").rglob("*") if p.is_file()}
    everything = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    assert everything == inside
    saved = list((tmp_path / "store" / "files").iterdir())
    assert len(saved) == 1
    assert saved[0].name.split(".")[0] == response.json()["sha256"]


def test_no_markup_from_documents_reaches_pages(hostile: tuple[Path, dict[str, str]],
                                                dev_client: TestClient) -> None:
    folder, _ = hostile
    for name in ("script.html", "script.txt"):
        dev_client.post("/v1/documents", files={"file": (name, (folder / name).read_bytes())})
    for q in ("script alert", "onerror", "đậm", "mouseover"):
        body = dev_client.get("/v1/documents", params={"q": q}).json()
        for hit in body["hits"]:
            for fragment in hit["highlights"]:
                stripped = fragment.replace("<mark>", "").replace("</mark>", "")
                assert "<" not in stripped, fragment
        page = dev_client.get("/", params={"q": q}).text
        assert "<script>alert" not in page
        assert "onerror=alert" not in page.replace("&#34;", "")
        for hit in body["hits"]:
            doc_page = dev_client.get(f"/documents/{hit['id']}").text
            assert "<script>alert" not in doc_page
            assert "<b onmouseover" not in doc_page


@pytest.mark.parametrize("q", [
    'text:foo OR *', '"unbalanced', "a AND (b", "field:[* TO *]", "\\", "~2 ^3 foo~",
    "*", "?", "{", "<script>", "' OR 1=1 --", "%", "_", "\x00", "💥" * 300, "a" * 5000,
])
def test_query_syntax_never_reaches_the_backend(dev_client: TestClient, q: str) -> None:
    response = dev_client.get("/v1/documents", params={"q": q})
    assert response.status_code == 200
    assert dev_client.get("/v1/tasks", params={"q": q}).status_code == 200
    assert dev_client.get("/v1/entities", params={"prefix": q}).status_code == 200
    assert dev_client.get("/", params={"q": q}).status_code == 200
