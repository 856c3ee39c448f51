"""Reading the small model files shipped in newsevents/data."""

from __future__ import annotations

import json
import logging
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)


def shipped_json(name: str, without: str) -> dict[str, Any] | None:
    """A model file shipped in newsevents/data, or None with a warning saying what is lost."""
    try:
        text = resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        log.warning("%s is missing from newsevents/data: %s; reinstall the package", name, without)
        return None
    data: dict[str, Any] = json.loads(text)
    return data
