"""Assigned tasks with assignees, co-ordinators, actions and deadlines.

One pass over the body's blocks (list items and paragraphs, see ``blocks``): a clause that
names its assignee ("Giao Bộ X chủ trì …", "Bộ Y khẩn trương …") starts a task; a list item
under a heading ("2. Bộ Công an:") or an intro ("các bộ, ngành cần … sau đây:") that opens
with a verb is a task of that heading's assignee; other clauses continue the task above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.record import Task
from nlp.tasks.action import STRIP, action_text
from nlp.tasks.agency import canonical
from nlp.tasks.blocks import LETTER, UNMARKED, Block, no_task_blocks, split_blocks
from nlp.tasks.clauses import coordinators, report_to, subject
from nlp.tasks.lexicon import fold, rules
from nlp.tasks.openers import done_by, opened_subject, opened_verb
from nlp.tasks.shared import expand_shared
from nlp.tasks.table import table_rows
from nlp.tasks.words import Token, abbreviations, predicate_len, tokenize
from nlp.temporal import document_year, find_deadline

__all__ = ["extract_tasks"]

_CLAUSE_END = re.compile(r"(?<=[.;])\s+(?=\S)")
_SPACES = re.compile(r"\s+")
_INTRO_VERBS = (
    "can",
    "phai",
    "co trach nhiem",
    "tap trung",
    "khan truong",
    "thuc hien",
    "trien khai",
    "chu tri",
    "tiep tuc",
)
_FOLLOWING = re.compile(r"\b(?:nhu sau|sau day|sau)\s*:\s*$")


@dataclass(slots=True)
class _Draft:
    names: list[str]
    start: int
    action: int
    end: int


@dataclass(slots=True)
class _Level:
    rank: int
    names: list[str] | None = None
    draft: _Draft | None = None
    barrier: bool = False
    drafts: list[_Draft] = field(default_factory=list)


@lru_cache(maxsize=1)
def _start_regex() -> re.Pattern[str]:
    """Cheap test: can a clause starting here name an assignee?"""
    lex = rules()
    words = [" ".join(h) for h in lex.heads] + ["các", "giao", "yêu cầu", "đề nghị", "phân công"]
    words += sorted(abbreviations())
    alt = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(
        rf"\s*(?:(?:Trong|Trước|Chậm\s+nhất|Từ)[^,:\n]{{0,40}}[,:]\s*)?"
        rf"(?:(?:Đồng\s+thời|Bên\s+cạnh\s+đó|Ngoài\s+ra)\s*,?\s*)?(?:{alt})(?!\w)",
        re.IGNORECASE,
    )


def _clauses(text: str, block: Block) -> list[tuple[int, int]]:
    cuts = [m.end() for m in _CLAUSE_END.finditer(text, block.start, block.end)]
    starts = [block.start, *cuts]
    ends = [*cuts, block.end]
    return list(zip(starts, ends, strict=True))


def _names(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [n for a, b in spans for n in expand_shared(_SPACES.sub(" ", text[a:b]))]


def _verb_start(toks: list[Token]) -> int | None:
    """Token index of the verb opening an inherited list item, or ``None``."""
    i = 0
    lead = rules().leadins
    while i < len(toks) and i < 3 and (fold(toks[i].text) in lead or toks[i].text == ","):
        i += 1
    return i if predicate_len(toks, i, any_case=True) else None


def _intro(text: str, start: int, end: int) -> list[str] | None:
    """Assignees an intro hands to the items below: "…, các bộ, ngành cần … sau đây:"."""
    low = fold(text[max(start, end - 80) : end])
    if not low.rstrip().endswith(":") or "sau" not in low:
        return None
    for m in re.finditer(r"(?:^|,|\.)\s*", text[start:end]):
        toks = tokenize(text, start + m.end(), end)
        found = subject(text, toks) if toks else None
        if found and found.action is not None:
            verb = fold(" ".join(t.text for t in toks[found.action : found.action + 2]))
            if found.delegated or verb.startswith(_INTRO_VERBS):
                return _names(text, found.names)
    return None


def _is_caps_heading(text: str, block: Block) -> bool:
    """An all-capitals heading without an agency ("II. TỔ CHỨC THỰC HIỆN")."""
    head = text[block.start : min(block.end, block.start + 120)]
    return head.isupper() and not _start_regex().match(head)


def _finish(text: str, draft: _Draft, issued_date: str | None, year: int | None) -> Task | None:
    end = draft.end
    while end > draft.action and text[end - 1] in STRIP:
        end -= 1
    body = text[draft.start : end]
    if rules().not_tasks.search(body):
        return None
    toks = tokenize(text, draft.action, end)
    if not toks:
        return None
    coords, first = coordinators(text, toks, 0)
    action_start = toks[first].start if first < len(toks) else end
    deadline = find_deadline(
        text[draft.start : end], issued_date=issued_date, offset=draft.start, year=year
    )
    action = action_text(text, action_start, end, deadline)
    if not action:
        return None
    raw = draft.names
    return Task(
        assignees=_unique(canonical(n) for n in raw),
        coordinators=_unique(canonical(n) for n in _names(text, coords)),
        action=action,
        deadline=deadline,
        report_to=report_to(text, draft.action, end),
        start=draft.start,
        end=end,
        assignees_raw=list(raw),
    )


def _unique(names: object) -> list[str]:
    out: list[str] = []
    for n in names:  # type: ignore[attr-defined]
        if n and n not in out:
            out.append(n)
    return out


def extract_tasks(text: str, *, issued_date: str | None) -> list[Task]:
    """The tasks assigned in ``text``, in text order (offsets into ``text``)."""
    drafts: list[_Draft] = []
    stack: list[_Level] = []
    last_rank = -1
    starts = _start_regex()
    blocks = split_blocks(text)
    skipped = no_task_blocks(text, blocks)
    for number, block in enumerate(blocks):
        if number in skipped:
            continue
        marked = block.rank != UNMARKED
        if marked:
            while stack and stack[-1].rank >= block.rank:
                stack.pop()
            last_rank = block.rank
        context = next((lv for lv in reversed(stack) if lv.names or lv.draft or lv.barrier), None)
        ends_colon = text[block.start : block.end].rstrip().endswith(":")
        level = _Level(block.rank)
        if _is_caps_heading(text, block):
            level.barrier = True
            stack.append(level) if marked else None
            continue
        current: _Draft | None = None
        pending: tuple[int, list[str]] | None = None
        for index, (cs, ce) in enumerate(_clauses(text, block)):
            found = None
            if starts.match(text, cs, ce):
                toks = tokenize(text, cs, ce)
                found = subject(text, toks)
                if found is not None and found.action is None:
                    if index == 0 and (ends_colon or block.rank <= LETTER):
                        level.names = _names(text, found.names)
                    if found.delegated and text[cs:ce].rstrip().endswith(";"):
                        pending = (cs, _names(text, found.names))
                    continue
            if found is None and (opened := opened_subject(text, cs, ce)) is not None:
                cs, toks, found = opened
            elif found is None and (later := done_by(text, cs, ce)) is not None:
                toks, found = later
            if found is not None and found.action is not None:
                if rules().not_tasks.search(text[cs:ce]):
                    current = None  # the closing article hands nothing down to an annex
                    continue
                names = _names(text, found.names)
                if ends_colon and ce >= block.end and _FOLLOWING.search(fold(text[cs:ce])):
                    level.names = _intro(text, cs, ce)
                    continue
                if pending is not None:
                    # "đề nghị các cơ quan …; các sở, ban, ngành … treo cờ": one list.
                    cs, names = pending[0], pending[1] + names
                current = _Draft(names, cs, toks[found.action].start, ce)
                drafts.append(current)
                level.names = level.names or names
            elif current is not None:
                current.end = ce
            elif index == 0 and context is not None and context.draft is not None:
                context.draft.end = block.end
                current = None
                break
            elif index == 0 and context is not None and context.names and not context.barrier:
                head = tokenize(text, cs, min(ce, cs + 80))
                verb = _verb_start(head)
                verb_at = head[verb].start if verb is not None else opened_verb(text, cs, ce)
                if verb_at is not None and not (
                    ends_colon
                    and len(_clauses(text, block)) == 1
                    and fold(text[ce - 12 : ce]).find("sau") >= 0
                ):
                    current = _Draft(list(context.names), cs, verb_at, ce)
                    drafts.append(current)
        if ends_colon and current is not None and current.end >= block.end:
            level.names, level.draft = None, current
        elif ends_colon and level.names is None:
            intro = _intro(text, block.start, block.end)
            if intro:
                level.names = intro
            elif current is not None:
                level.draft = current
            else:
                level.barrier = True
        if not marked and not ends_colon:
            # A paragraph's own task hands nothing to the items below it ("Thủ tướng Chính
            # phủ ban hành Quyết định …" before the articles).
            level.names = None
        if marked:
            stack.append(level)
        elif level.names or level.barrier:
            level.rank = last_rank
            while stack and stack[-1].rank > last_rank:
                stack.pop()
            stack.append(level)
    year = None if issued_date else document_year(text)
    tasks = [_finish(text, d, issued_date, year) for d in drafts]
    tasks += _table_tasks(text, issued_date)
    return sorted((t for t in tasks if t is not None), key=lambda t: t.start)


def _table_tasks(text: str, issued_date: str | None) -> list[Task | None]:
    out: list[Task | None] = []
    for start, end, leads, coords, (a, b), deadline in table_rows(text, issued_date=issued_date):
        raw = _names(text, leads)
        out.append(
            Task(
                assignees=_unique(canonical(n) for n in raw),
                coordinators=_unique(canonical(n) for n in _names(text, coords)),
                action=_SPACES.sub(" ", text[a:b]).strip(STRIP),
                deadline=deadline,
                report_to=report_to(text, a, b),
                start=start,
                end=end,
                assignees_raw=raw,
            )
        )
    return out
