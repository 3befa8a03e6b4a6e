"""Recipient lists: numbered lines, bullets and " | " table rows, with group headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.awards.forms import Form, find_forms
from nlp.awards.lexicon import AwardLexicon
from nlp.awards.recipients import clean, from_cells, from_item, group_of, split_reason
from nlp.record import AwardRecipient

_LINE = re.compile(r"[^\n]+")
_ITEM = re.compile(r"^[ \t]*(?:\d{1,4}[.)]|[-–•+*]|[a-zđ][.)])[ \t]+(?=\S)")
_HEADING = re.compile(r"^[ \t]*(?:[IVX]{1,5}|[A-D])[.)/][ \t]*(?=\S)")
_NUMERIC = re.compile(r"^(?:\d{1,4}|[IVX]{1,5}|[A-D])\.?$")
_END = re.compile(r"^[ \t]*(?:N[ơo]i nhận|[ĐÐD]i[ềe]u\s+\d+)")
_TERMINATED = (";", ".", "./.")
_INDEX_HEADS = frozenset({"stt", "tt", "số tt"})


@dataclass(slots=True)
class Entry:
    """A recipient found in a list, with what the list says around it."""

    recipient: AwardRecipient
    form: Form | None
    reason: str | None
    group: str | None
    start: int
    end: int


@dataclass(slots=True)
class _Columns:
    name: int = -1
    position: int = -1
    unit: int = -1
    form: int = -1
    reason: int = -1


def _columns(cells: list[str]) -> _Columns | None:
    """Column roles read from a header row ("STT | Họ và tên | Chức vụ, đơn vị"), else None."""
    low = [c.lower() for c in cells]
    if not any(c in _INDEX_HEADS or "họ và tên" in c or "họ tên" in c for c in low):
        return None
    cols = _Columns()
    for i, c in enumerate(low):
        unitish = "đơn vị" in c or "nơi công tác" in c or "cơ quan" in c
        if c in _INDEX_HEADS:
            continue
        if "hình thức" in c or "danh hiệu" in c:
            cols.form = i
        elif "thành tích" in c or "lý do" in c:
            cols.reason = i
        elif "chức vụ" in c:
            cols.position = i
        elif unitish and cols.name >= 0:
            cols.unit = i
        elif cols.name < 0:
            cols.name = i
    return cols


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    pos = 0
    for part in line.split("|"):
        stripped = part.strip()
        start = offset + pos + (len(part) - len(part.lstrip()))
        out.append((stripped, start, start + len(stripped)))
        pos += len(part) + 1
    if out and not out[0][0]:
        out = out[1:]
    if out and not out[-1][0]:
        out = out[:-1]
    return out


def _is_group_heading(body: str, lex: AwardLexicon) -> bool:
    """A line that only names a group ("1. Tập thể", "2. Cá nhân:", "| Các tập thể |")."""
    body = clean(body).rstrip(":").lower()
    if body.startswith("các "):
        body = body[4:]
    return body in lex.collective_words or body in lex.person_words


class ListParser:
    """Reads the recipients of one region (an article's body or an attached list)."""

    def __init__(self, text: str, lex: AwardLexicon) -> None:
        self.text, self.lex = text, lex
        self.entries: list[Entry] = []
        self.group: str | None = None
        self.form: Form | None = None
        self.columns: _Columns | None = None
        self._item: tuple[int, int] | None = None

    def _flush(self) -> None:
        if self._item is None:
            return
        start, end = self._item
        self._item = None
        raw = self.text[start:end]
        item, reason = split_reason(raw, self.lex)
        item = clean(item)
        if not item or len(item) < 3:
            return
        recipient = from_item(item, self.group, self.lex)
        lead = len(raw) - len(raw.lstrip())
        self.entries.append(
            Entry(
                recipient,
                self.form,
                reason,
                self.group,
                start + lead,
                start + lead + len(clean(raw)),
            )
        )

    def _row(self, line: str, offset: int) -> None:
        cells = _cells(line, offset)
        texts = [c[0] for c in cells]
        columns = _columns(texts)
        if columns is not None:
            self.columns = columns
            self.group = group_of(texts[columns.name], self.lex) if columns.name >= 0 else None
            return
        words = [t for t in texts if t and not _NUMERIC.match(t)]
        if len(words) == 1 and _is_group_heading(words[0], self.lex):
            self.group = group_of(words[0], self.lex)
            return
        cols = self.columns or _Columns()
        name_i = (
            cols.name
            if 0 <= cols.name < len(cells)
            else next((i for i, t in enumerate(texts) if t and not _NUMERIC.match(t)), -1)
        )
        if name_i < 0:
            return

        def cell(i: int) -> str | None:
            return texts[i] if 0 <= i < len(texts) and texts[i] else None

        position = cell(cols.position)
        if self.columns is None:
            rest = [t for i, t in enumerate(texts) if i > name_i and t]
            position = ", ".join(rest) or None
        recipient = from_cells(texts[name_i], position, cell(cols.unit), self.group, self.lex)
        form = self.form
        form_cell = cell(cols.form)
        if form_cell:
            found = find_forms(self.text, cells[cols.form][1], cells[cols.form][2], self.lex)
            form = found[0] if found else form
        start = cells[name_i][1]
        self.entries.append(
            Entry(recipient, form, cell(cols.reason), self.group, start, cells[-1][2])
        )

    def parse(self, start: int, end: int) -> list[Entry]:
        """Parse the lines between ``start`` and ``end``."""
        for match in _LINE.finditer(self.text, start, end):
            line = match.group(0)
            if not line.strip():
                continue
            if _END.match(line):
                break
            if "|" in line:
                self._flush()
                self._row(line, match.start())
                continue
            heading = _HEADING.match(line)
            item = _ITEM.match(line)
            if heading or (not item and self._item is None and line.strip().isupper()):
                self._flush()
                body = line[heading.end() :] if heading else line
                self.group = group_of(body, self.lex) or self.group
                forms = find_forms(self.text, match.start(), match.end(), self.lex)
                self.form = forms[0] if forms else self.form
                continue
            if item and _is_group_heading(line[item.end() :], self.lex):
                self._flush()
                self.group = group_of(line[item.end() :], self.lex)
                continue
            if item:
                self._flush()
                self._item = (match.start() + item.end(), match.end())
                continue
            if self._item is not None and not self.text[: self._item[1]].rstrip().endswith(
                _TERMINATED
            ):
                self._item = (self._item[0], match.end())
        self._flush()
        return self.entries
