"""Events: filtered lists, map points, one event with its evidence and sources."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response, status

from newsevents.api.deps import Conn, Filter, Limit, Offset
from newsevents.api.params import SORT_KEYS
from newsevents.api.schemas import EventDetailPublic, EventPointsPublic, EventsPublic
from newsevents.store import queries

router = APIRouter(prefix="/api/events", tags=["events"])

Sort = Annotated[
    str,
    Query(
        description="Column to sort by, '-' prefix for descending: " + ", ".join(sorted(queries.EVENT_SORTS)),
        max_length=40,
        json_schema_extra={"enum": list(SORT_KEYS)},
    ),
]


@router.get("", response_model=EventsPublic)
def list_events(
    conn: Conn, f: Filter, limit: Limit = 50, offset: Offset = 0, sort: Sort = "-event_date"
) -> Response:
    """Events matching the filters, one page at a time."""
    body = queries.list_events_json(conn, f, limit=limit, offset=offset, sort=sort)
    return Response(body, media_type="application/json")


@router.get("/points", response_model=EventPointsPublic)
def event_points(
    conn: Conn,
    f: Filter,
    limit: Annotated[int, Query(ge=0, le=queries.MAX_LIMIT)] = 5000,
) -> Response:
    """Located events matching the filters, compact, newest first, for a map."""
    return Response(queries.event_points_json(conn, f, limit=limit), media_type="application/json")


@router.get("/{event_id}", response_model=EventDetailPublic)
def get_event(conn: Conn, event_id: str) -> dict[str, Any]:
    """One event with its evidence sentences, reports and source articles."""
    event = queries.get_event(conn, event_id)
    if event is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event with id {event_id!r}")
    return event
