"""Normalisers for calendar dates, weekdays, months, clock times and "yesterday"/"today".

Each ``norm_*`` function takes a rule's match and the ``Context`` and returns a ``Norm``, or
None when the match is not a time expression after all.
"""

from __future__ import annotations

import re
from datetime import timedelta

from newsevents.nlp.times_context import (
    DAY_OFFSETS,
    MAX_TENSE_DAYS,
    MAX_TENSE_MONTHS,
    PARTS_OF_DAY,
    Context,
    Norm,
    TimexType,
    anchor_day,
    day_value,
    month_number,
    relative_year,
    safe_date,
    year_of,
)
from newsevents.nlp.times_lexicon import WEEKDAYS
from newsevents.resolve.calendar import resolve_month, resolve_month_day, resolve_weekday


def norm_iso(m: re.Match[str], c: Context) -> Norm | None:
    d = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    if d is None:
        return None
    if m["hh"]:
        return Norm("TIME", f"{d.isoformat()}T{m['hh']}:{m['mi']}")
    return Norm("DATE", d.isoformat())


def norm_slash(m: re.Match[str], c: Context) -> Norm | None:
    a, b, y = int(m["a"]), int(m["b"]), year_of(m["y"])
    day_first = a > 12 or (c.day_first and b <= 12)
    d = safe_date(y, b, a) if day_first else safe_date(y, a, b)
    return Norm("DATE", d.isoformat()) if d else None


def _dated(
    month: int, day: int, year: str | None, day2: str | None, c: Context, part: str | None
) -> Norm | None:
    if year:
        d = safe_date(year_of(year), month, day)
    elif c.dct:
        d = resolve_month_day(c.dct, month, day, c.direction)
        if d is not None and abs((d - c.dct).days) > MAX_TENSE_DAYS:
            d = resolve_month_day(c.dct, month, day, "nearest")
    elif (ref := anchor_day(c)) is not None:
        d = resolve_month_day(ref, month, day, "nearest")  # "8 May 2020 ... on 5 May"
    else:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}")
    if d is None:
        return None
    end = safe_date(d.year, d.month, int(day2)) if day2 else None
    if end is not None and end < d:
        end = None
    return Norm("TIME" if part and not day2 else "DATE", day_value(d, part), end)


def norm_dmy(m: re.Match[str], c: Context) -> Norm | None:
    return _dated(month_number(m["mon"]), int(m["d"]), m["y"], m["d2"], c, m["part"])


def norm_mdy(m: re.Match[str], c: Context) -> Norm | None:
    return _dated(month_number(m["mon"]), int(m["d"]), m["y"], m["d2"], c, m["part"])


def norm_month_year(m: re.Match[str], c: Context) -> Norm | None:
    month = month_number(m["mon"])
    if m["y"]:
        year = year_of(m["y"])
    elif c.dct:
        year = relative_year(m["rel"], c.dct)
    else:
        return Norm("DATE", f"XXXX-{month:02d}")
    return Norm("DATE", f"{year}-{month:02d}")


def norm_month(m: re.Match[str], c: Context) -> Norm | None:
    month = month_number(m["mon"])
    rel = (m["rel"] or "").lower()
    if month == 5 and not rel and not m["pre"] and c.word_before(m.start()) not in {
        "in", "since", "until", "by", "from", "through", "during", "of", "early", "late", "mid",
        "to", "and", "before", "after", "last", "next", "this",
    }:  # fmt: skip
        return None  # "May" is mostly the modal verb
    if c.dct is None:
        ref = anchor_day(c)
        if ref is None or rel:
            return Norm("DATE", f"XXXX-{month:02d}")
        return Norm("DATE", f"{resolve_month(ref, month, 'nearest')}-{month:02d}")
    if "last" in rel or "past" in rel:
        year = c.dct.year if month < c.dct.month else c.dct.year - 1
    elif "next" in rel or "coming" in rel:
        year = c.dct.year if month > c.dct.month else c.dct.year + 1
    elif rel == "this":
        year = c.dct.year
    else:
        year = resolve_month(c.dct, month, c.direction)
        if abs((year * 12 + month) - (c.dct.year * 12 + c.dct.month)) > MAX_TENSE_MONTHS:
            year = resolve_month(c.dct, month, "nearest")
    return Norm("DATE", f"{year}-{month:02d}")


def norm_weekday(m: re.Match[str], c: Context) -> Norm | None:
    wd = WEEKDAYS[m["wd"].lower()]
    part = m["part"]
    typ: TimexType = "TIME" if part else "DATE"
    if c.dct is None:
        suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
        return Norm(typ, f"XXXX-WXX-{wd + 1}{suffix}")
    rel = (m["rel"] or "").lower()
    if rel == "last" or rel == "this past":
        d = c.dct - timedelta(days=(c.dct.weekday() - wd - 1) % 7 + 1)
    elif rel in ("next", "coming", "this coming"):
        d = c.dct + timedelta(days=(wd - c.dct.weekday() - 1) % 7 + 1)
    else:
        # news reports what happened: an unattached weekday is the last one
        direction = "future" if rel == "this" else "past" if c.direction == "nearest" else c.direction
        if re.search(
            r"\b(?:as (?:soon|early|late) as|until|till|by|starting|from)\W*$",
            c.text[max(0, m.start() - 16) : m.start()],
            re.I,
        ):
            direction = "future"  # "as soon as Tuesday", "until Tuesday morning"
        d = resolve_weekday(c.dct, wd, direction)
    return Norm(typ, day_value(d, part))


def norm_clock(m: re.Match[str], c: Context) -> Norm | None:
    word = (m["word"] or "").lower()
    if word == "noon":
        hh, mi = 12, 0
    elif word == "midnight":
        hh, mi = 24, 0
    else:
        hh, mi = int(m["h"] or m["h2"]), int(m["mi"] or m["mi2"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if hh > 24 or mi > 59:
            return None
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
        elif m["part"] and m["part"].lower() in ("afternoon", "evening", "night") and hh < 12:
            hh += 12
    clock = f"T{hh:02d}:{mi:02d}" if word != "midnight" else "T24"
    day = m["dayref"]
    if m["cmon"]:  # "5 p.m. EST Nov. 9"
        dated = _dated(month_number(m["cmon"]), int(m["cday"]), m["cy"], None, c, None)
        if dated is None:
            return None
        base = dated.value
    elif c.dct is None:
        base = "XXXX-XX-XX"
    elif day and day.lower() in WEEKDAYS:
        direction = "past" if c.direction == "nearest" else c.direction
        base = resolve_weekday(c.dct, WEEKDAYS[day.lower()], direction).isoformat()
    else:
        base = (c.dct + timedelta(days=DAY_OFFSETS.get((day or "today").lower(), 0))).isoformat()
    return Norm("TIME", base + clock)


def norm_relday(m: re.Match[str], c: Context) -> Norm | None:
    word = m["word"].lower()
    offset = DAY_OFFSETS[word]
    if m["before"]:
        offset += -1 if "before" in m["before"].lower() else 1
    part = m["part"] or ("night" if word == "tonight" else None)
    typ: TimexType = "TIME" if m["part"] else "DATE"
    if c.dct is None:
        return Norm(typ, "XXXX-XX-XX" if word != "today" or m["part"] else "PRESENT_REF")
    return Norm(typ, day_value(c.dct + timedelta(days=offset), part if m["part"] else None))


def norm_partday(m: re.Match[str], c: Context) -> Norm | None:
    part = m["part"].lower()
    rel = m["rel"].lower()
    offset = -1 if rel == "last" else DAY_OFFSETS.get(rel, 0)
    if c.dct is None:
        return Norm("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[part]}")
    return Norm("TIME", day_value(c.dct + timedelta(days=offset), part))
