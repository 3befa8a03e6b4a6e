"""The place and date line: "Hà Nội, ngày 15 tháng 3 năm 2021", "ngày 05/3/2021"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nlp.agencies import canonical_place, fold

_DIGIT = r"[0-9lIoO]"
_DATE_RE = re.compile(
    rf"ngay[\s.:,]*(?:(?P<d>{_DIGIT}{{1,2}}(?![0-9]))|(?P<dx>(?!th)\S{{1,3}}?))?"
    rf"[\s.…_/-]*th\w{{0,2}}ng[\s.:]*"
    rf"(?:(?P<m>{_DIGIT}{{1,2}}(?![0-9]))|(?P<mx>(?!n?am)\S{{1,3}}?))?"
    rf"[\s.…_,/-]*n?am[\s.:]*(?P<y>\d{{4,5}})?"
    r"|ngay[\s.:]*(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})",
    re.IGNORECASE,
)
_OCR_DIGITS = str.maketrans("lIoO", "1100")
_MAX_LEAD_WORDS = 3
"""Without a place, a header date has at most this many words before "ngày" on its piece:
"Căn cứ Luật … ngày 19 tháng 2 năm 2025" is a body line, never the issue date."""
_PLACE_WORD = re.compile(r"^(?:TP\.|Tp\.|[A-ZĐÀ-Ỹ][a-zà-ỹđ]*\.?|-)$")


@dataclass(slots=True)
class DateMatch:
    place: str | None
    iso: str | None
    """None when the day, month or year is left blank or unreadable."""
    blank: bool
    """True when the day or month is left blank (dots), False when it is there but
    unreadable (OCR "ngày?3") or not a calendar date."""
    start: int
    end: int
    """Offsets inside the searched string, of the place (or "ngày") to the year."""


def _int(value: str | None) -> int | None:
    if not value:
        return None
    return int(value.translate(_OCR_DIGITS))


def _year(value: str | None) -> int | None:
    year = _int(value)
    if year is not None and year > 2100 and 1945 <= year // 10 <= 2100:
        year //= 10  # "năm 20264": a stray digit after the year
    return year


def _place_before(text: str, end: int) -> tuple[str | None, int]:
    """Title-case words just before ``end`` ("Hà Nội, " / "TP. Hồ Chí Minh ")."""
    head = text[:end].rstrip().rstrip(",").rstrip()
    words = head.split(" ")
    taken: list[str] = []
    while (
        words
        and len(taken) < 6
        and words[-1]
        and (_PLACE_WORD.match(words[-1]) or (words[-1] == "phố" and len(words) > 1))
    ):
        taken.insert(0, words.pop())
    while taken and taken[0] == "-":
        taken.pop(0)
    if not taken:
        return None, end
    place = " ".join(taken)
    return canonical_place(place), len(" ".join(words)) + (1 if words else 0)


def find_date(text: str, *, need_place: bool = False) -> DateMatch | None:
    """The first place-and-date in ``text``; with ``need_place``, only one with a place."""
    folded = fold(text)
    for m in _DATE_RE.finditer(folded):
        place, start = _place_before(text, m.start())
        if place is None and (need_place or len(text[: m.start()].split()) > _MAX_LEAD_WORDS):
            continue
        if m.group("dx") or m.group("mx"):
            return DateMatch(place, None, False, start, m.end())
        if m.group("d2"):
            day, month, year = _int(m.group("d2")), _int(m.group("m2")), _int(m.group("y2"))
        else:
            day, month, year = _int(m.group("d")), _int(m.group("m")), _year(m.group("y"))
        end = m.end()
        if day is None or month is None or year is None:
            return DateMatch(place, None, True, start, end)
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return DateMatch(place, None, False, start, end)
        return DateMatch(place, iso, False, start, end)
    return None
