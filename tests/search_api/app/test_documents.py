"""``/v1/documents``: search, a record, its file, citations, similar."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.fold import fold, number_key

DATA = Path(__file__).parent / "data"


def _cases() -> list[tuple[str, str]]:
    with (DATA / "search_cases.tsv").open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(query, number) for query, number in rows]


@pytest.mark.parametrize(("query", "number"), _cases())
def test_search_finds_the_intended_document_first(client: TestClient, query: str,
                                                  number: str) -> None:
    body = client.get("/v1/documents", params={"q": query}).json()
    assert body["total"] >= 1
    assert body["hits"][0]["metadata"]["number"] == number
    assert set(body["hits"][0]) == {"id", "score", "metadata", "highlights"}


def test_search_highlights_are_escaped_with_marks(client: TestClient) -> None:
    hit = client.get("/v1/documents", params={"q": "thi dua", "size": 1}).json()["hits"][0]
    assert hit["highlights"]
    marked = [part.split("</mark>")[0] for f in hit["highlights"] for part in f.split("<mark>")[1:]]
    assert marked
    assert all(set(fold(m).lower().split()) <= {"thi", "dua"} for m in marked)
    assert "thi dua" in {fold(m).lower() for m in marked}


def test_search_filters_and_facets_agree(client: TestClient) -> None:
    everything = client.get("/v1/documents", params={"q": "thi dua", "size": 1}).json()
    doc_type, count = next(iter(everything["facets"]["doc_type"].items()))
    filtered = client.get("/v1/documents",
                          params={"q": "thi dua", "doc_type": doc_type, "size": 100}).json()
    assert filtered["total"] == count == len(filtered["hits"])
    assert {h["metadata"]["doc_type"] for h in filtered["hits"]} == {doc_type}


def test_search_date_range_and_issuer(client: TestClient) -> None:
    body = client.get("/v1/documents", params={"date_from": "2024-01-01", "date_to": "2024-12-31",
                                               "size": 100}).json()
    dates = [h["metadata"]["issued_date"] for h in body["hits"]]
    assert dates
    assert all("2024-01-01" <= d <= "2024-12-31" for d in dates)
    assert dates == sorted(dates, reverse=True)  # no words: newest first
    issuer = body["hits"][0]["metadata"]["issuer"]
    by_issuer = client.get("/v1/documents", params={"issuer": fold(issuer), "size": 100}).json()
    assert by_issuer["total"] >= 1
    assert {h["metadata"]["issuer"] for h in by_issuer["hits"]} == {issuer}


def test_search_pages_do_not_overlap(client: TestClient) -> None:
    first = client.get("/v1/documents", params={"q": "thi dua", "size": 3, "page": 1}).json()
    second = client.get("/v1/documents", params={"q": "thi dua", "size": 3, "page": 2}).json()
    assert len(first["hits"]) == len(second["hits"]) == 3
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


@pytest.mark.parametrize("params", [{"mode": "fuzzy"}, {"date_from": "15/03/2021"},
                                    {"size": "0"}, {"page": "0"}])
def test_search_rejects_bad_parameters(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/v1/documents", params=params).status_code == 422


def test_get_record_and_its_file(client: TestClient) -> None:
    hit = client.get("/v1/documents", params={"q": "xang dau", "size": 1}).json()["hits"][0]
    record = client.get(f"/v1/documents/{hit['id']}").json()
    assert record["id"] == hit["id"]
    assert record["metadata"] == hit["metadata"]
    assert {"text", "source", "tasks", "citations", "awards", "entities"} <= set(record)
    original = client.get(f"/v1/documents/{hit['id']}/file")
    assert original.status_code == 200
    assert original.content == Path(record["source"]["filename"]).read_bytes()
    assert original.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize("suffix", ["", "/file", "/citations", "/similar"])
def test_unknown_document_is_404(client: TestClient, suffix: str) -> None:
    assert client.get(f"/v1/documents/no-such-id{suffix}").status_code == 404


def test_file_gone_is_404(invented: TestClient) -> None:
    response = invented.get("/v1/documents/doc-letter/file")
    assert response.status_code == 404
    assert "no longer" in response.json()["detail"]


def test_citations_resolve_to_stored_documents(invented: TestClient) -> None:
    letter = invented.get("/v1/documents/doc-letter/citations").json()
    by_number = {c["number"]: c for c in letter["cites"]}
    assert by_number["12/CT-TTg"]["target_id"] == "doc-directive"
    assert by_number[None]["target_id"] is None
    directive = invented.get("/v1/documents/doc-directive/citations").json()
    assert directive["cites"] == []
    assert [(c["doc_id"], c["number"]) for c in directive["cited_by"]] == [("doc-letter",
                                                                           "12/CT-TTg")]


def test_corpus_citations_resolve_by_number(client: TestClient) -> None:
    ids = [h["id"] for h in client.get("/v1/documents", params={"size": 100}).json()["hits"]]
    links = [link for doc_id in ids
             for link in client.get(f"/v1/documents/{doc_id}/citations").json()["cites"]]
    resolved = [link for link in links if link["target_id"]]
    assert resolved, "the corpus holds documents that cite each other"
    for link in resolved:
        target = client.get(f"/v1/documents/{link['target_id']}").json()
        assert number_key(target["metadata"]["number"]) == number_key(link["number"])
        back = client.get(f"/v1/documents/{link['target_id']}/citations").json()["cited_by"]
        assert link["doc_id"] in {c["doc_id"] for c in back}


def test_similar_excludes_itself_best_first(client: TestClient) -> None:
    hit = client.get("/v1/documents", params={"q": "co thi dua chinh phu", "size": 1}).json()
    doc_id = hit["hits"][0]["id"]
    body = client.get(f"/v1/documents/{doc_id}/similar", params={"size": 5}).json()
    assert body["mode"] in {"lexical", "semantic"}
    assert 1 <= len(body["hits"]) <= 5
    assert doc_id not in {h["id"] for h in body["hits"]}
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)
    top = fold(body["hits"][0]["metadata"]["subject"]).lower()
    assert "thi dua" in top


def test_openapi_documents_the_v1_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/documents", "/v1/documents/{doc_id}", "/v1/documents/{doc_id}/file",
                 "/v1/documents/{doc_id}/citations", "/v1/documents/{doc_id}/similar",
                 "/v1/tasks", "/v1/tasks.csv", "/v1/tasks.ics", "/v1/entities", "/healthz"):
        assert path in paths
    assert "post" in paths["/v1/documents"]
    assert client.get("/docs").status_code == 200
