"""The web pages: search (``/``), a document (``/documents/{id}``), the task board (``/tasks``).

Server-rendered, plain forms and links: everything works without JavaScript.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from search_api.app.deps import PageReaderDep, StoreDep, today, visible
from search_api.app.marking import mark_text, record_spans
from search_api.app.search_request import MAX_PAGE, SearchParams, iso_or_none
from search_api.app.task_query import STATUSES, TaskQuery, assignee_names, find_tasks
from search_api.app.templating import templates
from search_api.app.visibility import visible_citations

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 10
BOARD_ROWS = 500
"""The most rows the task board shows (the counts cover every match)."""
FILTERS = ("doc_type", "issuer", "signer", "entity", "award_kind", "date_from", "date_to")


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates().TemplateResponse(request, name, context, status_code=status)


def _int(value: str | None, default: int) -> int:
    try:
        return min(MAX_PAGE, max(1, int(value or default)))
    except ValueError:
        return default


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, principal: PageReaderDep) -> HTMLResponse:
    """Search box, filters, facets as links, hits with highlighted fragments."""
    args = request.query_params
    params = {key: args.get(key, "").strip() for key in ("q", *FILTERS)}
    params["date_from"] = iso_or_none(params["date_from"]) or ""
    params["date_to"] = iso_or_none(params["date_to"]) or ""
    page = _int(args.get("page"), 1)
    search = SearchParams(
        q=params["q"], doc_type=params["doc_type"] or None, issuer=params["issuer"] or None,
        signer=params["signer"] or None, entity=params["entity"] or None,
        award_kind=params["award_kind"] or None, date_from=params["date_from"] or None,
        date_to=params["date_to"] or None, page=page, size=PAGE_SIZE)
    result = store.search(replace(search.to_query(), max_clearance=principal.clearance))
    pages = max(1, -(-result.total // PAGE_SIZE))
    return _page(request, "search.html", {
        "params": params, "result": result, "page": page, "pages": pages, "size": PAGE_SIZE,
        "active": [(key, params[key]) for key in FILTERS if params[key]],
    })


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: StoreDep,
                  principal: PageReaderDep) -> HTMLResponse:
    """The text with every extracted field marked, beside the structured panel."""
    record = store.get(doc_id)
    if record is None or not visible(record, principal):
        return _page(request, "not_found.html", {"doc_id": doc_id}, status=404)
    as_of = today()
    tasks = find_tasks(store, TaskQuery(doc_id=record.id, max_clearance=principal.clearance),
                       as_of=as_of)
    statuses = {row.row.index: row.status for row in tasks}
    return _page(request, "document.html", {
        "record": record, "meta": record.metadata, "marked": mark_text(record.text,
                                                                      record_spans(record)),
        "statuses": statuses, "as_of": as_of,
        "citations": visible_citations(store, store.citations(record.id), principal),
    })


@router.get("/tasks", response_class=HTMLResponse)
def task_board(request: Request, store: StoreDep, principal: PageReaderDep) -> HTMLResponse:
    """Tasks filtered by agency, status and due dates; overdue rows stand out."""
    args = request.query_params
    params = {key: args.get(key, "").strip()
              for key in ("agency", "status", "due_after", "due_before", "q", "as_of")}
    for key in ("due_after", "due_before", "as_of"):
        params[key] = iso_or_none(params[key]) or ""
    if params["status"] not in STATUSES:
        params["status"] = ""
    as_of = date.fromisoformat(params["as_of"]) if params["as_of"] else today()
    query = TaskQuery(assignee=params["agency"] or None, due_after=params["due_after"] or None,
                      due_before=params["due_before"] or None, q=params["q"] or None,
                      max_clearance=principal.clearance)
    every = find_tasks(store, query, as_of=as_of)  # counted by status before that filter
    counts = {status: sum(1 for r in every if r.status == status) for status in STATUSES}
    rows = [r for r in every if r.status == params["status"]] if params["status"] else every
    return _page(request, "tasks.html", {
        "params": params, "rows": rows[:BOARD_ROWS], "total": len(rows), "as_of": as_of,
        "statuses": STATUSES, "counts": counts,
        "agencies": assignee_names(store, max_clearance=principal.clearance),
    })
