"""Calendar arithmetic for deadlines: ends of periods, adding days, months, working days."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def make_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)``, or ``None`` when the parts do not make a real day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date | None:
    """The last day of ``month``: ``month_end(2021, 2)`` is 2021-02-28."""
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> date | None:
    """The last day of a quarter: ``quarter_end(2023, 3)`` is 2023-09-30."""
    if not 1 <= quarter <= 4:
        return None
    return month_end(year, quarter * 3)


def add_months(start: date, months: int) -> date:
    """``start`` plus whole months, clamped to the end of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def add_working_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days (Monday to Friday; public holidays not counted)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def add_period(start: date, count: int, unit: str) -> date | None:
    """``start`` plus ``count`` units (``day``, ``workday``, ``week``, ``month``)."""
    try:
        if unit == "day":
            return start + timedelta(days=count)
        if unit == "workday":
            return add_working_days(start, count)
        if unit == "week":
            return start + timedelta(weeks=count)
        if unit == "month":
            return add_months(start, count)
    except (OverflowError, ValueError):
        return None
    return None


def parse_iso(value: str | None) -> date | None:
    """An ISO ``YYYY-MM-DD`` string as a date, ``None`` when missing or damaged."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
