"""Task extraction rules, table-driven from task_cases.yaml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.tasks import extract_tasks

_WORD = re.compile(r"\w+")

_CASES: list[dict[str, Any]] = yaml.safe_load(
    Path(__file__).with_name("task_cases.yaml").read_text(encoding="utf-8")
)


def test_table_is_large_enough() -> None:
    assert len(_CASES) >= 40


@pytest.mark.parametrize("case", _CASES, ids=[c["name"] for c in _CASES])
def test_rule(case: dict[str, Any]) -> None:
    text = case["text"]
    tasks = extract_tasks(text, issued_date=case.get("issued_date", "2021-03-15"))
    if case["tasks"] == "*":
        return
    got = [
        {
            "assignees": t.assignees,
            "coordinators": t.coordinators,
            "date": t.deadline.date if t.deadline else None,
            "kind": t.deadline.kind if t.deadline else None,
            "report_to": t.report_to,
        }
        for t in tasks
    ]
    assert got == case["tasks"]
    for task in tasks:
        assert 0 <= task.start < task.end <= len(text)
        assert task.action
        words = set(_WORD.findall(text[task.start : task.end]))
        assert set(_WORD.findall(task.action)) <= words
        if task.deadline is not None:
            assert task.start <= task.deadline.start < task.deadline.end <= task.end


def test_order_and_determinism() -> None:
    text = "\n".join(c["text"] for c in _CASES if c["tasks"] != "*")
    first = extract_tasks(text, issued_date="2021-03-15")
    assert first == extract_tasks(text, issued_date="2021-03-15")
    assert [t.start for t in first] == sorted(t.start for t in first)
