"""One writer per store: an exclusive lock on ``STORE.lock`` held for a whole ingest.

SQLite serialises single transactions, not runs: two ingests of the same input at once both
see the articles as new, annotate them twice and merge their events twice. The lock makes
the second ingest wait for the first (it then finds everything stored and adds nothing), or
refuses it after a timeout. Readers (the API, exports) never take it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from newsevents.errors import NewsEventsError

log = logging.getLogger(__name__)

# How often a waiting ingest retries the lock, in seconds.
POLL_SECONDS = 0.2


class StoreBusyError(NewsEventsError):
    """Another process is writing into the store and did not finish in time."""


def lock_path(db: str) -> str:
    """The lock file of a store: beside it, named ``STORE.lock``."""
    return f"{db}.lock"


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock without blocking; False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    """What the lock file says about the process holding it ("pid 123"), for messages."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 64).decode("ascii", "replace").strip()
    except OSError:
        return "another process"
    return f"pid {text}" if text.isdigit() else "another process"


def _busy(db: str, holder: str, path: str) -> str:
    """The one-line message for a store another ingest is writing."""
    return (
        f"{db} is being written by another ingest ({holder}); run again when it has finished, "
        f"or wait longer with --lock-timeout (lock file {path})"
    )


@contextmanager
def writer_lock(db: str, timeout: float | None = None) -> Iterator[None]:
    """Hold the store's writer lock; wait for another writer up to ``timeout`` seconds (None:
    as long as it takes, 0: not at all), then raise ``StoreBusyError``."""
    if db == ":memory:" or db.startswith("file:"):
        yield
        return
    path = lock_path(db)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise NewsEventsError(
            f"cannot create the writer lock {path}: {exc.strerror or exc}; the store's folder "
            "must be writable"
        ) from None
    try:
        if not _try_lock(fd):
            holder = _holder(fd)
            if timeout == 0:
                raise StoreBusyError(_busy(db, holder, path))
            log.warning(
                "%s is being written by another ingest (%s); waiting for it to finish%s",
                db,
                holder,
                "" if timeout is None else f" (at most {timeout:g}s)",
            )
            deadline = None if timeout is None else time.monotonic() + timeout
            while not _try_lock(fd):
                if deadline is not None and time.monotonic() >= deadline:
                    raise StoreBusyError(_busy(db, holder, path))
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode("ascii"))
        yield
    finally:
        os.close(fd)  # closing releases the lock; the file stays (removing it would race)
