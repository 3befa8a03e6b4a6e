"""Exporting tasks: CSV for Excel (UTF-8 with BOM) and iCalendar (RFC 5545) for calendars."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from nlp.record import Task

CSV_COLUMNS = (
    "document_number",
    "document_id",
    "assignees",
    "coordinators",
    "action",
    "deadline_date",
    "deadline_kind",
    "deadline_text",
    "status",
    "report_to",
)


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task with the document it comes from and its status."""

    task: Task
    document_number: str | None
    document_id: str
    status: str


def tasks_to_csv(rows: Iterable[TaskRow]) -> str:
    """CSV text starting with a BOM so that Excel reads the Vietnamese as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        task, deadline = row.task, row.task.deadline
        writer.writerow(
            [
                row.document_number or "",
                row.document_id,
                "; ".join(task.assignees),
                "; ".join(task.coordinators),
                task.action,
                deadline.date or "" if deadline else "",
                deadline.kind if deadline else "",
                deadline.text if deadline else "",
                row.status,
                task.report_to or "",
            ]
        )
    return "\ufeff" + out.getvalue()


def _escape(text: str) -> str:
    """RFC 5545 TEXT escaping (backslash, semicolon, comma, newline)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets (UTF-8), never inside a character (RFC 5545 3.1)."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _uid(row: TaskRow) -> str:
    task = row.task
    key = f"{row.document_id}|{task.start}|{task.end}|{task.action}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@vanban"


def tasks_to_ics(
    rows: Iterable[TaskRow],
    *,
    component: Literal["VEVENT", "VTODO"] = "VEVENT",
    stamp: datetime | None = None,
) -> str:
    """A VCALENDAR with one all-day VEVENT (or VTODO) per task that has a deadline date.

    UIDs are stable (a hash of document id, offsets and action), so re-importing updates
    events instead of duplicating them. ``stamp`` sets DTSTAMP (default: now, UTC).
    """
    when = (stamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//vanban//tasks//VI", "CALSCALE:GREGORIAN"]
    for row in rows:
        task = row.task
        if task.deadline is None or not task.deadline.date:
            continue
        try:
            due = date.fromisoformat(task.deadline.date)
        except ValueError:
            continue
        who = ", ".join(task.assignees)
        summary = f"{who}: {task.action}" if who else task.action
        details = [f"Văn bản: {row.document_number or row.document_id}"]
        if task.deadline.text:
            details.append(f"Thời hạn: {task.deadline.text}")
        if task.coordinators:
            details.append("Phối hợp: " + ", ".join(task.coordinators))
        if task.report_to:
            details.append(f"Báo cáo: {task.report_to}")
        lines += [f"BEGIN:{component}", f"UID:{_uid(row)}", f"DTSTAMP:{when}"]
        if component == "VEVENT":
            lines += [
                f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
                f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",
            ]
        else:
            lines += [f"DUE;VALUE=DATE:{due:%Y%m%d}", "STATUS:NEEDS-ACTION"]
        lines += [
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(chr(10).join(details))}",
            f"END:{component}",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
