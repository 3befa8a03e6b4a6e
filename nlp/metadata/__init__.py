"""Document metadata: number, type, issuer, place and date, subject, signers, recipients.

``extract_metadata(text)`` reads only the header (the first ~2,500 characters after page
furniture) and the signature zone (from the body's closing "./." or the last ~4,000
characters), so its cost does not grow with the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.metadata.authentication import read_authentication
from nlp.metadata.header import Header, clean_piece, issuers, read_header
from nlp.metadata.lexicon import type_by_code
from nlp.metadata.lines import Span, is_furniture, is_separator
from nlp.metadata.numbers import type_from_symbol
from nlp.metadata.people import remove_stamps
from nlp.metadata.signature import Signature, read_signature
from nlp.record import Metadata

HEADER_CHARS = 2500
SIGNATURE_CHARS = 4000
_SIG_START = re.compile(
    r"^[ \t]*(?:(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?[ \t]+[A-ZĐÀ-Ỹ]|N[oơ]i nh[aậ]n\s*:)", re.MULTILINE
)


@dataclass(slots=True)
class MetadataResult:
    metadata: Metadata
    warnings: list[str] = field(default_factory=list)


def _header_start(text: str) -> int:
    """Skip blank lines and page furniture (Công báo running heads, e-signature stamps)."""
    pos = 0
    while pos < len(text) and pos < 2000:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl].strip()
        if line and not is_furniture(line) and not is_separator(line):
            return pos
        pos = nl + 1
    return 0


def _cut(text: str, start: int, size: int) -> int:
    end = min(len(text), start + size)
    if end < len(text):
        nl = text.rfind("\n", start, end)
        end = nl if nl > start else end
    return end


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def _signature_starts(text: str, body: int) -> list[int]:
    """Where the signature zone may begin: after the closing "./.", a signature line, the tail."""
    starts: list[int] = []
    closing = text.find("./.", body)
    if closing >= 0:
        starts.append(closing + 3)
    m = _SIG_START.search(text, body)
    if m is not None:
        starts.append(m.start())
    starts.append(max(body, len(text) - SIGNATURE_CHARS))
    return starts


def _signature(text: str, starts: list[int]) -> Signature:
    first = Signature()
    for start in starts:
        sig = read_signature(text, start, _cut(text, start, SIGNATURE_CHARS))
        if sig.signers:
            return sig
        first = first if first.recipients else sig
    return first


def _fill_header(meta: Metadata, h: Header, warnings: list[str]) -> None:
    ev = meta.evidence
    if h.number is not None:
        meta.number = h.number.number
        ev["number"] = [h.number_span.start, h.number_span.end] if h.number_span else []
        if meta.number is None:
            warnings.append("number_blank")
    else:
        warnings.append("number_missing")
    if h.date is not None:
        meta.place, meta.issued_date = h.date.place, h.date.iso
        ev["issued_date"] = _span(h.date_span) or []
        if h.date.blank:
            warnings.append("date_blank")
        elif h.date.iso is None:
            warnings.append("date_invalid")
    else:
        warnings.append("date_missing")
    doc_type, span = h.doc_type, h.type_span
    if doc_type is None and h.vv:
        doc_type = type_by_code("cong_van")
        span = h.vv[0]
    if doc_type is None and h.number is not None:
        doc_type = type_from_symbol(h.number.symbol) or type_by_code("cong_van")
        span = h.number_span
    if doc_type is not None:
        meta.doc_type, meta.doc_type_label = doc_type.code, doc_type.label
        ev["doc_type"] = _span(span) or []
    levels = issuers(h)
    if levels:
        meta.issuer, ev["issuer"] = levels[-1][0], [levels[-1][1].start, levels[-1][1].end]
    if len(levels) > 1:
        meta.parent_issuer = levels[-2][0]
        ev["parent_issuer"] = [levels[-2][1].start, levels[-2][1].end]
    lines = h.subject or h.vv
    subject = " ".join(s.text for s in lines if s.text).strip(" _")
    if subject:
        meta.subject = subject
        ev["subject"] = [lines[0].start, lines[-1].end]
    meta.addressees = [a for a in (clean_piece(s.text) for s in h.addressees) if a]
    if h.addressees:
        ev["addressees"] = [h.addressees[0].start, h.addressees[-1].end]
    if h.urgency is not None:
        meta.urgency, ev["urgency"] = h.urgency[0], [h.urgency[1].start, h.urgency[1].end]
    if h.confidentiality is not None:
        meta.confidentiality = h.confidentiality[0]
        ev["confidentiality"] = [h.confidentiality[1].start, h.confidentiality[1].end]


def _authentication(text: str, start: int, h: Header) -> None:
    """A number left out of the header but printed after the body (văn bản hợp nhất)."""
    marker = text.find("XÁC THỰC VĂN BẢN HỢP NHẤT", h.end)
    start = max(h.end, (marker if marker >= 0 else start) - 600)
    auth = read_authentication(text, start, _cut(text, start, SIGNATURE_CHARS))
    if auth is None or auth.number.number is None:
        return
    h.number, h.number_span = auth.number, auth.number_span
    if auth.consolidated:
        h.doc_type, h.type_span = None, None
    if auth.issuer is not None:
        h.issuers = [auth.issuer]
    if auth.date is not None and (h.date is None or h.date.iso is None):
        h.date, h.date_span = auth.date, auth.date_span


def extract_metadata(text: str) -> MetadataResult:
    """Read the metadata of one NFC-normalised document.

    >>> extract_metadata("BỘ NỘI VỤ\\nSố: 12/QĐ-BNV\\nHà Nội, ngày 5 tháng 3 năm 2021\\n"
    ...                  "QUYẾT ĐỊNH\\nVề việc khen thưởng\\n").metadata.issued_date
    '2021-03-05'
    """
    warnings: list[str] = []
    meta = Metadata()
    start = _header_start(text)
    h = read_header(text, start, _cut(text, start, HEADER_CHARS))
    starts = _signature_starts(text, max(min(h.end, h.last_end()), start))
    if h.number is None:
        _authentication(text, starts[0], h)
    _fill_header(meta, h, warnings)
    sig = _signature(text, starts)
    meta.signers = sig.signers
    if sig.signers:
        meta.evidence["signers"] = [sig.signers[0].start, sig.signers[-1].end]
    meta.recipients = [r for r in (clean_piece(remove_stamps(s.text)) for s in sig.recipients) if r]
    if sig.recipients:
        meta.evidence["recipients"] = [sig.recipients[0].start, sig.recipients[-1].end]
    return MetadataResult(meta, warnings)
