"""Granting sentences: an article "Điều 1. Tặng <form> cho 05 tập thể và 04 cá nhân, <reason>"
or the same words in running prose, at the start of a line or of a list item, without "Điều
N." ("Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 05 tập thể và 04 cá nhân đã có
thành tích …:" followed by the list).

A prose grant needs its verb with a capital at the start of a line (so that "đã tặng Giấy
khen cho 46 tập thể" in a report is no grant), the form right after the verb ("Công nhận danh
hiệu Lao động tiên tiến") and "cho" before the end of its sentence; it is read only before an
attached list ("DANH SÁCH") and outside an article's grant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.awards.forms import Form, find_forms
from nlp.awards.lexicon import AwardLexicon
from nlp.awards.recipients import clean

_GAP = re.compile(r"\s*(?:(?i:danh\s+hiệu)\s+)?")
_CHO = re.compile(r"(?<![\wÀ-ỹ])cho(?![\wÀ-ỹ])")
_LIST_OPENER = re.compile(r"[,\s]*(?:gồm(?:\s+các\s+\S+)?|như\s+sau|sau\s+đây)\s*$")
_PROSE_END = re.compile(
    r"[.:;][ \t]*(?=\n|$)|\n[ \t]*\n|\n(?=[ \t]*(?:\d{1,3}[.)]|[-–•+]|[IVX]{1,5}[.)])[ \t])"
)


@dataclass(slots=True)
class Grant:
    """One granting sentence: its first form, the counts it states, its reason, where its
    list may begin (``body_start``) and where its region ends."""

    form: Form
    stated: dict[str, int]
    reason: str | None
    body_start: int
    end: int


def _stated(sentence: str, lex: AwardLexicon) -> dict[str, int]:
    counts: dict[str, int] = {}
    for match in lex.count.finditer(sentence):
        kind = "person" if "cá" in match.group(2) else "collective"
        counts[kind] = counts.get(kind, 0) + int(match.group(1))
    return counts


def _grant(text: str, form: Form, first: int, end: int, lex: AwardLexicon) -> Grant:
    sentence = text[form.end : first]
    reason = lex.reason.search(sentence)
    return Grant(
        form, _stated(sentence, lex), clean(reason.group(0)) if reason else None, first, end
    )


def _prose_grant(text: str, form: Form, first: int, end: int, lex: AwardLexicon) -> Grant:
    """A prose grant's sentence may wrap: its reason runs over the line breaks, up to the
    words that open the list ("…, gồm:", "… như sau:")."""
    grant = _grant(text, form, first, end, lex)
    sentence = text[form.end : first].replace("\n", " ")
    reason = lex.reason.search(sentence)
    if reason:
        grant.reason = clean(_LIST_OPENER.sub("", reason.group(0)))
    return grant


def _list_limit(text: str, lex: AwardLexicon) -> int:
    lists = lex.list_start.search(text)
    return lists.start() if lists else len(text)


def article_grants(text: str, lex: AwardLexicon) -> list[Grant]:
    """Grants in articles: "Điều 1. Tặng …" up to the next article or the attached list."""
    heads = list(lex.article.finditer(text))
    limit = _list_limit(text, lex)
    grants: list[Grant] = []
    for i, head in enumerate(heads):
        verb = lex.grant.match(text, head.end())
        if not verb:
            continue
        end = heads[i + 1].start() if i + 1 < len(heads) else limit
        end = max(min(end, limit), verb.end())
        line_end = text.find("\n", verb.end(), end)
        first = line_end if line_end > 0 else end
        forms = find_forms(text, verb.end(), first, lex)
        if forms:
            grants.append(_grant(text, forms[0], first, end, lex))
    return grants


def prose_grants(text: str, lex: AwardLexicon, taken: list[Grant]) -> list[Grant]:
    """Grants written without "Điều N." outside the regions of the grants ``taken``."""
    limit = _list_limit(text, lex)
    regions = [(g.form.start, g.end) for g in taken]
    found: list[tuple[int, Form, int]] = []
    for verb in lex.prose_grant.finditer(text, 0, limit):
        if any(a <= verb.start() < b for a, b in regions):
            continue
        stop = _PROSE_END.search(text, verb.end(), limit)
        first = stop.start() if stop else limit
        forms = find_forms(text, verb.end(), first, lex)
        gap = _GAP.match(text, verb.end())
        if not forms or gap is None or forms[0].start != gap.end():
            continue
        if not _CHO.search(text, forms[0].end, first):
            continue
        found.append((verb.start(), forms[0], first))
    heads = sorted([m.start() for m in lex.article.finditer(text)] + [f[0] for f in found])
    grants: list[Grant] = []
    for start, form, first in found:
        end = next((h for h in heads if h > start), limit)
        grants.append(_prose_grant(text, form, first, max(min(end, limit), first), lex))
    return grants
