"""Normalisers for years, decades, quarters, seasons, anchored and vague references, and sets.

Each ``norm_*`` function takes a rule's match and the ``Context`` and returns a ``Norm``, or
None when the match is not a time expression after all.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.nlp.times_context import (
    ANCHOR,
    NON_YEAR_LABELS,
    PARTS_OF_DAY,
    REFS,
    SEASONS,
    SET_WORDS,
    Context,
    Norm,
    relative_year,
    safe_date,
)
from newsevents.nlp.times_lexicon import ORDINALS, WEEKDAYS, duration_value, parse_number, unit_name
from newsevents.nlp.times_relative import shifted
from newsevents.resolve.calendar import iso_week, quarter_of, season_bounds, shift_months

# A year-shaped number after one of these and before a plural noun counts things: "a total of
# 1513 shots", "at least 1200 people", "more than 1500 homes".
_COUNTED = re.compile(
    r"(?i)\b(?:total|tally|sum|number|count) of\s+$|\b(?:at least|at most|more than|fewer than|"
    r"less than|nearly|almost|up to)\s+$"
)
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")


def norm_year(m: re.Match[str], c: Context) -> Norm | None:
    start = m.start("y")
    if _COUNTED.search(c.text[max(0, start - 20) : start]) and _PLURAL_AFTER.match(c.text, m.end("y")):
        return None
    before = c.text[max(0, start - 2) : start]
    after = c.text[m.end("y") : m.end("y") + 2]
    prefixed = before.endswith("-") and (
        m["pre"] or re.search(r"(?i)\b(?:pre|post|mid)-$", c.text[max(0, start - 6) : start])
    )
    if (re.search(r"[$#.,:/\d-]$", before) and not prefixed) or re.match(r"[%\d,.:]\d|%|-\d", after):
        return None
    if c.label_at(start) in NON_YEAR_LABELS and not m["pre"]:
        return None
    return Norm("DATE", m["y"])


_ANCHOR_OFFSETS = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the next": 1,
                   "the previous": -1, "the preceding": -1, "the prior": -1}  # fmt: skip


def norm_anchored(m: re.Match[str], c: Context) -> Norm | None:
    """ "that day", "later that year", "the following month": relative to the last date mentioned."""
    offset = _ANCHOR_OFFSETS[re.sub(r"\s+", " ", m["det"].lower())]
    unit = m["unit"].lower()
    unit = "day" if unit in PARTS_OF_DAY else unit
    a = ANCHOR.match(c.anchor or "")
    year = int(a.group(1)) if a else None
    month = int(a.group(2)) if a and a.group(2) else None
    day = safe_date(year, month, int(a.group(3))) if a and a.group(3) and year and month else None
    if unit == "year" and year is not None:
        return Norm("DATE", str(year + offset))
    if unit == "month" and year is not None and month is not None:
        y, mo = shift_months(date(year, month, 1), offset)
        return Norm("DATE", f"{y}-{mo:02d}")
    if unit in ("day", "week") and day is not None:
        moved = day + timedelta(days=offset * (7 if unit == "week" else 1))
        return Norm("DATE", moved.isoformat() if unit == "day" else iso_week(moved))
    value = shifted(unit, offset, c)  # nothing to anchor to: count from the creation time
    return Norm("DATE", value) if value else None


def norm_spelled_year(m: re.Match[str], c: Context) -> Norm | None:
    """Years read out in broadcast transcripts: "nineteen ninety-six", "two thousand and one"."""
    if m["hi2"]:
        rest = parse_number(m["lo2"]) if m["lo2"] else 0.0
        return Norm("DATE", str(2000 + int(rest))) if rest is not None else None
    hundreds, rest = parse_number(m["hi"]), parse_number(m["lo"])
    if hundreds is None or rest is None:
        return None
    return Norm("DATE", str(int(hundreds) * 100 + int(rest)))


def norm_year_end(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("DATE", str(c.dct.year) if c.dct else "XXXX")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip


def norm_decade(m: re.Match[str], c: Context) -> Norm | None:
    if m["word"]:
        return Norm("DATE", f"19{_DECADE_WORDS[m['word'].lower()]}")
    return Norm("DATE", m["dec"] if m["dec"] else f"19{m['dec2']}")


def norm_century(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("DATE", f"{int(m['n']) - 1:02d}")


def norm_quarter(m: re.Match[str], c: Context) -> Norm | None:
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


def norm_quarter_ref(m: re.Match[str], c: Context) -> Norm | None:
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


def norm_half(m: re.Match[str], c: Context) -> Norm | None:
    h = 1 if m["ord"].lower() == "first" else 2
    yref = m["yref"] or ""
    if re.fullmatch(r"\d{4}", yref):
        return Norm("DATE", f"{yref}-H{h}")
    if c.dct is None:
        return Norm("DATE", f"XXXX-H{h}")
    return Norm("DATE", f"{relative_year(yref, c.dct)}-H{h}")


def norm_season(m: re.Match[str], c: Context) -> Norm | None:
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


def norm_ref(m: re.Match[str], c: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if word == "future" and c.word_before(m.start()) not in ("near", "distant"):
        return None
    if word == "current" and c.word_before(m.start()) in ("electric", "ocean", "the", "a"):
        return None
    return Norm("DATE", REFS[word])


def norm_set_word(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("SET", SET_WORDS[m.group(0).lower()])


def norm_set_every(m: re.Match[str], c: Context) -> Norm | None:
    if m["wd"]:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower().rstrip('s')] + 1}")
    n = parse_number(m["num"]) if m["num"] else 1.0
    if m["other"]:
        n = 2.0
    return Norm("SET", duration_value(n, unit_name(m["unit"])))


def norm_set_weekdays(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}")


def norm_holiday(m: re.Match[str], c: Context) -> Norm | None:
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


def norm_bare_unit(m: re.Match[str], c: Context) -> Norm | None:
    unit = m["unit"].lower()
    if unit == "weekend":
        value = shifted("weekend", 0, c)
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
