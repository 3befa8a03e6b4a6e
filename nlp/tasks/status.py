"""A task's status against a reference day: ``open``, ``due_soon``, ``overdue``, ``no_deadline``."""

from __future__ import annotations

from datetime import date

from nlp.record import Task
from nlp.temporal.calendar import parse_iso

DUE_SOON_DAYS = 7


def task_status(task: Task, *, as_of: date) -> str:
    """``overdue`` after the deadline day, ``due_soon`` within 7 days of it, else ``open``.

    A task without a dated deadline (none, "khẩn trương", "hằng tháng") is ``no_deadline``.
    """
    due = parse_iso(task.deadline.date) if task.deadline else None
    if due is None:
        return "no_deadline"
    days_left = (due - as_of).days
    if days_left < 0:
        return "overdue"
    if days_left <= DUE_SOON_DAYS:
        return "due_soon"
    return "open"
