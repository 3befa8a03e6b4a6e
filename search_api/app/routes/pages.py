"""The web pages: search (``/``), a document (``/documents/{id}``), the task board (``/tasks``).

Server-rendered, plain forms and links: everything works without JavaScript.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from nlp.record import Record
from search_api.app import similar as similar_docs
from search_api.app.deps import PageReaderDep, SettingsDep, StoreDep, today, visible
from search_api.app.labels import label
from search_api.app.marking import mark_text, record_spans
from search_api.app.search_request import (
    MAX_PAGE,
    ModeUnavailableError,
    SearchParams,
    iso_or_none,
    mode_or_lexical,
    run_search,
    semantic_if_ready,
    semantic_warming,
)
from search_api.app.task_query import STATUSES, TaskQuery, assignee_names, find_tasks
from search_api.app.templating import templates
from search_api.app.visibility import visible_citations
from search_api.auth.roles import Principal
from search_api.settings import Settings
from search_api.store import Store

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 10
BOARD_ROWS = 500
"""The most rows the task board shows (the counts cover every match)."""
FILTERS = ("doc_type", "issuer", "signer", "entity", "award_kind", "date_from", "date_to")
RELATED = 5
"""Precedents and similar documents listed on a document page."""
MODES_SHOWN = (("lexical", "Từ khóa"), ("semantic", "Ngữ nghĩa"), ("hybrid", "Kết hợp"))


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates().TemplateResponse(request, name, context, status_code=status)


def _int(value: str | None, default: int) -> int:
    try:
        return min(MAX_PAGE, max(1, int(value or default)))
    except ValueError:
        return default


def why_label(why: str) -> str:
    """A precedent's reason in Vietnamese: ``"same award form: bang_khen"`` -> ``"Cùng hình
    thức khen thưởng: Bằng khen"``, ``"cites this document (basis)"`` -> ``"Dẫn chiếu văn bản
    này (Căn cứ)"``; an unknown reason is shown as it is."""
    if ": " in why:
        head, value = why.split(": ", 1)
        return f"{label('related_why', head)}: {label('award_kinds', value)}"
    if why.endswith(")") and " (" in why:
        head, detail = why[:-1].split(" (", 1)
        return f"{label('related_why', head)} ({label('citation_roles', detail)})"
    return label("related_why", why)


def _related(request: Request, settings: Settings, store: Store, record: Record,
             principal: Principal) -> dict[str, Any]:
    """The page's "Tiền lệ và văn bản tương tự" section: precedents when semantic search
    is open here, else the lexical stand-in for similar documents (with a note while
    semantic search is being opened in the background: the page never waits for it)."""
    search = semantic_if_ready(request.app.state, settings)
    if search is None:
        hits = similar_docs.similar(store, record, limit=RELATED,
                                    max_clearance=principal.clearance)
        why = [label("related_why", "similar subject words")]
        rows = [{"id": h.id, "metadata": h.metadata, "why": why} for h in hits]
        note = label("related_notes", "warming") if semantic_warming(request.app.state) else ""
        return {"kind": "lexical", "earlier": rows, "neighbours": [], "note": note}
    found = similar_docs.visible_precedents(search, record, limit=RELATED,
                                            clearance=principal.clearance)
    return {"kind": found.kind, "note": "",
            "earlier": [{"id": r.id, "metadata": r.metadata, "why": [why_label(w) for w in r.why]}
                        for r in found.earlier],
            "neighbours": [{"id": r.id, "metadata": r.metadata,
                            "why": [why_label(w) for w in r.why]} for r in found.neighbours]}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, settings: SettingsDep,
                principal: PageReaderDep) -> HTMLResponse:
    """Search box with its mode, filters, facets as links, hits with highlighted fragments."""
    args = request.query_params
    params = {key: args.get(key, "").strip() for key in ("q", *FILTERS)}
    mode = mode_or_lexical(args.get("mode"))
    params["mode"] = "" if mode == "lexical" else mode
    params["date_from"] = iso_or_none(params["date_from"]) or ""
    params["date_to"] = iso_or_none(params["date_to"]) or ""
    page = _int(args.get("page"), 1)
    search = SearchParams(
        q=params["q"], doc_type=params["doc_type"] or None, issuer=params["issuer"] or None,
        signer=params["signer"] or None, entity=params["entity"] or None,
        award_kind=params["award_kind"] or None, date_from=params["date_from"] or None,
        date_to=params["date_to"] or None, page=page, size=PAGE_SIZE)
    unavailable = None
    try:
        result = run_search(request.app.state, settings, search.to_query(), mode,
                            principal.clearance)
    except ModeUnavailableError as exc:  # shown above lexical results
        unavailable, mode, params["mode"] = str(exc), "lexical", ""
        result = run_search(request.app.state, settings, search.to_query(), mode,
                            principal.clearance)
    pages = max(1, -(-result.total // PAGE_SIZE))
    return _page(request, "search.html", {
        "params": params, "result": result, "page": page, "pages": pages, "size": PAGE_SIZE,
        "active": [(key, params[key]) for key in FILTERS if params[key]],
        "mode": mode, "modes": MODES_SHOWN, "unavailable": unavailable,
    })



@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: StoreDep, settings: SettingsDep,
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
        "related": _related(request, settings, store, record, principal),
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
