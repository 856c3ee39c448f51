"""Territorial control: who holds each place now (or on a day), and one place's history."""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status

from newsevents.api.deps import Conn
from newsevents.api.schemas import ControlsPublic
from newsevents.store import queries

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/control", tags=["control"])


def _table(conn: sqlite3.Connection, as_of: date | None) -> list[Any]:
    """The control table from the merge stage, or straight from the store when it is absent."""
    try:
        from newsevents.merge.control import control_table
    except ImportError:
        log.debug("merge.control unavailable; reading the control table directly")
        return queries.control_states(conn, as_of=as_of)
    return list(control_table(conn, as_of=as_of))


def _history(conn: sqlite3.Connection, place_key: str) -> list[Any]:
    """One place's control history from the merge stage, or straight from the store."""
    try:
        from newsevents.merge.control import control_history
    except ImportError:
        log.debug("merge.control unavailable; reading the control table directly")
        return queries.control_rows(conn, place_key)
    return list(control_history(conn, place_key))


def normalise(row: Any) -> dict[str, Any]:
    """A control row as a flat dict with its JSON fields decoded, whatever shape it came in."""
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        row = dataclasses.asdict(row)
    d = dict(row)
    place = d.get("place")
    if isinstance(place, dict):  # a nested Place record
        for key in ("lat", "lon", "country", "admin1"):
            d.setdefault(key, place.get(key))
        d.setdefault("place_key", str(place.get("geonameid") or place.get("name")))
        d["place"] = place.get("name")
    for key in ("event_ids", "evidence"):
        if isinstance(d.get(key), str):
            try:
                d[key] = json.loads(d[key])
            except ValueError:
                d[key] = []
        if d.get(key) is None:
            d[key] = []
    for key in ("since", "until"):
        if isinstance(d.get(key), date):
            d[key] = d[key].isoformat()
    return d


@router.get("", response_model=ControlsPublic)
def control_table(
    conn: Conn,
    as_of: Annotated[date | None, Query(description="State on this day (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    """The latest known control state of every place (as of a day)."""
    rows = [normalise(r) for r in _table(conn, as_of)]
    return {"data": rows, "count": len(rows)}


@router.get("/{place_key:path}", response_model=ControlsPublic)
def control_history(conn: Conn, place_key: str) -> dict[str, Any]:
    """Every control state one place went through, oldest first."""
    rows = [normalise(r) for r in _history(conn, place_key)]
    if not rows:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no control history for {place_key!r}")
    return {"data": rows, "count": len(rows)}
