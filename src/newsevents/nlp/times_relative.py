"""Normalisers for expressions counted from the creation time: "last week", "two years ago", durations.

Each ``norm_*`` function takes a rule's match and the ``Context`` and returns a ``Norm``, or
None when the match is not a time expression after all.
"""

from __future__ import annotations

import re
from datetime import timedelta

from newsevents.nlp.times_context import PLURAL_DURATION_CUES, Context, Norm
from newsevents.nlp.times_lexicon import VAGUE_NUMBERS, duration_value, parse_number, unit_name
from newsevents.resolve.calendar import iso_week, shift_months

_OFFSET_WORDS = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1,
                 "coming": 1, "following": 1, "this coming": 1, "this": 0, "current": 0}  # fmt: skip


def shifted(unit: str, offset: int, c: Context) -> str | None:
    """The value of the unit ``offset`` units from the creation time (last week, next year)."""
    dct = c.dct
    if dct is None:
        return {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                "year": "XXXX", "quarter": "XXXX-QX", "day": "XXXX-XX-XX"}.get(unit)  # fmt: skip
    if unit == "day":
        return (dct + timedelta(days=offset)).isoformat()
    if unit == "week":
        return iso_week(dct + timedelta(days=7 * offset))
    if unit == "weekend":  # that week's weekend; "the weekend" said early in a week is the last one
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


def norm_relunit(m: re.Match[str], c: Context) -> Norm | None:
    if m["unit"][0].isupper() and not m["unit"].isupper():
        return None  # "This Week", a programme title
    unit = unit_name(m["unit"].split()[-1])
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    offset = _OFFSET_WORDS[rel]
    if (unit in ("decade", "century") and offset < 0) or (unit == "century" and offset == 0):
        return Norm("DURATION", duration_value(1, unit))
    value = shifted(unit, offset, c)
    return Norm("DATE", value) if value else None


def norm_ago(m: re.Match[str], c: Context) -> Norm | None:
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


def norm_duration(m: re.Match[str], c: Context) -> Norm | None:
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


def norm_vague_plural(m: re.Match[str], c: Context) -> Norm | None:
    words = m.group(0).lower().split()
    if words[-1] == "years" and words[-2] in ("recent", "past"):
        return Norm("DATE", "PAST_REF")
    return Norm("DURATION", duration_value(None, unit_name(m["unit"])))


def norm_bare_plural(m: re.Match[str], c: Context) -> Norm | None:
    if c.word_before(m.start()) not in PLURAL_DURATION_CUES:
        return None
    return Norm("DURATION", duration_value(None, unit_name(m["unit"])))


def norm_adj_duration(m: re.Match[str], c: Context) -> Norm | None:
    n = parse_number(m["num"])
    if n is None:
        return None
    return Norm("DURATION", duration_value(n, unit_name(m["unit"])))
