"""Tasks written as table rows: "1 | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn".

Rows are lines with cells separated by " | " (the readers' table form). A row is a task when
one cell is wholly an agency name and the cell before it holds the action.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.record import Deadline
from nlp.tasks.names import name_list
from nlp.tasks.words import tokenize
from nlp.temporal import parse_temporal

_ROW = re.compile(r"^[^\n|]*(?:\|[^\n|]*){3,}$", re.MULTILINE)
_CELL = re.compile(r"[^|]+")


def _only_names(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Character spans of the names filling ``text[start:end]``; ``None`` if it holds more."""
    toks = tokenize(text, start, end)
    if not toks:
        return []
    ranges, stop = name_list(toks, 0)
    if not ranges or stop < len(toks):
        return None
    return [(toks[a].start, toks[b - 1].end) for a, b in ranges]


def table_rows(
    text: str, *, issued_date: str | None
) -> Iterator[
    tuple[int, int, list[tuple[int, int]], list[tuple[int, int]], tuple[int, int], Deadline | None]
]:
    """(start, end, lead spans, co-ordinator spans, action span, deadline) per task row."""
    if "|" not in text:
        return
    for row in _ROW.finditer(text):
        cells = [(m.start(), m.end()) for m in _CELL.finditer(text, row.start(), row.end())]
        cells = [
            (
                a + len(text[a:b]) - len(text[a:b].lstrip()),
                b - len(text[a:b]) + len(text[a:b].rstrip()),
            )
            for a, b in cells
        ]
        for index in range(1, len(cells) - 1):
            action = cells[index - 1]
            if action[1] - action[0] < 8 or text[action[0] : action[1]].isdigit():
                continue
            leads = _only_names(text, *cells[index])
            if not leads:
                continue
            coords = _only_names(text, *cells[index + 1]) or []
            deadline = None
            for a, b in cells[index + 1 :]:
                found = parse_temporal(text[a:b], issued_date=issued_date)
                if found is not None:
                    found.start, found.end = a, b
                    deadline = found
                    break
            yield row.start(), row.end(), leads, coords, action, deadline
            break
