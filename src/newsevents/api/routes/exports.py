"""Downloads of the exports: events (CSV, JSONL, Parquet, GeoJSON) and control (CSV, GeoJSON)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from newsevents.api.deps import Conn

router = APIRouter(prefix="/api/exports", tags=["exports"])

Format = Literal["csv", "jsonl", "parquet", "geojson"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
}
CONTROL_FORMATS = ("csv", "geojson")


@router.get("/{what}", response_class=FileResponse)
def download(conn: Conn, what: Literal["events", "control"], format: Format = "csv") -> FileResponse:
    """The whole store's events or control table as a file to download."""
    if what == "control" and format not in CONTROL_FORMATS:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"invalid format={format!r} for control: expected one of {', '.join(CONTROL_FORMATS)}",
        )
    try:
        from newsevents.store.export import export_control, export_events
    except ImportError as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"exports are not available: {exc}") from exc
    folder = Path(tempfile.mkdtemp(prefix="newsevents-export-"))
    out = folder / f"{what}.{format}"
    try:
        if what == "events":
            export_events(conn, format, str(out))
        else:
            export_control(conn, "csv" if format == "csv" else "geojson", str(out))
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        out,
        media_type=MEDIA_TYPES[format],
        filename=out.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
