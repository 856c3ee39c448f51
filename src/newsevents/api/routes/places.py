"""Places where events happened."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsevents.api.deps import Conn, Limit, Offset
from newsevents.api.params import MAX_NAME_CHARS, MAX_WORDS_CHARS
from newsevents.api.schemas import PlacesPublic
from newsevents.store import queries

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", response_model=PlacesPublic)
def list_places(
    conn: Conn,
    q: Annotated[
        str | None, Query(description="Words in the place or admin1 name.", max_length=MAX_WORDS_CHARS)
    ] = None,
    country: Annotated[
        str | None, Query(description="Country name or ISO code.", max_length=MAX_NAME_CHARS)
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Places with their event counts and first/last event dates, busiest first."""
    rows, count = queries.list_places(conn, q=q, country=country, limit=limit, offset=offset)
    return {"data": rows, "count": count}
