"""Word-level tests inside a clause: tokens, agency head words, collective nouns, task
verbs, and the known agency names and abbreviations (``task_rules.yaml``,
``task_agencies.yaml``, ``agencies.yaml``). ``names`` builds whole names from them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from nlp.datafiles import load_yaml
from nlp.tasks.lexicon import fold, rules


class Token(NamedTuple):
    text: str
    start: int
    end: int


_TOKEN = re.compile(r"[^\s,;:.()!?\"“”]+|[,;:.()!?]")


PUNCT = frozenset(":;.()!?")
# Words that end a name when no verb came first ("Bộ Tài chính của …" is no assignee).


_OCR_SINGLE = frozenset({"can", "phai"})
_PLURALS = frozenset({"các", "những", "mọi"})
# Lower-case words common inside names ("Ủy ban nhân dân", "Kiểm toán nhà nước").


STOPS = frozenset(
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


@lru_cache(maxsize=2)
def _heads_by_first(listing: bool) -> dict[str, tuple[tuple[str, ...], ...]]:
    lex = rules()
    table: dict[str, list[tuple[str, ...]]] = {}
    for head in lex.list_heads if listing else lex.heads:  # longest first
        table.setdefault(head[0].lower(), []).append(head)
    return {k: tuple(v) for k, v in table.items()}


def head_len(toks: list[Token], i: int, *, listing: bool = False) -> int:
    """How many tokens from ``i`` form an agency head word (0 when none)."""
    heads = _heads_by_first(listing).get(toks[i].text.lower()) if i < len(toks) else None
    if heads and i + 1 < len(toks):
        pair = f"{toks[i].text.lower()} {toks[i + 1].text.lower()}"
        if pair in rules().not_heads:
            return 0  # "Trường hợp …" is a case, not a school
    for head in heads or ():
        n = len(head)
        if i + n <= len(toks) and all(_same(toks[i + k].text, head[k]) for k in range(n)):
            return n
    return 0


def group_len(toks: list[Token], i: int) -> int:
    """How many tokens from ``i`` form a collective noun ("bộ", "bệnh viện"); 0 when none."""
    if i >= len(toks):
        return 0
    first = toks[i].text
    lex = rules()
    if i + 1 < len(toks) and f"{first.lower()} {toks[i + 1].text.lower()}" in lex.not_groups:
        return 0
    for words in lex.groups.get(first.lower(), ()):
        n = len(words)
        if (
            i + n <= len(toks)
            and (first == words[0] or (words[0].islower() and first.lower() == words[0]))
            and all(toks[i + k].text.lower() == words[k] for k in range(1, n))
        ):
            return n
    return 0


def is_collective(toks: list[Token], i: int) -> bool:
    """``True`` at "các bộ", "các cơ quan", … ."""
    return i + 1 < len(toks) and toks[i].text.lower() == "các" and group_len(toks, i + 1) > 0


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


def predicate_len(toks: list[Token], i: int, *, any_case: bool = False) -> int:
    """How many tokens from ``i`` form a task verb ("chủ trì", "khẩn trương"); 0 when none."""
    n, verb = _verb_at(toks, i, any_case)
    if n and i and toks[i - 1].text.lower() in _PLURALS:
        return 0  # "các tổ chức", "những đề xuất": a noun
    if n and i + n < len(toks):
        ahead = verb
        for tok in toks[i + n : i + n + 2]:
            ahead += " " + _folded(tok.text)
            if ahead in rules().verb_nouns:
                return 0
    return 0 if n and _in_noun(toks, i, verb) else n


def _verb_at(toks: list[Token], i: int, any_case: bool) -> tuple[int, str]:
    """(tokens, folded words) of a listed verb at ``i``, nouns like "công trình" included."""
    if i >= len(toks):
        return 0, ""
    first = toks[i].text
    if not first[0].isalpha() or (first[0].isupper() and not any_case):
        return 0, ""
    lex = rules()
    folded = lex.predicates_folded
    key = _folded(first)
    for n in (5, 4, 3, 2):
        if i + n <= len(toks):
            key_n = " ".join([key, *(_folded(t.text) for t in toks[i + 1 : i + n])])
            if folded.get(key_n) == n:
                return n, key_n
    low = first.lower()
    # OCR tolerance only for a word without any marks: "can" is "cần", "cán" is not.
    if low in lex.predicates_exact or (low == key and key in _OCR_SINGLE):
        return 1, key
    return 0, ""


def noun_len(toks: list[Token], i: int) -> int:
    """Tokens of a verb at ``i`` that belongs to the noun before it ("Ban | kiểm soát")."""
    n, verb = _verb_at(toks, i, False)
    return n if n and _in_noun(toks, i, verb) else 0


def _in_noun(toks: list[Token], i: int, verb: str) -> bool:
    """``True`` when the verb at ``i`` ends a noun with the word(s) before it: "công trình",
    "Ban kiểm soát", "Cơ quan đăng ký" (``not_verbs``)."""
    if not i:
        return False
    nouns = rules().not_verbs
    one = _folded(toks[i - 1].text) + " " + verb
    return one in nouns or (i > 1 and _folded(toks[i - 2].text) + " " + one in nouns)


def not_predicate(toks: list[Token], i: int) -> bool:
    """``True`` where the words from ``i`` make the clause a report ("đã", "thông báo"); a
    listed verb phrase of three words or more that opens with such a word ("là cơ quan đầu
    mối", "là đầu mối") is no report."""
    lex = rules().not_predicates
    if i >= len(toks) or predicate_len(toks, i) >= 3:
        return False
    one = toks[i].text.lower()
    if one in lex:
        return not _in_noun(toks, i, _folded(one))  # "Cục Hàng không" is no "không"
    words = _folded(one)
    for tok in toks[i + 1 : i + 4]:  # "ghi nhận", "đánh giá cao", "thống nhất đánh giá"
        words += " " + _folded(tok.text)
        if words in lex:
            return True
    return False


def phrase_folded(toks: list[Token], j: int) -> str:
    """ "yêu cầu"/"đề nghị" (two words) without diacritics, else the word at ``j`` in lower
    case: "giáo" is no "giao"."""
    one = _folded(toks[j].text)
    if j + 1 < len(toks) and one in {"yeu", "de"}:
        return one + " " + _folded(toks[j + 1].text)
    return toks[j].text.lower()


@lru_cache(maxsize=1)
def _known() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Known agency names by first word, longest first: ``task_agencies.yaml`` and the
    names (not the abbreviations) of ``agencies.yaml`` ("Sở Tư pháp", "Cục Quản lý Khám,
    chữa bệnh")."""
    names = list(load_yaml("task_agencies.yaml")["agencies"])
    shared = load_yaml("agencies.yaml")
    for entry in [*shared.get("agencies", []), *shared.get("units", [])]:
        names += [entry["name"], *(a for a in entry.get("aliases") or [] if " " in a)]
    table: dict[str, set[tuple[str, ...]]] = {}
    for name in names:
        words = tuple(w.lower() for w in _TOKEN.findall(name))
        if len(words) > 1:
            table.setdefault(words[0], set()).add(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@lru_cache(maxsize=1)
def dash_joints() -> frozenset[tuple[str, str]]:
    """(word before, word after) the dash of a known name, folded: ("dong", "thuong") from
    "Bộ Lao động - Thương binh và Xã hội". A line break before such a dash is no list item."""
    names = list(load_yaml("task_agencies.yaml")["agencies"])
    shared = load_yaml("agencies.yaml")
    names += [e["name"] for e in [*shared.get("agencies", []), *shared.get("units", [])]]
    joints: set[tuple[str, str]] = set()
    for name in names:
        for m in re.finditer(r"(\w+)\s+[-–]\s+(\w+)", name):
            joints.add((fold(m.group(1)), fold(m.group(2))))
    return frozenset(joints)


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


def starts_name(toks: list[Token], i: int) -> bool:
    return i < len(toks) and (
        head_len(toks, i, listing=True) > 0
        or is_collective(toks, i)
        or toks[i].text in abbreviations()
    )
