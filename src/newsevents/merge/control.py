"""Territorial control as a state over time per place, rebuilt from territory events and fighting."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsevents.merge.changes import changed_since, forget
from newsevents.merge.events import row_to_event, select_rows
from newsevents.merge.rules import (
    ARMED_CLASH,
    CONTROL_SUB_TYPES,
    GEO_RANK,
    TERRITORY_SUB_TYPES,
    normalise_actor,
)
from newsevents.merge.tally import DOUBT_KEPT_PER_SOURCE
from newsevents.models import Event

log = logging.getLogger(__name__)

GOVERNMENT_REGAINS = "Government regains territory"
# Denied, future, risk and hypothetical statements say nothing about who holds a place now.
CONTROL_MODALITIES = ("asserted", "claimed")
UNKNOWN_CONTROLLER = "unknown"

# A single-source claim ("the Taliban say they took ...") is at best a coin toss until a second
# article or an asserting report confirms it; chosen by hand, not fitted.
UNCONFIRMED_MAX_CONFIDENCE = 0.5


@dataclass(slots=True)
class ControlState:
    """One period of one place's timeline: who holds it, how, since when, on what evidence."""

    controller: str
    base_status: str  # held / contested / taken / retaken before the source check
    since: date
    events: list[Event] = field(default_factory=list)
    articles: dict[str, None] = field(default_factory=dict)  # ordered set of article ids

    @property
    def key(self) -> str:
        """The normalised controller name."""
        return normalise_actor(self.controller)

    @property
    def status(self) -> str:
        """The published status: claims by a single article stay "unconfirmed"."""
        claims_only = all(e.modality == "claimed" for e in self.events)
        if self.base_status != "contested" and claims_only and len(self.articles) <= 1:
            return "unconfirmed"
        return self.base_status

    @property
    def confidence(self) -> float:
        """The best event confidence, boosted per further article, capped when unconfirmed."""
        top = max((e.confidence for e in self.events), default=0.0)
        value = 1.0 - (1.0 - top) * DOUBT_KEPT_PER_SOURCE ** max(0, len(self.articles) - 1)
        if self.status == "unconfirmed":
            value = min(value, UNCONFIRMED_MAX_CONFIDENCE)
        return round(value, 4)

    def add(self, event: Event) -> None:
        """Attach one more supporting event."""
        self.events.append(event)
        for article_id in event.sources:
            self.articles.setdefault(article_id, None)


def _taker(event: Event) -> str:
    """Who holds the place after a territory event (ACLED codes the acquiring side as actor1)."""
    if event.actor1 is not None and event.actor1.name:
        return event.actor1.name
    return UNKNOWN_CONTROLLER


def _holders_of(state: ControlState, current: bool) -> set[str]:
    """What one state tells about former holders: its side (once over), the sides taken from."""
    keys = {state.key} if not current and state.base_status != "contested" else set()
    for event in state.events:
        if event.sub_event_type in TERRITORY_SUB_TYPES and event.actor2 is not None:
            keys.add(normalise_actor(event.actor2.name))
    return keys


def _former_holders(states: Sequence[ControlState], history: frozenset[str] = frozenset()) -> set[str]:
    """Sides that held the place before the current state, including those it was taken from.

    ``history`` holds what the states before ``states`` said (a timeline resumed mid-way).
    """
    keys = set(history)
    for i, state in enumerate(states):
        keys |= _holders_of(state, current=i == len(states) - 1)
    keys.discard(normalise_actor(UNKNOWN_CONTROLLER))
    keys.discard("")
    return keys


def _order(event: Event) -> tuple[date, int, str]:
    """Chronological; on one day, the change of hands first, so that day's fighting joins it."""
    assert event.date is not None
    return event.date, 1 if event.sub_event_type == ARMED_CLASH else 0, event.id


def control_timeline(
    events: Sequence[Event],
    start: ControlState | None = None,
    history: frozenset[str] = frozenset(),
) -> list[ControlState]:
    """The successive control states of one place from its dated territory events and clashes.

    ``start`` resumes a timeline: the state the earlier events left (its events are added by
    the caller), ``history`` the former holders of the states before it.
    """
    states: list[ControlState] = [start] if start is not None else []
    for event in sorted((e for e in events if e.date is not None), key=_order):
        assert event.date is not None
        cur = states[-1] if states else None
        if event.sub_event_type == ARMED_CLASH:
            if cur is not None and (cur.base_status == "contested" or cur.since == event.date):
                cur.add(event)  # ongoing fighting, or fighting on the day the place changed hands
                continue
            holder = cur.controller if cur is not None else UNKNOWN_CONTROLLER
            state = ControlState(holder, "contested", event.date)
        else:
            taker = _taker(event)
            key = normalise_actor(taker)
            if cur is not None and cur.key == key and cur.base_status != "contested":
                cur.add(event)  # the same side reported holding it again: more evidence
                continue
            earlier = _former_holders(states, history)
            if cur is not None and cur.base_status == "contested" and cur.key == key:
                status = "held"  # the side holding it before the fighting still does
            elif key in earlier or event.sub_event_type == GOVERNMENT_REGAINS:
                status = "retaken"
            else:
                status = "taken"
            state = ControlState(taker, status, event.date)
        state.add(event)
        states.append(state)
    return states


# The events the timeline reads: at one place, dated, single happenings, asserted or claimed.
_AT_PLACE = (
    "e.place_key = ? AND e.aggregate = 0 AND e.event_date IS NOT NULL AND e.event_date >= ? "
    f"AND e.sub_event_type IN ({','.join('?' * len(CONTROL_SUB_TYPES))}) "
    f"AND e.modality IN ({','.join('?' * len(CONTROL_MODALITIES))})"
)


# GEO_RANK of an events row's precision (no precision counts as a place, as in row_to_event).
_GEO_RANK_SQL = (
    "CASE coalesce(e.geo_precision, 'place') "
    + " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in GEO_RANK.items())
    + " ELSE 0 END"
)


def _events_at(conn: sqlite3.Connection, key: str, since: str = "") -> list[Event]:
    """The stored, dated, single-happening territory and clash events at one place."""
    rows = select_rows(
        conn,
        "SELECT e.*, (SELECT group_concat(article_id, char(31)) FROM (SELECT DISTINCT "
        "r.article_id FROM event_reports r WHERE r.event_id = e.id ORDER BY r.id)) AS source_ids "
        f"FROM events e WHERE {_AT_PLACE}",
        (key, since, *CONTROL_SUB_TYPES, *CONTROL_MODALITIES),
    )
    out = []
    for row in rows:
        event = row_to_event(row)
        event.sources = (row["source_ids"] or "").split("\x1f") if row["source_ids"] else []
        out.append(event)
    return out


def _evidence_by_event(conn: sqlite3.Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence spans of the given events, grouped by event id, in insertion order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for event_id in event_ids:
        out[event_id] = [
            {"article_id": r[0], "start": r[1], "end": r[2], "text": r[3]}
            for r in conn.execute(
                'SELECT article_id, start, "end", text FROM evidence WHERE event_id = ? ORDER BY id',
                (event_id,),
            )
        ]
    return out


def _best_place(conn: sqlite3.Connection, key: str) -> sqlite3.Row | None:
    """The most precise place of the place's events (ties: the earliest event, then stored)."""
    rows = select_rows(
        conn,
        "SELECT e.location, e.lat, e.lon, e.country, e.admin1 FROM events e "
        f"WHERE {_AT_PLACE} AND (e.location IS NOT NULL OR e.lat IS NOT NULL) "
        f"ORDER BY {_GEO_RANK_SQL} DESC, e.lat IS NOT NULL DESC, e.event_date, e.rowid LIMIT 1",
        (key, "", *CONTROL_SUB_TYPES, *CONTROL_MODALITIES),
    )
    return rows[0] if rows else None


def _resume_point(
    conn: sqlite3.Connection, key: str, changed: str
) -> tuple[int, ControlState, frozenset[str], str] | None:
    """The last stored state that began before ``changed``: (row id, state, history, first event).

    None when the place must be rebuilt whole (nothing before the change, or rows written
    before the resumable columns existed).
    """
    if not changed:
        return None
    row = conn.execute(
        "SELECT id, controller, base_status, since, holders, event_ids FROM control "
        "WHERE place_key = ? AND since < ? ORDER BY since DESC, id DESC LIMIT 1",
        (key, changed),
    ).fetchone()
    if row is None or row[2] is None or row[4] is None:
        return None
    state = ControlState(str(row[1]), str(row[2]), date.fromisoformat(row[3]))
    first = json.loads(row[5])[0]
    return int(row[0]), state, frozenset(json.loads(row[4])), str(first)


def rebuild_control(conn: sqlite3.Connection, place_keys: Iterable[str] | None = None) -> int:
    """Rewrite the control rows of these places (all when None); returns the rows written.

    A place whose changes were noted in this transaction (``note_control_change``) keeps the
    states that began before its earliest changed date and replays the timeline from the last
    of them; any other place is rebuilt whole. Both give the same rows.
    """
    marks = ",".join("?" * len(CONTROL_SUB_TYPES))
    if place_keys is None:
        conn.execute("DELETE FROM control")
        forget(conn)
        keys = [
            str(r[0])
            for r in conn.execute(
                f"SELECT DISTINCT place_key FROM events WHERE place_key IS NOT NULL "
                f"AND sub_event_type IN ({marks}) ORDER BY place_key",
                CONTROL_SUB_TYPES,
            )
        ]
    else:
        keys = list(dict.fromkeys(str(k) for k in place_keys))
    written = 0
    for key in keys:
        written += _rebuild_place(conn, key, changed_since(conn, key) if place_keys else "")
        forget(conn, key)
    log.debug("control: %d rows for %d places", written, len(keys))
    return written


def _rebuild_place(conn: sqlite3.Connection, key: str, changed: str) -> int:
    """Rewrite one place's rows from the last state unaffected by changes at ``changed``."""
    resume = _resume_point(conn, key, changed)
    start: ControlState | None = None
    history: frozenset[str] = frozenset()
    if resume is not None:
        row_id, start, history, first_id = resume
        events = sorted(_events_at(conn, key, start.since.isoformat()), key=_order)
        first = next((i for i, e in enumerate(events) if e.id == first_id), None)
        if first is None:  # the state's first event changed after all: replay everything
            resume, start, history = None, None, frozenset()
        else:
            conn.execute("DELETE FROM control WHERE place_key = ? AND id >= ?", (key, row_id))
            start.add(events[first])
            events = events[first + 1 :]
    if resume is None:
        conn.execute("DELETE FROM control WHERE place_key = ?", (key,))
        events = _events_at(conn, key)
    place = _best_place(conn, key)
    if place is None or (start is None and not events):
        return 0
    states = control_timeline(events, start, history)
    if resume is not None:
        conn.execute(
            "UPDATE control SET place = ?, lat = ?, lon = ?, country = ?, admin1 = ? "
            "WHERE place_key = ? AND (place, lat, lon, country, admin1) IS NOT (?, ?, ?, ?, ?)",
            (*_place_values(place), key, *_place_values(place)),
        )
    evidence_by_event = _evidence_by_event(conn, [e.id for s in states for e in s.events])
    holders = set(history)
    for i, state in enumerate(states):
        until = states[i + 1].since if i + 1 < len(states) else None
        evidence = [ev for e in state.events for ev in evidence_by_event.get(e.id, [])]
        conn.execute(
            "INSERT INTO control(place_key, place, lat, lon, country, admin1, controller, "
            "status, since, until, event_ids, evidence, n_sources, confidence, base_status, "
            "holders) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                *_place_values(place),
                state.controller,
                state.status,
                state.since.isoformat(),
                until.isoformat() if until else None,
                json.dumps([e.id for e in state.events]),
                json.dumps(evidence, ensure_ascii=False),
                max(1, len(state.articles)),
                state.confidence,
                state.base_status,
                json.dumps(sorted(holders)),
            ),
        )
        holders |= _holders_of(state, current=False)
    return len(states)


def _place_values(place: sqlite3.Row) -> tuple[Any, ...]:
    """Name, lat, lon, country and admin1 of the place's control rows."""
    return (place["location"] or "", place["lat"], place["lon"], place["country"], place["admin1"])


def _row_dict(row: sqlite3.Row) -> dict[str, Any]:
    """A control row as a plain dict with its JSON columns decoded."""
    out = dict(zip(row.keys(), tuple(row), strict=True))
    out["event_ids"] = json.loads(out["event_ids"] or "[]")
    out["evidence"] = json.loads(out["evidence"] or "[]")
    return out


def latest_event_date(conn: sqlite3.Connection) -> date | None:
    """The date of the most recent stored event, if any."""
    row = conn.execute("SELECT max(event_date) FROM events").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def control_table(conn: sqlite3.Connection, as_of: date | None = None) -> list[dict[str, Any]]:
    """The state of every place at ``as_of`` (default: the latest event date), with staleness."""
    if as_of is None:
        as_of = latest_event_date(conn) or date.today()
    day = as_of.isoformat()
    rows = select_rows(
        conn,
        "SELECT * FROM control WHERE since <= ? AND (until IS NULL OR until > ?) "
        "ORDER BY place_key, since, id",
        (day, day),
    )
    current: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = _row_dict(row)
        item["staleness_days"] = (as_of - date.fromisoformat(item["since"])).days
        current[item["place_key"]] = item  # the last change of the day wins
    return sorted(current.values(), key=lambda r: (r["place"].casefold(), r["place_key"]))


def control_history(conn: sqlite3.Connection, place_key: str) -> list[dict[str, Any]]:
    """Every control state of one place, oldest first."""
    rows = select_rows(conn, "SELECT * FROM control WHERE place_key = ? ORDER BY since, id", (place_key,))
    return [_row_dict(r) for r in rows]
