"""Splitting a document body into list items and paragraphs ("blocks") with their level.

One pass over the lines: a line opening with a marker (``I.``, ``1.``, ``1.1.``, ``a)``,
``-``, ``+``) starts a block; other lines continue the block above unless a blank line or
a finished sentence comes first. Page furniture (page breaks, running headers, lone page
numbers, e-signature stamps) is skipped; the body ends at "Nơi nhận".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.tasks.lexicon import fold

# Ranks: a smaller rank is a higher heading. Paragraphs without a marker get UNMARKED.
ROMAN, ARTICLE, NUMBER, LETTER, PAREN, DASH, PLUS = 0, 1, 2, 6, 7, 8, 9
UNMARKED = 99

_MARKER = re.compile(
    r"[ \t]*(?:(?P<roman>[IVX]{1,4})\.(?=\s)"
    r"|(?P<article>Điều\s+\d{1,3}[a-zđ]?)\s*[.:]"
    r"|(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})[.)](?=\s)|(?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})(?=\s)"
    r"|(?P<letter>[a-zđ])\)|\((?P<paren>\d{1,2}|[a-zđ]|[ivx]{1,4})\)"
    r"|(?P<dash>[-–—~_•*>](?![-–—~_]))|(?P<plus>\+))[ \t]*"
)
_NOISE = re.compile(
    r"[ \t]*(?:---\s*PAGE BREAK\s*---|\d{1,3}|CÔNG BÁO/Số.*|(?:Ký bởi|Cơ quan|Ngày ký|Thời gian ký"
    r"|Email|Địa chỉ)\s*:.*|[-_—–=.*\s]*)[ \t]*$"
)
_END_OF_SENTENCE = (".", ":", ";", "!", "?")


@dataclass(slots=True)
class Block:
    """One list item or paragraph: ``text[start:end]`` after its marker, at ``rank``."""

    start: int
    end: int
    rank: int


def _rank(m: re.Match[str]) -> int:
    if m.group("roman"):
        return ROMAN
    if m.group("article"):
        return ARTICLE
    number = m.group("number") or m.group("dotted")
    if number:
        return NUMBER + number.count(".")
    if m.group("letter"):
        return LETTER
    if m.group("paren"):
        return PAREN
    return DASH if m.group("dash") else PLUS


def _is_end(line: str) -> bool:
    head = fold(line[:12].lstrip())
    return head.startswith(("noi nhan", "noi nhan")) or head.startswith("./.")


def _after_heading(block: str, line: str) -> bool:
    """``True`` when ``line`` is body text under an all-capitals heading ("IV. KIẾN NGHỊ")."""
    return block.isupper() and not line.isupper()


def split_blocks(text: str) -> list[Block]:
    """The blocks of ``text`` in text order."""
    blocks: list[Block] = []
    current: Block | None = None
    gap = False
    pos = 0
    length = len(text)
    while pos < length:
        nl = text.find("\n", pos)
        end = length if nl < 0 else nl
        line_start, pos = pos, end + 1
        if _NOISE.match(text, line_start, end):
            gap = True
            continue
        if _is_end(text[line_start:end]):
            break
        m = _MARKER.match(text, line_start, end)
        if m and m.end() < end:
            current = Block(m.end(), end, _rank(m))
            blocks.append(current)
            gap = False
            continue
        body = line_start + len(text[line_start:end]) - len(text[line_start:end].lstrip())
        first = text[body]
        if current is not None and (
            first.islower()
            or (
                not gap
                and not text[current.start : current.end].rstrip().endswith(_END_OF_SENTENCE)
                and not _after_heading(text[current.start : current.end], text[body:end])
            )
        ):
            current.end = end
        else:
            current = Block(body, end, UNMARKED)
            blocks.append(current)
        gap = False
    return blocks
