"""Mentions read with the metadata reader where the gazetteer cannot see them.

- The issuer levels of the header's left column: an issuer in OCR-damaged capitals ("VAN
  PHONG CHÍNH PHU", "UY BAN NHAN DAN") is an ORG with the reader's canonical name; an issuer
  that the right column splits ("ỦY BAN NHÂN DÂN  CỘNG HÒA …" / "THÀNH PHỐ HÀ NỘI  Độc lập
  …") is one ORG on its first part, with the issuer's full name as canonical, and its
  continuation holds no mention (docs/annotation.md).
- The national mottos of the header, OCR forms included ("CONG HOA XÃ HOI CHỦ NGHĨA"), hold
  no mention.
- The place of the date line ("Ha Noi, ngày …") when nothing else was read there.
- The signers' names, which may begin with a surname that is also a common word ("Thái Văn
  Hùng" alone under a title).

Every mention is ``(start, end, label, canonical)`` in characters; ``_BLOCK`` marks text
that holds no mention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.agencies import fold
from nlp.entities.gazetteer import gazetteer
from nlp.entities.patterns import position_names
from nlp.entities.view import norm
from nlp.metadata.lines import Span, is_caps, right_column_pieces, split_lines
from nlp.record import Metadata

CharSpan = tuple[int, int, str, str]
_TRIM = " \t“”\"'_*-–—~.,:;|"
_HEADER_CHARS = 2500
_MAX_PLACE_WORDS = 5
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s")
_DIGIT = re.compile(r"\d")


def _trimmed(piece: Span) -> Span | None:
    text = piece.text.strip(_TRIM)
    if sum(c.isalpha() for c in text) < 2:
        return None
    start = piece.start + len(piece.text) - len(piece.text.lstrip(_TRIM))
    return Span(start, start + len(text), text)


def _pieces(text: str, start: int, end: int) -> list[Span]:
    """The left-column pieces of ``text[start:end]``: each line without its mottos."""
    out: list[Span] = []
    for line in split_lines(text, start, end):
        for piece in right_column_pieces(line):
            kept = _trimmed(piece)
            if kept is not None:
                out.append(kept)
    return out


@lru_cache(maxsize=1)
def _name_starts() -> frozenset[str]:
    """The first words of the gazetteer's bodies and heads, folded ("van phong", "bo")."""
    gaz = gazetteer()
    names = [*gaz.heads, *gaz.party_units]
    names += [n for b in (*gaz.bodies, *gaz.units) for n in (b.name, *b.aliases)]
    return frozenset(fold(norm(n.split()[0])) for n in names if n.split())


def _begins_like_body(text: str) -> bool:
    """Whether an issuer's line begins like a body ("VAN PHONG …", "TONG CỤC …"), not like
    the title of a form ("CƠ QUAN CHỦ TRÌ")."""
    first = text.split()[0] if text.split() else ""
    return fold(norm(first)) in _name_starts()


def _is_position(name: str) -> bool:
    return " ".join(norm(w) for w in name.split()) in position_names()


def _name_line(piece: Span) -> bool:
    """A line of an issuer's name: capitals, no number, no authority ("TM. CHÍNH PHỦ")."""
    return (
        is_caps(piece.text) and not _AUTHORITY.match(piece.text) and not _DIGIT.search(piece.text)
    )


def _motto_between(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` holds a motto and nothing else but space."""
    gap = text[a:b]
    if sum(c.isalpha() for c in gap) < 2:
        return False
    return not right_column_pieces(Span(a, b, gap))


def _issuer(text: str, start: int, end: int, name: str) -> list[CharSpan]:
    """The ORG of one issuer level (its lines in capitals, the first part when the right
    column splits it) and the blocks of its continuation after the motto."""
    pieces = _pieces(text, start, end)
    if not pieces or _is_position(name) or not _name_line(pieces[0]):
        return []
    if not _begins_like_body(pieces[0].text):
        return []
    first = [pieces[0]]
    rest = pieces[1:]
    while rest and _name_line(rest[0]) and text[first[-1].end : rest[0].start].isspace():
        if text[first[-1].end : rest[0].start].count("\n") > 1:
            break
        first.append(rest.pop(0))
    out: list[CharSpan] = [(first[0].start, first[-1].end, "ORG", name)]
    last = first[-1]
    for piece in rest:
        if not _name_line(piece) or not _motto_between(text, last.end, piece.start):
            break
        out.append((piece.start, piece.end, "_BLOCK", ""))
        last = piece
    return out


def _mottos(text: str) -> list[CharSpan]:
    """The national mottos of the header lines, as blocks."""
    out: list[CharSpan] = []
    for line in split_lines(text, 0, min(len(text), _HEADER_CHARS)):
        if not line.text:
            continue
        pos = line.start
        for piece in [*right_column_pieces(line), Span(line.end, line.end, "")]:
            between = text[pos : piece.start]
            if (
                sum(c.isalpha() for c in between) >= 2
                and "DANG CONG SAN" not in fold(between).upper()
            ):
                out.append((pos, piece.start, "_BLOCK", ""))
            pos = piece.end
    return out


def _place(text: str, meta: Metadata) -> list[CharSpan]:
    span = meta.evidence.get("issued_date")
    if not span or not meta.place:
        return []
    start = span[0]
    comma = text.find(",", start, span[1])
    if comma < 0:
        return []
    place = text[start:comma].rstrip()
    if not place[:1].isupper() or len(place.split()) > _MAX_PLACE_WORDS:
        return []
    return [(start, start + len(place), "LOCATION", meta.place)]


def _signers(text: str, meta: Metadata) -> list[CharSpan]:
    out: list[CharSpan] = []
    for signer in meta.signers:
        name = signer.name
        if not name or len(name.split()) < 2 or not all(w[:1].isupper() for w in name.split()):
            continue
        at = text.rfind(name, signer.start, signer.end)
        if at >= 0:
            out.append((at, at + len(name), "PERSON", name))
    return out


def header_mentions(text: str, meta: Metadata) -> list[CharSpan]:
    """Issuer ORGs, motto blocks, the date line's place and the signers of ``text``, read
    with its metadata ``meta`` (``extract_metadata(text).metadata``)."""
    out: list[CharSpan] = []
    for key, name in (("parent_issuer", meta.parent_issuer), ("issuer", meta.issuer)):
        span = meta.evidence.get(key)
        if span and name:
            out.extend(_issuer(text, span[0], span[1], name))
    return [*out, *_mottos(text), *_place(text, meta), *_signers(text, meta)]
