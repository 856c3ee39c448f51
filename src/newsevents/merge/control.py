"""Territorial control as a state over time per place, rebuilt from territory events and fighting."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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


def _former_holders(states: Sequence[ControlState]) -> set[str]:
    """Sides that held the place before the current state, including those it was taken from."""
    keys = {s.key for s in states[:-1] if s.base_status != "contested"}
    for state in states:
        for event in state.events:
            if event.sub_event_type in TERRITORY_SUB_TYPES and event.actor2 is not None:
                keys.add(normalise_actor(event.actor2.name))
    keys.discard(normalise_actor(UNKNOWN_CONTROLLER))
    keys.discard("")
    return keys


def _order(event: Event) -> tuple[date, int, str]:
    """Chronological; on one day, the change of hands first, so that day's fighting joins it."""
    assert event.date is not None
    return event.date, 1 if event.sub_event_type == ARMED_CLASH else 0, event.id


def control_timeline(events: Sequence[Event]) -> list[ControlState]:
    """The successive control states of one place from its dated territory events and clashes."""
    states: list[ControlState] = []
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
            earlier = _former_holders(states)
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


def _events_at(conn: sqlite3.Connection, key: str) -> list[Event]:
    """The stored, dated, single-happening territory and clash events at one place."""
    marks = ",".join("?" * len(CONTROL_SUB_TYPES))
    mods = ",".join("?" * len(CONTROL_MODALITIES))
    rows = select_rows(
        conn,
        "SELECT e.*, (SELECT group_concat(article_id, char(31)) FROM (SELECT DISTINCT "
        "r.article_id FROM event_reports r WHERE r.event_id = e.id ORDER BY r.id)) AS source_ids "
        f"FROM events e WHERE e.place_key = ? AND e.aggregate = 0 AND e.event_date IS NOT NULL "
        f"AND e.sub_event_type IN ({marks}) AND e.modality IN ({mods})",
        (key, *CONTROL_SUB_TYPES, *CONTROL_MODALITIES),
    )
    out = []
    for row in rows:
        event = row_to_event(row)
        event.sources = (row["source_ids"] or "").split("\x1f") if row["source_ids"] else []
        out.append(event)
    return out


def _evidence_by_event(conn: sqlite3.Connection, key: str) -> dict[str, list[dict[str, Any]]]:
    """Evidence spans of every event at one place, grouped by event id (one query)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(
        'SELECT v.event_id, v.article_id, v.start, v."end", v.text FROM evidence v '
        "JOIN events e ON e.id = v.event_id WHERE e.place_key = ? ORDER BY v.id",
        (key,),
    ):
        out.setdefault(str(r[0]), []).append(
            {"article_id": r[1], "start": r[2], "end": r[3], "text": r[4]}
        )
    return out


def rebuild_control(conn: sqlite3.Connection, place_keys: Iterable[str] | None = None) -> int:
    """Rewrite the control rows of these places (all when None); returns the rows written."""
    marks = ",".join("?" * len(CONTROL_SUB_TYPES))
    if place_keys is None:
        conn.execute("DELETE FROM control")
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
        conn.executemany("DELETE FROM control WHERE place_key = ?", [(k,) for k in keys])
    written = 0
    for key in keys:
        events = _events_at(conn, key)
        if not events:
            continue
        evidence_by_event = _evidence_by_event(conn, key)
        states = control_timeline(events)
        place = max(
            (e.place for e in events if e.place is not None),
            key=lambda p: (GEO_RANK.get(p.precision, 0), p.lat is not None),
        )
        for i, state in enumerate(states):
            until = states[i + 1].since if i + 1 < len(states) else None
            evidence = [ev for e in state.events for ev in evidence_by_event.get(e.id, [])]
            conn.execute(
                "INSERT INTO control(place_key, place, lat, lon, country, admin1, controller, "
                "status, since, until, event_ids, evidence, n_sources, confidence) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    place.name,
                    place.lat,
                    place.lon,
                    place.country,
                    place.admin1,
                    state.controller,
                    state.status,
                    state.since.isoformat(),
                    until.isoformat() if until else None,
                    json.dumps([e.id for e in state.events]),
                    json.dumps(evidence, ensure_ascii=False),
                    max(1, len(state.articles)),
                    state.confidence,
                ),
            )
            written += 1
    log.debug("control: %d rows for %d places", written, len(keys))
    return written


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
    rows = select_rows(
        conn, "SELECT * FROM control WHERE place_key = ? ORDER BY since, id", (place_key,)
    )
    return [_row_dict(r) for r in rows]
