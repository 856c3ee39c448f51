"""Log lines of third-party libraries re-emitted with the file and record they concern."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class _Collect(logging.Handler):
    """Keeps the records it is given."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def relogged(names: tuple[str, ...], where: str) -> Iterator[None]:
    """Hold the warnings of the named loggers during the block; re-log them at INFO (shown with
    ``--verbose``) as ``where: library: message``. A library saying "parsed tree length: 0"
    without naming the page helps nobody; the outcome (no main text, fallback used) is
    reported by the caller."""
    handler = _Collect()
    saved = []
    for name in names:
        lib = logging.getLogger(name)
        saved.append((lib, lib.propagate))
        lib.addHandler(handler)
        lib.propagate = False
    try:
        yield
    finally:
        for lib, propagate in saved:
            lib.removeHandler(handler)
            lib.propagate = propagate
        for record in handler.records:
            try:
                message = " ".join(record.getMessage().split())
            except Exception:  # a library's malformed log call must not fail the document
                message = str(record.msg)
            log.info("%s: %s: %s", where, record.name.split(".")[0], message[:200])
