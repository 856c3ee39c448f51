"""A pool of read-only SQLite connections, each able to stop a query that runs past its deadline."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass, field

from newsevents.store.schema import connect

log = logging.getLogger(__name__)

# A query past its deadline fails with sqlite3.OperationalError("interrupted"); the app answers
# 503 for it (app.py). SQLite calls the deadline check every this many virtual-machine steps: about every
# millisecond on this machine's queries, too rarely to cost anything measurable.
PROGRESS_STEPS = 20_000
# Memory-map up to this much of the store: reads skip a copy into SQLite's page cache. Address
# space only; the OS shares the mapped pages between connections and processes.
MMAP_BYTES = 1 << 30


@dataclass(slots=True)
class Lease:
    """A pooled connection and the moment its current query must stop (monotonic seconds)."""

    conn: sqlite3.Connection
    deadline: list[float] = field(default_factory=lambda: [float("inf")])


class ConnectionPool:
    """Read-only connections to one store, reused across requests (each opened once, not per call).

    ``acquire`` never waits: it hands out an idle connection or opens a new one, so the number in
    use follows the server's concurrency (bounded by its thread pool); at most ``max_idle`` are
    kept open between requests.
    """

    def __init__(self, db_path: str, max_idle: int = 16) -> None:
        self.db_path = db_path
        self.max_idle = max_idle
        self._idle: list[Lease] = []
        self._lock = threading.Lock()
        self._closed = False

    def _open(self) -> Lease:
        """A new read-only connection whose queries stop at the lease's deadline."""
        conn = connect(self.db_path, readonly=True)
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        lease = Lease(conn)
        deadline = lease.deadline
        conn.set_progress_handler(lambda: time.monotonic() > deadline[0], PROGRESS_STEPS)
        return lease

    def acquire(self, timeout_s: float | None) -> Lease:
        """A connection whose queries are interrupted ``timeout_s`` seconds from now."""
        with self._lock:
            lease = self._idle.pop() if self._idle else None
        if lease is None:
            lease = self._open()
        lease.deadline[0] = time.monotonic() + timeout_s if timeout_s else float("inf")
        return lease

    def release(self, lease: Lease) -> None:
        """Return a connection to the pool (or close it when enough are idle or it ran late).

        A request past its deadline may have been abandoned while its thread still runs a query
        on this connection, so it is closed rather than handed to the next request.
        """
        late = time.monotonic() > lease.deadline[0]
        lease.deadline[0] = float("inf")
        if not late and lease.conn.in_transaction:  # a read left open by an unfinished cursor
            lease.conn.rollback()
        with self._lock:
            if not late and not self._closed and len(self._idle) < self.max_idle:
                self._idle.append(lease)
                return
        lease.conn.close()

    def close(self) -> None:
        """Close every idle connection; connections in use are closed on release."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for lease in idle:
            lease.conn.close()
        log.debug("closed %d pooled connections", len(idle))
