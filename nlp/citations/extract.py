"""``extract_citations``: every reference to another document, by number or by name."""

from __future__ import annotations

import bisect
import re

from nlp.citations.context import (
    basis_spans,
    number_key,
    read_date,
    read_issuer,
    role_of,
    symbol_type,
    title_key,
)
from nlp.citations.lexicon import Lexicon, lexicon
from nlp.citations.names import read_name
from nlp.record import Citation

_SPACE = re.compile(r"\s+")
_HEAD_WINDOW = 3000
_TYPE_WINDOW = 45
# A heading of an attached list or regulation that names the document itself.
_SELF_ATTACHED = re.compile(r"(?i:\(\s*(?:ban\s+hành\s+)?kèm\s+theo)[^()]{0,40}$")


def _clean_number(raw: str) -> str:
    number = _SPACE.sub("", raw).replace("–", "-")
    return number.replace("TƯ", "TW")


def own_key(text: str, lex: Lexicon) -> str | None:
    """Key of the document's own number ("Số: 63/TB-VPCP" in the header), if printed."""
    match = lex.own_number.search(text, 0, _HEAD_WINDOW)
    return number_key(_clean_number(match.group(1))) if match else None


def _numbered(text: str, lex: Lexicon, own: str | None) -> list[Citation]:
    found: list[Citation] = []
    for match in lex.number.finditer(text):
        raw = match.group(0)
        if "/" not in raw:
            continue
        start = match.start()
        before = text[max(0, start - _TYPE_WINDOW) : start]
        if lex.not_document_before.search(before):
            continue
        number = _clean_number(raw)
        key = number_key(number)
        if key == own or (own is None and _SELF_ATTACHED.search(before)):
            continue
        doc_type = symbol_type(number, lex)
        type_match = lex.type_before.search(before)
        if type_match:
            start = start - len(before) + type_match.start(1)
            code = lex.type_codes.get(_SPACE.sub(" ", type_match.group(1)).lower())
            if code is not None:
                doc_type = code
        end, issued, issuer = _after(text, match.end(), lex)
        found.append(
            Citation(
                text[start:end], number, doc_type, issued, issuer, "reference", start, end, key=key
            )
        )
    return found


def _after(text: str, pos: int, lex: Lexicon) -> tuple[int, str | None, str | None]:
    """Date and issuer written right after a citation: (end, issued_date, issuer)."""
    issued, pos = read_date(text, pos, lex)
    issuer, pos2 = read_issuer(text, pos, lex)
    if issuer is not None and issued is None:
        issued, pos2 = read_date(text, pos2, lex)
    return pos2, issued, issuer


def _named(text: str, lex: Lexicon, numbered: list[Citation]) -> list[Citation]:
    starts = [c.start for c in numbered]
    found: list[Citation] = []
    last_end = 0
    for match in lex.named.finditer(text):
        start = match.start()
        if start < last_end or lex.draft_before.search(text, max(0, start - 20), start):
            continue
        if match.group("party"):
            title_end = match.end()
            doc_type: str | None = "nghi_quyet"
        else:
            head = _SPACE.sub(" ", match.group("head"))
            title_end = read_name(text, match.end(), head, lex)
            if title_end <= match.end():
                continue
            doc_type = lex.head_codes[head.lower()]
        last_end = title_end
        title = _SPACE.sub(" ", text[start:title_end]).strip(" ,")
        number_at = lex.number_after.match(text, title_end)
        target = _find_numbered(numbered, starts, number_at.end()) if number_at else None
        if target is not None:
            target.text = text[start : target.end]
            target.start, target.title, target.doc_type = start, title, doc_type
            continue
        if _inside(numbered, starts, start):
            continue
        end, issued, issuer = _after(text, title_end, lex)
        found.append(
            Citation(
                text[start:end],
                None,
                doc_type,
                issued,
                issuer,
                "reference",
                start,
                end,
                key=title_key(title),
                title=title,
            )
        )
    return found


def _find_numbered(numbered: list[Citation], starts: list[int], pos: int) -> Citation | None:
    """The numbered citation whose number begins at ``pos`` (its type word may precede)."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and numbered[i].start <= pos < numbered[i].end:
        return numbered[i]
    return None


def _inside(numbered: list[Citation], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and numbered[i].start <= pos < numbered[i].end


def _drop_described(text: str, citations: list[Citation], lex: Lexicon) -> list[Citation]:
    """Leave out laws named in the subject of the citation just before them."""
    kept: list[Citation] = []
    for citation in citations:
        prev = kept[-1] if kept else None
        if (
            citation.number is None
            and prev is not None
            and prev.number is not None
            and lex.description_gap.match(text[prev.end : citation.start])
        ):
            continue
        kept.append(citation)
    return kept


def extract_citations(text: str) -> list[Citation]:
    """Every reference to another document in ``text``, in text order.

    >>> [c.number for c in extract_citations("Căn cứ Nghị định số 91/2017/NĐ-CP;")]
    ['91/2017/NĐ-CP']
    """
    lex = lexicon()
    own = own_key(text, lex)
    numbered = _numbered(text, lex, own)
    citations = _drop_described(
        text, sorted(numbered + _named(text, lex, numbered), key=lambda c: c.start), lex
    )
    spans = basis_spans(text, lex)
    prev_end = 0
    for citation in citations:
        citation.role = role_of(text, citation.start, prev_end, spans, lex)
        prev_end = citation.end
    return citations
