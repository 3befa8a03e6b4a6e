"""Fixtures of the trust tests: an app in ``keys`` mode over records at every secrecy mark,
and a key of each role and clearance."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.settings import Settings
from search_api.store import record_from_dict

DATA = Path(__file__).parent / "data"
CLEARANCE_OF_MARK = {None: 0, "Mật": 1, "Tối mật": 2, "Tuyệt mật": 3}
"""The rank each invented record needs; any other mark needs the top clearance (3)."""


def secret_records() -> list[dict[str, Any]]:
    with (DATA / "secret_records.yaml").open(encoding="utf-8") as handle:
        data: list[dict[str, Any]] = yaml.safe_load(handle)
    for record in data:
        for task in record.get("tasks", []):
            task.setdefault("coordinators", [])
            task.setdefault("report_to", None)
            task.setdefault("deadline", None)
    return data


def needed_clearance(record: dict[str, Any]) -> int:
    return CLEARANCE_OF_MARK.get(record["metadata"].get("confidentiality"), 3)


@pytest.fixture(scope="module")
def secret_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """``keys`` mode over a file store whose records' source files exist (so downloads work)."""
    folder = tmp_path_factory.mktemp("secret-store")
    application = create_app(f"sqlite:///{folder / 'vanban.db'}", settings=Settings())
    sources = folder / "sources"
    sources.mkdir()
    for data in secret_records():
        path = sources / f"{data['id']}.txt"
        path.write_text(data["text"], encoding="utf-8")
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        record = record_from_dict({**data, "source": {"filename": str(path), "sha256": sha}})
        application.state.store.put(record, path=str(path), sha256=sha)
    with TestClient(application):
        yield application


@pytest.fixture(scope="module")
def key_of(secret_app: FastAPI) -> dict[tuple[str, str], str]:
    """(role, clearance) -> a live key."""
    keys = secret_app.state.keys
    return {
        (role, level): keys.create(f"{role}-{level}", role, level)[0]
        for role in ("reader", "ingester", "admin")
        for level in ("public", "mat", "toi_mat", "tuyet_mat")
    }


def client_for(app: FastAPI, key: str | None = None) -> TestClient:
    return TestClient(app, headers={"Authorization": f"Bearer {key}"} if key else None,
                      follow_redirects=False)
