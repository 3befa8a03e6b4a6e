"""Tasks from the store with their status, filtered as the API and the task board ask."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Protocol, runtime_checkable

from nlp.tasks.status import DUE_SOON_DAYS, task_status
from search_api import task_export
from search_api.store import Store, TaskFilter, TaskRow
from search_api.store.records import to_plain
from search_api.task_listing import assignee_matches

STATUSES = ("open", "due_soon", "overdue", "no_deadline")


@dataclass(frozen=True, slots=True)
class TaskQuery:
    assignee: str | None = None
    """Canonical or as typed ("Sở TN&MT" finds "Sở Tài nguyên và Môi trường")."""
    status: str | None = None
    due_after: str | None = None
    due_before: str | None = None
    q: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    offset: int = 0
    max_clearance: int | None = None
    """Only tasks of documents of clearance rank at most this (None: all)."""


@runtime_checkable
class SQLTaskStore(Protocol):
    """A store that filters tasks by typed assignee and status itself (``EmbeddedStore``)."""

    def tasks_where(self, task_filter: TaskFilter, *, typed_assignee: str | None = None,
                    undated: bool = False, offset: int = 0) -> list[TaskRow]: ...

    def count_tasks_where(self, task_filter: TaskFilter, *, typed_assignee: str | None = None,
                          undated: bool = False) -> int: ...


@dataclass(frozen=True, slots=True)
class StatusRow:
    """A stored task row with its status against the reference day."""

    row: TaskRow
    status: str

    def export_row(self) -> task_export.TaskRow:
        return task_export.TaskRow(self.row.task, self.row.doc_number, self.row.doc_id,
                                   self.status)

    def to_dict(self) -> dict[str, Any]:
        """The API's task: its document and status, then the task's own fields (the order
        of ``schemas.TaskOut``)."""
        data: dict[str, Any] = {
            "document_id": self.row.doc_id,
            "document_number": self.row.doc_number,
            "doc_type": self.row.doc_type,
            "issuer": self.row.issuer,
            "issued_date": self.row.issued_date,
            "index": self.row.index,
            "status": self.status,
        }
        task: dict[str, Any] = to_plain(self.row.task)
        data["assignees"] = task.pop("assignees")
        data["action"] = task.pop("action")
        data.update(task)
        return data


def count_tasks(store: Store, query: TaskQuery, *, as_of: date) -> int:
    """How many tasks match ``query`` on all pages (its limit and offset left aside)."""
    if isinstance(store, SQLTaskStore):
        after, before = _window(query, as_of)
        return store.count_tasks_where(
            TaskFilter(due_after=after, due_before=before, q=query.q or None,
                       doc_id=query.doc_id, max_clearance=query.max_clearance),
            typed_assignee=query.assignee, undated=query.status == "no_deadline")
    return len(find_tasks(store, replace(query, limit=None, offset=0), as_of=as_of))


def _window(query: TaskQuery, as_of: date) -> tuple[str | None, str | None]:
    after, before = status_window(query.status, as_of)
    after = max(filter(None, (after, query.due_after)), default=None)
    before = min(filter(None, (before, query.due_before)), default=None)
    return after, before


def find_tasks(store: Store, query: TaskQuery, *, as_of: date) -> list[StatusRow]:
    """Tasks matching ``query``, soonest deadline first; status as of ``as_of``.

    A store that can (``SQLTaskStore``) filters everything, pages included; with another the
    assignee (which may be written as in the document) and the status are checked here.
    """
    after, before = _window(query, as_of)
    if isinstance(store, SQLTaskStore):
        rows = store.tasks_where(
            TaskFilter(due_after=after, due_before=before, q=query.q or None,
                       doc_id=query.doc_id, limit=query.limit,
                       max_clearance=query.max_clearance),
            typed_assignee=query.assignee, undated=query.status == "no_deadline",
            offset=query.offset)
        return [StatusRow(row, task_status(row.task, as_of=as_of)) for row in rows]
    exact = not query.status and not query.assignee  # every row the store gives is kept
    rows = store.tasks(TaskFilter(due_after=after, due_before=before,
                                  q=query.q or None, doc_id=query.doc_id,
                                  limit=query.limit + query.offset
                                  if exact and query.limit is not None else None,
                                  max_clearance=query.max_clearance))
    found = []
    for row in rows:
        status_row = StatusRow(row, task_status(row.task, as_of=as_of))
        if query.status and status_row.status != query.status:
            continue
        if query.assignee and not assignee_matches(status_row.export_row(), query.assignee):
            continue
        found.append(status_row)
    end = None if query.limit is None else query.offset + query.limit
    return found[query.offset:end]


def status_window(status: str | None, as_of: date) -> tuple[str | None, str | None]:
    """The deadline dates (inclusive ISO bounds) that a dated task of ``status`` has as of
    ``as_of``, so the store leaves out the others (the status is still checked per row)."""
    def day(offset: int) -> str:
        return (as_of + timedelta(days=offset)).isoformat()

    if status == "overdue":
        return None, day(-1)
    if status == "due_soon":
        return day(0), day(DUE_SOON_DAYS)
    if status == "open":
        return day(DUE_SOON_DAYS + 1), None
    return None, None


def assignee_names(store: Store, *, limit: int = 5000,
                   max_clearance: int | None = None) -> list[str]:
    """The canonical assignees of the stored tasks, most frequent first (for the board's menu)."""
    counts: dict[str, int] = {}
    for row in store.tasks(TaskFilter(limit=limit, max_clearance=max_clearance)):
        for name in row.task.assignees:
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))
