"""The authentication block of a văn bản hợp nhất, printed after the body:

"BỘ Y TẾ" / "Số: 04/VBHN-BYT" / "XÁC THỰC VĂN BẢN HỢP NHẤT" / "Hà Nội, ngày 13 tháng 4 năm 2018".
Read only when the header has no number.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.metadata.dates import DateMatch, find_date
from nlp.metadata.lexicon import letters_key
from nlp.metadata.lines import Span, is_caps, split_lines, sub_span
from nlp.metadata.numbers import NumberMatch, find_number


@dataclass(slots=True)
class Authentication:
    number: NumberMatch
    number_span: Span
    issuer: Span | None = None
    date: DateMatch | None = None
    date_span: Span | None = None
    consolidated: bool = False


def read_authentication(text: str, start: int, end: int) -> Authentication | None:
    """The "Số:" line of a block printed after the body, with its issuer and date."""
    lines = [line for line in split_lines(text, start, end) if line.text]
    for i, line in enumerate(lines):
        if len(line.text) > 60:
            continue
        m = find_number(line.text)
        if m is None or m.start > 8 or m.number is None:
            continue
        auth = Authentication(m, sub_span(line, m.start, m.end))
        if i > 0 and is_caps(lines[i - 1].text):
            auth.issuer = lines[i - 1]
        for after in lines[i + 1 : i + 5]:
            if letters_key(after.text) == "XACTHUCVANBANHOPNHAT":
                auth.consolidated = True
            d = find_date(after.text, need_place=True)
            if d is not None and auth.date is None:
                auth.date, auth.date_span = d, sub_span(after, d.start, d.end)
        return auth
    return None
