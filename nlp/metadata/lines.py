"""Lines with offsets, page furniture, capitals, and the header's right-column mottos."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.agencies import fold


@dataclass(slots=True)
class Span:
    """A stripped piece of text and its offsets in the document."""

    start: int
    end: int
    text: str


def split_lines(text: str, start: int, end: int) -> list[Span]:
    """The lines of ``text[start:end]``, stripped, with document offsets (blank lines kept)."""
    out: list[Span] = []
    pos = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append(Span(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


_FURNITURE = re.compile(
    r"^(?:CONG BAO\s*/|\d{1,4}$|-*\s*\[?trang \d+\]?\s*-*$|"
    r"(?:VAN BAN (?:QUY PHAM PHAP LUAT|PHAP LUAT KHAC|HOP NHAT)|PHAN I+)\s*$|"
    r"(?:Ky boi|Ngay ky|Thoi gian ky|Co quan|Dia chi|Email|Nguoi ky|To chuc|Chuc vu)\s*:)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\W_]+$")


def is_furniture(text: str) -> bool:
    """Công báo running heads, page numbers, e-signature stamps."""
    return bool(_FURNITURE.match(fold(text)))


def is_separator(text: str) -> bool:
    """A line of rules or stars ("_____", "–––", "*")."""
    return bool(_SEPARATOR.match(text))


def caps_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)


def is_caps(text: str) -> bool:
    """Mostly capitals and at least two letters ("BỘ TÀI CHÍNH", OCR "TONG CỤC THUE")."""
    return sum(1 for c in text if c.isalpha()) >= 2 and caps_ratio(text) >= 0.8


def _tolerant(phrase: str) -> str:
    words = [r"[\W_]?".join(re.escape(ch) for ch in word) for word in phrase.split()]
    return r"[\W_]*".join(words)


@lru_cache(maxsize=1)
def _motto_re() -> re.Pattern[str]:
    national = _tolerant("CONG HOA XA HOI") + r"(?:[\W_]*" + _tolerant("CHU NGHIA") + r")?"
    national += r"(?:[\W_]*" + _tolerant("VIET NAM") + r")?"
    freedom = _tolerant("DOC LAP") + r"(?:[\W_]*" + _tolerant("TU DO") + r")?"
    freedom += r"(?:[\W_]*" + _tolerant("HANH PHUC") + r")?"
    party = _tolerant("DANG CONG SAN VIET NAM")
    return re.compile(rf"[\W_]*(?:{national}|{freedom}|{party})[\W_]*", re.IGNORECASE)


def right_column_pieces(line: Span) -> list[Span]:
    """The line without the national motto, "Độc lập - Tự do - Hạnh phúc" and the Party motto."""
    folded = fold(line.text)
    pieces: list[Span] = []
    pos = 0
    for m in _motto_re().finditer(folded):
        if m.start() > pos:
            pieces.append(_piece(line, pos, m.start()))
        pos = m.end()
    if pos < len(folded):
        pieces.append(_piece(line, pos, len(folded)))
    return [p for p in pieces if p.text]


def _piece(line: Span, a: int, b: int) -> Span:
    raw = line.text[a:b]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return Span(line.start + a + lead, line.start + a + lead + len(text), text)


def sub_span(span: Span, a: int, b: int) -> Span:
    """The stripped part ``span.text[a:b]`` as a Span."""
    return _piece(span, a, b)
