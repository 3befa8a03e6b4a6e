"""``vanban eval``: extraction scores against the gold files beside corpus documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nlp.scoring import Scorer
from search_api.extraction import Failure, extract_file

GOLD_SUFFIX = ".gold.json"


@dataclass(slots=True)
class Evaluation:
    scorer: Scorer = field(default_factory=Scorer)
    documents: int = 0
    failures: list[Failure] = field(default_factory=list)


def gold_pairs(directory: Path) -> Iterator[tuple[Path, Path]]:
    """(document, gold) pairs: each ``X.gold.json`` with the ``X.*`` document beside it."""
    for gold in sorted(directory.rglob(f"*{GOLD_SUFFIX}")):
        stem = gold.name[: -len(GOLD_SUFFIX)]
        docs = sorted(
            p for p in gold.parent.glob(f"{stem}.*") if p != gold and p.name != gold.name
        )
        preferred = [p for p in docs if p.suffix == ".txt"] or docs
        if preferred:
            yield preferred[0], gold


def evaluate(directory: Path) -> Evaluation:
    """Extract every gold-annotated document under ``directory`` and score it."""
    result = Evaluation()
    for doc, gold_path in gold_pairs(directory):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        outcome = extract_file(doc)
        result.documents += 1
        if isinstance(outcome, Failure):
            result.failures.append(outcome)
            continue
        result.scorer.add(doc.name, outcome.to_dict(), gold)
    return result
