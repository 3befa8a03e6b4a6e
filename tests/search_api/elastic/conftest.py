"""Fixtures of the Elasticsearch tests: a server (``$VANBAN_ES_URL`` or noida-db's emulator,
started once per session) and fresh stores on it, dropped after each test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

pytest.importorskip("elasticsearch", reason="the Elasticsearch tests need pip install 'vanban[es]'")

from search_api.store.elastic.store import ElasticStore


def on_emulator() -> bool:
    """True when the tests run against noida-db rather than a real cluster."""
    return not os.environ.get("VANBAN_ES_URL")


@pytest.fixture
def store_url(es_url: str) -> Iterator[str]:
    """A store URL with an index prefix of its own; its indices are dropped afterwards."""
    url = f"{es_url}/t{uuid.uuid4().hex[:16]}"
    yield url
    from search_api.store.elastic.config import parse_url

    store = ElasticStore(parse_url(url))
    store.drop()
    store.close()


@pytest.fixture
def es_store(store_url: str) -> Iterator[ElasticStore]:
    from search_api.store.elastic.config import parse_url

    store = ElasticStore(parse_url(store_url))
    yield store
    store.close()
