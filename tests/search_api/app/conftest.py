"""App fixtures: an app over a store filled by indexing the project's corpus, and one over
invented records (entities, resolved citations, markup in the text).

Both run in local development mode, as from 127.0.0.1 (access control has its own tests
in ``tests/trust``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.indexer import index_paths
from search_api.settings import Settings
from search_api.store import open_store, record_from_dict

ROOT = Path(__file__).resolve().parents[3]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
DATA = Path(__file__).parent / "data"
LOCAL = ("127.0.0.1", 50000)
DEV = Settings(auth_mode="local-dev")


@pytest.fixture(scope="package")
def corpus_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding every ``corpus/*.txt`` document, indexed as ``vanban ingest`` does."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'vanban.db'}"
    store = open_store(url)
    try:
        report = index_paths(CORPUS, store, workers=2)
    finally:
        store.close()
    assert report.stored == len(CORPUS), report.failures
    return url


@pytest.fixture(scope="module")
def app(corpus_store_url: str) -> Iterator[FastAPI]:
    application = create_app(corpus_store_url, settings=DEV)
    with TestClient(application, client=LOCAL):
        yield application


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app, client=LOCAL)


def invented_records() -> list[dict[str, Any]]:
    with (DATA / "records.yaml").open(encoding="utf-8") as handle:
        data: list[dict[str, Any]] = yaml.safe_load(handle)
    return data


@pytest.fixture(scope="module")
def invented() -> Iterator[TestClient]:
    """A client over an in-memory store holding the invented records."""
    application = create_app("sqlite:///:memory:", settings=DEV)
    for data in invented_records():
        record = record_from_dict({**data, "source": {"filename": f"/nowhere/{data['id']}.txt"}})
        application.state.store.put(record, path=f"/nowhere/{data['id']}.txt")
    with TestClient(application, client=LOCAL) as test_client:
        yield test_client
