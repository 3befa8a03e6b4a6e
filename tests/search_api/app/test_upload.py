"""``POST /v1/documents``: upload, store by content hash, index; skipped, failed, too large."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.settings import Settings

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
SAMPLE = CORPUS / "chi_thi-17-ct-ttg-2023.txt"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("upload-store")


@pytest.fixture(scope="module")
def uploads(store_dir: Path) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{store_dir / 'vanban.db'}", settings=Settings(max_file_mb=1,
                                                                      auth_mode="local-dev"))
    with TestClient(app, client=("127.0.0.1", 50000)) as client:
        yield client


def _post(client: TestClient, data: bytes, filename: str) -> tuple[int, dict[str, str | None]]:
    response = client.post("/v1/documents", files={"file": (filename, data, "text/plain")})
    return response.status_code, response.json()


def test_upload_stores_then_skips_the_same_file(uploads: TestClient, store_dir: Path) -> None:
    data = SAMPLE.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    code, body = _post(uploads, data, SAMPLE.name)
    assert code == 201
    assert body["status"] == "stored"
    assert body["sha256"] == sha
    saved = store_dir / "files" / f"{sha}.txt"
    assert saved.read_bytes() == data
    record = uploads.get(f"/v1/documents/{body['id']}").json()
    assert record["metadata"]["number"] == "17/CT-TTg"
    assert uploads.get(f"/v1/documents/{body['id']}/file").content == data
    hits = uploads.get("/v1/documents", params={"q": "an toan thuc pham"}).json()["hits"]
    assert hits[0]["id"] == body["id"]
    code, again = _post(uploads, data, "another name.txt")
    assert code == 200
    assert again["status"] == "skipped"
    assert again["id"] == body["id"]


def test_client_file_name_never_becomes_a_path(uploads: TestClient, store_dir: Path) -> None:
    data = (CORPUS / "chi_thi-08-ct-bct-2021.txt").read_bytes()
    code, body = _post(uploads, data, "../../../../tmp/evil name.TXT")
    assert code == 201
    assert (store_dir / "files" / f"{body['sha256']}.txt").is_file()
    assert not (store_dir.parent / "evil name.TXT").exists()


@pytest.mark.parametrize(("data", "filename", "reason"), [
    (b"", "empty.txt", "empty"),
    (b"%PDF-1.4 not really", "broken.pdf", "PDF"),
    (b"\x00\x01\x02" * 50, "blob.bin", "unsupported"),
])
def test_unreadable_upload_fails_with_its_reason(uploads: TestClient, data: bytes, filename: str,
                                                 reason: str) -> None:
    code, body = _post(uploads, data, filename)
    assert code == 422
    assert body["status"] == "failed"
    assert body["id"] is None
    assert reason in (body["reason"] or "")
    code, again = _post(uploads, data, filename)  # recorded: not analysed again, same answer
    assert code == 422
    assert again["reason"] == body["reason"]


def test_too_large_upload_is_refused_and_not_kept(uploads: TestClient, store_dir: Path) -> None:
    before = sorted((store_dir / "files").iterdir())
    response = uploads.post("/v1/documents",
                            files={"file": ("big.txt", b"a" * ((1 << 20) + 1), "text/plain")})
    assert response.status_code == 413
    assert sorted((store_dir / "files").iterdir()) == before


def test_upload_into_a_memory_store() -> None:
    app = create_app("sqlite:///:memory:", settings=Settings(auth_mode="local-dev"))
    with TestClient(app, client=("127.0.0.1", 50000)) as client:
        code, body = _post(client, SAMPLE.read_bytes(), "x.txt")
        assert code == 201
        assert client.get(f"/v1/documents/{body['id']}/file").status_code == 200
        assert client.get("/healthz").json()["documents"] == 1


def test_upload_without_a_file_is_422(uploads: TestClient) -> None:
    assert uploads.post("/v1/documents").status_code == 422
