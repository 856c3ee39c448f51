"""The FastAPI app: read-only REST API, OpenAPI docs and the offline web UI, in one process."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents import __version__
from newsevents.api.cache import StoreCache
from newsevents.api.limits import RequestLimits, timeout_message
from newsevents.api.pool import ConnectionPool
from newsevents.api.routes import articles, control, events, exports, ingest, labels, places, stats
from newsevents.api.schemas import HealthPublic
from newsevents.api.settings import WEB_DIR, Settings
from newsevents.errors import ConfigError, NewsEventsError
from newsevents.store.schema import SCHEMA_VERSION, connect, current_version

log = logging.getLogger(__name__)

STATIC_DIR = WEB_DIR / "static"
# The files the UI loads from the npm packages; if one is missing the UI cannot start.
VENDOR_FILES = (
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css",
    "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-50m.json",
)
SWAGGER_FILES = ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-dist/swagger-ui.css")
SETUP_HINT = "npm ci --prefix src/newsevents/web"

# The UI runs only its own scripts: untrusted article text can never execute, even if a bug
# ever put it into markup. Leaflet positions with element.style (CSSOM), which CSP allows.
UI_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
# Swagger UI starts from one inline script in its page.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

MISSING_VENDOR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsevents: UI libraries missing</title>
<style>body{font:16px system-ui,sans-serif;max-width:40em;margin:4em auto;color:#222}
code{background:#f2f2f2;padding:.2em .4em;border-radius:3px}</style></head>
<body><h1>The web UI's libraries are not installed</h1>
<p>The map, charts and basemap come from npm packages that are installed once, offline
afterwards. From the repository root run:</p>
<p><code>npm ci --prefix src/newsevents/web</code></p>
<p>then reload this page. The REST API works without them: see <a href="/api/stats">/api/stats</a>
and <a href="/openapi.json">/openapi.json</a>.</p></body></html>
"""


class SecurityHeaders:
    """Add CSP and related headers to every response (a plain ASGI wrapper: no extra latency)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request through, adding headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else UI_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def vendor_missing(vendor_dir: Path, files: tuple[str, ...] = VENDOR_FILES) -> list[str]:
    """The front-end library files that are not installed."""
    return [f for f in files if not (vendor_dir / f).is_file()]


def bring_schema_up_to_date(db_path: str) -> None:
    """Apply migrations a store lacks (new indexes), or say why the server runs without them."""
    probe = connect(db_path, readonly=True)
    try:
        version = current_version(probe) if _has_migrations_table(probe) else 0
    finally:
        probe.close()
    if version >= SCHEMA_VERSION:
        return
    try:
        connect(db_path).close()  # a writable connection applies the missing migrations
    except sqlite3.OperationalError as exc:
        log.warning(
            "store %s is at schema version %d of %d and cannot be migrated (%s): queries work "
            "but may be slower; run `newsevents ingest` on it once with write access",
            db_path,
            version,
            SCHEMA_VERSION,
            exc,
        )
    else:
        log.info("store %s migrated from schema version %d to %d", db_path, version, SCHEMA_VERSION)


def _has_migrations_table(conn: sqlite3.Connection) -> bool:
    """Whether the store has its migrations bookkeeping table (read-only safe check)."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    return row.fetchone() is not None


def create_app(db_path: str, settings: Settings | None = None) -> FastAPI:
    """Build the app serving the store at ``db_path`` (read-only unless a token is set)."""
    settings = settings or Settings()
    if not Path(db_path).is_file():
        raise NewsEventsError(f"no store at {db_path}: run `newsevents ingest PATH --db {db_path}` first")
    bring_schema_up_to_date(db_path)
    pool = ConnectionPool(db_path, max_idle=settings.pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield
        pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsevents",
        version=__version__,
        description="Political and conflict events extracted from news, with their evidence. "
        "Read-only unless the server has a token (NEWSEVENTS_API_TOKEN).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db_path = db_path
    app.state.pool = pool
    app.state.store_cache = StoreCache(db_path)
    app.state.settings = settings
    vendor_dir = settings.web_vendor_dir
    missing = vendor_missing(vendor_dir)
    app.state.ui_available = not missing
    if missing:
        log.warning("web UI libraries missing (%s): run %s", ", ".join(missing), SETUP_HINT)

    for module in (events, articles, places, control, stats, exports, ingest, labels):
        app.include_router(module.router)

    @app.exception_handler(ConfigError)
    async def bad_option(request: Request, exc: ConfigError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(sqlite3.OperationalError)
    async def store_error(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        if "interrupted" in str(exc):  # the pool's deadline stopped the query
            log.warning("query of %s stopped at the request timeout", request.url.path)
            return JSONResponse({"detail": timeout_message(settings.request_timeout_s)}, status_code=503)
        raise exc

    @app.get("/api/health", response_model=HealthPublic, tags=["meta"])
    def health() -> dict[str, Any]:
        """The server is up; which store it serves and whether writes are enabled."""
        return {
            "status": "ok",
            "store": Path(db_path).name,
            "writes_enabled": settings.writes_enabled,
            "ui_available": app.state.ui_available,
        }

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI, from the locally installed swagger-ui-dist."""
        if vendor_missing(vendor_dir, SWAGGER_FILES):
            return HTMLResponse(MISSING_VENDOR_PAGE, status_code=503)
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="newsevents API",
            swagger_js_url="/vendor/swagger-ui-dist/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui-dist/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False, response_model=None)
    def index() -> FileResponse | HTMLResponse:
        """The web UI, or a page saying how to install its libraries."""
        if vendor_missing(vendor_dir):
            return HTMLResponse(MISSING_VENDOR_PAGE, status_code=503)
        return FileResponse(STATIC_DIR / "index.html", headers={"cache-control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if vendor_dir.is_dir():
        app.mount("/vendor", StaticFiles(directory=vendor_dir), name="vendor")

    origins = settings.cors_origin_list
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"] if settings.writes_enabled else ["GET"],
            allow_headers=["Authorization", "X-API-Token"],
        )
    app.add_middleware(
        RequestLimits, max_body_bytes=settings.max_upload_bytes, timeout_s=settings.request_timeout_s
    )
    app.add_middleware(SecurityHeaders)
    return app
