"""Merge keys: an index that finds the stored events a new report may join without scanning.

Every dated stored event is filed under a few keys (type group and place: its geonameid, its
grid cell, its admin1/admin2 names, its name when it has no geonameid; country-level events
under their country) with its date span, in ``events_merge_rtree`` (one integer box per key and
span). A new report looks up its own keys (the grid cells of its whole ±``BOX_DEGREES`` box)
over its span widened by the largest date slack. Every pair the merge rule
(``rules.same_happening``) accepts shares at least one key and overlapping spans, so the lookup
returns a superset of the matches and the rule decides (``tests/test_merge_events.py``).
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from collections.abc import Iterable

from newsevents.merge.rules import (
    ARMED_CLASH,
    DATE_SLACK_DAYS,
    TERRITORY_SUB_TYPES,
    date_span,
    place_level,
)
from newsevents.models import Event, Place

# Half-size of the search box in degrees of latitude: 0.25 deg = 27.8 km > MAX_PLACE_KM.
BOX_DEGREES = 0.25

# Grid cell size in degrees: with cells twice the box's half-size a box spans 2-3 cells per
# axis below 60 degrees of latitude, so a lookup probes 4-9 cells.
CELL_DEGREES = 0.5

# Widest date slack of any precision: the lookup widens the report's span by this many days.
MAX_SLACK_DAYS = max(DATE_SLACK_DAYS.values())


def _type_group(event: Event) -> str:
    """Sub-types that may merge share a group (fighting and changes of territorial control)."""
    if event.sub_event_type == ARMED_CLASH or event.sub_event_type in TERRITORY_SUB_TYPES:
        return "battle-territory"
    return event.sub_event_type


def _fold(name: str | None) -> str:
    """A name as the merge rule compares it (case-insensitive, trimmed)."""
    return (name or "").casefold().strip()


def _cell(lat: float, lon: float) -> str:
    """The grid cell holding a point."""
    return f"X:{math.floor(lat / CELL_DEGREES)}:{math.floor(lon / CELL_DEGREES)}"


def _box_cells(lat: float, lon: float) -> list[str]:
    """The grid cells overlapping the search box around a point."""
    dlon = BOX_DEGREES / max(0.1, math.cos(math.radians(lat)))
    lats = range(
        math.floor((lat - BOX_DEGREES) / CELL_DEGREES),
        math.floor((lat + BOX_DEGREES) / CELL_DEGREES) + 1,
    )
    lons = range(math.floor((lon - dlon) / CELL_DEGREES), math.floor((lon + dlon) / CELL_DEGREES) + 1)
    return [f"X:{i}:{j}" for i in lats for j in lons]


def _place_names(place: Place) -> list[str]:
    """Keys shared by an admin area and the places inside it, and by same-named places."""
    names = []
    if place.admin1:
        names.append(f"A1:{_fold(place.admin1)}")
    if place.precision == "admin1" and _fold(place.admin1 or place.name):
        names.append(f"A1:{_fold(place.admin1 or place.name)}")
    if place.admin2:
        names.append(f"A2:{_fold(place.admin2)}")
    if place.precision == "admin2" and _fold(place.admin2 or place.name):
        names.append(f"A2:{_fold(place.admin2 or place.name)}")
    if place.geonameid is None and _fold(place.name):
        names.append(f"N:{_fold(place.name)}")
    return names


def _place_keys(place: Place | None, probe: bool) -> list[str]:
    """The place part of the keys; ``probe`` covers the whole search box with cells."""
    level = place_level(place)
    if place is None:
        return ["none"]
    if level == "country":
        keys = []
        if place.country_code:
            keys.append(f"C:{place.country_code.upper()}")
        if _fold(place.country):
            keys.append(f"CN:{_fold(place.country)}")
        return keys
    keys = [f"G:{place.geonameid}"] if place.geonameid is not None else []
    if place.lat is not None and place.lon is not None:
        if probe:
            keys += _box_cells(place.lat, place.lon)
        else:
            keys.append(_cell(place.lat, place.lon))
    return keys + _place_names(place)


def _hash(text: str) -> int:
    """A signed 32-bit key for the integer R*Tree (a collision only adds a candidate)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=4).digest(), "big", signed=True)


def event_keys(event: Event, probe: bool = False) -> list[int]:
    """The keys a stored event is filed under (``probe``: the keys a new report looks up)."""
    prefix = f"{int(event.aggregate)}|{_type_group(event)}|"
    return sorted({_hash(prefix + k) for k in _place_keys(event.place, probe)})


def day_span(event: Event) -> tuple[int, int] | None:
    """The event's date span as day ordinals, or None when undated."""
    span = date_span(event)
    return (span[0].toordinal(), span[1].toordinal()) if span else None


def sync_keys(conn: sqlite3.Connection, event_id: str, event: Event | None) -> None:
    """File the stored event under its current keys and span (``None``: remove it)."""
    span = day_span(event) if event is not None else None
    wanted = set(event_keys(event)) if event is not None and span is not None else set()
    rows = conn.execute(
        "SELECT k.rid, k.key, r.start_day, r.end_day FROM event_merge_keys k "
        "JOIN events_merge_rtree r ON r.rid = k.rid WHERE k.event_id = ?",
        (event_id,),
    ).fetchall()
    if {r[1] for r in rows} == wanted and all((r[2], r[3]) == span for r in rows):
        return
    for rid, *_ in rows:
        conn.execute("DELETE FROM events_merge_rtree WHERE rid = ?", (rid,))
    conn.execute("DELETE FROM event_merge_keys WHERE event_id = ?", (event_id,))
    if span is None:
        return
    for key in sorted(wanted):
        rid = conn.execute(
            "INSERT INTO event_merge_keys(event_id, key) VALUES (?, ?)", (event_id, key)
        ).lastrowid
        conn.execute(
            "INSERT INTO events_merge_rtree(rid, key_lo, key_hi, start_day, end_day) VALUES (?, ?, ?, ?, ?)",
            (rid, key, key, span[0], span[1]),
        )


def candidate_ids(conn: sqlite3.Connection, event: Event) -> list[str]:
    """Ids of the stored events sharing a key and an overlapping span with the report."""
    span = day_span(event)
    if span is None:
        return []
    lo, hi = span[0] - MAX_SLACK_DAYS, span[1] + MAX_SLACK_DAYS
    found: dict[str, None] = {}
    for key in event_keys(event, probe=True):
        for (event_id,) in conn.execute(
            "SELECT k.event_id FROM events_merge_rtree r JOIN event_merge_keys k ON k.rid = r.rid "
            "WHERE r.key_lo <= ? AND r.key_hi >= ? AND r.end_day >= ? AND r.start_day <= ?",
            (key, key, lo, hi),
        ):
            found.setdefault(str(event_id), None)
    return list(found)


def backfill(conn: sqlite3.Connection, events: Iterable[tuple[str, Event]]) -> int:
    """File already stored events under their keys (the migration that adds the index)."""
    n = 0
    for event_id, event in events:
        sync_keys(conn, event_id, event)
        n += 1
    return n
