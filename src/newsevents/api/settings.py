"""Settings of the API server, read from ``NEWSEVENTS_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

WEB_DIR = Path(__file__).resolve().parent.parent / "web"


class Settings(BaseSettings):
    """What the server allows: writes (only with a token), cross-origin reads, upload size."""

    model_config = SettingsConfigDict(env_prefix="NEWSEVENTS_", extra="ignore")

    api_token: str | None = Field(
        default=None,
        description="Token that write endpoints (POST /api/ingest) require; unset = read-only.",
    )
    cors_origins: str = Field(
        default="",
        description="Comma-separated origins allowed to call the API from a browser; "
        "empty = same origin only.",
    )
    # 50 MiB: a day of a large outlet's articles as JSONL is a few MiB; more should go
    # through the CLI, which streams.
    max_upload_bytes: int = Field(default=50 * 1024 * 1024, ge=1)
    # 10 s: the slowest honest request (a word search over 1,000,000 events) takes about 2 s
    # on a loaded 2-core machine; anything longer is a runaway query holding a worker.
    request_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a read request may take before its query is stopped (503).",
    )
    threads: int = Field(
        default=8,
        ge=1,
        description="Requests one server process runs at once (each in a thread with its own "
        "connection); more wait their turn.",
    )
    pool_size: int = Field(
        default=16, ge=1, description="Read-only store connections kept open between requests."
    )
    web_vendor_dir: Path = Field(
        default=WEB_DIR / "node_modules",
        description="Where `npm ci --prefix src/newsevents/web` put the front-end libraries.",
    )

    @property
    def cors_origin_list(self) -> list[str]:
        """The allowed origins as a list."""
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def writes_enabled(self) -> bool:
        """Whether a token is configured, so write endpoints may be used at all."""
        return bool(self.api_token)
