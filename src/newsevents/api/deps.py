"""Dependencies shared by the routers: a pooled read-only connection, the settings, the event filter."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request, status

from newsevents.api.cache import StoreCache
from newsevents.api.params import (
    MAX_NAME_CHARS,
    MAX_OFFSET,
    MAX_WORDS_CHARS,
    MODALITIES,
    check_choice,
    event_types,
    sub_event_types,
)
from newsevents.api.pool import ConnectionPool
from newsevents.api.settings import Settings
from newsevents.store.queries import MAX_LIMIT, EventFilter


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_conn(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """A pooled read-only connection for one request, its queries stopped at the request timeout.

    Async so FastAPI takes and returns it on the event loop (microseconds) instead of two extra
    trips through the thread pool; the sync route then uses it in its worker thread.
    """
    pool: ConnectionPool = request.app.state.pool
    settings: Settings = request.app.state.settings
    lease = pool.acquire(settings.request_timeout_s)
    try:
        yield lease.conn
    finally:
        pool.release(lease)


async def get_export_conn(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """A pooled read-only connection with no deadline: a whole-store export may take minutes."""
    pool: ConnectionPool = request.app.state.pool
    lease = pool.acquire(None)
    try:
        yield lease.conn
    finally:
        pool.release(lease)


def get_store_cache(request: Request) -> StoreCache:
    """The app's cache of whole-store answers."""
    cache: StoreCache = request.app.state.store_cache
    return cache


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Parse ``min_lon,min_lat,max_lon,max_lat`` or raise a 422 that says what is expected."""
    if not value:
        return None
    parts = value.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 4:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"invalid bbox={value!r}: expected min_lon,min_lat,max_lon,max_lat, e.g. 60.5,29.3,75.2,38.5",
        )
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-90 <= min_lat <= max_lat <= 90 and -180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"invalid bbox={value!r}: latitudes must be within -90..90 with min <= max, "
            "longitudes within -180..180",
        )
    return min_lon, min_lat, max_lon, max_lat


def _words(description: str) -> Any:
    """A free-text query parameter, bounded in length."""
    return Query(
        description=f"{description} At most {MAX_WORDS_CHARS} characters.", max_length=MAX_WORDS_CHARS
    )


async def event_filter(
    start: Annotated[date | None, Query(description="First day (YYYY-MM-DD), inclusive.")] = None,
    end: Annotated[
        date | None, Query(description="Last day (YYYY-MM-DD), inclusive; not before start.")
    ] = None,
    event_type: Annotated[
        str | None,
        Query(
            description="Event type (ACLED's six and the political categories), e.g. Battles.",
            max_length=MAX_NAME_CHARS,
            json_schema_extra={"enum": list(event_types())},
        ),
    ] = None,
    sub_event_type: Annotated[
        str | None,
        Query(
            description="Sub-event type, e.g. Armed clash.",
            max_length=MAX_NAME_CHARS,
            json_schema_extra={"enum": list(sub_event_types())},
        ),
    ] = None,
    actor: Annotated[str | None, _words("Words in actor 1 or 2.")] = None,
    country: Annotated[
        str | None, Query(description="Country name or ISO code.", max_length=MAX_NAME_CHARS)
    ] = None,
    place: Annotated[str | None, _words("Words in place, admin1/2, country.")] = None,
    bbox: Annotated[
        str | None,
        Query(
            description="min_lon,min_lat,max_lon,max_lat", examples=["60,29,75,39"], max_length=MAX_NAME_CHARS
        ),
    ] = None,
    text: Annotated[str | None, _words("Words in trigger, actors, place, sub-type, evidence.")] = None,
    modality: Annotated[
        str | None,
        Query(
            description="How the source states the event: " + ", ".join(MODALITIES) + ".",
            max_length=MAX_NAME_CHARS,
            json_schema_extra={"enum": list(MODALITIES)},
        ),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Confidence at least this.")
    ] = None,
    include_aggregate: Annotated[
        bool, Query(description="Include summary claims (e.g. '10 capitals fell').")
    ] = True,
) -> EventFilter:
    """The event filter from the query string (async: pure parsing, no thread-pool trip)."""
    try:
        chosen_type = check_choice("event_type", event_type, event_types())
        chosen_sub_type = check_choice("sub_event_type", sub_event_type, sub_event_types())
        chosen_modality = check_choice("modality", modality, MODALITIES)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    if start is not None and end is not None and end < start:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"invalid end={end.isoformat()}: it is before start={start.isoformat()}",
        )
    return EventFilter(
        start=start,
        end=end,
        event_type=chosen_type,
        sub_event_type=chosen_sub_type,
        actor=actor or None,
        country=country or None,
        place=place or None,
        bbox=parse_bbox(bbox),
        text=text or None,
        modality=chosen_modality,
        min_confidence=min_confidence,
        include_aggregate=include_aggregate,
    )


def require_token(request: Request) -> None:
    """Allow a write only with the configured token: 403 when none is set, 401 when it differs."""
    settings: Settings = request.app.state.settings
    if not settings.api_token:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "writes are disabled on this server: set NEWSEVENTS_API_TOKEN to enable them",
        )
    given = request.headers.get("x-api-token", "")
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given or not secrets.compare_digest(given.encode(), settings.api_token.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing or wrong token: send `Authorization: Bearer TOKEN`",
            headers={"WWW-Authenticate": "Bearer"},
        )


Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
ExportConn = Annotated[sqlite3.Connection, Depends(get_export_conn)]
Cache = Annotated[StoreCache, Depends(get_store_cache)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
