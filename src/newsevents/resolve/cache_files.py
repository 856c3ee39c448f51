"""Built indexes kept between runs: where they live, and reading and writing them safely."""

from __future__ import annotations

import gc
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where built indexes live: ``$NEWSEVENTS_CACHE`` or ``~/.cache/newsevents``."""
    env = os.environ.get("NEWSEVENTS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "newsevents"


def read_index(path: Path, fmt: int) -> dict[str, Any] | None:
    """A cached index of layout ``fmt``, or None when it is absent, unreadable or of another layout.

    Unpickled with the cyclic collector paused: it would rescan the many new objects.
    """
    if not path.exists():
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            data = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        log.warning("cached index %s unreadable (%s); rebuilding", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(data, dict) or data.get("format") != fmt:
        return None
    return data


def write_index(path: Path, data: dict[str, Any], stale: str) -> None:
    """Write an index atomically (parallel workers never read half a file) and remove the files
    matching the glob ``stale`` in the same folder that older formats or sources left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
        pickle.dump(data, tmp, protocol=pickle.HIGHEST_PROTOCOL)
    Path(tmp.name).replace(path)
    for old in path.parent.glob(stale):
        if old != path:
            old.unlink(missing_ok=True)
