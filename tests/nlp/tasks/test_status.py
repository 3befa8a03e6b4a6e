"""task_status against a reference day."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.record import Deadline, Task
from nlp.tasks.status import task_status


def _task(due: str | None, kind: str = "by") -> Task:
    deadline = None if kind == "none" else Deadline(text="x", date=due, kind=kind)
    return Task(["Bộ Nội vụ"], [], "hoàn thiện", deadline, None, 0, 1)


@pytest.mark.parametrize(
    ("due", "kind", "as_of", "expected"),
    [
        ("2021-06-30", "by", date(2021, 6, 1), "open"),
        ("2021-06-30", "by", date(2021, 6, 22), "open"),
        ("2021-06-30", "by", date(2021, 6, 23), "due_soon"),
        ("2021-06-30", "by", date(2021, 6, 30), "due_soon"),
        ("2021-06-30", "by", date(2021, 7, 1), "overdue"),
        ("2021-06-30", "during", date(2022, 1, 1), "overdue"),
        (None, "asap", date(2021, 6, 1), "no_deadline"),
        (None, "recurring", date(2021, 6, 1), "no_deadline"),
        (None, "none", date(2021, 6, 1), "no_deadline"),
        ("2021-02-30", "by", date(2021, 6, 1), "no_deadline"),
    ],
)
def test_status(due: str | None, kind: str, as_of: date, expected: str) -> None:
    assert task_status(_task(due, kind), as_of=as_of) == expected
