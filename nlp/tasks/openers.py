"""Clauses that open with an adverbial before their assignee or verb.

Also the clauses whose assignee comes after the work: "Việc rà soát văn bản do Bộ Tư pháp
thực hiện" (``done_by`` in ``task_rules.yaml``).

"Trên cơ sở Kế hoạch số 884/KH-UBND …, đề nghị Ủy ban nhân dân các huyện … chỉ đạo …",
"Đối với các chi phí …, giao Bảo hiểm xã hội Việt Nam tổ chức …", "Đối với các Sở, ngành:
Chủ động cân đối …" and, in a list item under a heading, "Căn cứ Kế hoạch, …, xây dựng kế
hoạch …". The openers are ``openers`` in ``task_rules.yaml``; a conditional ("nếu", "trường
hợp") before the assignee makes the clause no assignment.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.datafiles import load_yaml
from nlp.tasks.clauses import Subject, subject
from nlp.tasks.lexicon import fold
from nlp.tasks.names import name_list
from nlp.tasks.words import Token, predicate_len, tokenize

_CUT = re.compile(r"[,:]\s*")
_REACH = 600


@lru_cache(maxsize=1)
def _openers() -> re.Pattern[str]:
    raw = load_yaml("task_rules.yaml")
    words = sorted((fold(w) for w in raw["openers"]), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    # A short label may come first: "4. Kinh phí thực hiện: Ngoài kinh phí …, đề nghị …".
    return re.compile(rf"(?:[^:\n]{{0,40}}:)?\s*(?:{alt})\b")


@lru_cache(maxsize=1)
def _conditions() -> re.Pattern[str]:
    raw = load_yaml("task_rules.yaml")
    return re.compile(r"\b(?:" + "|".join(re.escape(fold(w)) for w in raw["conditions"]) + r")\b")


@lru_cache(maxsize=1)
def _difficulties() -> re.Pattern[str]:
    raw = load_yaml("task_rules.yaml")
    return re.compile(r"\b(?:" + "|".join(re.escape(fold(w)) for w in raw["difficulties"]) + r")\b")


def _opens(text: str, start: int, end: int) -> int | None:
    """Where the words after the opener start ("Đối với | các Sở, ngành: …"), or ``None``."""
    m = _openers().match(fold(text[start : min(end, start + 64)]))
    return start + m.end() if m else None


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Positions after the commas and colons of the clause (within reach)."""
    stop = min(end, start + _REACH)
    return [m.end() for m in _CUT.finditer(text, start, stop) if m.end() < end]


def opened_subject(text: str, start: int, end: int) -> tuple[int, list[Token], Subject] | None:
    """(clause start, tokens, subject) of the assignee after an opening adverbial."""
    after = _opens(text, start, end)
    if after is None:
        return None
    previous = after
    for cut in [after, *_cuts(text, start, end)]:
        before = fold(text[start:cut])
        conditional = _conditions().search(before) is not None
        if conditional and _difficulties().search(before):
            return None
        if cut > after and _verb_first(text, previous, cut):
            return None  # "Sau khi …, tham mưu Chính phủ, Thủ tướng …": a verb came first
        previous = cut
        toks = tokenize(text, cut, end)
        found = subject(text, toks) if toks else None
        if found is not None and found.action is not None:
            return (cut, toks, found) if found.delegated or not conditional else None
    return None


def _verb_first(text: str, start: int, end: int) -> bool:
    toks = tokenize(text, start, min(end, start + 40))
    return bool(toks) and toks[0].text[0].islower() and predicate_len(toks, 0) > 0


def opened_verb(text: str, start: int, end: int) -> int | None:
    """Where the verb of an inherited item starts after its opening adverbial, or ``None``."""
    if _opens(text, start, end) is None:
        return None
    for cut in _cuts(text, start, end):
        if _conditions().search(fold(text[start:cut])):
            return None
        toks = tokenize(text, cut, min(end, cut + 60))
        if not toks or toks[0].text[0].isupper():
            return None  # a subject of its own: "…, Sở Lao động … sẽ tổ chức kiểm tra"
        if predicate_len(toks, 0):
            return toks[0].start
    return None


@lru_cache(maxsize=1)
def _done_by() -> tuple[re.Pattern[str], frozenset[str]]:
    raw = load_yaml("task_rules.yaml")["done_by"]
    works = "|".join(re.escape(fold(w)).replace(r"\ ", r"\s+") for w in raw["works"])
    return re.compile(rf"\s*(?:{works})\b"), frozenset(fold(v) for v in raw["verbs"])


def done_by(text: str, start: int, end: int) -> tuple[list[Token], Subject] | None:
    """(tokens, subject) of "Việc … do Bộ X thực hiện …": the assignee after "do"."""
    works, verbs = _done_by()
    if not works.match(fold(text[start : min(end, start + 20)])):
        return None
    toks = tokenize(text, start, min(end, start + _REACH))
    for k, tok in enumerate(toks):
        if tok.text != "do" or k == 0:
            continue
        ranges, j = name_list(toks, k + 1)
        if not ranges:
            continue
        words = [fold(t.text) for t in toks[j : j + 4]]
        if any(" ".join(words[:n]) in verbs for n in (1, 2, 3, 4)):
            spans = [(toks[a].start, toks[b - 1].end) for a, b in ranges]
            return tokenize(text, start, end), Subject(spans, 0, True)
        return None
    return None
