"""Agency names inside a clause: "Bộ Tài chính", "Ủy ban nhân dân các tỉnh, thành phố …".

A clause is split into tokens once; a name starts at a head word ("Bộ", "Ủy ban", …) or
at a collective ("các bộ, ngành") and runs until a verb of the task, a preposition or
punctuation ends it. Tokens keep their character offsets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from nlp.tasks.lexicon import fold, load_yaml, rules


class Token(NamedTuple):
    text: str
    start: int
    end: int


_TOKEN = re.compile(r"[^\s,;:.()!?\"“”]+|[,;:.()!?]")
_PUNCT = frozenset(":;.()!?")
# Words that end a name when no verb came first ("Bộ Tài chính của …" is no assignee).
_COLLECTIVE_TAIL = frozenset(
    [
        "liên",
        "quan",
        "có",
        "ngang",
        "bộ",
        "thuộc",
        "trực",
        "trung",
        "ương",
        "cấp",
        "tỉnh",
        "huyện",
        "xã",
        "thành",
        "phố",
    ]
)
# One-word verbs still recognised without their diacritics (OCR: "can" for "cần").
_OCR_SINGLE = frozenset({"can", "phai"})
# Lower-case words common inside names ("Ủy ban nhân dân", "Kiểm toán nhà nước").
_NAME_WORDS = frozenset(["nhân", "dân", "nhà", "nước", "các", "và", "-", "–", "&"])
_STOPS = frozenset(
    [
        "của",
        "với",
        "về",
        "để",
        "cho",
        "tại",
        "trong",
        "theo",
        "đối",
        "khi",
        "nếu",
        "sau",
        "trước",
        "từ",
        "đến",
        "do",
        "qua",
        "như",
        "mà",
        "thì",
        "nhưng",
        "này",
        "đó",
        "là",
        "đã",
        "đang",
        "sẽ",
        "vừa",
        "được",
        "bị",
        "có",
        "cũng",
        "đều",
    ]
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens (words and punctuation) of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def _same(token: str, word: str) -> bool:
    return token == word or (token.isupper() and token.lower() == word.lower())


def head_len(toks: list[Token], i: int, *, listing: bool = False) -> int:
    """How many tokens from ``i`` form an agency head word (0 when none)."""
    lex = rules()
    for head in lex.list_heads if listing else lex.heads:
        n = len(head)
        if i + n <= len(toks) and all(_same(toks[i + k].text, head[k]) for k in range(n)):
            return n
    return 0


def is_collective(toks: list[Token], i: int) -> bool:
    """``True`` at "các bộ", "các cơ quan", … ."""
    return (
        i + 1 < len(toks)
        and toks[i].text.lower() == "các"
        and toks[i + 1].text.lower() in rules().groups
    )


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


def predicate_len(toks: list[Token], i: int, *, any_case: bool = False) -> int:
    """How many tokens from ``i`` form a task verb ("chủ trì", "khẩn trương"); 0 when none."""
    if i >= len(toks):
        return 0
    first = toks[i].text
    if not first[0].isalpha() or (first[0].isupper() and not any_case):
        return 0
    lex = rules()
    folded = lex.predicates_folded
    key = _folded(first)
    for n in (4, 3, 2):
        if i + n <= len(toks):
            key_n = " ".join([key, *(_folded(t.text) for t in toks[i + 1 : i + n])])
            if folded.get(key_n) == n:
                return n
    return 1 if first.lower() in lex.predicates_exact or key in _OCR_SINGLE else 0


def not_predicate(toks: list[Token], i: int) -> bool:
    """``True`` where the words from ``i`` make the clause a report ("đã", "thông báo")."""
    lex = rules().not_predicates
    if i >= len(toks):
        return False
    one = _folded(toks[i].text)
    two = one + " " + _folded(toks[i + 1].text) if i + 1 < len(toks) else one
    return one in lex or two in lex


def _starts_name(toks: list[Token], i: int) -> bool:
    return i < len(toks) and (
        head_len(toks, i, listing=True) > 0
        or is_collective(toks, i)
        or toks[i].text in abbreviations()
    )


def name_end(toks: list[Token], i: int) -> int:
    """The token index just after the name starting at ``i``; ``i`` when none starts there."""
    if i >= len(toks):
        return i
    if is_collective(toks, i):
        return _collective_end(toks, i + 2)
    if toks[i].text in abbreviations():
        return i + 1
    n = head_len(toks, i)
    if n == 0:
        return i
    known = known_end(toks, i)
    j = max(i + n, known)
    groups = rules().groups
    limit = min(len(toks), i + 18)
    run_start, run = j, 0
    capital = known > i  # a capital after the head: lower-case syllables may follow it
    in_group = False
    while j < limit:
        t = toks[j].text
        if t in _PUNCT:
            break
        nxt = toks[j + 1].text if j + 1 < len(toks) else ""
        if t in {",", "và", "&", "-", "–"}:
            if in_group and nxt.lower() in groups:
                j += 1
                continue
            if not nxt or _starts_name(toks, j + 1) or nxt in _PUNCT:
                break
            if nxt[0].isupper() or nxt.lower() in groups:
                j += 1
                continue
            break
        low = t.lower()
        if t[0].isupper():
            run, capital = 0, True
        elif (
            predicate_len(toks, j)
            or not_predicate(toks, j)
            or low in _STOPS
            or _phrase_folded(toks, j) in rules().handovers
        ):
            break
        elif low in groups or low in _COLLECTIVE_TAIL or low in _NAME_WORDS:
            run, in_group = 0, in_group or low == "các"
        else:
            run, run_start = run + 1, (j if run == 0 else run_start)
            if run >= 4:
                break
        j += 1
    if run and (run >= 4 or not capital):
        j = run_start
    while j > i + 1 and toks[j - 1].text in {",", "và", "&", "-", "–"}:
        j -= 1
    return j


def _collective_end(toks: list[Token], j: int) -> int:
    """End of "các bộ, ngành, địa phương có liên quan", "các Vụ, Cục thuộc Tổng cục Thuế"."""
    groups = rules().groups
    after_of = False
    while j < len(toks):
        t = toks[j].text
        low = t.lower()
        nxt = toks[j + 1].text.lower() if j + 1 < len(toks) else ""
        if t in {",", "và", "&"}:
            if nxt in groups and not _starts_name(toks, j + 1):
                j += 1
                continue
            break
        if low in groups or low in _COLLECTIVE_TAIL or (after_of and t[0].isupper()):
            after_of = after_of or low in {"thuộc", "của"}
            j += 1
            continue
        break
    return j


def _phrase_folded(toks: list[Token], j: int) -> str:
    """The word at ``j`` (and "yêu cầu"/"đề nghị" with the next word) without diacritics."""
    one = _folded(toks[j].text)
    if j + 1 < len(toks) and one in {"yeu", "de"}:
        return one + " " + _folded(toks[j + 1].text)
    return one


@lru_cache(maxsize=1)
def _known() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Known agency names (``task_agencies.yaml``) by first word, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for name in load_yaml("task_agencies.yaml")["agencies"]:
        words = tuple(w.lower() for w in _TOKEN.findall(name))
        table.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Short forms that stand for an agency on their own ("BNV", "NHNN")."""
    raw = load_yaml("task_agencies.yaml")
    prefixes = set(raw["prefixes"])
    shorts = raw["agencies"].values()
    return frozenset(
        x for group in shorts for x in group or () if " " not in x and x not in prefixes
    )


def known_end(toks: list[Token], i: int) -> int:
    """The token index after a known agency name starting at ``i`` (``i`` when none)."""
    for words in _known().get(toks[i].text.lower(), ()):
        n = len(words)
        if i + n <= len(toks) and all(toks[i + k].text.lower() == words[k] for k in range(n)):
            return i + n
    return i


def name_list(toks: list[Token], i: int) -> tuple[list[tuple[int, int]], int]:
    """Names separated by "," or "và" from ``i``: ([(first, end) token ranges], next index)."""
    found: list[tuple[int, int]] = []
    j = i
    while True:
        end = name_end(toks, j)
        if end == j:
            break
        found.append((j, end))
        j = end
        k = j
        while k < len(toks) and toks[k].text in {",", "và", "&"}:
            k += 1
        if k == j or not _starts_name(toks, k):
            break
        j = k
    return found, (found[-1][1] if found else i)
