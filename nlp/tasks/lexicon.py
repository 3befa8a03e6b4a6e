"""Loading ``nlp/data/task_rules.yaml`` once, plus diacritic folding for OCR-tolerant lookups."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0xC0, 0x1EFA):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base.lower()
    return table


def fold(text: str) -> str:
    """Lower case without diacritics: ``fold("Khẩn trương") == "khan truong"``."""
    return text.translate(_fold_table()).lower()


def upper_class() -> str:
    """A regex character class of the Vietnamese capital letters."""
    return _upper_class()


@lru_cache(maxsize=1)
def _upper_class() -> str:
    letters = "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isupper())
    return "[A-Z" + re.escape(letters) + "]"


def load_yaml(name: str) -> dict[str, Any]:
    """A data file of ``nlp/data`` as a dict."""
    text = resources.files("nlp").joinpath(f"data/{name}").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@dataclass(frozen=True, slots=True)
class TaskRules:
    """The lists of ``task_rules.yaml`` in lookup-ready shapes."""

    delegations: frozenset[str]
    handovers: frozenset[str]
    leadins: tuple[str, ...]
    predicates_exact: frozenset[str]
    """One-word verbs, compared as written (lower case)."""
    predicates_folded: dict[str, int]
    """Multi-word verbs without diacritics -> number of words."""
    not_predicates: frozenset[str]
    heads: tuple[tuple[str, ...], ...]
    """Head words split into words, longest first."""
    list_heads: tuple[tuple[str, ...], ...]
    groups: frozenset[str]
    skip_after_subject: re.Pattern[str]
    not_tasks: re.Pattern[str]
    report_heads: tuple[str, ...]


def _words(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(i.split()) for i in items}, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> TaskRules:
    """The task rules, loaded once."""
    raw = load_yaml("task_rules.yaml")
    preds: list[str] = raw["predicates"]
    return TaskRules(
        delegations=frozenset(fold(w) for w in raw["delegations"]),
        handovers=frozenset(fold(w) for w in raw["handovers"]),
        leadins=tuple(fold(w) for w in raw["leadins"]),
        predicates_exact=frozenset(p for p in preds if " " not in p),
        predicates_folded={fold(p): len(p.split()) for p in preds if " " in p},
        not_predicates=frozenset(fold(w) for w in raw["not_predicates"]),
        heads=_words(raw["heads"]),
        list_heads=_words(raw["list_heads"]),
        groups=frozenset(w.lower() for w in raw["groups"] for w in w.split()),
        skip_after_subject=re.compile(
            r"\s*,?\s*(?:" + "|".join(raw["skip_after_subject"]) + r")\s*,?\s*", re.IGNORECASE
        ),
        not_tasks=re.compile("|".join(raw["not_tasks"]), re.IGNORECASE),
        report_heads=tuple(sorted(raw["report_heads"], key=len, reverse=True)),
    )
