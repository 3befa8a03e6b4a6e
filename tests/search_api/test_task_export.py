"""CSV and iCalendar export of tasks (validated with the icalendar package)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import icalendar

from nlp.record import Deadline, Task
from search_api.task_export import CSV_COLUMNS, TaskRow, fold_line, tasks_to_csv, tasks_to_ics

STAMP = datetime(2021, 3, 15, 8, 0, tzinfo=UTC)


def _rows() -> list[TaskRow]:
    long_action = "khẩn trương hoàn thiện Dự án Luật Thi đua, khen thưởng (sửa đổi); " * 4
    dated = Task(
        ["Bộ Nội vụ"],
        ["Bộ Tư pháp", "Bộ Tài chính"],
        long_action.strip(),
        Deadline("trước ngày 30 tháng 6 năm 2021", "2021-06-30", "by"),
        "Thủ tướng Chính phủ",
        10,
        90,
    )
    undated = Task(
        ["Các bộ, ngành"],
        [],
        "tăng cường số hóa",
        Deadline("khẩn trương", None, "asap"),
        None,
        100,
        140,
    )
    none = Task(["Bộ Y tế"], [], "rà soát danh mục", None, None, 150, 170)
    return [
        TaskRow(dated, "63/TB-VPCP", "abc123", "open"),
        TaskRow(undated, "63/TB-VPCP", "abc123", "no_deadline"),
        TaskRow(none, None, "def456", "no_deadline"),
    ]


def test_csv_has_bom_header_and_rows() -> None:
    text = tasks_to_csv(_rows())
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    assert tuple(table[0]) == CSV_COLUMNS
    assert len(table) == 4
    first = dict(zip(CSV_COLUMNS, table[1], strict=True))
    assert first["assignees"] == "Bộ Nội vụ"
    assert first["coordinators"] == "Bộ Tư pháp; Bộ Tài chính"
    assert first["deadline_date"] == "2021-06-30"
    assert first["report_to"] == "Thủ tướng Chính phủ"
    assert table[3][0] == ""
    assert table[3][5] == ""
    assert "\r\n" in text


def test_ics_is_valid_and_has_one_event_per_dated_task() -> None:
    text = tasks_to_ics(_rows(), stamp=STAMP)
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("DTSTART") == date(2021, 6, 30)
    assert event.decoded("DTEND") == date(2021, 7, 1)
    assert str(event["SUMMARY"]).startswith("Bộ Nội vụ: khẩn trương hoàn thiện")
    assert "63/TB-VPCP" in str(event["DESCRIPTION"])
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_ics_uid_is_stable_and_todo_works() -> None:
    first = tasks_to_ics(_rows(), stamp=STAMP)
    assert first == tasks_to_ics(_rows(), stamp=STAMP)
    todo = icalendar.Calendar.from_ical(tasks_to_ics(_rows(), component="VTODO", stamp=STAMP))
    items = list(todo.walk("VTODO"))
    assert len(items) == 1
    assert items[0].decoded("DUE") == date(2021, 6, 30)
    uid_event = icalendar.Calendar.from_ical(first).walk("VEVENT")[0]["UID"]
    assert items[0]["UID"] == uid_event


def test_fold_line_never_splits_a_character() -> None:
    line = "SUMMARY:" + "Ủy ban nhân dân tỉnh Nghệ An " * 10
    folded = fold_line(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
