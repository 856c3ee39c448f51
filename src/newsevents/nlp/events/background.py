"""Is it news? History and background told around a reported event.

An article tells of its own present and of the past that explains it ("168 people were killed in a
bombing in 1995", "the anniversary of the 1965 marches, when troopers beat demonstrators"). ACLED
codes only what an article reports as news: a happening more than about a month before the
article's own present is background and is not reported. The article's present is its
publication date, or else the latest day the article itself names. The time that governs a
trigger is the one nearest to it in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents.models import TimeExpr

NEWS_WINDOW = timedelta(days=31)  # the labelling rule: "more than about a month before its present"
_YEAR_DIGITS = r"(1[89]\d\d|20\d\d)"
# A year written in a date, ISO datelines ("1996-08-30") included.
_STATED_YEAR = re.compile(rf"(?<!\d){_YEAR_DIGITS}(?!\d)")
# A year standing alone in a sentence (not part of a numbered date or range).
_YEAR = re.compile(rf"(?<![\d-]){_YEAR_DIGITS}(?![\d-])")
_AGO = re.compile(
    r"\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(years?|decades?|months?)"
    r"\s+(ago|earlier|before)\b|\b(last|previous|past)\s+(year|decade|century)\b|\banniversary\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Background:
    """How far in the past a sentence's happening lies, as the text tells it."""

    past: bool  # the time nearest the trigger lies more than a month before the article's present
    long_ago: bool  # "years ago", "last year", "the anniversary of": a hint, not a decision


def article_present(published: date | None, times: list[TimeExpr]) -> date | None:
    """The article's present: its publication date, or else the latest day-precise date it names
    with its year. A day named without one ("on October 17", "elections on 2 July") has its year
    guessed and may be a plan or an anniversary; it counts only when no date states its year."""
    if published is not None:
        return published
    named = [
        (t.date, bool(_STATED_YEAR.search(t.text)))
        for t in times
        if t.date is not None and t.precision == "day"
    ]
    stated = [day for day, with_year in named if with_year]
    return max(stated or [day for day, _ in named]) if named else None


def background_of(
    sentence: str,
    sentence_start: int,
    sentence_times: list[TimeExpr],
    present: date | None,
    trigger: int,
    of_things: frozenset[int] = frozenset(),
) -> Background:
    """Background signals of one sentence against the article's present.

    ``trigger`` and the times' offsets are document offsets; ``sentence_start`` is the sentence's.
    Times starting at an offset in ``of_things`` date a thing, not a happening ("their March
    salaries"), and are not weighed.
    """
    long_ago = bool(_AGO.search(sentence))
    if present is None:
        return Background(False, long_ago)
    # (distance to the trigger, is it in the past) for every time the sentence names
    marks: list[tuple[int, bool]] = []
    for t in sentence_times:
        if t.date is None or t.start in of_things:
            continue
        end = t.end_date or t.date
        marks.append((min(abs(t.start - trigger), abs(t.end - trigger)), end < present - NEWS_WINDOW))
    for m in _YEAR.finditer(sentence):
        start = sentence_start + m.start()
        if any(t.start <= start < t.end for t in sentence_times):
            continue  # the year is part of a date already weighed
        marks.append((min(abs(start - trigger), abs(start + 4 - trigger)), int(m.group(1)) < present.year))
    past = min(marks)[1] if marks else False
    return Background(past, long_ago)
