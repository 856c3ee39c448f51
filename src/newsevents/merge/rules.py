"""When two event reports describe the same real-world happening (see docs/merging.md)."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, timedelta

from newsevents.models import Actor, Event, Place, TimePrecision
from newsevents.resolve.actors import compare_key

TERRITORY_SUB_TYPES = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)
ARMED_CLASH = "Armed clash"
# The sub-types that make up the territorial-control timeline (merge.control).
CONTROL_SUB_TYPES = (*sorted(TERRITORY_SUB_TYPES), ARMED_CLASH)

# Two reports at different coordinates are the same place up to this distance. 25 km is the
# radius ACLED-style coding treats as "the same town or its outskirts" and the tolerance of
# the project's location_within_25km metric; the Ghazni reports in the sample resolve to one
# geonameid, so the value only matters for near-duplicate toponyms (city vs. its district).
MAX_PLACE_KM = 25.0

# Two *different* resolved places of the same precision (two towns, each with its geonameid)
# count as one only this close: a neighbourhood named by one outlet and its city named by
# another. Set on the ACLED dev notes, whose distinct events are by construction different
# happenings (see docs/merging.md for the measurement).
MAX_DISTINCT_PLACE_KM = 5.0

# Extra days allowed between two date spans, by the coarser precision of the pair. Day-level
# dates are often off by one (the night of the 12th to the 13th, "Thursday" in a story dated
# the next morning); coarser dates already cover their whole week/month/year.
DATE_SLACK_DAYS: dict[TimePrecision, int] = {
    "day": 1,
    "week": 0,
    "month": 0,
    "year": 0,
    "unknown": 1,
}

PRECISION_RANK: dict[str, int] = {"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0}
GEO_RANK: dict[str, int] = {"place": 3, "admin2": 2, "admin1": 1, "country": 0}

# Actor names that say "someone of this kind" rather than naming a group (the same list the
# within-article rule uses): they may be the same as any named actor, since an "unidentified
# armed group" in one outlet is often the group another outlet names.
_GENERIC_ACTOR = re.compile(r"^(unidentified|unknown|civilians|protesters|rioters)\b")


def normalise_actor(name: str | None) -> str:
    """Case-, punctuation- and qualifier-insensitive actor key ("Taliban (2021-)" -> "taliban")."""
    return compare_key(name)


def is_generic_actor(name: str | None) -> bool:
    """True for descriptive names ("Unidentified Armed Group (Afghanistan)", "Protesters")."""
    return bool(_GENERIC_ACTOR.match(normalise_actor(name)))


def _actor_key(actor: Actor | None) -> str:
    """The normalised name, or "" when the actor is missing or only a description."""
    key = normalise_actor(actor.name if actor else None)
    return "" if _GENERIC_ACTOR.match(key) else key


def date_span(event: Event) -> tuple[date, date] | None:
    """The first and last day the event's date may denote, given its precision."""
    if event.date is None:
        return None
    start = event.date
    end = event.end_date
    if end is None:
        if event.time_precision == "week":
            end = start + timedelta(days=6)
        elif event.time_precision == "month":
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        elif event.time_precision == "year":
            end = date(start.year, 12, 31)
        else:
            end = start
    return start, max(start, end)


def dates_compatible(a: Event, b: Event) -> bool:
    """The two date spans overlap, allowing the slack of the coarser precision.

    An undated report merges with nothing: without a date, two reports of a statement in
    Beijing may be weeks apart.
    """
    span_a, span_b = date_span(a), date_span(b)
    if span_a is None or span_b is None:
        return False
    slack = timedelta(
        days=max(DATE_SLACK_DAYS.get(a.time_precision, 1), DATE_SLACK_DAYS.get(b.time_precision, 1))
    )
    return span_a[0] - slack <= span_b[1] and span_b[0] - slack <= span_a[1]


def types_compatible(a: Event, b: Event) -> bool:
    """Same sub-event type, or an armed clash paired with a change of territorial control."""
    if a.sub_event_type == b.sub_event_type:
        return True
    pair = {a.sub_event_type, b.sub_event_type}
    return ARMED_CLASH in pair and len(pair & TERRITORY_SUB_TYPES) == 1


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def place_level(place: Place | None) -> str:
    """ "none", "country" or "local": events only merge within one level."""
    if place is None:
        return "none"
    return "country" if place.precision == "country" else "local"


def place_key(place: Place | None) -> str | None:
    """The control-table key of a place: its geonameid, else ``CC:name``; None without a place."""
    if place is None:
        return None
    if place.geonameid is not None:
        return str(place.geonameid)
    return f"{(place.country_code or '').upper()}:{place.name.casefold().strip()}"


def _same_name(a: str | None, b: str | None) -> bool:
    """Case-insensitive equality of two optional names (False when either is missing)."""
    return bool(a and b and a.casefold().strip() == b.casefold().strip())


def _contains(coarse: Place, fine: Place) -> bool:
    """The admin-level place contains the finer one (same country and admin name)."""
    if coarse.precision == "admin1":
        return _same_name(coarse.admin1 or coarse.name, fine.admin1)
    if coarse.precision == "admin2" and fine.precision == "place":
        return _same_name(coarse.admin2 or coarse.name, fine.admin2)
    return False


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Same gazetteer place, within ``MAX_PLACE_KM``, or an admin area containing the other."""
    level = place_level(a)
    if level != place_level(b):
        return False
    if a is None or b is None:
        return True
    if a.country_code and b.country_code and a.country_code.upper() != b.country_code.upper():
        return False
    if level == "country":
        return bool(a.country_code and b.country_code) or _same_name(a.country, b.country)
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    located = None not in (a.lat, a.lon, b.lat, b.lon)
    if located:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        # Two different gazetteer entries of one precision are two places unless very close.
        distinct = a.geonameid is not None and b.geonameid is not None and a.precision == b.precision
        limit = MAX_DISTINCT_PLACE_KM if distinct else MAX_PLACE_KM
        if haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit:
            return True
    ra, rb = GEO_RANK.get(a.precision, 0), GEO_RANK.get(b.precision, 0)
    if ra != rb:
        coarse, fine = (a, b) if ra < rb else (b, a)
        return _contains(coarse, fine)
    # Without coordinates on both sides the name is all we have (two towns may share one).
    return not located and a.geonameid is None and b.geonameid is None and _same_name(a.name, b.name)


def actors_compatible(a: Event, b: Event) -> bool:
    """Same normalised actor1 or either missing; clashes may name the two sides either way."""
    a1, b1 = _actor_key(a.actor1), _actor_key(b.actor1)
    if not a1 or not b1 or a1 == b1:
        return True
    if ARMED_CLASH in (a.sub_event_type, b.sub_event_type):
        return a1 == _actor_key(b.actor2) or b1 == _actor_key(a.actor2)
    return False


def same_happening(a: Event, b: Event) -> bool:
    """True when two event reports describe the same happening (the documented merge rule)."""
    return (
        a.aggregate == b.aggregate
        and types_compatible(a, b)
        and dates_compatible(a, b)
        and places_compatible(a.place, b.place)
        and actors_compatible(a, b)
    )


def match_distance(a: Event, b: Event) -> float:
    """How far apart two compatible reports are (days + km / MAX_PLACE_KM): lower is closer."""
    days = 0.0
    span_a, span_b = date_span(a), date_span(b)
    if span_a and span_b:
        mid_a = span_a[0] + (span_a[1] - span_a[0]) / 2
        mid_b = span_b[0] + (span_b[1] - span_b[0]) / 2
        days = abs((mid_a - mid_b).days)
    km = 0.0
    pa, pb = a.place, b.place
    if pa and pb and None not in (pa.lat, pa.lon, pb.lat, pb.lon):
        assert pa.lat is not None and pa.lon is not None
        assert pb.lat is not None and pb.lon is not None
        km = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
    return days + km / MAX_PLACE_KM
