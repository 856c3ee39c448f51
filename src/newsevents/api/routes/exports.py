"""Downloads of the exports: events (CSV, JSONL, Parquet, GeoJSON) and control (CSV, GeoJSON)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from newsevents.api.deps import ExportConn, Filter
from newsevents.store import queries

router = APIRouter(prefix="/api/exports", tags=["exports"])

EventFormat = Literal["csv", "jsonl", "parquet", "geojson"]
ControlFormat = Literal["csv", "geojson"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
}
FILTERS_NOTE = (
    "Takes the same filters as `GET /api/events` (start, end, event_type, sub_event_type, actor, "
    "country, place, bbox, text, modality, min_confidence, include_aggregate); without any, the "
    "whole store. Events come oldest first."
)


def _file(name: str, fmt: str, write: Callable[[str], object]) -> FileResponse:
    """Write an export into a temporary folder and answer it as a download, removing it after."""
    folder = Path(tempfile.mkdtemp(prefix="newsevents-export-"))
    out = folder / f"{name}.{fmt}"
    try:
        write(str(out))
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        out,
        media_type=MEDIA_TYPES[fmt],
        filename=out.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def _exporters() -> tuple[Callable[..., int], Callable[..., int]]:
    """The export writers, or a 503 saying why they cannot be loaded."""
    try:
        from newsevents.store.export import export_control, export_events
    except ImportError as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"exports are not available: {exc}") from exc
    return export_events, export_control


@router.get("/events", response_class=FileResponse, description=FILTERS_NOTE)
def export_events(conn: ExportConn, f: Filter, format: EventFormat = "csv") -> FileResponse:
    """The events matching the filters as a file: ACLED-style CSV, PLOVER-style JSONL, Parquet, GeoJSON."""
    export_events, _ = _exporters()

    def write(out: str) -> None:
        ids = None if f == queries.EventFilter() else queries.matching_event_ids(conn, f)
        export_events(conn, format, out, event_ids=ids)

    return _file("events", format, write)


@router.get("/control", response_class=FileResponse)
def export_control(
    conn: ExportConn,
    format: ControlFormat = "csv",
    as_of: Annotated[date | None, Query(description="State on this day (YYYY-MM-DD).")] = None,
) -> FileResponse:
    """Who holds each place (as of a day) as a file: CSV or GeoJSON."""
    _, export_control = _exporters()
    return _file("control", format, lambda out: export_control(conn, format, out, as_of=as_of))
