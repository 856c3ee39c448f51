"""Answers about the whole store (facets, statistics), kept until the store changes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

StoreVersion = tuple[int, int, int, int]


def store_version(db_path: str) -> StoreVersion:
    """When and how much the store and its write-ahead log last changed (two stat calls).

    An ingest commit appends to the ``-wal`` file and a checkpoint rewrites the main file, so
    any committed change moves one of these numbers.
    """
    main = os.stat(db_path)
    try:
        wal = os.stat(f"{db_path}-wal")
        wal_mtime, wal_size = wal.st_mtime_ns, wal.st_size
    except FileNotFoundError:
        wal_mtime, wal_size = 0, 0
    return main.st_mtime_ns, main.st_size, wal_mtime, wal_size


class StoreCache:
    """Values computed from the whole store, recomputed only after the store changed.

    Facets scan every event (52 ms at 100,000 events), yet the web UI asks for them on each
    load; with this the answer costs two stat calls until the next ingest.
    """

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._values: dict[str, tuple[StoreVersion, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key`` if the store is unchanged since, else ``compute()``."""
        version = store_version(self.db_path)
        with self._lock:
            hit = self._values.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        with self._lock:
            self._values[key] = (version, value)
        return value
