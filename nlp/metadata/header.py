"""The header: issuer, number, place and date, type name, trích yếu, urgency, Kính gửi.

The header's two columns may come one after the other, interleaved line by line or run
together on one line ("VĂN PHÒNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"): each line is
cut at the mottos, the number and the date, and what is left is read by its form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.agencies import fold
from nlp.metadata.dates import DateMatch, find_date
from nlp.metadata.issuer import issuer_levels
from nlp.metadata.lexicon import DocType, doc_types, letters_key, positions
from nlp.metadata.lines import (
    Span,
    is_caps,
    is_furniture,
    is_separator,
    right_column_pieces,
    split_lines,
    sub_span,
)
from nlp.metadata.numbers import NumberMatch, find_number

_BODY = re.compile(
    r"^(?:can cu|thuc hien|theo de nghi|xet de nghi|xet |ngay\s*\d|dieu\s*\d|chuong\s+[ivxlc\d]+\b"
    r"|tren co so|tiep theo|vua qua|hom nay|sang ngay|chieu ngay|quyet (?:dinh|nghi)\s*:"
    r"|sau khi|nham |nhan dip|hien nay|thoi gian qua|trong thoi gian qua|([ivx]+|\d+|[a-h])[.)]\s)",
    re.IGNORECASE,
)
_VV = re.compile(r"^v\s*[/.]\s*v\b\s*[:.]?\s*", re.IGNORECASE)
_KINH_GUI = re.compile(r"^kinh\s*gui\s*[:.]?\s*", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—~+•*]\s*")
_STAMPS = {"HOATOC": "Hỏa tốc", "THUONGKHAN": "Thượng khẩn", "KHAN": "Khẩn"}
_SECRECY = {"MAT": "Mật", "TOIMAT": "Tối mật", "TUYETMAT": "Tuyệt mật"}
_AUTHORITY_BODIES = ("CHINHPHU", "QUOCHOI", "UYBANTHUONGVUQUOCHOI", "BANCHAPHANHTRUONGUONG")
_AUTHORITY_HEADS = ("UYBANNHANDAN", "HOIDONGNHANDAN", "BOCHINHTRI", "BANBITHU", "BANTHUONGVU")
_TRIM = " \t“”\"'_*-–—~.,:;|"


@dataclass(slots=True)
class Header:
    number: NumberMatch | None = None
    number_span: Span | None = None
    date: DateMatch | None = None
    date_span: Span | None = None
    doc_type: DocType | None = None
    type_span: Span | None = None
    issuers: list[Span] = field(default_factory=list)
    subject: list[Span] = field(default_factory=list)
    vv: list[Span] = field(default_factory=list)
    addressees: list[Span] = field(default_factory=list)
    urgency: tuple[str, Span] | None = None
    confidentiality: tuple[str, Span] | None = None
    end: int = 0

    def last_end(self) -> int:
        """The end of the number, date or type line: the body starts after it."""
        spans = [self.number_span, self.date_span, self.type_span]
        return max((s.end for s in spans if s is not None), default=self.end)


def is_body(text: str) -> bool:
    """The first line of the body ("Căn cứ …", "Thực hiện …", "Điều 1.", "1. …")."""
    return not text[:1].islower() and bool(_BODY.match(fold(text)))


def _is_authority(text: str) -> bool:
    """The enacting line between trích yếu and body: "CHÍNH PHỦ", "BỘ TRƯỞNG BỘ TÀI CHÍNH"."""
    if not is_caps(text):
        return False
    key = letters_key(text)
    if key in _AUTHORITY_BODIES or key.startswith(_AUTHORITY_HEADS):
        return True
    low = text.casefold()
    return any(low.startswith(t) for t, _ in positions().titles if len(t) > 6)


def type_of_line(text: str) -> DocType | None:
    """A type-name line ("QUYẾT ĐỊNH", OCR "THONG BAO"), not the "QUYẾT ĐỊNH:" of the body."""
    if text.endswith(":") or len(text) > 40 or not is_caps(text):
        return None
    return doc_types().by_name.get(letters_key(text))


class _Reader:
    """Reads header lines one by one; ``state`` says which part is being read."""

    def __init__(self) -> None:
        self.h = Header()
        self.state = "top"
        self.blank = False
        self.caps_subject = False
        self.after = 0

    def line(self, line: Span) -> bool:
        """Read one line; False when the body has begun."""
        if not line.text:
            self.blank = True
            return True
        if is_furniture(line.text):
            return True
        blank, self.blank = self.blank, False
        if is_separator(line.text):
            if self.state == "subject" and self.h.subject:
                self.state = "after"
            return True
        handler = {"top": self._top, "vv": self._top, "subject": self._subject,
                   "after": self._after, "addr": self._addr}[self.state]  # fmt: skip
        return handler(line, blank)

    def _top(self, line: Span, blank: bool) -> bool:
        if self.state == "vv" and blank:
            self.state = "top"
        return all(self._piece(piece) for piece in right_column_pieces(line))

    def _piece(self, piece: Span) -> bool:
        h = self.h
        if h.number is None:
            m = find_number(piece.text)
            if m is not None:
                h.number, h.number_span = m, sub_span(piece, m.start, m.end)
                rest = sub_span(piece, m.end, len(piece.text))
                return self._piece(rest) if rest.text else True
        if h.date is None:
            d = find_date(piece.text)
            if d is not None:
                h.date, h.date_span = d, sub_span(piece, d.start, d.end)
                head = sub_span(piece, 0, d.start)
                return self._piece(head) if head.text else True
        return self._plain(piece)

    def _plain(self, piece: Span) -> bool:
        h, text = self.h, piece.text
        vv = _VV.match(text)
        if vv:
            self.state = "vv"
            h.vv.append(sub_span(piece, vv.end(), len(text)))
            return True
        if _KINH_GUI.match(fold(text)):
            return self._start_addr(piece)
        doc_type = type_of_line(text)
        if doc_type is not None:
            h.doc_type, h.type_span, self.state = doc_type, piece, "subject"
            return True
        if self._stamp(piece):
            return True
        if self.state == "vv":
            if is_body(text) or "./." in text or len(text) > 100:
                return False
            h.vv.append(piece)
            return True
        if is_caps(text):
            h.issuers.append(piece)
            return True
        return not is_body(text)

    def _stamp(self, piece: Span) -> bool:
        key = letters_key(piece.text)
        if key in _STAMPS and self.h.urgency is None:
            self.h.urgency = (_STAMPS[key], piece)
            return True
        if key in _SECRECY and "Ặ" not in piece.text.upper() and self.h.confidentiality is None:
            self.h.confidentiality = (_SECRECY[key], piece)
            return True
        return False

    def _subject(self, line: Span, blank: bool) -> bool:
        h, text = self.h, line.text
        if is_body(text) or _KINH_GUI.match(fold(text)):
            self.state = "after"
            return self._after(line, blank)
        ends = text.endswith(":") or "./." in text
        if ends or _is_authority(text) or (h.subject and blank and not text[:1].islower()):
            self.state = "after"
            return self._after(line, blank)
        caps = is_caps(text)
        if not h.subject:
            if caps and fold(text).upper().startswith("CUA "):
                return True  # "CHỈ THỊ / CỦA BAN BÍ THƯ": part of the type name
            self.caps_subject = caps
        elif caps != self.caps_subject or len(h.subject) >= 12:
            self.state = "after"
            return self._after(line, blank)
        h.subject.append(line)
        return True

    def _after(self, line: Span, blank: bool) -> bool:
        if _KINH_GUI.match(fold(line.text)):
            return self._start_addr(line)
        self.after += 1
        return self.after <= 2 and _is_authority(line.text)

    def _start_addr(self, piece: Span) -> bool:
        self.state = "addr"
        m = _KINH_GUI.match(fold(piece.text))
        rest = sub_span(piece, m.end() if m else 0, len(piece.text))
        if rest.text:
            self._item(rest)
        return True

    def _addr(self, line: Span, blank: bool) -> bool:
        items = self.h.addressees
        if blank and items:
            return False
        if _BULLET.match(line.text):
            self._item(line)
            return True
        if items and line.text[:1].islower() and not items[-1].text.endswith((";", ".")):
            last = items[-1]
            items[-1] = Span(last.start, line.end, last.text + " " + line.text)
            return True
        return False

    def _item(self, piece: Span) -> None:
        m = _BULLET.match(piece.text)
        self.h.addressees.append(sub_span(piece, m.end() if m else 0, len(piece.text)))


def read_header(text: str, start: int, end: int) -> Header:
    """Read the header in ``text[start:end]``; ``Header.end`` is where the body begins."""
    reader = _Reader()
    lines = split_lines(text, start, end)
    reader.h.end = end
    for line in lines:
        if not reader.line(line):
            reader.h.end = line.start
            break
    h = reader.h
    if h.number is None:
        for piece in h.issuers:
            m = find_number(piece.text, bare=True)
            if m is not None:
                h.number, h.number_span = m, sub_span(piece, m.start, m.end)
                h.issuers.remove(piece)
                break
    return h


def clean_piece(text: str) -> str:
    return text.strip(_TRIM)


def issuers(h: Header) -> list[tuple[str, Span]]:
    """The header's left-column levels, top first, canonical."""
    pieces = [p for p in h.issuers if sum(c.isalpha() for c in clean_piece(p.text)) >= 2]
    return issuer_levels(pieces)
