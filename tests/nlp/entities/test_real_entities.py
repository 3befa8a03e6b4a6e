"""Entity P/R/F1 per label on real documents against hand-written mentions
(``data/real_entities.yaml``).

Runs only when VANBAN_REAL_CORPUS points at the shared real corpus (not part of the project).
A found mention matches a hand-written one when label and text are equal; each occurrence is
matched once (multiset intersection per document). Only the annotated labels are scored.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.entities import extract_entities
from nlp.furniture import strip_furniture
from nlp.normalize import normalize_text

_ROOT = os.environ.get("VANBAN_REAL_CORPUS")
pytestmark = [
    pytest.mark.real_corpus,
    pytest.mark.skipif(not _ROOT, reason="VANBAN_REAL_CORPUS is not set"),
]
_HAND: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "real_entities.yaml").read_text(encoding="utf-8")
)
LABELS = ("PERSON", "ORG", "POSITION", "LOCATION")
# Per-label F1 measured on these documents (1.000, 0.968, 0.995, 1.000), less a margin of
# about one or two mentions.
_FLOORS = {"PERSON": 0.95, "ORG": 0.94, "POSITION": 0.96, "LOCATION": 0.95}

Key = tuple[str, str]


def _text(name: str) -> str:
    raw = (Path(str(_ROOT)) / "docs" / name).read_text(encoding="utf-8")
    return strip_furniture(normalize_text(raw))[0]


def _counts(entry: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per label for one document."""
    hand = Counter((label, text) for label, text in entry["mentions"])
    got = Counter((e.label, e.text) for e in extract_entities(_text(entry["file"])))
    out = {}
    for label in LABELS:
        h = Counter({k: v for k, v in hand.items() if k[0] == label})
        g = Counter({k: v for k, v in got.items() if k[0] == label})
        tp = sum((h & g).values())
        out[label] = (tp, sum(g.values()) - tp, sum(h.values()) - tp)
    return out


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def test_hand_lists_are_real() -> None:
    assert len(_HAND) >= 4
    for entry in _HAND:
        text = _text(entry["file"])
        assert entry["mentions"], entry["file"]
        pos = 0
        for label, mention in entry["mentions"]:
            assert label in LABELS, (entry["file"], label)
            found = text.find(mention, pos)
            assert found >= 0, f"{entry['file']}: {label} {mention!r} not in text order"
            pos = found + len(mention)


def test_entity_f1_on_real_documents() -> None:
    totals = {label: [0, 0, 0] for label in LABELS}
    for entry in _HAND:
        for label, counts in _counts(entry).items():
            totals[label] = [a + b for a, b in zip(totals[label], counts, strict=True)]
    lines = []
    scores = {}
    for label in LABELS:
        tp, fp, fn = totals[label]
        p, r, f = _f1(tp, fp, fn)
        scores[label] = f
        lines.append(f"{label}: tp={tp} fp={fp} fn={fn} P={p:.3f} R={r:.3f} F1={f:.3f}")
    report = "\n".join(lines)
    print(report)
    assert all(scores[label] >= floor for label, floor in _FLOORS.items()), report
