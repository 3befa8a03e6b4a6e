"""Vietnamese temporal expressions and deadlines.

``find_deadline`` reads the deadline of a task from its text::

    >>> find_deadline("hoàn thành trước ngày 30/6/2021.", issued_date="2021-03-15").date
    '2021-06-30'

Kinds: ``by`` (trước / chậm nhất …), ``during`` (trong tháng / quý / năm …), ``within``
(a number of days counted from the signing or from an unknown day), ``recurring``
(hằng tháng, định kỳ), ``asap`` (khẩn trương, ngay, kịp thời). Damaged input never raises.
"""

from __future__ import annotations

import re
from datetime import date

from nlp.record import Deadline
from nlp.temporal.calendar import add_period, make_date, month_end, parse_iso, quarter_end
from nlp.temporal.lexicon import (
    bare_regex,
    closing_regex,
    date_line_regex,
    deadline_regex,
    lexicon,
)

__all__ = ["document_year", "find_deadline", "parse_temporal"]

_SPACES = re.compile(r"\s+")
# Rank of a deadline when a text holds several: a date beats a bare period, which beats
# recurring and urgent wording.
_RANK = {"dated": 0, "within": 1, "recurring": 2, "asap": 3}
# Words just before (or two-word nouns among the six words before) a closing period that make
# it the period reported on, not a deadline.
_NOT_CLOSING = frozenset(
    [
        "báo cáo",
        "kết quả",
        "số liệu",
        "tình hình",
        "dự toán",
        "quyết toán",
        "kế hoạch",
        "của",
        "về",
        "từ",
        "đến",
        "ngày",
        "tháng",
        "năm",
        "quý",
        "kỳ",
    ]
)


def _year(value: str | None, default: int | None) -> int | None:
    if not value:
        return default
    year = int(value)
    return year + 2000 if year < 100 else year


def _period_end(m: re.Match[str], doc_year: int | None) -> date | None:
    """The day a matched date or period ends on (the document's year when none is written)."""
    g = m.group
    if g("fd"):
        year = _year(g("fy"), doc_year)
        return make_date(year, int(g("fm")), int(g("fd"))) if year else None
    if g("nd"):
        year = _year(g("ny"), doc_year)
        return make_date(year, int(g("nm")), int(g("nd"))) if year else None
    if g("hn"):
        year = _year(g("hy"), doc_year)
        months = lexicon().numbers.get(g("hn").lower()) or int(g("hn"))
        if year is None:
            return None
        return month_end(year, 12 if g("hp").lower() == "cuối" else months)
    if g("q"):
        year = _year(g("qy"), doc_year)
        return quarter_end(year, lexicon().quarters[g("q").upper()]) if year else None
    if g("mm"):
        year = _year(g("my"), doc_year)
        return month_end(year, int(g("mm"))) if year else None
    if g("yy"):
        return month_end(int(g("yy")), 12)
    return None


def _count(m: re.Match[str]) -> int:
    if m.group("rn2"):
        return int(m.group("rn2"))
    word = m.group("rn").lower()
    return int(word) if word.isdigit() else lexicon().numbers.get(_SPACES.sub(" ", word), 0)


def _relative(m: re.Match[str], issued: date | None) -> tuple[str, date | None, int] | None:
    """(kind, date, days) of "trong thời hạn 15 ngày kể từ ngày ký"; ``None`` if not a deadline."""
    anchor = (m.group("ra") or "").lower()
    trigger = _SPACES.sub(" ", (m.group("rt") or "").lower())
    if not anchor and trigger in ("", "trong", "sau"):
        return None
    lex = lexicon()
    count = _count(m)
    unit = lex.units[_SPACES.sub(" ", m.group("ru").lower())]
    days = {"day": count, "workday": count, "week": 7 * count, "month": 30 * count}[unit]
    from_issue = any(a in anchor for a in lex.anchors_issued) and not any(
        a in anchor for a in lex.anchors_unknown
    )
    when = add_period(issued, count, unit) if issued and from_issue else None
    return "within", when, days


def _text_start(m: re.Match[str]) -> int:
    """Where Deadline.text starts: after "hoàn thành" / "xong", which belong to the action."""
    trig = m.group("trig")
    if trig:
        low = trig.lower()
        for skip in lexicon().text_skip:
            if low.startswith(skip):
                return m.start("trig") + len(trig) - len(low[len(skip) :].lstrip())
    return m.start()


def _from_match(
    m: re.Match[str], issued: date | None, offset: int, year: int | None
) -> tuple[int, Deadline] | None:
    """A ranked Deadline from one regex match, or ``None`` when the match gives none."""
    doc_year = issued.year if issued else year
    days: int | None = None
    if m.group("trig"):
        trig = _SPACES.sub(" ", m.group("trig").lower())
        kind = lexicon().trigger_kind[trig]
        when = _period_end(m, doc_year)
        rank = "dated" if when else "within"
    elif m.group("rel"):
        rel = _relative(m, issued)
        if rel is None:
            return None
        kind, when, days = rel
        rank = "dated" if when else "within"
    elif m.group("rec"):
        kind, when, rank = "recurring", None, "recurring"
    else:
        kind, when, rank = "asap", None, "asap"
    start = _text_start(m)
    text = _SPACES.sub(" ", m.string[start : m.end()]).strip(" |(")
    deadline = Deadline(
        text=text,
        date=when.isoformat() if when else None,
        kind=kind,
        days=days,
        start=start + offset,
        end=m.end() + offset,
    )
    return _RANK[rank], deadline


def find_deadline(
    text: str, *, issued_date: str | None, offset: int = 0, year: int | None = None
) -> Deadline | None:
    """The deadline a task's text gives, or ``None``.

    The first dated deadline wins; failing that the first relative, recurring or urgent
    one. ``offset`` is added to the returned start/end (the text's place in the document).
    ``year`` completes "trước ngày 20/5" when ``issued_date`` is unknown (a date line with
    a blank day still gives its year, see ``document_year``).
    """
    issued = parse_iso(issued_date)
    best: tuple[int, Deadline] | None = None
    for m in deadline_regex().finditer(text):
        found = _from_match(m, issued, offset, year)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
            if found[0] == 0:
                break
    if best is None or best[0] > 0:
        best = _closing_period(text, offset) or best
    return best[1] if best else None


def _closing_period(text: str, offset: int) -> tuple[int, Deadline] | None:
    """A quarter or month with its year closing the task without a trigger: "… tổ chức hội
    nghị quán triệt Luật quý I/2020." (kind ``during``), unless a noun such as "báo cáo"
    makes it the period reported on."""
    m = closing_regex().search(text)
    if m is None or not (m.group("qy") or m.group("my")):
        return None
    before = text[max(0, m.start() - 60) : m.start()].lower().split()[-6:]
    pairs = {" ".join(before[k : k + 2]) for k in range(len(before) - 1)}
    if (before and before[-1] in _NOT_CLOSING) or pairs & _NOT_CLOSING:
        return None
    when = _period_end(m, None)
    if when is None:
        return None
    return _RANK["dated"], Deadline(
        text=_SPACES.sub(" ", m.group().strip(" .;,)")),
        date=when.isoformat(),
        kind="during",
        start=m.start() + offset,
        end=m.start() + len(m.group().rstrip(" .;,)")) + offset,
    )


def document_year(text: str) -> int | None:
    """The year of the document's date line, even with a blank day ("ngày   tháng 4 năm 2023")."""
    m = date_line_regex().search(text, 0, 3000)
    return int(m.group(1)) if m else None


def parse_temporal(expr: str, *, issued_date: str | None) -> Deadline | None:
    """Read one temporal expression, with or without a trigger word.

    A bare date is kind ``by``, a bare period (tháng, quý, năm) kind ``during``:
    ``parse_temporal("quý III/2023", issued_date=None).date == "2023-09-30"``.
    """
    issued = parse_iso(issued_date)
    m = bare_regex().fullmatch(expr)
    if m is None:
        return find_deadline(expr, issued_date=issued_date)
    when = _period_end(m, issued.year if issued else None)
    kind = "by" if m.group("fd") or m.group("nd") else "during"
    return Deadline(
        text=expr.strip(),
        date=when.isoformat() if when else None,
        kind=kind,
        start=0,
        end=len(expr),
    )
