"""``/v1/entities``: by label, prefix autocomplete ignoring case and diacritics, counts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def _entities(client: TestClient, **params: str) -> list[tuple[str, str, int]]:
    response = client.get("/v1/entities", params=params)
    assert response.status_code == 200
    return [(e["label"], e["name"], e["documents"]) for e in response.json()["entities"]]


def test_counts_documents_per_entity(invented: TestClient) -> None:
    assert _entities(invented, label="ORG") == [("ORG", "Bộ Nội vụ", 2), ("ORG", "Bộ Tài chính", 1)]
    assert _entities(invented, label="PERSON") == [("PERSON", "Trần Văn Sơn", 1)]


@pytest.mark.parametrize(("prefix", "names"), [
    ("bo n", ["Bộ Nội vụ"]),
    ("BỘ", ["Bộ Nội vụ", "Bộ Tài chính"]),
    ("tran van", ["Trần Văn Sơn"]),
    ("noi vu", []),
])
def test_prefix_autocomplete(invented: TestClient, prefix: str, names: list[str]) -> None:
    assert [name for _, name, _ in _entities(invented, prefix=prefix)] == names


def test_limit(invented: TestClient) -> None:
    assert len(_entities(invented, limit="1")) == 1
    assert invented.get("/v1/entities", params={"limit": "0"}).status_code == 422
