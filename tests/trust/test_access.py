"""API keys: anonymous access is off, roles limit what a key may do, keys are stored hashed,
the web pages log in through a form, local development mode serves 127.0.0.1 only."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.auth.access import COOKIE, LocalDevHostError, serve_settings
from search_api.auth.keys import KeyStore, keys_path_for
from search_api.cli_keys import add_keys_command
from search_api.settings import Settings
from tests.trust.conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "corpus").glob("*.txt"))[0]
Keys = dict[tuple[str, str], str]


def _api_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every documented ``/v1`` route and method."""
    return [(method.upper(), path.replace("{doc_id}", "doc-public"))
            for path, methods in app.openapi()["paths"].items() if path.startswith("/v1")
            for method in methods]


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer vb_not-a-key"}, {"X-API-Key": "nonsense"},
    {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer "},
])
def test_no_valid_key_no_api(secret_app: FastAPI, headers: dict[str, str]) -> None:
    client = TestClient(secret_app, headers=headers)
    routes = _api_routes(secret_app)
    assert len(routes) >= 9
    for method, path in routes:
        response = client.request(method, path)
        assert response.status_code == 401, (method, path)
        assert response.headers["www-authenticate"] == "Bearer"


def test_pages_send_to_login_and_health_stays_open(secret_app: FastAPI) -> None:
    client = client_for(secret_app)
    for path in ("/", "/tasks", "/documents/doc-public"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"
    assert client.get("/healthz").status_code == 200
    assert client.get("/login").status_code == 200


def test_both_headers_carry_a_key(secret_app: FastAPI, key_of: Keys) -> None:
    key = key_of[("reader", "public")]
    for headers in ({"Authorization": f"Bearer {key}"}, {"X-API-Key": key},
                    {"authorization": f"bearer {key}"}):
        assert TestClient(secret_app, headers=headers).get("/v1/tasks").status_code == 200


def test_revoked_key_stops_working(secret_app: FastAPI) -> None:
    token, info = secret_app.state.keys.create("short-lived", "reader")
    client = client_for(secret_app, token)
    assert client.get("/v1/entities").status_code == 200
    assert secret_app.state.keys.revoke(info.prefix) == 1
    assert client.get("/v1/entities").status_code == 401
    assert secret_app.state.keys.revoke(info.prefix) == 0


def test_keys_are_stored_hashed(tmp_path: Path) -> None:
    path = keys_path_for(f"sqlite:///{tmp_path / 'store' / 'vanban.db'}")
    assert path == tmp_path / "store" / "keys.db"
    keys = KeyStore(path)
    token, info = keys.create("ops", "admin", "mat")
    keys.close()
    raw = path.read_bytes()
    assert token.encode() not in raw
    assert token[len(info.prefix):].encode() not in raw
    assert hashlib.sha256(token.encode()).hexdigest().encode() in raw
    assert path.stat().st_mode & 0o077 == 0
    again = KeyStore(path)
    found = again.verify(token)
    assert found is not None
    assert (found.role, found.clearance) == ("admin", "mat")
    assert again.verify(token + "x") is None
    assert again.verify(token[:-1]) is None


@pytest.mark.parametrize(("role", "code"), [("reader", 403), ("ingester", 201), ("admin", 201)])
def test_upload_needs_the_ingester_role(tmp_path: Path, role: str, code: int) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'vanban.db'}", settings=Settings())
    with TestClient(app):
        key = app.state.keys.create(role, role, "public")[0]
        response = client_for(app, key).post(
            "/v1/documents", files={"file": ("a.txt", SAMPLE.read_bytes(), "text/plain")})
        assert response.status_code == code


def test_upload_marks_a_document_secret(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'vanban.db'}", settings=Settings())
    with TestClient(app):
        keys = app.state.keys
        ingester = client_for(app, keys.create("clerk", "ingester", "mat")[0])
        reader = client_for(app, keys.create("public reader", "reader", "public")[0])
        body = {"file": ("a.txt", SAMPLE.read_bytes(), "text/plain")}
        too_high = ingester.post("/v1/documents", files=body, data={"confidentiality": "toi_mat"})
        assert too_high.status_code == 403
        stored = ingester.post("/v1/documents", files=body, data={"confidentiality": "mat"})
        assert stored.status_code == 201
        doc_id = stored.json()["id"]
        assert ingester.get(f"/v1/documents/{doc_id}").json()["metadata"]["confidentiality"] == "Mật"
        assert reader.get(f"/v1/documents/{doc_id}").status_code == 404
        assert reader.get("/v1/documents").json()["total"] == 0
        bad = ingester.post("/v1/documents", files=body, data={"confidentiality": "secret"})
        assert bad.status_code == 422


def test_login_form_sets_an_http_only_cookie(secret_app: FastAPI, key_of: Keys) -> None:
    client = client_for(secret_app)
    refused = client.post("/login", data={"key": "vb_wrong", "next": "/tasks"})
    assert refused.status_code == 401
    assert COOKIE not in refused.cookies
    key = key_of[("reader", "mat")]
    response = client.post("/login", data={"key": key, "next": "/tasks"})
    assert response.status_code == 303
    assert response.headers["location"] == "/tasks"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie.replace("Strict", "strict")
    assert client.get("/tasks").status_code == 200
    assert client.get("/v1/documents/doc-mat").status_code == 200
    # the cookie is accepted for reading only: a cross-site form post cannot use it
    upload = client.post("/v1/documents", files={"file": ("a.txt", b"x", "text/plain")})
    assert upload.status_code == 401
    client.post("/logout")
    assert client.get("/tasks").status_code == 303


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "\\\\evil", ""])
def test_login_never_sends_elsewhere(secret_app: FastAPI, key_of: Keys, target: str) -> None:
    response = client_for(secret_app).post(
        "/login", data={"key": key_of[("reader", "public")], "next": target})
    assert response.headers["location"] == "/"


def test_login_page_escapes_next(secret_app: FastAPI) -> None:
    page = client_for(secret_app).get("/login", params={"next": '/"><script>x()</script>'}).text
    assert "<script>x()" not in page


@pytest.mark.parametrize(("peer", "code"), [("127.0.0.1", 200), ("::1", 200),
                                             ("192.168.1.9", 401), ("testclient", 401)])
def test_local_dev_mode_serves_loopback_only(peer: str, code: int) -> None:
    app = create_app("sqlite:///:memory:", settings=Settings(auth_mode="local-dev"))
    with TestClient(app, client=(peer, 1234)) as client:
        assert client.get("/v1/tasks").status_code == code


@pytest.mark.parametrize(("host", "dev", "mode"), [
    ("127.0.0.1", True, "local-dev"), ("localhost", True, "local-dev"),
    ("0.0.0.0", False, "keys"), ("127.0.0.1", False, "keys"),
])
def test_serve_settings(host: str, dev: bool, mode: str) -> None:
    assert serve_settings(Settings(), host=host, dev=dev).auth_mode == mode


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.5", "::"])
def test_dev_mode_refuses_other_interfaces(host: str) -> None:
    with pytest.raises(LocalDevHostError):
        serve_settings(Settings(), host=host, dev=True)
    with pytest.raises(LocalDevHostError):
        serve_settings(Settings(auth_mode="local-dev"), host=host, dev=False)


def _cli(*argv: str) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="vanban")
    add_keys_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status


def test_keys_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = f"sqlite:///{tmp_path / 'vanban.db'}"
    assert _cli("keys", "--store", store, "create", "--name", "Văn thư", "--role", "ingester",
                "--clearance", "toi_mat") == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("vb_")
    assert _cli("keys", "--store", store, "list") == 0
    listing = capsys.readouterr().out
    assert token[:11] in listing
    assert token not in listing
    assert "ingester" in listing
    assert "toi_mat" in listing
    assert "Văn thư" in listing
    app = create_app(store, settings=Settings())
    with TestClient(app):
        assert client_for(app, token).get("/v1/tasks").status_code == 200
    assert _cli("keys", "--store", store, "revoke", token[:11]) == 0
    assert _cli("keys", "--store", store, "revoke", token[:11]) == 1
    assert _cli("keys", "--store", store, "list", "--json") == 0
    assert '"revoked_at": "20' in capsys.readouterr().out
    app = create_app(store, settings=Settings())
    with TestClient(app):
        assert client_for(app, token).get("/v1/tasks").status_code == 401


def test_keys_cli_needs_a_file_for_a_memory_store() -> None:
    with pytest.raises(SystemExit):
        _cli("keys", "--store", "sqlite:///:memory:", "list")


def test_keys_db_holds_one_table(tmp_path: Path) -> None:
    KeyStore(tmp_path / "k.db").close()
    tables = sqlite3.connect(tmp_path / "k.db").execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").fetchall()
    assert tables == [("api_keys",)]


def test_file_keys_verify_from_many_threads_and_see_a_revocation_at_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from search_api.auth.keys import KeyStore

    server = KeyStore(tmp_path / "keys.db")
    token, info = server.create("clerk", "reader", "mat")
    with ThreadPoolExecutor(max_workers=4) as pool:
        seen = list(pool.map(lambda _: server.verify(token), range(40)))
        assert all(found is not None and found.id == info.id for found in seen)
        cli = KeyStore(tmp_path / "keys.db")  # `vanban keys revoke` in another process
        assert cli.revoke(info.prefix) == 1
        cli.close()
        assert list(pool.map(lambda _: server.verify(token), range(40))) == [None] * 40
    server.close()
