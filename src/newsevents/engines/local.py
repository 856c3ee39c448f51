"""Run the per-article annotate stage on all local cores, in submission order."""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date

from newsevents.models import Annotations
from newsevents.nlp.annotate import annotate_texts

log = logging.getLogger(__name__)

Item = tuple[str, str, date | None]


def _annotate_batch(batch: list[Item]) -> list[Annotations]:
    """Annotate one batch in a worker (the model loads once per worker process)."""
    return list(annotate_texts(batch, batch_size=max(1, len(batch))))


def default_workers() -> int:
    """One worker per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def annotate_batches(batches: Iterable[list[Item]], workers: int = 1) -> Iterator[list[Annotations]]:
    """Annotate batches in order; ``workers > 1`` uses a process pool with 2 batches per worker in flight."""
    if workers <= 1:
        for batch in batches:
            yield _annotate_batch(batch)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        inflight: deque[Future[list[Annotations]]] = deque()
        for batch in batches:
            inflight.append(pool.submit(_annotate_batch, batch))
            if len(inflight) >= 2 * workers:
                yield inflight.popleft().result()
        while inflight:
            yield inflight.popleft().result()
