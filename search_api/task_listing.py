"""Tasks across records, with status against a reference day, filtered as the user asks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import Any

from nlp.agencies import fold
from nlp.record import Record
from nlp.tasks.status import task_status
from search_api.store.base import TaskRow as StoredTaskRow
from search_api.task_export import TaskRow

STATUSES = ("open", "due_soon", "overdue", "no_deadline")


def assignee_matches(row: TaskRow, wanted: str) -> bool:
    """True when ``wanted`` names one of the task's assignees, canonical or as typed.

    Folded comparison, so "bo noi vu", "BỘ NỘI VỤ" and "Nội vụ" all find "Bộ Nội vụ".
    """
    needle = _key(wanted)
    names = [*row.task.assignees, *row.task.assignees_raw]
    return bool(needle) and any(needle in _key(name) for name in names)


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def task_rows(
    records: Iterable[Record],
    *,
    as_of: date,
    assignee: str | None = None,
    status: str | None = None,
) -> list[TaskRow]:
    """Every task of ``records`` as a row with its status; filters are optional."""
    rows = []
    for record in records:
        for task in record.tasks:
            row = TaskRow(
                task=task,
                document_number=record.metadata.number,
                document_id=record.id,
                status=task_status(task, as_of=as_of),
            )
            if status and row.status != status:
                continue
            if assignee and not assignee_matches(row, assignee):
                continue
            rows.append(row)
    return rows


def row_to_dict(row: TaskRow) -> dict[str, Any]:
    """A task row as JSON-ready data: the task's fields plus its document and status."""
    return {
        **asdict(row.task),
        "document_number": row.document_number,
        "document_id": row.document_id,
        "status": row.status,
    }


def rows_from_store(
    stored: Iterable[StoredTaskRow], *, as_of: date, status: str | None = None
) -> list[TaskRow]:
    """The store's task rows with their status against ``as_of``, optionally one status only."""
    rows = []
    for item in stored:
        row = TaskRow(task=item.task, document_number=item.doc_number,
                      document_id=item.doc_id, status=task_status(item.task, as_of=as_of))
        if status is None or row.status == status:
            rows.append(row)
    return rows
