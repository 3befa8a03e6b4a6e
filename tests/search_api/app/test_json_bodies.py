"""The JSON routes write their bodies themselves (``JSONBody``): each body must be exactly what
its response model documents and would have written, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, TypeAdapter

from search_api.app.schemas import EntitiesOut, SearchOut, TasksOut

CASES = [
    ("/v1/documents", {"q": "thi đua khen thưởng"}, SearchOut),
    ("/v1/documents", {"q": "cai cach hanh chinh", "page": "2", "size": "3"}, SearchOut),
    ("/v1/documents", {"q": "17/CT-TTg"}, SearchOut),
    ("/v1/documents", {"date_from": "2015-01-01", "order": "date"}, SearchOut),
    ("/v1/documents", {"q": "khong co tu nao nhu the nay"}, SearchOut),
    ("/v1/tasks", {}, TasksOut),
    ("/v1/tasks", {"status": "overdue", "as_of": "2024-06-01", "limit": "20"}, TasksOut),
    ("/v1/tasks", {"q": "báo cáo", "limit": "5"}, TasksOut),
    ("/v1/entities", {"prefix": "so", "limit": "10"}, EntitiesOut),
    ("/v1/entities", {"label": "PERSON"}, EntitiesOut),
]


@pytest.mark.parametrize(("path", "params", "model"), CASES)
def test_body_is_what_the_response_model_writes(
    client: TestClient, path: str, params: dict[str, str], model: type[BaseModel]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert model.model_validate_json(response.content).model_dump_json().encode() == response.content


def test_cases_are_not_empty(client: TestClient) -> None:
    """The cases above compare real payloads: hits with highlights, tasks, entities."""
    hits = client.get(CASES[0][0], params=CASES[0][1]).json()["hits"]
    assert hits
    assert any("<mark>" in fragment for hit in hits for fragment in hit["highlights"])
    assert client.get("/v1/tasks").json()["tasks"]
    assert client.get("/v1/entities", params={"prefix": "so"}).json()["entities"]


def test_record_body_is_what_its_response_model_writes(client: TestClient) -> None:
    doc_id = client.get("/v1/documents", params={"q": "thi đua"}).json()["hits"][0]["id"]
    response = client.get(f"/v1/documents/{doc_id}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["id"] == doc_id
    model = TypeAdapter(dict[str, Any])
    assert model.dump_json(model.validate_json(response.content)) == response.content
