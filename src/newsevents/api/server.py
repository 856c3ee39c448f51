"""Run the API under uvicorn with settings that hold many concurrent clients."""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI

from newsevents.api.app import create_app
from newsevents.errors import ConfigError

log = logging.getLogger(__name__)

DB_ENV = "NEWSEVENTS_DB"
# Pending connections the kernel queues while every worker is busy: a burst of 200 clients
# connecting at once must wait in the queue, not be reset.
BACKLOG = 4096
# Idle keep-alive connections are closed after this many seconds; clients that pause between
# requests (a browser, a load test) keep theirs instead of meeting a reset on reuse.
KEEP_ALIVE_S = 30
# Largest request head (request line + headers) uvicorn accepts; query strings are also capped
# by the app (RequestLimits), this guards the parser itself.
MAX_HEAD_BYTES = 128 * 1024


def app_from_env() -> FastAPI:
    """The app for the store named by ``$NEWSEVENTS_DB`` (for ``uvicorn --factory`` and workers)."""
    db = os.environ.get(DB_ENV, "")
    if not db:
        raise ConfigError(DB_ENV, db, "the path of a store, e.g. NEWSEVENTS_DB=news.db")
    return create_app(db)


def run(db: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the store at ``db``; ``workers`` > 1 runs that many processes on one socket."""
    import uvicorn

    options = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,
        "backlog": BACKLOG,
        "timeout_keep_alive": KEEP_ALIVE_S,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    }
    if workers <= 1:
        uvicorn.run(create_app(db), **options)  # type: ignore[arg-type]
        return
    os.environ[DB_ENV] = db
    create_app(db)  # fail here, once, with a clear message, rather than in every worker
    log.info("serving %s with %d worker processes", db, workers)
    uvicorn.run(
        "newsevents.api.server:app_from_env",
        factory=True,
        workers=workers,
        **options,  # type: ignore[arg-type]
    )
