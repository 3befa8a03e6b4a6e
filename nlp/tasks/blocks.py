"""Splitting a document body into list items and paragraphs ("blocks") with their level.

One pass over the lines: a line opening with a marker (``I.``, ``1.``, ``1.1.``, ``a)``,
``-``, ``+``) starts a block; other lines continue the block above unless a blank line or
a finished sentence comes first. Page furniture (page breaks, running headers, lone page
numbers, e-signature stamps) is skipped; the body ends at "Nơi nhận".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.tasks.lexicon import fold, rules
from nlp.tasks.words import dash_joints, predicate_len, tokenize

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
_LAST_WORD = re.compile(r"(\w+)[ \t]*\n$")
_FIRST_WORD = re.compile(r"(\w+)")
_END_OF_SENTENCE = (".", ":", ";", "!", "?")
# A heading line shorter than this share of the text width is not wrapped text.
_SHORT = 0.7


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


def _name_wraps(text: str, line_start: int, body: int) -> bool:
    """``True`` when the dash opening the line at ``line_start`` joins a known name across
    the line break."""
    before = _LAST_WORD.search(text, max(0, line_start - 30), line_start)
    after = _FIRST_WORD.match(text, body)
    if before is None or after is None:
        return False
    return (fold(before.group(1)), fold(after.group(1))) in dash_joints()


def _verb_after_heading(text: str, block: Block, body: int, end: int) -> bool:
    """``True`` when ``text[body:end]`` opens with a capitalised task verb under a one-line
    numbered heading ("13. Tổng Công ty Điện lực Hà Nội" / "Chủ trì, xây dựng …")."""
    if block.rank == UNMARKED or not text[body].isupper() or "\n" in text[block.start : block.end]:
        return False
    toks = tokenize(text, body, min(end, body + 40))
    return predicate_len(toks, 0, any_case=True) > 0


def _wrap_width(text: str) -> int | None:
    """The width the lines of a hard-wrapped text fill (``None`` for a short text)."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if len(line.strip()) > 20)
    return lengths[3 * len(lengths) // 4] if len(lengths) >= 10 else None


def _short_heading(text: str, block: Block, width: int | None) -> bool:
    """``True`` for a one-line numbered heading that ends well before the text width ("4.
    Trách nhiệm phối hợp trong tổ chức thực hiện"): a capitalised line after it starts a
    paragraph of its own ("Các Bộ: Y tế, … có trách nhiệm …")."""
    if width is None or block.rank == UNMARKED or "\n" in text[block.start : block.end]:
        return False
    line_start = text.rfind("\n", 0, block.start) + 1
    return len(text[line_start : block.end].rstrip()) < _SHORT * width


def split_blocks(text: str) -> list[Block]:
    """The blocks of ``text`` in text order."""
    width = _wrap_width(text)
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
        if m and m.group("dash") and current is not None and _name_wraps(text, line_start, m.end()):
            m = None  # "… Bộ Lao động\n– Thương binh và Xã hội": a name wrapped at its dash
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
                and not _verb_after_heading(text, current, body, end)
                and not _short_heading(text, current, width)
            )
        ):
            current.end = end
        else:
            current = Block(body, end, UNMARKED)
            blocks.append(current)
        gap = False
    return blocks


_FIRST_ARTICLE = re.compile(r"Điều\s+1\s*[.:]")


def _enacting_formula(text: str, blocks: list[Block]) -> int | None:
    """Index of the paragraph that enacts the document ("Chính phủ ban hành Nghị quyết …",
    "Bộ trưởng … ban hành Thông tư …"): the last paragraph before the first article when
    that article is "Điều 1", past a capitals line ("QUYẾT NGHỊ:")."""
    for k, block in enumerate(blocks):
        if block.rank != ARTICLE:
            continue
        marker = text[text.rfind("\n", 0, block.start) + 1 : block.start].strip()
        if not _FIRST_ARTICLE.fullmatch(marker):
            return None
        for before in range(k - 1, -1, -1):
            if blocks[before].rank != UNMARKED:
                return None
            if not text[blocks[before].start : blocks[before].end].isupper():
                return before
        return None
    return None


def no_task_blocks(text: str, blocks: list[Block]) -> set[int]:
    """Indices of the blocks that assign nothing: the enacting formula (the document's own
    preamble) and the articles that lay down a procedure, title and body ("Điều 3. Trình tự,
    thủ tục thực hiện" / "a) Cơ quan bảo hiểm xã hội lập danh sách …")."""
    skipped: set[int] = set()
    formula = _enacting_formula(text, blocks)
    if formula is not None:
        skipped.add(formula)
    titles = rules().procedure_articles
    procedure = False
    for k, block in enumerate(blocks):
        if block.rank <= ARTICLE:
            title = fold(text[block.start : min(block.end, block.start + 40)]).lstrip()
            procedure = block.rank == ARTICLE and title.startswith(titles)
        if procedure:
            skipped.add(k)
    return skipped
