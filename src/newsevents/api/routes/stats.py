"""Aggregates for charts, filter facets, store statistics and rejected inputs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from newsevents.api.deps import Cache, Conn, Filter, Limit, Offset
from newsevents.api.params import MAX_NAME_CHARS, MAX_WORDS_CHARS
from newsevents.api.schemas import AggregatesPublic, FacetsPublic, RejectsPublic
from newsevents.store import queries

router = APIRouter(prefix="/api", tags=["statistics"])

By = Literal["day", "week", "month", "event_type", "sub_event_type", "country", "modality"]


@router.get("/aggregates", response_model=AggregatesPublic)
def aggregates(conn: Conn, f: Filter, by: By = "day") -> dict[str, Any]:
    """Counts and fatalities of the filtered events per bucket, each split by event type."""
    return {"by": by, "data": queries.aggregates(conn, f, by=by)}


@router.get("/facets", response_model=FacetsPublic)
def facets(conn: Conn, cache: Cache) -> dict[str, Any]:
    """Event types with sub-types, modalities, countries and the date range in the store."""
    facets: dict[str, Any] = cache.get("facets", lambda: queries.facets(conn))
    return facets


@router.get("/stats")
def stats(conn: Conn, cache: Cache) -> dict[str, Any]:
    """Counts: articles, mentions and duplicates, events by type and modality, rejects."""
    stats: dict[str, Any] = cache.get("stats", lambda: queries.stats(conn))
    return stats


@router.get("/rejects", response_model=RejectsPublic)
def rejects(
    conn: Conn,
    stage: Annotated[
        str | None, Query(description="read, clean, annotate, ...", max_length=MAX_NAME_CHARS)
    ] = None,
    reason: Annotated[
        str | None, Query(description="Words in the reason.", max_length=MAX_WORDS_CHARS)
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Input records kept out of the store, with the reason."""
    rows, count = queries.list_rejects(conn, stage=stage, reason=reason, limit=limit, offset=offset)
    return {"data": rows, "count": count}
