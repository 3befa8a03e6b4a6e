"""``extract_awards``: who was awarded what in an award decision, and the count check."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp.awards.forms import Form, find_forms
from nlp.awards.grants import Grant, article_grants, prose_grants
from nlp.awards.lexicon import AwardLexicon, lexicon
from nlp.awards.lists import Entry, ListParser
from nlp.awards.recipients import clean, from_item, split_reason
from nlp.record import Award, Table

_SENTENCE_END = re.compile(r"\(|\./\.|[.;:]?[ \t]*\n|[.;:][ \t]*$|:")
_INLINE = re.compile(r"\s+cho\s+(?!\d|các\b|những\b|tập\s+thể\b|cá\s+nhân\b|:)")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class AwardResult:
    """The awards found, in text order, and warnings (``award_count_mismatch: …``)."""

    awards: list[Award] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _inline(text: str, grant: Grant, lex: AwardLexicon) -> list[Entry]:
    """A recipient written in the article itself: "Tặng … cho Ông Nguyễn Văn A, …, đã có …"."""
    match = _INLINE.match(text, grant.form.end)
    if not match:
        return []
    stop = _SENTENCE_END.search(text, match.end(), grant.body_start + 1)
    end = stop.start() if stop else grant.body_start
    raw = text[match.end() : end]
    item, reason = split_reason(raw, lex)
    if not clean(item):
        return []
    recipient = from_item(item, None, lex)
    return [
        Entry(recipient, grant.form, reason, None, match.end(), match.end() + len(item.rstrip()))
    ]


def _grant_for(entry: Entry, grants: list[Grant]) -> Grant:
    if entry.group is not None:
        for grant in grants:
            if entry.group in grant.stated:
                return grant
    return grants[0]


def _written_form(text: str, form: Form, written: dict[str, str]) -> str:
    """An upper-case heading's form, written the way the articles write it (the longest
    article form found at the same place of the heading line)."""
    if not form.text.isupper():
        return form.text
    line_end = text.find("\n", form.start)
    rest = _SPACE.sub(" ", text[form.start : line_end if line_end >= 0 else len(text)]).lower()
    matches = [w for low, w in written.items() if rest.startswith(low)]
    if matches:
        return max(matches, key=len)
    return form.text[:1] + form.text[1:].lower()


def _table_entries(text: str, tables: Sequence[Table], lex: AwardLexicon) -> list[Entry]:
    """Rows of tables the reader passed but the text does not hold as " | " rows."""
    lines = "\n".join(" | ".join(row) for table in tables for row in table.rows)
    entries = ListParser(lines, lex).parse(0, len(lines))
    located: list[Entry] = []
    pos = 0
    for entry in entries:
        at = text.find(entry.recipient.name, pos)
        if at < 0:
            continue
        pos = at + len(entry.recipient.name)
        entry.start, entry.end = at, pos
        located.append(entry)
    return located


def extract_awards(text: str, tables: Sequence[Table] = ()) -> AwardResult:
    """Awards granted by a decision ("Điều 1. Tặng Bằng khen … cho …" and its lists)."""
    lex = lexicon()
    if not lex.cue.search(text):
        return AwardResult()
    grants = article_grants(text, lex)
    grants = sorted(grants + prose_grants(text, lex, grants), key=lambda g: g.form.start)
    if not grants:
        return AwardResult()
    entries: list[Entry] = []
    owners: dict[int, Grant] = {}  # id(entry) -> the grant whose sentence or body holds it
    for grant in grants:
        inline = _inline(text, grant, lex)
        if inline and not grant.stated:
            grant.stated = {inline[0].recipient.kind: len(inline)}
        parser = ListParser(text, lex)
        parser.form = grant.form
        own = [*inline, *parser.parse(grant.body_start, grant.end)]
        owners.update((id(entry), grant) for entry in own)
        entries.extend(own)
    for match in lex.list_start.finditer(text):
        nxt = lex.list_start.search(text, match.end())
        entries.extend(
            ListParser(text, lex).parse(match.start(), nxt.start() if nxt else len(text))
        )
    if not entries and tables:
        entries = _table_entries(text, tables, lex)
    written = {
        f.text.lower(): f.text
        for g in grants
        for f in find_forms(text, g.form.start, g.body_start, lex)
        if not f.text.isupper()
    }
    awards: list[Award] = []
    for entry in entries:
        grant = owners.get(id(entry)) or _grant_for(entry, grants)
        form = entry.form or grant.form
        awards.append(
            Award(
                entry.recipient,
                _written_form(text, form, written),
                form.kind,
                form.grade,
                entry.reason or grant.reason,
                entry.start,
                entry.end,
            )
        )
    warnings: list[str] = []
    if all(g.stated for g in grants):
        stated = sum(sum(g.stated.values()) for g in grants)
        if stated != len(awards):
            warnings.append(f"award_count_mismatch: stated {stated}, found {len(awards)}")
    return AwardResult(sorted(awards, key=lambda a: a.start), warnings)
