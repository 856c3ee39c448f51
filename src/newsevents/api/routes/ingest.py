"""The one write endpoint: upload files to ingest (only with the configured token)."""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from newsevents.api.deps import require_token
from newsevents.api.schemas import IngestPublic
from newsevents.api.settings import Settings

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["ingest"])

# Uploads per request: enough for a day's feed split in files, few enough to bound temp space.
MAX_FILES = 100
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "fmt": {"type": "string", "description": "Reader; guessed when empty."},
                        "published": {"type": "string", "format": "date"},
                        "source": {"type": "string"},
                    },
                }
            }
        },
    }
}


def safe_name(name: str | None, index: int) -> str:
    """A file name with no directory part or odd characters, keeping the extension."""
    base = Path(name or "").name
    cleaned = _SAFE_NAME.sub("_", base).lstrip(".") or "upload"
    return f"{index:03d}_{cleaned}"


def _field(form: Any, name: str) -> str | None:
    """A text form field, empty as None."""
    value = form.get(name)
    if value is None or isinstance(value, UploadFile):
        return None
    return str(value).strip() or None


@router.post(
    "/ingest",
    response_model=IngestPublic,
    dependencies=[Depends(require_token)],
    openapi_extra=_BODY,
)
async def ingest(request: Request) -> dict[str, Any]:
    """Ingest uploaded files into the store (needs `Authorization: Bearer TOKEN`)."""
    settings: Settings = request.app.state.settings
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > settings.max_upload_bytes:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"upload of {length} bytes exceeds NEWSEVENTS_MAX_UPLOAD_BYTES="
            f"{settings.max_upload_bytes}; use `newsevents ingest` for large inputs",
        )
    form = await request.form(max_files=MAX_FILES, max_fields=20)
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not uploads:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "no files: send them as multipart field 'files'"
        )
    published_text = _field(form, "published")
    try:
        published = date.fromisoformat(published_text) if published_text else None
    except ValueError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"invalid published={published_text!r}: expected YYYY-MM-DD",
        ) from exc
    folder = Path(tempfile.mkdtemp(prefix="newsevents-upload-"))
    try:
        paths: list[str] = []
        total = 0
        for i, upload in enumerate(uploads):
            target = folder / safe_name(upload.filename, i)
            with target.open("wb") as out:
                while chunk := await upload.read(1 << 20):
                    total += len(chunk)
                    if total > settings.max_upload_bytes:
                        raise HTTPException(
                            status.HTTP_413_CONTENT_TOO_LARGE,
                            f"upload exceeds NEWSEVENTS_MAX_UPLOAD_BYTES={settings.max_upload_bytes}",
                        )
                    out.write(chunk)
            paths.append(str(target))
        from newsevents.pipeline import ingest_paths

        summary = await run_in_threadpool(
            ingest_paths,
            paths,
            request.app.state.db_path,
            fmt=_field(form, "fmt"),
            published=published,
            source=_field(form, "source"),
        )
    finally:
        await form.close()
        shutil.rmtree(folder, ignore_errors=True)
    data = dataclasses.asdict(summary) if dataclasses.is_dataclass(summary) else dict(summary)
    log.info("ingested %d uploaded files", len(uploads))
    return {"files": [u.filename or "" for u in uploads], "summary": data}
