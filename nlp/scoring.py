"""Scoring extraction against gold annotations (pure functions; used by ``vanban eval``).

A gold file annotates some of the record's sections (``metadata``, ``tasks``, ``citations``,
``awards``, ``entities``); only the sections present are scored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

EXACT_FIELDS = (
    "number",
    "doc_type",
    "issued_date",
    "issuer",
    "parent_issuer",
    "place",
    "urgency",
    "confidentiality",
)
SUBJECT_F1_THRESHOLD = 0.8
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def canon(value: object) -> str:
    """Comparable form of a text value: NFC, single spaces, no edge punctuation."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACE.sub(" ", text).strip(" .;,:")


def fold(value: object) -> str:
    """Case-, diacritic- and spacing-insensitive form (for matching names loosely)."""
    text = canon(value).lower().replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tokens(value: object) -> list[str]:
    return _TOKEN.findall(canon(value).lower())


def token_f1(predicted: object, gold: object) -> float:
    """Token-level F1 between two texts (1.0 when both are empty)."""
    pred, ref = Counter(tokens(predicted)), Counter(tokens(gold))
    if not pred and not ref:
        return 1.0
    common = sum((pred & ref).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(slots=True)
class Tally:
    """Counts behind one figure: accuracy (right/total) or F1 (tp/fp/fn)."""

    right: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def judge(self, ok: bool, miss: str) -> None:
        self.total += 1
        if ok:
            self.right += 1
        else:
            self.misses.append(miss)


@dataclass(slots=True)
class Matching:
    """One-to-one matching by key of predicted and gold items."""

    tp: int
    missed: list[Any]
    """Gold keys with no predicted item."""
    spurious: list[Any]
    """Predicted keys with no gold item."""


def match_counts(
    predicted: Iterable[Any], gold: Iterable[Any], key: Callable[[Any], Any]
) -> Matching:
    pred_keys = Counter(key(p) for p in predicted)
    gold_keys = Counter(key(g) for g in gold)
    return Matching(
        tp=sum((pred_keys & gold_keys).values()),
        missed=list((gold_keys - pred_keys).elements()),
        spurious=list((pred_keys - gold_keys).elements()),
    )


class Scorer:
    """Accumulates tallies over documents; ``report()`` gives the figures by name."""

    def __init__(self) -> None:
        self.tallies: dict[str, Tally] = {}

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def add(self, name: str, record: Mapping[str, Any], gold: Mapping[str, Any]) -> None:
        """Score one document's ``record`` (as a dict) against its ``gold`` annotations."""
        if "metadata" in gold:
            self._metadata(name, record.get("metadata") or {}, gold["metadata"])
        if "warnings" in gold:
            self._warnings(name, record.get("warnings") or [], gold["warnings"])
        if "tasks" in gold:
            self._tasks(name, record.get("tasks") or [], gold["tasks"])
        if "citations" in gold:
            self._f1("citations", name, record.get("citations") or [], gold["citations"],
                     citation_key)
        if "awards" in gold:
            self._f1("awards", name, record.get("awards") or [], gold["awards"], award_key)
        if "entities" in gold:
            for label in sorted({e["label"] for e in gold["entities"]}):
                self._f1(
                    f"entities.{label}", name,
                    [e for e in record.get("entities") or [] if e["label"] == label],
                    [e for e in gold["entities"] if e["label"] == label],
                    entity_key,
                )

    def _metadata(self, name: str, pred: Mapping[str, Any], gold: Mapping[str, Any]) -> None:
        for fld in EXACT_FIELDS:
            if fld in gold:
                got, want = canon(pred.get(fld)), canon(gold[fld])
                self.tally(f"metadata.{fld}").judge(got == want, f"{name}: {got!r} != {want!r}")
        if "subject" in gold:
            f1 = token_f1(pred.get("subject"), gold["subject"])
            self.tally("metadata.subject").judge(
                f1 >= SUBJECT_F1_THRESHOLD, f"{name}: F1 {f1:.2f} {pred.get('subject')!r}"
            )
        if "signers" in gold:
            got_names = sorted(canon(s.get("name")) for s in pred.get("signers") or [])
            want_names = sorted(canon(s.get("name")) for s in gold["signers"])
            self.tally("metadata.signers").judge(
                got_names == want_names, f"{name}: {got_names} != {want_names}"
            )
        if "recipients" in gold:
            self._f1("metadata.recipients", name, pred.get("recipients") or [],
                     gold["recipients"], fold)

    def _warnings(self, name: str, pred: Sequence[str], gold: Sequence[str]) -> None:
        def code(w: str) -> str:
            return w.split(":", 1)[0].strip()

        self._f1("warnings", name, [code(w) for w in pred], [code(w) for w in gold], str)

    def _tasks(self, name: str, pred: Sequence[Mapping[str, Any]],
               gold: Sequence[Mapping[str, Any]]) -> None:
        self._f1("tasks", name, pred, gold, task_key)
        # Deadline accuracy among gold tasks whose lead assignee was found (matched in order).
        pool: dict[str, list[Mapping[str, Any]]] = {}
        for task in pred:
            pool.setdefault(lead(task), []).append(task)
        dates = self.tally("tasks.deadline_date")
        for task in gold:
            candidates = pool.get(lead(task))
            if not candidates:
                continue
            want = deadline_date(task)
            hit = next((c for c in candidates if deadline_date(c) == want), None)
            chosen = hit if hit is not None else candidates[0]
            candidates.remove(chosen)
            dates.judge(hit is not None, f"{name}: {lead(task)} wants {want}")

    def _f1(self, section: str, name: str, pred: Iterable[Any], gold: Iterable[Any],
            key: Callable[[Any], Any]) -> None:
        matching = match_counts(pred, gold, key)
        tally = self.tally(section)
        tally.tp += matching.tp
        tally.fp += len(matching.spurious)
        tally.fn += len(matching.missed)
        tally.misses.extend(f"{name}: missed {m}" for m in matching.missed)
        tally.misses.extend(f"{name}: spurious {m}" for m in matching.spurious)

    def report(self) -> dict[str, dict[str, float | int]]:
        """Figures per tally: accuracy for per-document fields, P/R/F1 for matched sets."""
        out: dict[str, dict[str, float | int]] = {}
        for name in sorted(self.tallies):
            t = self.tallies[name]
            if t.total:
                out[name] = {"accuracy": round(t.accuracy, 4), "right": t.right, "total": t.total}
            else:
                out[name] = {"precision": round(t.precision, 4), "recall": round(t.recall, 4),
                             "f1": round(t.f1, 4), "tp": t.tp, "fp": t.fp, "fn": t.fn}
        return out


def lead(task: Mapping[str, Any]) -> str:
    assignees = task.get("assignees") or []
    return fold(assignees[0]) if assignees else ""


def deadline_date(task: Mapping[str, Any]) -> str | None:
    deadline = task.get("deadline")
    return deadline.get("date") if deadline else None


def task_key(task: Mapping[str, Any]) -> tuple[str, str | None]:
    return lead(task), deadline_date(task)


def citation_key(citation: Mapping[str, Any]) -> str:
    number = citation.get("number")
    if number:
        return fold(canon(number).upper().replace("TƯ", "TW")).replace(" ", "")
    return fold(citation.get("title") or citation.get("text"))


def award_key(award: Mapping[str, Any]) -> tuple[str, str]:
    recipient = award.get("recipient") or {}
    return fold(recipient.get("name")), fold(award.get("award"))


def entity_key(entity: Mapping[str, Any]) -> tuple[str, str]:
    return entity.get("label", ""), fold(entity.get("text"))
