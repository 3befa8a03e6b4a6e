"""Secret documents are invisible to keys without their clearance, everywhere: results,
facets, counts, tasks, citations, entity autocomplete, downloads and the web pages."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.trust.conftest import client_for, needed_clearance, secret_records

LEVELS = ("public", "mat", "toi_mat", "tuyet_mat")
RECORDS = secret_records()


def _visible(level: str) -> set[str]:
    return {r["id"] for r in RECORDS if needed_clearance(r) <= LEVELS.index(level)}


def _hidden(level: str) -> set[str]:
    return {r["id"] for r in RECORDS} - _visible(level)


def _names(level: str, visible: bool) -> set[str]:
    ids = _visible(level) if visible else _hidden(level)
    return {e["canonical"] for r in RECORDS if r["id"] in ids for e in r["entities"]}


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("q", ["phòng cháy", ""])
def test_search_hits_counts_and_facets(secret_app: FastAPI, key_of: dict[tuple[str, str], str],
                                       level: str, q: str) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    body = client.get("/v1/documents", params={"q": q, "size": 50}).json()
    assert {h["id"] for h in body["hits"]} == _visible(level)
    assert body["total"] == len(_visible(level))
    assert sum(body["facets"]["doc_type"].values()) == len(_visible(level))
    hidden_issuers = {r["metadata"]["issuer"] for r in RECORDS if r["id"] in _hidden(level)}
    assert not hidden_issuers & set(body["facets"]["issuer"])


@pytest.mark.parametrize("level", LEVELS)
def test_secret_words_and_numbers_find_nothing(secret_app: FastAPI,
                                               key_of: dict[tuple[str, str], str],
                                               level: str) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    for record in RECORDS:
        if record["id"] in _hidden(level):
            # other documents share some of the words (or cite the number): only they come back
            for q in (record["metadata"]["number"], record["entities"][0]["canonical"]):
                found = client.get("/v1/documents", params={"q": q, "size": 50}).json()
                assert {h["id"] for h in found["hits"]} <= _visible(level)
                assert found["total"] == len(found["hits"])


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("suffix", ["", "/file", "/citations", "/similar"])
def test_document_routes(secret_app: FastAPI, key_of: dict[tuple[str, str], str], level: str,
                         suffix: str) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    for doc_id in _visible(level):
        assert client.get(f"/v1/documents/{doc_id}{suffix}").status_code == 200, doc_id
    for doc_id in _hidden(level):
        response = client.get(f"/v1/documents/{doc_id}{suffix}")
        assert response.status_code == 404, doc_id
        assert response.json() == {"detail": f"no document with id {doc_id!r}"}


@pytest.mark.parametrize("level", LEVELS)
def test_similar_leaves_out_secret_documents(secret_app: FastAPI,
                                             key_of: dict[tuple[str, str], str],
                                             level: str) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    hits = client.get("/v1/documents/doc-public/similar").json()["hits"]
    # every invented subject holds "phòng cháy"
    assert {h["id"] for h in hits} == _visible(level) - {"doc-public"}


@pytest.mark.parametrize("level", LEVELS)
def test_tasks_and_exports(secret_app: FastAPI, key_of: dict[tuple[str, str], str],
                           level: str) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    body = client.get("/v1/tasks", params={"as_of": "2024-01-01"}).json()
    assert {t["document_id"] for t in body["tasks"]} == _visible(level)
    assert body["total"] == len(_visible(level))
    for doc_id in _hidden(level):
        assert client.get("/v1/tasks", params={"doc_id": doc_id}).json()["total"] == 0
    exports = client.get("/v1/tasks.csv").text + client.get("/v1/tasks.ics").text
    for name in _names(level, visible=False):
        assert name not in exports
    for name in _names(level, visible=True):
        assert name in client.get("/v1/tasks.csv").text


@pytest.mark.parametrize("level", LEVELS)
def test_entity_autocomplete(secret_app: FastAPI, key_of: dict[tuple[str, str], str],
                             level: str) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    every = {e["name"] for e in client.get("/v1/entities", params={"limit": 1000}).json()["entities"]}
    assert every == _names(level, visible=True)
    for prefix in ("ban", "cuc bi", "to dau"):
        found = client.get("/v1/entities", params={"prefix": prefix}).json()["entities"]
        assert {e["name"] for e in found} <= _names(level, visible=True)


@pytest.mark.parametrize(("level", "resolved", "cited_by"), [
    ("public", None, []), ("mat", "doc-mat", ["doc-mat"]),
])
def test_citations_hide_secret_ends(secret_app: FastAPI, key_of: dict[tuple[str, str], str],
                                    level: str, resolved: str | None,
                                    cited_by: list[str]) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    body = client.get("/v1/documents/doc-public/citations").json()
    assert [c["target_id"] for c in body["cites"]] == [resolved]
    assert [c["doc_id"] for c in body["cited_by"]] == cited_by
    page = client.get("/documents/doc-public").text
    assert ('href="/documents/doc-mat"' in page) == (resolved is not None)


@pytest.mark.parametrize("level", LEVELS)
def test_web_pages(secret_app: FastAPI, key_of: dict[tuple[str, str], str], level: str) -> None:
    client = client_for(secret_app, key_of[("reader", level)])
    search = client.get("/", params={"q": "phòng cháy"}).text
    board = client.get("/tasks", params={"as_of": "2024-01-01"}).text
    for record in RECORDS:
        shown = record["id"] in _visible(level)
        assert (record["metadata"]["subject"] in search) == shown, record["id"]
        assert (record["entities"][0]["canonical"] in board) == shown, record["id"]
        page = client.get(f"/documents/{record['id']}")
        assert page.status_code == (200 if shown else 404)
