"""The server-rendered pages, read as HTML (no JavaScript involved)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode

from search_api.fold import fold


def _page(client: TestClient, url: str, status: int = 200) -> HTMLParser:
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    return HTMLParser(response.text)


def _one(tree: HTMLParser | LexborNode, selector: str) -> LexborNode:
    node = tree.css_first(selector)
    assert node is not None, selector
    return node


def _texts(tree: HTMLParser, selector: str) -> list[str]:
    return [" ".join(node.text().split()) for node in tree.css(selector)]


def test_search_page_lists_hits_with_highlights_and_facets(client: TestClient) -> None:
    tree = _page(client, "/?q=xang+dau")
    hits = tree.css("li.hit")
    api = client.get("/v1/documents", params={"q": "xang dau"}).json()
    assert [h.attributes["data-id"] for h in hits] == [h["id"] for h in api["hits"]]
    assert _one(hits[0], "a.hit-title").attributes["href"] == f"/documents/{api['hits'][0]['id']}"
    assert {fold(m.text()).lower() for m in hits[0].css(".fragment mark")} <= {"xang dau", "xang", "dau"}
    assert tree.css('section.facet[data-facet="doc_type"] a')


def test_facet_links_filter_the_search(client: TestClient) -> None:
    tree = _page(client, "/?q=thi+dua")
    link = _one(tree, 'section.facet[data-facet="doc_type"] a')
    params = parse_qs(urlsplit(link.attributes["href"] or "").query)
    assert params["q"] == ["thi dua"]
    filtered = _page(client, link.attributes["href"] or "")
    count = int(_one(tree, 'section.facet[data-facet="doc_type"] .count').text())
    assert len(filtered.css("li.hit")) == min(count, 10)
    assert filtered.css("a.chip")  # the active filter, with a link that removes it


def test_search_page_without_words_shows_newest(client: TestClient) -> None:
    tree = _page(client, "/")
    assert len(tree.css("li.hit")) == 10
    assert tree.css("nav.pager a[rel=next]")


def test_markup_from_documents_is_escaped(invented: TestClient) -> None:
    search = invented.get("/?q=63/TB-VPCP").text
    assert "<b>thi đua</b>" not in search
    assert "&lt;b&gt;thi đua&lt;/b&gt;" in search
    assert "<script>" not in search
    page = invented.get("/documents/doc-letter").text
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_document_page_marks_fields_beside_the_panel(invented: TestClient) -> None:
    tree = _page(invented, "/documents/doc-letter")
    assert _one(tree, "mark#meta-number").text() == "63/TB-VPCP"
    assert _one(tree, "pre.text mark.f-entity").text() == "Bộ Nội vụ"
    assert _one(tree, "mark#citation-0").text() == "Chỉ thị số 12/CT-TTg"
    resolved = _one(tree, "#panel-citations a.resolved")
    assert resolved.attributes["href"] == "/documents/doc-directive"
    back = _page(invented, "/documents/doc-directive")
    assert _one(back, ".cited-by a").attributes["href"] == "/documents/doc-letter"


def test_document_page_tasks_link_to_their_marks(client: TestClient) -> None:
    hit = client.get("/v1/documents", params={"q": "an toan thuc pham"}).json()["hits"][0]
    record = client.get(f"/v1/documents/{hit['id']}").json()
    tree = _page(client, f"/documents/{hit['id']}")
    links = [a.attributes["href"] for a in tree.css("#panel-tasks a.who")]
    assert links == [f"#task-{i}" for i in range(len(record["tasks"]))]
    for i, task in enumerate(record["tasks"]):
        mark = _one(tree, f"mark#task-{i}")
        assert mark is not None
        assert mark.text().startswith(record["text"][task["start"]:task["end"]][:20])
    assert _one(tree, 'dd[data-field="number"]').text() == record["metadata"]["number"]


def test_unknown_document_page_is_404(client: TestClient) -> None:
    tree = _page(client, "/documents/nope", status=404)
    assert "Không tìm thấy" in _one(tree, "h1").text()


@pytest.mark.parametrize("status", ["overdue", "open", "no_deadline"])
def test_task_board_filters_by_status(client: TestClient, status: str) -> None:
    tree = _page(client, f"/tasks?status={status}&as_of=2024-06-30")
    rows = tree.css("tr.task-row")
    api = client.get("/v1/tasks", params={"status": status, "as_of": "2024-06-30"}).json()
    assert len(rows) == api["total"] > 0
    assert {r.attributes["data-status"] for r in rows} == {status}


def test_task_board_filters_by_agency_and_dates(client: TestClient) -> None:
    tree = _page(client, "/tasks?agency=so+tn%26mt&due_after=2018-01-01&due_before=&as_of=")
    assignees = _texts(tree, "tr.task-row td.assignees")
    assert assignees
    assert all("Sở Tài nguyên và Môi trường" in a for a in assignees)
    dues = [node.text(deep=False).strip() for node in tree.css("tr.task-row td.due")]
    assert all(d >= "2018-01-01" for d in dues)
    menu = [o.attributes["value"] for o in tree.css("datalist#agencies option")]
    assert "Sở Tài nguyên và Môi trường" in menu


def test_task_board_overdue_rows_stand_out(client: TestClient) -> None:
    tree = _page(client, "/tasks?as_of=2100-01-01")
    overdue = tree.css("tr.status-overdue")
    assert overdue
    assert all(_one(r, ".badge-overdue").text() == "Quá hạn" for r in overdue)
    css = client.get("/static/vanban.css").text
    assert ".task-board tr.status-overdue" in css
