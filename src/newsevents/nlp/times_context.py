"""Shared pieces of the time grammar: the records a rule produces, its context, calendar helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from newsevents.nlp.times_lexicon import MONTHS
from newsevents.resolve.calendar import Direction

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
ANCHOR = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
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


def day_value(d: date, part: str | None = None) -> str:
    """A day as a TIMEX3 value, with a part of the day when given (``2021-08-12TNI``)."""
    value = d.isoformat()
    if part:
        value += "T" + PARTS_OF_DAY[part.lower()]
    return value


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when it does not exist (30 February)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_number(text: str) -> int:
    """The month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[text.lower().rstrip(".")]


def year_of(text: str) -> int:
    """A written year; two-digit years are 19xx from 50 on, else 20xx."""
    y = int(text)
    if len(text) == 2:
        y += 1900 if y >= 50 else 2000  # two-digit years: 50-99 are 19xx, as in news archives
    return y


def relative_year(word: str | None, dct: date) -> int:
    """The year named by "this/last/next year" seen from the creation day."""
    w = (word or "").lower()
    if "last" in w or "previous" in w or "ago" in w or "earlier" in w:
        return dct.year - 1
    if "next" in w or "coming" in w:
        return dct.year + 1
    return dct.year


def anchor_day(c: Context) -> date | None:
    """With no creation time, the day of the last explicit date stands in for it (narratives)."""
    a = ANCHOR.match(c.anchor or "")
    if a is None:
        return None
    month = int(a.group(2)) if a.group(2) else 7  # a bare year: read around its middle
    day = int(a.group(3)) if a.group(3) else 1
    return safe_date(int(a.group(1)), month, day)


# Days counted from the creation day.
DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
