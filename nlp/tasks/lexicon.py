"""Loading ``nlp/data/task_rules.yaml`` once, plus diacritic folding for OCR-tolerant lookups."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nlp.datafiles import load_yaml


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


@dataclass(frozen=True, slots=True)
class TaskRules:
    """The lists of ``task_rules.yaml`` in lookup-ready shapes."""

    delegations: frozenset[str]
    handovers: frozenset[str]
    passives: frozenset[str]
    """ "được giao" after an assignee: the work is handed to it (folded)."""
    leadins: tuple[str, ...]
    predicates_exact: frozenset[str]
    """One-word verbs, compared as written (lower case)."""
    predicates_folded: dict[str, int]
    """Multi-word verbs without diacritics -> number of words."""
    name_pairs: frozenset[tuple[str, str]]
    """(last word before, first word after) a comma that stays inside a name."""
    not_groups: frozenset[str]
    """Two-word phrases starting with a collective noun that are not collectives."""
    not_heads: frozenset[str]
    """Two-word phrases starting with a head word that name no body ("Trường hợp")."""
    not_verbs: frozenset[str]
    """Two-word nouns whose second word is also a verb ("công trình"), without diacritics."""
    verb_nouns: frozenset[str]
    """Nouns opening with a task verb ("tổ chức chính trị"), without diacritics."""
    not_predicates: frozenset[str]
    """Multi-word entries without diacritics; one-word entries as written, lower case
    (folded, "đang" would also stop "đăng ký" and "kính" would stop "kinh doanh")."""
    heads: tuple[tuple[str, ...], ...]
    """Head words split into words, longest first."""
    list_heads: tuple[tuple[str, ...], ...]
    groups: dict[str, tuple[tuple[str, ...], ...]]
    """Collective nouns ("cơ quan", "bệnh viện") by first word, as lower-case word tuples."""
    topic_heads: tuple[tuple[str, ...], ...]
    """Heads of committees whose name goes on with "về" and their remit, lower case."""
    bare_heads: frozenset[str]
    """Heads that are no name on their own ("Cơ quan"), lower case."""
    procedure_articles: tuple[str, ...]
    """Openings of the titles of procedure articles, without diacritics."""
    skip_after_subject: re.Pattern[str]
    not_tasks: re.Pattern[str]
    report_heads: tuple[str, ...]


def _words(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(i.split()) for i in items}, key=len, reverse=True))


def _by_first(items: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by first word. A phrase written with a capital ("Vụ") keeps it: "các Vụ, Cục"
    are departments, "các vụ ngộ độc" are incidents; a lower-case one matches either case."""
    table: dict[str, set[tuple[str, ...]]] = {}
    for item in items:
        words = tuple(
            w if i == 0 and w[0].isupper() else w.lower() for i, w in enumerate(item.split())
        )
        table.setdefault(words[0].lower(), set()).add(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@lru_cache(maxsize=1)
def rules() -> TaskRules:
    """The task rules, loaded once."""
    raw = load_yaml("task_rules.yaml")
    preds: list[str] = raw["predicates"]
    return TaskRules(
        delegations=frozenset(fold(w) for w in raw["delegations"]),
        handovers=frozenset(fold(w) for w in raw["handovers"]),
        passives=frozenset(fold(w) for w in raw["passives"]),
        leadins=tuple(fold(w) for w in raw["leadins"]),
        predicates_exact=frozenset(p for p in preds if " " not in p),
        predicates_folded={fold(p): len(p.split()) for p in preds if " " in p},
        not_verbs=frozenset(fold(w) for w in raw["not_verbs"]),
        verb_nouns=frozenset(fold(w) for w in raw["verb_nouns"]),
        not_predicates=frozenset(fold(w) if " " in w else w for w in raw["not_predicates"]),
        heads=_words(raw["heads"]),
        list_heads=_words(raw["list_heads"]),
        groups=_by_first(raw["groups"]),
        name_pairs=frozenset(
            (a.split()[-1].lower(), b.split()[0].lower())
            for a, b in (p.split(",") for p in raw["name_pairs"])
        ),
        not_groups=frozenset(w.lower() for w in raw["not_groups"]),
        not_heads=frozenset(w.lower() for w in raw["not_heads"]),
        topic_heads=tuple(tuple(w.lower().split()) for w in raw["topic_heads"]),
        bare_heads=frozenset(w.lower() for w in raw["bare_heads"]),
        procedure_articles=tuple(fold(w) for w in raw["procedure_articles"]),
        skip_after_subject=re.compile(
            r"\s*,?\s*(?:" + "|".join(raw["skip_after_subject"]) + r")\s*,?\s*", re.IGNORECASE
        ),
        not_tasks=re.compile("|".join(raw["not_tasks"]), re.IGNORECASE),
        report_heads=tuple(sorted(raw["report_heads"], key=len, reverse=True)),
    )
