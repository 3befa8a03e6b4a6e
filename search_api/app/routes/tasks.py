"""``/v1/tasks``: assigned tasks with status, as JSON, CSV (Excel) or iCalendar."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from search_api.app.deps import ReaderDep, StoreDep, today
from search_api.app.json_body import JSONBody
from search_api.app.schemas import TasksOut
from search_api.app.task_query import StatusRow, TaskQuery, count_tasks, find_tasks
from search_api.task_export import tasks_to_csv, tasks_to_ics

router = APIRouter(tags=["tasks"])
Status = Literal["open", "due_soon", "overdue", "no_deadline"]


async def task_query(
    principal: ReaderDep,
    assignee: Annotated[str | None, Query(description="canonical or as typed, diacritics optional")] = None,
    status: Status | None = None,
    due_after: Annotated[date | None, Query(description="deadline on or after")] = None,
    due_before: Annotated[date | None, Query(description="deadline on or before")] = None,
    q: Annotated[str | None, Query(description="words the action contains")] = None,
    doc_id: str | None = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
    offset: Annotated[int, Query(ge=0, description="tasks to skip (with limit: pages)")] = 0,
) -> TaskQuery:
    return TaskQuery(assignee=assignee or None, status=status,
                     due_after=due_after.isoformat() if due_after else None,
                     due_before=due_before.isoformat() if due_before else None,
                     q=q or None, doc_id=doc_id, limit=limit, offset=offset,
                     max_clearance=principal.clearance)


async def reference_day(
    as_of: Annotated[date | None, Query(description="status as of this day (default today)")] = None,
) -> date:
    return as_of or today()


QueryDep = Annotated[TaskQuery, Depends(task_query)]
AsOfDep = Annotated[date, Depends(reference_day)]


def _rows(store: StoreDep, query: QueryDep, as_of: AsOfDep) -> list[StatusRow]:
    """The matching tasks (a worker thread: the store is queried)."""
    return find_tasks(store, query, as_of=as_of)


RowsDep = Annotated[list[StatusRow], Depends(_rows)]


@dataclass(frozen=True, slots=True)
class TaskPage:
    rows: list[StatusRow]
    more: bool
    """Whether matching tasks follow this page."""
    total: int | None
    """All matching tasks: known when the listing ends on this page or ``count`` asks."""


def _page(store: StoreDep, query: QueryDep, as_of: AsOfDep,
          count: Annotated[bool, Query(description="count every match when paged "
                                                  "(a scan of all tasks)")] = False) -> TaskPage:
    """One page of tasks, one more read to tell whether others follow (a worker thread)."""
    if query.limit is None:
        rows = find_tasks(store, query, as_of=as_of)
        return TaskPage(rows, more=False, total=query.offset + len(rows))
    rows = find_tasks(store, replace(query, limit=query.limit + 1), as_of=as_of)
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    if not more and (rows or not query.offset):
        return TaskPage(rows, more=False, total=query.offset + len(rows))
    total = count_tasks(store, query, as_of=as_of) if count else None
    return TaskPage(rows, more=more, total=total)


@router.get("/tasks", response_model=TasksOut, summary="Tasks")
async def list_tasks(page: Annotated[TaskPage, Depends(_page)], as_of: AsOfDep) -> JSONBody:
    """Tasks by assignee, status, due range and words; soonest deadline first. ``limit`` and
    ``offset`` page through them; ``more`` says whether tasks follow; ``total`` counts all
    matches, null on a page that others follow unless ``count=true`` (counting every match
    scans the whole task table)."""
    return JSONBody({"as_of": as_of.isoformat(), "total": page.total, "more": page.more,
                     "tasks": [row.to_dict() for row in page.rows]})


@router.get("/tasks.csv", response_class=Response, summary="Tasks as CSV",
            responses={200: {"content": {"text/csv": {}}}})
def tasks_csv(rows: RowsDep) -> Response:
    """The same tasks as CSV (UTF-8 with BOM, for Excel)."""
    return Response(tasks_to_csv(r.export_row() for r in rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="vanban-tasks.csv"'})


@router.get("/tasks.ics", response_class=Response, summary="Tasks as iCalendar",
            responses={200: {"content": {"text/calendar": {}}}})
def tasks_ics(rows: RowsDep) -> Response:
    """The tasks that have a deadline date, as all-day events (RFC 5545)."""
    return Response(tasks_to_ics(r.export_row() for r in rows),
                    media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="vanban-tasks.ics"'})
