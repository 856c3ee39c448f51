"""The date of an event: the time expression governing its sentence, else the article's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from newsevents.models import TimeExpr, TimePrecision
from newsevents.nlp.events.types import find_cues

_MONTH_NAMES = "january february march april may june july august september october november december"
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
_MON_ALT = "|".join([*_MONTHS, *(m[:3] for m in _MONTHS), "sept"])
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON_ALT})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MDY = re.compile(rf"\b({_MON_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_DAY_PRECISE: frozenset[str] = frozenset({"day"})


Day = date


@dataclass(frozen=True, slots=True)
class EventTime:
    """The chosen date of an event and where it came from."""

    date: Day | None
    end_date: Day | None
    precision: TimePrecision
    text: str | None


def _month(word: str) -> int:
    """Month number of a month name or abbreviation."""
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or next(i for m, i in _MONTHS.items() if m.startswith(w[:3]))


def fallback_times(text: str, published: date | None) -> list[TimeExpr]:
    """Explicit calendar dates and weekdays, for when no time expressions were annotated."""
    out: list[TimeExpr] = []
    for m in _DMY.finditer(text):
        try:
            d = date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        out.append(TimeExpr(m.start(), m.end(), m.group(0), "DATE", d.isoformat(), "day", d))
    for m in _MDY.finditer(text):
        try:
            d = date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        except ValueError:
            continue
        out.append(TimeExpr(m.start(), m.end(), m.group(0), "DATE", d.isoformat(), "day", d))
    if published is not None:
        for m in _WEEKDAY.finditer(text):
            wd = _WEEKDAYS.index(m.group(1).lower())
            back = (published.weekday() - wd) % 7  # the most recent such day, news past tense
            d = published - timedelta(days=back)
            out.append(TimeExpr(m.start(), m.end(), m.group(0), "DATE", d.isoformat(), "day", d))
    out.sort(key=lambda t: t.start)
    return out


# Dependencies by which a time modifies a noun: "their March salaries", "April's subsidy".
_NOUN_MODIFIER = frozenset({"poss", "compound", "nmod", "nummod", "amod"})


def dates_a_thing(doc: Doc, t: TimeExpr) -> bool:
    """Whether a time modifies a noun that is no happening ("to demand their March salaries",
    "the 2021 budget"): it dates the thing, not any event of its sentence. A time modifying a
    happening ("the April 25 ceasefire", "the 2019 protests") still dates it."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    head = root.head
    if root.dep_ not in _NOUN_MODIFIER or head.pos_ != "NOUN" or head.i < span.end:
        return False
    # it opens a noun phrase after its determiner ("their March salaries", "the 2021 budget") or
    # is a possessive ("March's salary"); after a preposition it dates the clause ("On 5 May
    # 2020 nurses protested", parsed as modifying "nurses")
    before = doc[span.start - 1] if span.start > 0 else None
    opens_phrase = before is not None and (before.pos_ in ("DET", "PRON") or before.dep_ in ("det", "poss"))
    if not (opens_phrase or root.dep_ == "poss"):
        return False
    return not find_cues(doc[span.end : head.i + 1].text)


def _usable(t: TimeExpr) -> bool:
    """A time expression that points at a calendar day or period."""
    return t.type in ("DATE", "TIME") and t.date is not None


def event_time(
    times: list[TimeExpr],
    sent_span: tuple[int, int],
    trigger_start: int,
    published: date | None,
    article_default: TimeExpr | None,
) -> EventTime:
    """Date for an event whose trigger is at ``trigger_start`` in sentence ``sent_span``."""
    lo, hi = sent_span
    in_sent = [t for t in times if lo <= t.start < hi and _usable(t) and not t.start <= trigger_start < t.end]
    if in_sent:
        # A day-precision expression wins; among equals the one nearest the trigger governs it.
        best = min(in_sent, key=lambda t: (t.precision not in _DAY_PRECISE, abs(t.start - trigger_start)))
        return EventTime(best.date, best.end_date, best.precision, best.text)
    if article_default is not None:
        return EventTime(
            article_default.date, article_default.end_date, article_default.precision, article_default.text
        )
    if published is not None:
        return EventTime(published, None, "week", None)  # publication date: a week's precision
    return EventTime(None, None, "unknown", None)
