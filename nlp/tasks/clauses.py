"""Reading one clause: who is assigned (and by which words), co-ordinators, report_to.

``subject`` recognises "Giao Bộ X chủ trì …", "Đề nghị Ủy ban … vận động …",
"Bộ Tài chính, Bộ Công Thương nghiên cứu …", "Ủy ban nhân dân thành phố đề nghị các sở …
treo cờ", a heading "2. Bộ Công an:" and an inline heading "a) Bộ Tài chính: nghiên cứu …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.tasks.lexicon import fold, rules
from nlp.tasks.names import name_end, name_list, topic_end
from nlp.tasks.words import STOPS, Token, is_collective, not_predicate, predicate_len, tokenize
from nlp.temporal.lexicon import deadline_regex


@dataclass(slots=True)
class Subject:
    """Assignees of a clause (character spans) and where its verb phrase starts."""

    names: list[tuple[int, int]]
    action: int | None
    """Token index of the verb phrase; ``None`` for a heading ("2. Bộ Công an:")."""
    delegated: bool = False
    """Named after "Giao", "Yêu cầu", "Đề nghị" … ."""


def _spans(toks: list[Token], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(toks[a].start, toks[b - 1].end) for a, b in ranges]


def _phrase_len(toks: list[Token], i: int, phrases: frozenset[str] | tuple[str, ...]) -> int:
    for n in (3, 2):
        if i + n <= len(toks) and " ".join(fold(t.text) for t in toks[i : i + n]) in phrases:
            return n
    # One word as written: "giao" hands work over, "giáo" (Ban Tuyên giáo) does not.
    return int(i < len(toks) and toks[i].text.lower() in phrases)


def _skip(text: str, toks: list[Token], j: int) -> int:
    """Step over "theo chức năng, nhiệm vụ được giao," between an assignee and its verb."""
    if j >= len(toks):
        return j
    start = toks[j - 1].end if j else toks[j].start
    m = rules().skip_after_subject.match(text, start)
    if not m or m.end() <= toks[j].start:
        return j + (toks[j].text == ",")
    while j < len(toks) and toks[j].start < m.end():
        j += 1
    return j


def _leading_time(text: str, toks: list[Token]) -> int:
    """Tokens of a leading "Trong năm 2021," before the assignee (0 when none)."""
    if not toks or toks[0].text.lower() not in {"trong", "trước", "chậm", "từ"}:
        return 0
    if toks[0].text.lower() == "từ":
        # "Từ 10/10/2022 đến 25/11/2022: UBND các huyện triển khai …" (a span, no deadline).
        k = next((x for x, t in enumerate(toks[:12]) if t.text == ":"), 0)
        dated = any(c.isdigit() for t in toks[1:k] for c in t.text)
        return k + 1 if k and dated else 0
    m = deadline_regex().match(text, toks[0].start)
    if not m or not m.group("trig"):
        return 0
    k = next((x for x, t in enumerate(toks) if t.start >= m.end()), len(toks))
    return k + 1 if k < len(toks) and toks[k].text in {",", ":"} else 0


def _bare(toks: list[Token], ranges: list[tuple[int, int]]) -> bool:
    """``True`` for a lone generic head ("Cơ quan chủ trì: …")."""
    if len(ranges) != 1:
        return False
    a, b = ranges[0]
    return " ".join(t.text.lower() for t in toks[a:b]) in rules().bare_heads


def _after_places(toks: list[Token], j: int) -> int | None:
    """Past the proper names listed after a collective and its colon ("các nước: Trung Quốc,
    Ấn Độ, Cộng hoà Liên bang Nga | lựa chọn …"): the index of the verb, ``len(toks)`` when
    the list closes the clause, ``None`` when no such list starts at ``j``."""
    k = j
    while k < len(toks) and k < j + 30:
        t = toks[k].text
        if predicate_len(toks, k):
            return k if k > j else None
        if t in {",", "-", "–", "và"} or t[0].isupper():
            k += 1
        elif t[0].isalpha() and t not in STOPS and k > j and toks[k - 1].text[0].isupper():
            k += 1  # a lower-case word inside a name ("Cộng hoà")
        else:
            return None
    return len(toks) if k == len(toks) and k > j else None


def _aside(toks: list[Token], j: int) -> int:
    """Past a parenthesis that closes a heading: "12. Sở Nội vụ (Ban Thi đua Khen thưởng)"."""
    if j >= len(toks) or toks[j].text != "(":
        return j
    k = next((x for x in range(j + 1, min(len(toks), j + 16)) if toks[x].text == ")"), None)
    if k is None or len(toks) - (k + 1) > 1 or (k + 1 < len(toks) and toks[k + 1].text not in ":."):
        return j
    return k + 1


def subject(text: str, toks: list[Token]) -> Subject | None:
    """The explicit assignees at the start of a clause, or ``None``."""
    lex = rules()
    i = _leading_time(text, toks)
    n = _phrase_len(toks, i, lex.leadins)
    if n:
        i += n + (i + n < len(toks) and toks[i + n].text == ",")
    delegated = _phrase_len(toks, i, lex.delegations)
    i += delegated
    if i < len(toks) and toks[i].text.lower() == "cho":
        i += 1
    ranges, j = name_list(toks, i)
    if not ranges or _bare(toks, ranges):
        return None
    if (remit := topic_end(toks, ranges[-1][0])) > j:
        ranges[-1], j = (ranges[-1][0], remit), remit
    if not delegated:
        handed = _phrase_len(toks, j, lex.handovers)
        if handed:
            inner, k = name_list(toks, j + handed)
            if inner:
                ranges, j, delegated = inner, k, handed
    j = _skip(text, toks, j)
    j = _aside(toks, j)
    if j >= len(toks) or (toks[j].text == ":" and j + 1 == len(toks)):
        return Subject(_spans(toks, ranges), None, bool(delegated))
    if toks[j].text in {".", ";"} and j + 1 == len(toks) and (delegated or toks[j].text == "."):
        # "Giao Bộ X;" and a heading closed by a full stop ("2. Trung tâm Bảo tồn … .").
        return Subject(_spans(toks, ranges), None, bool(delegated))
    if toks[j].text == ":":
        if predicate_len(toks, j + 1, any_case=True):
            return Subject(_spans(toks, ranges), j + 1, bool(delegated))
        verb = _after_places(toks, j + 1) if is_collective(toks, ranges[-1][0]) else None
        if verb is None:
            return None
        # "các Đại sứ quán các nước: Trung Quốc, Ấn Độ lựa chọn …" (a heading when no verb)
        return Subject(_spans(toks, ranges), verb if verb < len(toks) else None, bool(delegated))
    passive = _phrase_len(toks, j, lex.passives)
    verb = predicate_len(toks, j + passive) if passive else 0
    after = j + passive + verb
    if verb and after < len(toks) and (toks[after].text[0].isalnum() or toks[after].text == ","):
        # "Bộ Y tế được giao chủ trì xây dựng Đề án …": assigned in the passive.
        return Subject(_spans(toks, ranges), j + passive, True)
    if not_predicate(toks, j):
        return None
    if predicate_len(toks, j) or (delegated and toks[j].text[0].islower()):
        return Subject(_spans(toks, ranges), j, bool(delegated))
    if toks[-1].text == ":" and not any(predicate_len(toks, k) for k in range(j, len(toks) - 1)):
        # "2. Ủy ban nhân dân các tỉnh … vùng đồng bằng sông Cửu Long:" — the whole line.
        ranges[-1] = (ranges[-1][0], len(toks) - 1)
        return Subject(_spans(toks, ranges), None)
    return None


@lru_cache(maxsize=1)
def _cooperation() -> re.Pattern[str]:
    return re.compile(
        r"(?:phối|phôi)\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(?:với|cùng|và))?\s+", re.IGNORECASE
    )


def coordinators(text: str, toks: list[Token], first: int) -> tuple[list[tuple[int, int]], int]:
    """Names after "phối hợp với" (and "Y phối hợp" after "X chủ trì,") from token ``first``.

    Returns the spans and the token index where the verb phrase proper starts: after a
    leading "chủ trì, phối hợp với Y, Z" the action is what follows the list.
    """
    found: list[tuple[int, int]] = []
    action = first
    j = first
    if j < len(toks) and fold(" ".join(t.text for t in toks[j : j + 2])) in {"chu tri", "chi tri"}:
        j += 2
        j += j < len(toks) and toks[j].text == ","
        ranges, k = name_list(toks, j)
        if ranges and k < len(toks) and fold(toks[k].text) in {"phoi", "cung"}:
            found += _spans(toks, ranges)
            action = k + 2 if fold(toks[k].text) == "phoi" else k
        else:
            m = _cooperation().match(text, toks[j].start) if j < len(toks) else None
            if m:
                k = j
                while k < len(toks) and toks[k].start < m.end():
                    k += 1
                ranges, after = name_list(toks, k)
                found += _spans(toks, ranges)
                action = after if ranges else j
            else:
                action = j
        action += action < len(toks) and toks[action].text == ","
    end = toks[-1].end if toks else 0
    for m in _cooperation().finditer(text, toks[action].start if action < len(toks) else end, end):
        k = next((x for x, t in enumerate(toks) if t.start >= m.end()), len(toks))
        ranges, _ = name_list(toks, k)
        found += [s for s in _spans(toks, ranges) if s not in found]
    return found, action


@lru_cache(maxsize=1)
def _report() -> re.Pattern[str]:
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in rules().report_heads)
    return re.compile(
        rf"(?<!\w)[bB]áo\s+cáo(?:\s+kết\s+quả(?:\s+thực\s+hiện)?)?(?:\s+(?:lên|với|về))?\s+(?=(?:{heads})(?!\w))"
    )


def report_to(text: str, start: int, end: int) -> str | None:
    """The receiver in "báo cáo Thủ tướng Chính phủ …", or ``None``."""
    m = _report().search(text, start, end)
    if not m:
        return None
    toks = tokenize(text, m.end(), min(end, m.end() + 200))
    if toks and fold(toks[0].text) == "cap":
        k = 1
        while k < len(toks) and toks[k].text[0].islower() and k < 4:
            k += 1
        return " ".join(t.text for t in toks[:k])
    stop = name_end(toks, 0) if toks else 0
    if stop == 0:
        return None
    # "Chính phủ, Thủ tướng Chính phủ": keep a following authority in the same list.
    if stop + 1 < len(toks) and toks[stop].text == ",":
        more = name_end(toks, stop + 1)
        if more > stop + 1:
            stop = more
    return re.sub(r"\s+", " ", text[toks[0].start : toks[stop - 1].end])
