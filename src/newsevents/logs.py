"""Log lines of third-party libraries re-emitted with the file and record they concern."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class _Hold(logging.Filter):
    """Takes this thread's records of a library logger out of the stream and keeps them."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.thread != self.thread:
            return True  # another thread's work: not ours to hold
        if record.levelno >= logging.WARNING:
            self.records.append(record)
        return False


@contextmanager
def relogged(names: tuple[str, ...], where: str) -> Iterator[None]:
    """Hold the named loggers' lines during the block (this thread's only); re-log their
    warnings at INFO (shown with ``--verbose``) as ``where: library: message``. A library
    saying "parsed tree length: 0" without naming the page helps nobody; the outcome (no main
    text, fallback used) is reported by the caller."""
    hold = _Hold()
    loggers = [logging.getLogger(name) for name in _with_children(names)]
    for lib in loggers:
        lib.addFilter(hold)
    try:
        yield
    finally:
        for lib in loggers:
            lib.removeFilter(hold)
        for record in hold.records:
            try:
                message = " ".join(record.getMessage().split())
            except Exception:  # a library's malformed log call must not fail the document
                message = str(record.msg)
            log.info("%s: %s: %s", where, record.name.split(".")[0], message[:200])


def _with_children(names: tuple[str, ...]) -> list[str]:
    """The named loggers and their existing children ("trafilatura.core"...): a logger's
    filters see only the records logged on it, not those its children pass up."""
    known = list(logging.Logger.manager.loggerDict)
    return [*names, *(k for k in known if any(k.startswith(n + ".") for n in names))]
