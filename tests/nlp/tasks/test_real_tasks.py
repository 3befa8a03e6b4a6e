"""Task F1 on real documents against hand-written task lists (``data/real_tasks.yaml``).

Runs only when VANBAN_REAL_CORPUS points at the shared real corpus (not part of the project).
A task matches a hand-written one when its lead assignee and deadline date are equal.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.metadata import extract_metadata
from nlp.normalize import normalize_text
from nlp.tasks import extract_tasks

_ROOT = os.environ.get("VANBAN_REAL_CORPUS")
pytestmark = [
    pytest.mark.real_corpus,
    pytest.mark.skipif(not _ROOT, reason="VANBAN_REAL_CORPUS is not set"),
]
_HAND: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "real_tasks.yaml").read_text(encoding="utf-8")
)
_FLOOR = 0.9

Key = tuple[str | None, str | None]


def _found(name: str) -> list[Key]:
    path = Path(str(_ROOT)) / "docs" / name
    text = normalize_text(path.read_text(encoding="utf-8"))
    issued = extract_metadata(text).metadata.issued_date
    return [
        (t.assignees[0] if t.assignees else None, t.deadline.date if t.deadline else None)
        for t in extract_tasks(text, issued_date=issued)
    ]


def _counts(entry: dict[str, Any]) -> tuple[int, int, int]:
    hand = Counter((t["assignee"], t["deadline_date"]) for t in entry["tasks"])
    got = Counter(_found(entry["file"]))
    tp = sum((hand & got).values())
    return tp, sum(got.values()) - tp, sum(hand.values()) - tp


def test_hand_lists_are_real() -> None:
    assert len(_HAND) >= 6
    for entry in _HAND:
        assert (Path(str(_ROOT)) / "docs" / entry["file"]).is_file(), entry["file"]
        assert entry["tasks"]


def test_task_f1_on_real_documents() -> None:
    tp = fp = fn = 0
    lines = []
    for entry in _HAND:
        a, b, c = _counts(entry)
        tp, fp, fn = tp + a, fp + b, fn + c
        lines.append(f"{entry['file']}: hand={a + c} found={a + b} tp={a}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    report = "\n".join([*lines, f"P={precision:.3f} R={recall:.3f} F1={f1:.3f}"])
    print(report)
    assert f1 >= _FLOOR, report
