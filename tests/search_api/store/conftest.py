"""The store behaviour suite's fixtures: a factory per backend, and invented documents.

A new backend joins the suite by adding a ``StoreFactory`` to ``_FACTORIES`` (or a
parameter that skips when its server does not answer).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.record import Record
from search_api.store import Store, open_store, record_from_dict

DATA = Path(__file__).parent / "data"


@dataclass
class StoreFactory:
    """Opens stores of one backend; ``persistent`` ones see what earlier opens stored."""

    name: str
    open: Callable[[], Store]
    persistent: bool


def _sqlite_file(tmp_path: Path) -> StoreFactory:
    url = f"sqlite:///{tmp_path / 'store' / 'vanban.db'}"
    return StoreFactory("sqlite-file", lambda: open_store(url), persistent=True)


def _sqlite_memory(tmp_path: Path) -> StoreFactory:
    return StoreFactory("sqlite-memory", lambda: open_store("sqlite:///:memory:"), persistent=False)


_FACTORIES: dict[str, Callable[[Path], StoreFactory]] = {
    "sqlite-file": _sqlite_file,
    "sqlite-memory": _sqlite_memory,
}


ELASTICSEARCH = "elasticsearch"


def _elasticsearch(request: pytest.FixtureRequest) -> StoreFactory:
    """A fresh index prefix per test, dropped afterwards; gaps of the emulator are marked."""
    pytest.importorskip("elasticsearch", reason="pip install 'vanban[es]'")
    url = f"{request.getfixturevalue('es_url')}/t{uuid.uuid4().hex[:16]}"

    def drop() -> None:
        store = open_store(url)
        store.drop()  # type: ignore[attr-defined]
        store.close()

    request.addfinalizer(drop)
    return StoreFactory(ELASTICSEARCH, lambda: open_store(url), persistent=True)


@pytest.fixture(params=[*sorted(_FACTORIES), ELASTICSEARCH])
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> StoreFactory:
    if request.param == ELASTICSEARCH:
        return _elasticsearch(request)
    return _FACTORIES[request.param](tmp_path)


@pytest.fixture
def store(store_factory: StoreFactory) -> Iterator[Store]:
    opened = store_factory.open()
    yield opened
    opened.close()


@lru_cache(maxsize=1)
def _documents() -> list[dict[str, Any]]:
    with (DATA / "documents.yaml").open(encoding="utf-8") as handle:
        docs: list[dict[str, Any]] = yaml.safe_load(handle)
    return docs


def make_record(data: dict[str, Any]) -> Record:
    """A record from a YAML entry (source filled in)."""
    fields = dict(data)
    fields.setdefault("source", {"filename": f"{data['id']}.txt", "sha256": f"sha-{data['id']}"})
    return record_from_dict(fields)


@pytest.fixture
def records() -> dict[str, Record]:
    """The invented documents, by id."""
    return {doc["id"]: make_record(doc) for doc in _documents()}


@pytest.fixture
def filled(store: Store, records: dict[str, Record]) -> Store:
    """A store holding every invented document (one path per document)."""
    store.put_many((r, f"/docs/{r.id}.txt", f"sha-{r.id}") for r in records.values())
    return store


def _plain_record(doc_id: str, text: str, **metadata: Any) -> Record:
    return record_from_dict(
        {"id": doc_id, "text": text, "metadata": metadata, "source": {"filename": f"{doc_id}.txt"}}
    )


@pytest.fixture
def plain_record() -> Callable[..., Record]:
    """``plain_record(id, text, **metadata)``: a small record with just text and metadata."""
    return _plain_record
