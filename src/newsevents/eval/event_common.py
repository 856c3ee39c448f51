"""What the event scorers share: reading an item's publication date, annotating items with the real
pipeline, ranking an item's events and measuring distances."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from datetime import date
from typing import Any

from newsevents.models import Event
from newsevents.nlp.events.types import acled_event_types, is_verbal

log = logging.getLogger(__name__)

EARTH_RADIUS_KM = 6371.0088
MISSING_KM = math.pi * EARTH_RADIUS_KM  # a missing location counts as the farthest possible point


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def top_event(events: list[Event], acled_first: bool = False) -> Event | None:
    """The item's main event: single happenings first, physical before verbal, then the most
    prominently told (salience), then the most certain.

    With ``acled_first`` (gold coded in ACLED's six types), events of those types rank first: the
    political categories (statements, crime, diplomacy) are never an answer there.
    """
    if not events:
        return None
    acled = acled_event_types()
    return max(
        events,
        key=lambda e: (
            not acled_first or e.event_type in acled,
            not e.aggregate,
            not is_verbal(e.sub_event_type),
            e.salience,
            e.confidence,
        ),
    )


def published_of(value: Any) -> date | None:
    """The item's publication date, or None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        log.warning("ignoring malformed published date %r", value)
        return None


def annotated(items: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[Event]]]:
    """Each item with its events; an item whose annotation fails is logged and has no events."""
    from newsevents.nlp.annotate import annotate_texts  # the model loads only when scoring

    done = 0
    while done < len(items):
        todo = [
            (str(it.get("id", k)), str(it.get("text") or ""), published_of(it.get("published")))
            for k, it in enumerate(items[done:], start=done)
        ]
        try:
            for ann in annotate_texts(todo):
                yield items[done], ann.events
                done += 1
        except Exception:  # one bad item must not end the evaluation
            log.exception("item %r failed to annotate; scored as no prediction", items[done].get("id"))
            yield items[done], []
            done += 1
