"""Rule grammar for time expressions: regex patterns, each with a TIMEX3 normaliser.

Span conventions follow TimeML/TempEval-3: determiners and modifiers belong to the expression
("the past three years", "about two years ago", "last week"), prepositions do not ("on Thursday",
"in a week"). Values are resolved against the document creation time (``Context.dct``); without
one, relative expressions keep an underspecified value (``XXXX-WXX-4``, ``PAST_REF``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from newsevents.nlp.times_lexicon import (
    MODIFIER,
    MONTH_ANY,
    MONTH_FULL,
    MONTHS,
    NUM,
    ORDINALS,
    UNIT,
    VAGUE_NUMBERS,
    WEEKDAY,
    WEEKDAYS,
    duration_value,
    parse_number,
    unit_name,
)
from newsevents.resolve.calendar import (
    Direction,
    iso_week,
    quarter_of,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    season_bounds,
    shift_months,
)

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "presently": "PRESENT_REF", "right now": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
}  # fmt: skip
SET_WORDS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "biannually": "P6M",
}  # fmt: skip
# Words before a bare plural unit that make it a duration ("for years", "in months").
PLURAL_DURATION_CUES = {"for", "in", "over", "within", "after", "during", "take", "took", "takes",
                        "lasted", "last", "spent", "spend", "than", "past", "about", "nearly"}  # fmt: skip
# Tense may pull a year-less date into the past or future only this far (days); beyond it the
# nearest reading wins ("Nov. 22" said on Oct. 27 after a past-tense verb is still next month).
# Chosen by a grid over 183-366 days and 6-12 months on the TimeBank dev set: ten months for
# "Nov. 22", eight for a bare "November" scored best; with no limit it scored lower.
MAX_TENSE_DAYS = 300
MAX_TENSE_MONTHS = 8
# The year, month and day at the start of a calendar value ("2021-08", "1998-10-23T22:00").
_ANCHOR = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Labels spaCy gives to numbers that are not years ("1,990 shares", "$1990").
NON_YEAR_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}


@dataclass(slots=True)
class Norm:
    """A normalised expression: TIMEX3 type and value, and the last day of a stated range."""

    type: TimexType
    value: str
    end: date | None = None


@dataclass(slots=True)
class Context:
    """What normalisation may look at: the text, the creation time, and document-level state."""

    text: str
    dct: date | None
    day_first: bool = True  # 04/05/2020 read as 4 May unless the text shows month-first dates
    direction: Direction = "nearest"  # tense of the governing verb, set per expression
    last_quarter: tuple[int, int] | None = None  # (year, quarter) of the last quarter mentioned
    anchor: str | None = None  # the last calendar value mentioned, for "that day", "the following year"
    ent_labels: list[tuple[int, int, str]] = field(default_factory=list)

    def label_at(self, pos: int) -> str | None:
        """The spaCy entity label covering a character position, if any."""
        for start, end, label in self.ent_labels:
            if start <= pos < end:
                return label
        return None

    def word_before(self, pos: int) -> str:
        """The lower-cased word just before a position ("" at the start)."""
        m = re.search(r"([A-Za-z']+)\W*$", self.text[max(0, pos - 30) : pos])
        return m.group(1).lower() if m else ""


Handler = Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the grammar and the function that normalises its matches."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler


def _day(d: date, part: str | None = None) -> str:
    value = d.isoformat()
    if part:
        value += "T" + PARTS_OF_DAY[part.lower()]
    return value


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_num(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _year_of(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 1900 if y >= 50 else 2000  # two-digit years: 50-99 are 19xx, as in news archives
    return y


def _relative_year(word: str | None, dct: date) -> int:
    w = (word or "").lower()
    if "last" in w or "previous" in w or "ago" in w or "earlier" in w:
        return dct.year - 1
    if "next" in w or "coming" in w:
        return dct.year + 1
    return dct.year


# --- explicit calendar dates -------------------------------------------------------------


def _iso(m: re.Match[str], c: Context) -> Norm | None:
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    if d is None:
        return None
    if m["hh"]:
        return Norm("TIME", f"{d.isoformat()}T{m['hh']}:{m['mi']}")
    return Norm("DATE", d.isoformat())


def _slash(m: re.Match[str], c: Context) -> Norm | None:
    a, b, y = int(m["a"]), int(m["b"]), _year_of(m["y"])
    day_first = a > 12 or (c.day_first and b <= 12)
    d = _safe_date(y, b, a) if day_first else _safe_date(y, a, b)
    return Norm("DATE", d.isoformat()) if d else None


def _anchor_day(c: Context) -> date | None:
    """With no creation time, the day of the last explicit date stands in for it (narratives)."""
    a = _ANCHOR.match(c.anchor or "")
    if a is None:
        return None
    month = int(a.group(2)) if a.group(2) else 7  # a bare year: read around its middle
    day = int(a.group(3)) if a.group(3) else 1
    return _safe_date(int(a.group(1)), month, day)


def _dated(
    month: int, day: int, year: str | None, day2: str | None, c: Context, part: str | None
) -> Norm | None:
    if year:
        d = _safe_date(_year_of(year), month, day)
    elif c.dct:
        d = resolve_month_day(c.dct, month, day, c.direction)
        if d is not None and abs((d - c.dct).days) > MAX_TENSE_DAYS:
            d = resolve_month_day(c.dct, month, day, "nearest")
    elif (ref := _anchor_day(c)) is not None:
        d = resolve_month_day(ref, month, day, "nearest")  # "8 May 2020 ... on 5 May"
    else:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}")
    if d is None:
        return None
    end = _safe_date(d.year, d.month, int(day2)) if day2 else None
    if end is not None and end < d:
        end = None
    return Norm("TIME" if part and not day2 else "DATE", _day(d, part), end)


def _dmy(m: re.Match[str], c: Context) -> Norm | None:
    return _dated(_month_num(m["mon"]), int(m["d"]), m["y"], m["d2"], c, m["part"])


def _mdy(m: re.Match[str], c: Context) -> Norm | None:
    return _dated(_month_num(m["mon"]), int(m["d"]), m["y"], m["d2"], c, m["part"])


def _month_year(m: re.Match[str], c: Context) -> Norm | None:
    month = _month_num(m["mon"])
    if m["y"]:
        year = _year_of(m["y"])
    elif c.dct:
        year = _relative_year(m["rel"], c.dct)
    else:
        return Norm("DATE", f"XXXX-{month:02d}")
    return Norm("DATE", f"{year}-{month:02d}")


def _month(m: re.Match[str], c: Context) -> Norm | None:
    month = _month_num(m["mon"])
    rel = (m["rel"] or "").lower()
    if month == 5 and not rel and not m["pre"] and c.word_before(m.start()) not in {
        "in", "since", "until", "by", "from", "through", "during", "of", "early", "late", "mid",
        "to", "and", "before", "after", "last", "next", "this",
    }:  # fmt: skip
        return None  # "May" is mostly the modal verb
    if c.dct is None:
        ref = _anchor_day(c)
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


def _weekday(m: re.Match[str], c: Context) -> Norm | None:
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
    return Norm(typ, _day(d, part))


def _clock(m: re.Match[str], c: Context) -> Norm | None:
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
        dated = _dated(_month_num(m["cmon"]), int(m["cday"]), m["cy"], None, c, None)
        if dated is None:
            return None
        base = dated.value
    elif c.dct is None:
        base = "XXXX-XX-XX"
    elif day and day.lower() in WEEKDAYS:
        direction = "past" if c.direction == "nearest" else c.direction
        base = resolve_weekday(c.dct, WEEKDAYS[day.lower()], direction).isoformat()
    else:
        base = (c.dct + timedelta(days=_DAY_OFFSETS.get((day or "today").lower(), 0))).isoformat()
    return Norm("TIME", base + clock)


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relday(m: re.Match[str], c: Context) -> Norm | None:
    word = m["word"].lower()
    offset = _DAY_OFFSETS[word]
    if m["before"]:
        offset += -1 if "before" in m["before"].lower() else 1
    part = m["part"] or ("night" if word == "tonight" else None)
    typ: TimexType = "TIME" if m["part"] else "DATE"
    if c.dct is None:
        return Norm(typ, "XXXX-XX-XX" if word != "today" or m["part"] else "PRESENT_REF")
    return Norm(typ, _day(c.dct + timedelta(days=offset), part if m["part"] else None))


def _partday(m: re.Match[str], c: Context) -> Norm | None:
    part = m["part"].lower()
    offset = -1 if m["rel"].lower() == "last" else 0
    if c.dct is None:
        return Norm("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[part]}")
    return Norm("TIME", _day(c.dct + timedelta(days=offset), part))


# --- relative expressions ----------------------------------------------------------------

_OFFSET_WORDS = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1,
                 "coming": 1, "following": 1, "this coming": 1, "this": 0, "current": 0}  # fmt: skip


def _shifted(unit: str, offset: int, c: Context) -> str | None:
    """The value of the unit ``offset`` units from the creation time (last week, next year)."""
    dct = c.dct
    if dct is None:
        return {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                "year": "XXXX", "quarter": "XXXX-QX", "day": "XXXX-XX-XX"}.get(unit)  # fmt: skip
    if unit == "day":
        return (dct + timedelta(days=offset)).isoformat()
    if unit == "week":
        return iso_week(dct + timedelta(days=7 * offset))
    if (
        unit == "weekend"
    ):  # the weekend of the week ``offset`` weeks away; a past one if said early in the week
        if offset == 0 and c.direction != "future" and dct.weekday() < 4:
            offset = -1
        return iso_week(dct + timedelta(days=7 * offset)) + "-WE"
    if unit == "month":
        y, mo = shift_months(dct, offset)
        return f"{y}-{mo:02d}"
    if unit == "quarter":
        y, mo = shift_months(dct, 3 * offset)
        q = (mo - 1) // 3 + 1
        c.last_quarter = (y, q)
        return f"{y}-Q{q}"
    if unit == "year":
        return str(dct.year + offset)
    if unit == "decade":
        return str(dct.year // 10 + offset)
    if unit == "century":
        return f"{dct.year // 100 + offset:02d}"
    return None


def _relunit(m: re.Match[str], c: Context) -> Norm | None:
    if m["unit"][0].isupper() and not m["unit"].isupper():
        return None  # "This Week", a programme title
    unit = unit_name(m["unit"].split()[-1])
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    offset = _OFFSET_WORDS[rel]
    if (unit in ("decade", "century") and offset < 0) or (unit == "century" and offset == 0):
        return Norm("DURATION", duration_value(1, unit))
    value = _shifted(unit, offset, c)
    return Norm("DATE", value) if value else None


def _ago(m: re.Match[str], c: Context) -> Norm | None:
    n = parse_number(m["num"])
    unit = unit_name(m["unit"])
    word = m["dir"].lower()
    if word in ("later", "after", "before") or (word == "earlier" and unit not in ("year", "quarter")):
        return None  # anchored to another event: the "duration" rule takes "three days"
    sign = 1 if word in ("later", "after", "from now", "hence") else -1
    ref = "FUTURE_REF" if sign > 0 else "PAST_REF"
    if c.dct is None or n is None:
        return Norm("DATE", ref)
    k = round(n) * sign
    dct = c.dct
    if unit in ("day", "night"):
        return Norm("DATE", (dct + timedelta(days=k)).isoformat())
    if unit in ("week", "fortnight"):
        return Norm("DATE", iso_week(dct + timedelta(days=7 * k * (2 if unit == "fortnight" else 1))))
    if unit == "month":
        y, mo = shift_months(dct, k)
        return Norm("DATE", f"{y}-{mo:02d}")
    if unit == "quarter":
        y, mo = shift_months(dct, 3 * k)
        return Norm("DATE", f"{y}-Q{(mo - 1) // 3 + 1}")
    if unit == "year":
        if k == -1 and c.last_quarter and m["dir"].lower() in ("ago", "earlier", "before"):
            return Norm("DATE", f"{c.last_quarter[0] - 1}-Q{c.last_quarter[1]}")
        return Norm("DATE", str(dct.year + k))
    if unit == "decade":
        return Norm("DATE", str(dct.year + 10 * k))
    if unit == "century":
        return Norm("DATE", str(dct.year + 100 * k))
    return Norm("DATE", dct.isoformat())  # hours or minutes ago: today


def _duration(m: re.Match[str], c: Context) -> Norm | None:
    num = m["num"].lower()
    unit = unit_name(m["unit"])
    n = None if num in VAGUE_NUMBERS or num == "dozens of" else parse_number(num)
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", num) and not m["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter" is a date
    after = c.text[m.end() : m.end() + 12]
    if m["unit"][0].isupper() and not m["unit"].isupper():
        return None  # "60 Minutes", a title
    if re.match(r"[ -]old\b", after):
        return None  # "52 years old" is an age
    if num in ("a", "an") and unit == "second" and not re.match(r"\s*(?:[.,;)]|later|ago|earlier)", after):
        return None  # "a second group"
    if num in ("a", "an") and not m["pre"]:
        before = c.text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"(\d|%|cents?|dollars?|times|twice|once|thrice|million|billion|thousand)\W*$", before):
            return Norm("SET", duration_value(1, unit))  # "$5 a year", "twice a week"
    if (
        num in ("a", "an", "one")
        and unit == "day"
        and not m["pre"]
        and c.word_before(m.start()) in ("", "one")
    ):
        return None
    return Norm("DURATION", duration_value(n, unit))


def _vague_plural(m: re.Match[str], c: Context) -> Norm | None:
    words = m.group(0).lower().split()
    if words[-1] == "years" and words[-2] in ("recent", "past"):
        return Norm("DATE", "PAST_REF")
    return Norm("DURATION", duration_value(None, unit_name(m["unit"])))


def _bare_plural(m: re.Match[str], c: Context) -> Norm | None:
    if c.word_before(m.start()) not in PLURAL_DURATION_CUES:
        return None
    return Norm("DURATION", duration_value(None, unit_name(m["unit"])))


def _adj_duration(m: re.Match[str], c: Context) -> Norm | None:
    n = parse_number(m["num"])
    if n is None:
        return None
    return Norm("DURATION", duration_value(n, unit_name(m["unit"])))


# --- years, decades, quarters, seasons ---------------------------------------------------


def _year(m: re.Match[str], c: Context) -> Norm | None:
    start = m.start("y")
    before = c.text[max(0, start - 2) : start]
    after = c.text[m.end("y") : m.end("y") + 2]
    if (re.search(r"[$#.,:/\d-]$", before) and not (m["pre"] and before.endswith("-"))) or re.match(
        r"[%\d,.:]\d|%|-\d", after
    ):
        return None
    if c.label_at(start) in NON_YEAR_LABELS and not m["pre"]:
        return None
    return Norm("DATE", m["y"])


_ANCHOR_OFFSETS = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the next": 1,
                   "the previous": -1, "the preceding": -1, "the prior": -1}  # fmt: skip


def _anchored(m: re.Match[str], c: Context) -> Norm | None:
    """ "that day", "later that year", "the following month": relative to the last date mentioned."""
    offset = _ANCHOR_OFFSETS[re.sub(r"\s+", " ", m["det"].lower())]
    unit = m["unit"].lower()
    unit = "day" if unit in PARTS_OF_DAY else unit
    a = _ANCHOR.match(c.anchor or "")
    year = int(a.group(1)) if a else None
    month = int(a.group(2)) if a and a.group(2) else None
    day = _safe_date(year, month, int(a.group(3))) if a and a.group(3) and year and month else None
    if unit == "year" and year is not None:
        return Norm("DATE", str(year + offset))
    if unit == "month" and year is not None and month is not None:
        y, mo = shift_months(date(year, month, 1), offset)
        return Norm("DATE", f"{y}-{mo:02d}")
    if unit in ("day", "week") and day is not None:
        moved = day + timedelta(days=offset * (7 if unit == "week" else 1))
        return Norm("DATE", moved.isoformat() if unit == "day" else iso_week(moved))
    value = _shifted(unit, offset, c)  # nothing to anchor to: count from the creation time
    return Norm("DATE", value) if value else None


def _spelled_year(m: re.Match[str], c: Context) -> Norm | None:
    """Years read out in broadcast transcripts: "nineteen ninety-six", "two thousand and one"."""
    if m["hi2"]:
        rest = parse_number(m["lo2"]) if m["lo2"] else 0.0
        return Norm("DATE", str(2000 + int(rest))) if rest is not None else None
    hundreds, rest = parse_number(m["hi"]), parse_number(m["lo"])
    if hundreds is None or rest is None:
        return None
    return Norm("DATE", str(int(hundreds) * 100 + int(rest)))


def _year_end(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("DATE", str(c.dct.year) if c.dct else "XXXX")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip


def _decade(m: re.Match[str], c: Context) -> Norm | None:
    if m["word"]:
        return Norm("DATE", f"19{_DECADE_WORDS[m['word'].lower()]}")
    return Norm("DATE", m["dec"] if m["dec"] else f"19{m['dec2']}")


def _century(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("DATE", f"{int(m['n']) - 1:02d}")


def _quarter(m: re.Match[str], c: Context) -> Norm | None:
    q = ORDINALS[m["ord"].lower()]
    yref = (m["yref"] or "") + " " + (m["yref2"] or "")
    ymatch = re.search(r"\d{4}", yref)
    if ymatch:
        year = int(ymatch.group(0))
    elif c.dct is None:
        return Norm("DATE", f"XXXX-Q{q}")
    elif re.search(r"last|previous|year-(?:ago|earlier)|prior", yref, re.I):
        year = c.dct.year - 1
    elif re.search(r"next", yref, re.I):
        year = c.dct.year + 1
    elif re.search(r"this|current", yref, re.I):
        year = c.dct.year
    else:  # quarters are reported once they are over: the latest one with that number
        year = c.dct.year if q <= quarter_of(c.dct) else c.dct.year - 1
    if (
        re.search(r"year-(?:ago|earlier)", m.group(0), re.I)
        and not ymatch
        and not re.search(r"year-(?:ago|earlier)", yref, re.I)
    ):
        year -= 1
    if not re.search(r"year-(?:ago|earlier)|last year's|previous year's", m.group(0), re.I):
        c.last_quarter = (year, q)
    return Norm("DATE", f"{year}-Q{q}")


def _quarter_ref(m: re.Match[str], c: Context) -> Norm | None:
    text = m.group(0).lower()
    if ym := re.search(r"\b(\d{4}) (?:quarter|period)", text):
        q = c.last_quarter[1] if c.last_quarter else None
        return Norm("DATE", f"{ym.group(1)}-Q{q}" if q else ym.group(1))
    if re.search(r"year-(?:ago|earlier)|same|corresponding|comparable|last year|a year", text):
        if c.last_quarter:
            return Norm("DATE", f"{c.last_quarter[0] - 1}-Q{c.last_quarter[1]}")
        return Norm("DATE", str(c.dct.year - 1) if c.dct else "PAST_REF")
    if (c.last_quarter and "period" not in text) or (c.last_quarter and "latest" in text):
        return Norm("DATE", f"{c.last_quarter[0]}-Q{c.last_quarter[1]}")
    if c.dct is None:
        return Norm("DATE", "XXXX-QX")
    if "period" in text:
        return None
    if re.match(r"(?:this|the current) quarter", text):
        return Norm("DATE", f"{c.dct.year}-Q{quarter_of(c.dct)}")
    y, mo = shift_months(c.dct, -3)  # "the quarter", "the latest quarter": the last one reported
    c.last_quarter = (y, (mo - 1) // 3 + 1)
    return Norm("DATE", f"{y}-Q{c.last_quarter[1]}")


def _half(m: re.Match[str], c: Context) -> Norm | None:
    h = 1 if m["ord"].lower() == "first" else 2
    yref = m["yref"] or ""
    if re.fullmatch(r"\d{4}", yref):
        return Norm("DATE", f"{yref}-H{h}")
    if c.dct is None:
        return Norm("DATE", f"XXXX-H{h}")
    return Norm("DATE", f"{_relative_year(yref, c.dct)}-H{h}")


def _season(m: re.Match[str], c: Context) -> Norm | None:
    code = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower()
    cues = {"in", "during", "since", "by", "until", "till", "over", "through", "throughout", "into",
            "before", "after", "this", "last", "next"}  # fmt: skip
    if (
        not m["y"]
        and rel in ("", "the")
        and (c.word_before(m.start()) not in cues or re.match(r"\s+(?:of|in|to|from)\b", c.text[m.end() :]))
    ):
        return None  # "fall" the verb, "the fall of the city", "a spring"
    if m["y"]:
        return Norm("DATE", f"{m['y']}-{code}")
    if c.dct is None:
        return Norm("DATE", f"XXXX-{code}")
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    started = c.dct.year if date(c.dct.year, first, 1) <= c.dct else c.dct.year - 1
    inside = c.dct <= season_bounds(started, code)[1]
    if "last" in rel or "this past" in rel:
        year = started - 1 if inside else started
    elif "next" in rel or "coming" in rel:
        year = started + 1
    elif rel == "this":
        year = started if inside or code == "WI" else c.dct.year
    else:
        year = started
    return Norm("DATE", f"{year}-{code}")


def _ref(m: re.Match[str], c: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if word == "future" and c.word_before(m.start()) not in ("near", "distant"):
        return None
    if word == "current" and c.word_before(m.start()) in ("electric", "ocean", "the", "a"):
        return None
    return Norm("DATE", REFS[word])


def _set_word(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("SET", SET_WORDS[m.group(0).lower()])


def _set_every(m: re.Match[str], c: Context) -> Norm | None:
    if m["wd"]:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower().rstrip('s')] + 1}")
    n = parse_number(m["num"]) if m["num"] else 1.0
    if m["other"]:
        n = 2.0
    return Norm("SET", duration_value(n, unit_name(m["unit"])))


def _set_weekdays(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}")


def _holiday(m: re.Match[str], c: Context) -> Norm | None:
    name = m["name"].lower()
    year_text = m["y"]
    if name.startswith("thanksgiving"):

        def day_in(y: int) -> date:
            first = date(y, 11, 1)
            return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    else:
        month, dom = {"christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
                      "new year's eve": (12, 31), "new year's day": (1, 1)}[name]  # fmt: skip

        def day_in(y: int) -> date:
            return date(y, month, dom)

    if year_text:
        return Norm("DATE", day_in(int(year_text)).isoformat())
    if c.dct is None:
        return None
    options = [day_in(y) for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1)]
    rel = (m["rel"] or "").lower()
    direction = "past" if rel == "last" else "future" if rel == "next" else c.direction
    if direction == "past":
        chosen = max(d for d in options if d <= c.dct)
    elif direction == "future":
        chosen = min(d for d in options if d >= c.dct)
    else:
        chosen = min(options, key=lambda d: abs((d - c.dct).days) if c.dct else 0)
    return Norm("DATE", chosen.isoformat())


def _bare_unit(m: re.Match[str], c: Context) -> Norm | None:
    unit = m["unit"].lower()
    if unit == "weekend":
        value = _shifted("weekend", 0, c)
        return Norm("DATE", value) if value else None
    if unit == "year" and not m["pre"] and not m["adj"]:
        return Norm("DURATION", "P1Y")  # TimeBank reads a plain "the year" as a span of a year
    if c.dct is None:
        return Norm("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit])
    if unit == "year":
        offset = -1 if re.search(r"latest|previous|prior", m["adj"] or "", re.I) else 0
        return Norm("DATE", str(c.dct.year + offset))
    if unit == "month":
        return Norm("DATE", f"{c.dct.year}-{c.dct.month:02d}")
    return Norm("DATE", f"{c.dct.year}-WXX")


# --- the grammar ---------------------------------------------------------------------------


def _alt(*words: str) -> str:
    """A case-insensitive alternation of words or regex pieces."""
    return "(?i:" + "|".join(words) + ")"


_PART = r"(?P<part>[Mm]orning|[Aa]fternoon|[Ee]vening|[Nn]ight)"
_PART_OF = rf"(?:(?i:(?:on )?the )?(?i:{_PART}) (?i:of) )?"
_PRE = _alt(
    "early", "late", "earlier", "later", "mid-?", "the end of", "the beginning of", "the start of",
    "the middle of", "the rest of", "sometime", "some time", "so far",
)  # fmt: skip
_YREF = _alt(
    "this year's", "last year's", "next year's", "the previous year's", "the year-(?:ago|earlier)",
    "year-(?:ago|earlier)", r"\d{4}'s", r"the \d{4}", r"\d{4}",
)  # fmt: skip
_ORD = r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))"
_TH = r"(?:st|nd|rd|th)?"
_RANGE_END = rf"(?:\s*(?:-|–|to|and|or)\s*(?P<d2>[0-3]?\d){_TH}\b)?"
_DAYREF = rf"(?P<dayref>{WEEKDAY}|(?i:today|tonight|yesterday|tomorrow))"
_ZONE = r"(?:\s*\(?(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local time|[A-Z]{3}T)\)?)?"
_AMPM = r"(?P<ampm>(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b))"
_REL = _alt(
    "last", "next", "this past", "this coming", "this", "past", "coming", "previous", "following",
    "current",
)  # fmt: skip
_DUR_PRE = _alt(
    "past", "last", "next", "first", "previous", "coming", "latest", "final", "remaining", "following",
    "initial", "same", "year-earlier", "year-ago", "other", "additional",
)  # fmt: skip
_DUR_ADJ = _alt("more", "additional", "straight", "consecutive", "full", "long", "extra")
_NUM_NO_ARTICLE = NUM.replace("|a|an)", ")")
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = f"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:{_DIGIT_WORDS}))?"
_QUARTER_MODS = _alt(
    "comparable ", "same ", "corresponding ", "year-ago ", "year-earlier ", "latest ", "current ",
    "previous ", "prior ", "recent ", "fiscal ",
)  # fmt: skip
_REF_WORDS = _alt(
    "now", "currently", "current", "nowadays", "these days", "at present", "presently", "right now",
    "recently", "recent", "lately", "the past", "the (?:near )?future", "future", "the (?:near|short) term",
)  # fmt: skip
_HOLIDAYS = (
    r"(?P<name>Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|Thanksgiving(?: Day)?)"
)
_UNIT_PRE = _alt(
    "the end of", "the start of", "the beginning of", "the middle of", "the rest of", "earlier in",
    "later in", "early in", "late in",
)  # fmt: skip
_UNIT_ADJ = _alt("full", "fiscal", "calendar", "entire", "whole", "same", "latest", "previous", "prior")
_YEAR_PRE = _alt(
    "fiscal", "calendar", "the year", "the end of", "the beginning of", "the start of", "the middle of",
    "early", "late", "mid-?", "the fiscal year", "the calendar year",
)  # fmt: skip


def _r(name: str, handler: Handler, *parts: str) -> Rule:
    return Rule(name, re.compile("".join(parts)), handler)


RULES: list[Rule] = [
    _r("iso", _iso, r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2}))?\b"),
    _r("slash", _slash, r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    _r(
        "day_month",
        _dmy,
        rf"{_PART_OF}(?i:the )?\b(?P<d>[0-3]?\d){_TH}",
        rf"(?:\s*(?:-|–|to|and|or)\s*(?P<d2>[0-3]?\d){_TH})?(?: of)? (?P<mon>{MONTH_ANY})(?!\w)",
        r"(?:,? (?P<y>\d{4})\b)?",
    ),
    _r(
        "month_day",
        _mdy,
        rf"{_PART_OF}(?:{_PRE} )?(?P<mon>{MONTH_ANY}) (?P<d>[0-3]?\d){_TH}\b(?![%.,]\d)",
        rf"{_RANGE_END}(?:,? (?P<y>\d{{4}})\b)?",
    ),
    _r(
        "month_year",
        _month_year,
        rf"(?:{_PRE} )?(?P<mon>{MONTH_ANY})(?: of)?,? ",
        r"(?:(?P<y>\d{4})\b|(?P<rel>(?i:this|last|next) year)\b)",
    ),
    _r(
        "month",
        _month,
        rf"(?:(?P<pre>{_PRE})[ -]?)?(?:(?P<rel>(?i:last|next|this|this past|this coming|the)) )?",
        rf"\b(?P<mon>{MONTH_FULL})\b",
    ),
    _r(
        "weekday",
        _weekday,
        r"(?:(?i:early|late|earlier|later) )?(?:(?P<rel>(?i:last|next|this|this past|this coming|coming)) )?",
        rf"\b(?P<wd>{WEEKDAY})\b(?: {_PART}\b)?",
    ),
    _r(
        "clock",
        _clock,
        r"(?:(?i:about|around|at about|approximately|shortly after|shortly before|just after|just before) )?",
        rf"(?:\b(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*{_AMPM}",
        r"|\b(?P<word>(?i:noon|midnight))\b",
        rf"|\b(?P<h2>[0-2]?\d)(?::(?P<mi2>[0-5]\d))? (?i:o'clock|in the) (?:{_PART}))",
        rf"{_ZONE}(?:,? (?:on )?(?:{_DAYREF}|(?P<cmon>{MONTH_ANY}) (?P<cday>[0-3]?\d)\b(?:,? (?P<cy>\d{{4}}))?))?",
    ),
    _r(
        "relday",
        _relday,
        r"(?:(?i:early|late|earlier|later) )?(?:(?P<before>(?i:the day (?:before|after))) )?",
        rf"\b(?P<word>(?i:today|tonight|yesterday|tomorrow))\b(?: {_PART}\b)?",
    ),
    _r(
        "partday",
        _partday,
        r"\b(?P<rel>(?i:this|last|tomorrow|yesterday)) (?P<part>(?i:morning|afternoon|evening|night))\b",
    ),
    _r(
        "anchored",
        _anchored,
        r"(?:(?i:earlier|later|early|late) )?\b(?P<det>(?i:that same|that|the same|the following|the next",
        r"|the previous|the preceding|the prior)) ",
        r"(?P<unit>(?i:day|morning|afternoon|evening|night|week|month|year))",
        r"\b(?![-'])",
    ),
    _r(
        "relunit",
        _relunit,
        rf"(?:(?i:the) )?(?:{_PRE} )?\b(?P<rel>{_REL})",
        r" (?P<unit>(?i:(?:fiscal |calendar )?(?:week|weekend|month|quarter|year|decade|century)))\b(?!-)",
    ),
    _r(
        "ago",
        _ago,
        rf"(?:(?i:{MODIFIER}) )?\b(?P<num>(?i:{NUM})) (?P<unit>(?i:{UNIT}))(?: (?i:or so))?",
        r" (?P<dir>(?i:ago|earlier|later|before|after|from now|hence|back))\b",
    ),
    _r(
        "duration",
        _duration,
        rf"(?:(?i:each of )?(?i:the) )?(?:(?P<pre>{_DUR_PRE}) )?(?:(?i:{MODIFIER}) )?",
        rf"\b(?P<num>(?i:{NUM}))(?: {_DUR_ADJ})? (?P<unit>(?i:{UNIT}))\b(?!-)(?: (?i:or so))?",
    ),
    _r(
        "vague_plural",
        _vague_plural,
        r"(?:(?i:the) )?\b(?i:(?:past|last|next|coming|recent|previous|following|preceding)",
        r"(?: (?:few|several|many))?|(?:in |for )?recent) ",
        r"(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries))\b",
    ),
    _r("bare_plural", _bare_plural, r"\b(?P<unit>(?i:hours|days|weeks|months|years|decades|centuries))\b"),
    _r(
        "adj_duration",
        _adj_duration,
        rf"\b(?P<num>(?i:\d+|{_NUM_NO_ARTICLE}))[- ]",
        r"(?P<unit>(?i:second|minute|hour|day|week|month|quarter|year|decade))(?!-old|-olds)(?=-|\s)(?:-(?i:long))?",
    ),
    _r(
        "year",
        _year,
        rf"(?:(?P<pre>{_YEAR_PRE})[ -]?)?",
        r"(?<![\w$£€.,])(?P<y>1[5-9]\d\d|20\d\d)\b(?!['’]?s\b)",
    ),
    _r(
        "spelled_year",
        _spelled_year,
        rf"(?:(?i:the year) )?\b(?:(?P<hi>(?i:nineteen|eighteen|twenty))[ -](?P<lo>(?i:{_TEENS}|{_TENS}))",
        rf"|(?P<hi2>(?i:two thousand))(?:(?: and)? (?P<lo2>(?i:{_DIGIT_WORDS}|ten)))?)\b",
    ),
    _r("year_end", _year_end, r"(?:(?i:the) )?\b(?i:year[- ]end|year's end|the end of the year)\b"),
    _r(
        "decade",
        _decade,
        r"(?:(?i:the) )?(?:(?i:early|late|mid)-?\s?)?(?:(?P<dec>1\d\d|20\d)0|['’](?P<dec2>\d)0)['’]?s\b",
        r"|\b(?i:the) (?:(?i:early|late|mid)-?\s?)?",
        r"(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    ),
    _r("century", _century, r"(?:(?i:the) )?\b(?P<n>\d{1,2})(?:st|nd|rd|th) (?i:century)\b"),
    _r(
        "quarter",
        _quarter,
        rf"(?:(?i:the) )?(?:(?P<yref>{_YREF}) )?",
        r"(?:(?i:fiscal|calendar|latest|comparable|year-ago|year-earlier) )*",
        rf"{_ORD}(?:[- ](?i:fiscal|calendar))?[- ](?i:quarter|qtr\.?)(?!s)\b",
        r"(?: (?i:of )?(?P<yref2>(?i:\d{4}|this year|last year|next year|the year)))?",
    ),
    _r(
        "quarter_ref",
        _quarter_ref,
        rf"(?i:(?:the |that |this |last year's )(?:\d{{4}} )?{_QUARTER_MODS}*(?:quarter|period)",
        r"(?: (?:a year (?:ago|earlier)|last year|of \d{4}))?|\byear-(?:ago|earlier)\b)",
    ),
    _r(
        "half",
        _half,
        r"(?:(?i:the) )?(?P<ord>(?i:first|second))[- ](?i:half)",
        r"(?: (?i:of) (?P<yref>\d{4}|(?i:this|last|next|the) year))?",
    ),
    _r(
        "season",
        _season,
        r"(?:(?P<rel>(?i:this past|this coming|this|last|next|early|late|the|the early|the late)) )?",
        r"\b(?P<season>(?i:spring|summer|fall|autumn|winter))\b(?: (?i:of )?(?P<y>\d{4}))?",
    ),
    _r("ref", _ref, rf"\b{_REF_WORDS}\b"),
    _r("set_word", _set_word, r"\b(?i:hourly|daily|nightly|weekly|monthly|yearly)\b"),
    _r(
        "set_every",
        _set_every,
        rf"\b(?i:every|each)(?: (?P<other>(?i:other)))?(?: (?P<num>(?i:{NUM})))? ",
        rf"(?:(?P<wd>{WEEKDAY})|(?P<unit>(?i:{UNIT})))\b",
    ),
    _r("set_weekdays", _set_weekdays, rf"\b(?P<wd>{WEEKDAY})s\b"),
    _r("holiday", _holiday, rf"(?:(?P<rel>(?i:last|next|this)) )?\b{_HOLIDAYS}(?: (?P<y>\d{{4}}))?\b"),
    _r(
        "bare_unit",
        _bare_unit,
        rf"(?:(?P<pre>{_UNIT_PRE}) )?\b(?i:the) (?:(?P<adj>{_UNIT_ADJ}(?: (?i:fiscal|calendar))?) )?",
        r"(?P<unit>(?i:year|month|week|weekend))\b(?![-'])",
    ),
]
