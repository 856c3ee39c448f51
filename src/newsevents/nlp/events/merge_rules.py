"""When two event records describe the same happening (used within and across articles)."""

from __future__ import annotations

import re
from datetime import date

from newsevents.models import Event, Place
from newsevents.resolve.actors import compare_key

# Families whose sub-types are often reported differently for one happening.
_FAMILY = {
    "Protests": "demo",
    "Riots": "demo",
    "Battles": "fight",
    "Explosions/Remote violence": "fight",
    "Negotiation/proposal": "talks",
    "Strategic developments": "sd",
}
_GENERIC = re.compile(r"^(Unidentified|Civilians|Protesters|Rioters)\b")
MAX_DAYS_APART = 1  # reports of one happening may date it a day apart (time zones, "overnight")


def dates_compatible(a: date | None, b: date | None) -> bool:
    """Unknown dates agree with anything; known ones must be within a day."""
    return a is None or b is None or abs((a - b).days) <= MAX_DAYS_APART


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Unknown places agree with anything; known ones must share a name or be within ~25 km."""
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.name.lower() == b.name.lower():
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        return abs(a.lat - b.lat) < 0.25 and abs(a.lon - b.lon) < 0.25
    return False


def same_place_and_day(a: Event, b: Event) -> bool:
    """Whether two records can tell of the same place and day (unknowns agree with anything)."""
    return dates_compatible(a.date, b.date) and places_compatible(a.place, b.place)


def add_evidence(kept: Event, new: Event) -> None:
    """Add another record's evidence sentences to ``kept``, each once, in text order."""
    seen = {(e.start, e.end) for e in kept.evidence}
    kept.evidence += [e for e in new.evidence if (e.start, e.end) not in seen]
    kept.evidence.sort(key=lambda e: e.start)


def actors_compatible(a: Event, b: Event) -> bool:
    """Named actor1s may not contradict each other (either missing is fine)."""
    if a.actor1 is None or b.actor1 is None:
        return True
    if any(_GENERIC.match(x.actor1.name) for x in (a, b) if x.actor1 is not None):
        return True
    ka, kb = compare_key(a.actor1.name), compare_key(b.actor1.name)
    other_b = compare_key(b.actor2.name) if b.actor2 else ""
    other_a = compare_key(a.actor2.name) if a.actor2 else ""
    return ka in (kb, other_b) or kb == other_a


def same_happening(a: Event, b: Event) -> bool:
    """Whether events ``a`` and ``b`` report one real-world happening."""
    if a.aggregate or b.aggregate:
        return (
            a.aggregate
            and b.aggregate
            and a.sub_event_type == b.sub_event_type
            and (dates_compatible(a.date, b.date))
        )
    same_type = a.sub_event_type == b.sub_event_type
    fam_a, fam_b = _FAMILY.get(a.event_type), _FAMILY.get(b.event_type)
    if not same_type and (fam_a is None or fam_a != fam_b or fam_a == "sd"):
        return False
    return same_place_and_day(a, b) and actors_compatible(a, b)
