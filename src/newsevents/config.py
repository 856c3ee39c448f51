"""Settings shared by the CLI, the pipeline and the API."""

from __future__ import annotations

import os
from datetime import date

from newsevents.errors import ConfigError

DEFAULT_DB = "newsevents.db"


def default_db() -> str:
    """The store path: ``$NEWSEVENTS_DB`` or ``newsevents.db`` in the working directory."""
    return os.environ.get("NEWSEVENTS_DB") or DEFAULT_DB


def parse_day(value: str | None, option: str) -> date | None:
    """Parse a YYYY-MM-DD option value, naming the option when it is malformed."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(option, value, "a date as YYYY-MM-DD, e.g. 2021-08-13") from exc
