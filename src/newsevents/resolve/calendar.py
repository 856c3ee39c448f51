"""Calendar arithmetic for time normalisation: weeks, months, quarters and TIMEX3 value ranges."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from newsevents.models import TimePrecision

Direction = Literal["past", "future", "nearest"]

# TIMEX3 season codes and the months each one spans (northern-hemisphere, meteorological).
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")


def iso_week(d: date) -> str:
    """The TIMEX3 week value of a day, e.g. ``2021-W32``."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(d: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week containing ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def shift_months(d: date, months: int) -> tuple[int, int]:
    """The (year, month) lying ``months`` months after the month of ``d`` (negative: before)."""
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def shift_years(d: date, years: int) -> date:
    """The same day ``years`` years later (29 February falls back to the 28th)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def quarter_of(d: date) -> int:
    """The quarter (1-4) a day falls in."""
    return (d.month - 1) // 3 + 1


def resolve_weekday(dct: date, weekday: int, direction: Direction) -> date:
    """The day named by a bare weekday (0=Monday) seen from ``dct``.

    The publication day itself wins when it has that name (news says "Thursday" for today);
    otherwise the previous one for past, the next one for future, the closer one for nearest.
    """
    delta = (dct.weekday() - weekday) % 7
    if delta == 0:
        return dct
    before = dct - timedelta(days=delta)
    after = dct + timedelta(days=7 - delta)
    if direction == "past":
        return before
    if direction == "future":
        return after
    return before if delta <= 3 else after


def resolve_month(dct: date, month: int, direction: Direction) -> int:
    """The year of a bare month name seen from ``dct`` (the current month counts as this year)."""
    if month == dct.month:
        return dct.year
    if direction == "past":
        return dct.year if month < dct.month else dct.year - 1
    if direction == "future":
        return dct.year if month > dct.month else dct.year + 1
    candidates = [dct.year - 1, dct.year, dct.year + 1]
    return min(candidates, key=lambda y: abs((y * 12 + month) - (dct.year * 12 + dct.month)))


def resolve_month_day(dct: date, month: int, day: int, direction: Direction) -> date | None:
    """The day named by "April 27" (no year) seen from ``dct``; None when the day is invalid."""
    options: list[date] = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if direction == "past":
        past = [d for d in options if d <= dct]
        if past:
            return max(past)
    elif direction == "future":
        future = [d for d in options if d >= dct]
        if future:
            return min(future)
    return min(options, key=lambda d: abs((d - dct).days))


def season_bounds(year: int, code: str) -> tuple[date, date]:
    """First and last day of a season (winter runs from December into the next year)."""
    first, last = SEASON_MONTHS[code]
    start = date(year, first, 1)
    end_year = year + 1 if last < first else year
    return start, month_bounds(end_year, last)[1]


def value_range(value: str) -> tuple[TimePrecision, date | None, date | None]:
    """Precision, first day and last day of a TIMEX3 value; ``unknown``/None when it names none.

    Days and clock times give one day; weeks, months, quarters, halves, seasons, years,
    decades give their first and last day (quarters, halves and seasons count as ``month``
    precision, decades as ``year``).
    """
    try:
        return _value_range(value)
    except (ValueError, OverflowError):  # 2021-02-30, week 54, or past the end of the calendar
        return "unknown", None, None


def _value_range(value: str) -> tuple[TimePrecision, date | None, date | None]:
    if m := _DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return "day", d, d
    if m := _MONTH.match(value):
        start, end = month_bounds(int(m[1]), int(m[2]))
        return "month", start, end
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return "day", monday + timedelta(days=5), monday + timedelta(days=6)
        return "week", monday, monday + timedelta(days=6)
    if m := _YEAR.match(value):
        y = int(m[1])
        return "year", date(y, 1, 1), date(y, 12, 31)
    if m := _QUARTER.match(value):
        y, q = int(m[1]), int(m[2])
        return "month", date(y, 3 * q - 2, 1), month_bounds(y, 3 * q)[1]
    if m := _HALF.match(value):
        y, h = int(m[1]), int(m[2])
        return "month", date(y, 6 * h - 5, 1), month_bounds(y, 6 * h)[1]
    if m := _SEASON.match(value):
        start, end = season_bounds(int(m[1]), m[2])
        return "month", start, end
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        return "year", date(y, 1, 1), date(y + 9, 12, 31)
    return "unknown", None, None
