"""The publication date an article carries itself, when the input gives none.

In order: a date in the article's URL (`/2021/08/13/`, `/20210813/`), then a full date in its
dateline or first lines ("KABUL, August 13, 2021 (AFP) -", "This story is from March 16, 2002").
A dateline without a year ("CITY, Apr 10") fixes no date and is not used.
"""

from __future__ import annotations

import re
from datetime import date

from newsevents.nlp.times_lexicon import MONTHS

DATELINE_CHARS = 300  # a dateline sits in the first lines of a story
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/._-]|$)")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MDY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")


def _safe(year: int, month: int, day: int) -> date | None:
    """The date, or None when the numbers name no day (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_in_url(url: str | None) -> date | None:
    """A publication date written in a URL's path."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def date_in_dateline(text: str) -> date | None:
    """The earliest full date in the article's first lines."""
    head = text[:DATELINE_CHARS]
    found: list[tuple[int, date]] = []
    for m in _MDY.finditer(head):
        d = _safe(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            found.append((m.start(), d))
    for m in _DMY.finditer(head):
        d = _safe(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d))
    for m in _ISO.finditer(head):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    return min(found)[1] if found else None


def infer_published(url: str | None, text: str) -> date | None:
    """The article's own publication date: from its URL, else from its dateline."""
    return date_in_url(url) or date_in_dateline(text)
