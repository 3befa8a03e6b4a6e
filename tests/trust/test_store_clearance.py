"""The stores filter by clearance themselves (embedded SQLite + tantivy, and Elasticsearch
through noida-db's emulator or ``$VANBAN_ES_URL``): searches, totals, facets, tasks and
entity counts leave out documents above ``max_clearance``."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest

from search_api.store import SearchQuery, Store, TaskFilter, open_store, record_from_dict
from search_api.store.base import clearance_rank
from tests.trust.conftest import needed_clearance, secret_records

RECORDS = secret_records()


@pytest.fixture(scope="module")
def es_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if os.environ.get("VANBAN_ES_URL"):
        yield os.environ["VANBAN_ES_URL"].rstrip("/")
        return
    pytest.importorskip("elasticsearch", reason="pip install 'vanban[es]'")
    from search_api.store.elastic.emulator import EmulatorError, running_emulator

    try:
        with running_emulator(tmp_path_factory.mktemp("es-emulator")) as url:
            yield url
    except EmulatorError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Elasticsearch cannot run in CI: {exc}")
        pytest.skip(f"no Elasticsearch to test against: {exc}")


@pytest.fixture(params=["sqlite", "elasticsearch"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = open_store("sqlite:///:memory:")
    else:
        opened = open_store(f"{request.getfixturevalue('es_base')}/t{uuid.uuid4().hex[:12]}")
    opened.put_many((record_from_dict({**r, "source": {"filename": f"{r['id']}.txt"}}), None, None)
                    for r in RECORDS)
    yield opened
    if request.param == "elasticsearch":
        opened.drop()  # type: ignore[attr-defined]
    opened.close()


@pytest.mark.parametrize("level", [0, 1, 2, 3, None])
def test_store_filters(store: Store, level: int | None) -> None:
    visible = {r["id"] for r in RECORDS if level is None or needed_clearance(r) <= level}
    query = SearchQuery(text="phòng cháy", limit=50, max_clearance=level)
    for order in ("relevance", "date"):
        result = store.search(replace(query, order=order))
        assert {h.id for h in result.hits} == visible
        assert result.total == len(visible)
        assert sum(result.facets["doc_type"].values()) == len(visible)
    tasks = store.tasks(TaskFilter(max_clearance=level))
    assert {t.doc_id for t in tasks} == visible
    names = {e.name for e in store.entities(limit=100, max_clearance=level)}
    assert names == {r["entities"][0]["canonical"] for r in RECORDS if r["id"] in visible}


@pytest.mark.parametrize(("mark", "rank"), [(None, 0), ("", 0), ("Mật", 1), ("Tối mật", 2),
                                             ("Tuyệt mật", 3), ("Hạn chế", 3), ("mật", 3)])
def test_clearance_rank(mark: str | None, rank: int) -> None:
    assert clearance_rank(mark) == rank
