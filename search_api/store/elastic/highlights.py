"""Highlights from Elasticsearch, mapped back onto the original text.

The highlighter marks words in the *folded* text (``MARK_START``/``MARK_END`` around each
match). Folding keeps the length of NFC text, so a fragment found in the folded text gives
offsets into the original: the fragment is then cut from the original, HTML-escaped and
marked with ``<mark>`` (neighbouring words in one mark, as the embedded store does).
"""

from __future__ import annotations

import html

from search_api.store.elastic.documents import folded_text
from search_api.store.elastic.queries import MARK_END, MARK_START


def _locate(fragment: str, folded: str, start: int) -> tuple[int, list[tuple[int, int]]] | None:
    """Where a tagged fragment lies in ``folded`` and the spans it marks (absolute offsets)."""
    plain = fragment.replace(MARK_START, "").replace(MARK_END, "")
    where = folded.find(plain, start)
    if where == -1:
        where = folded.find(plain)
    if where == -1 or not plain:
        return None
    spans: list[tuple[int, int]] = []
    offset, opened = where, -1
    for char in fragment:
        if char == MARK_START:
            opened = offset
        elif char == MARK_END:
            if opened >= 0:
                spans.append((opened, offset))
            opened = -1
        else:
            offset += 1
    return where, _merge(folded, spans)


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join marks separated only by a space or two: "thi đua" is one mark, not two."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= 2 and text[merged[-1][1]:start].isspace():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def render(text: str, fragments: list[str]) -> list[str]:
    """HTML fragments of ``text`` for the highlighter's tagged fragments of its folded form."""
    folded = folded_text(text)
    if len(folded) != len(text):
        raise ValueError("text is not NFC: folded offsets would not carry over")
    rendered: list[str] = []
    cursor = 0
    for fragment in fragments:
        found = _locate(fragment, folded, cursor)
        if found is None:
            continue
        lo, spans = found
        hi = lo + len(fragment) - fragment.count(MARK_START) - fragment.count(MARK_END)
        cursor = hi
        parts, at = [], lo
        for start, end in spans:
            parts.append(html.escape(text[at:start]))
            parts.append("<mark>" + html.escape(text[start:end]) + "</mark>")
            at = end
        parts.append(html.escape(text[at:hi]))
        body = " ".join("".join(parts).split())
        before, after = text[:lo].strip(), text[hi:].strip()
        rendered.append(("…" if before else "") + body + ("…" if after else ""))
    return rendered
