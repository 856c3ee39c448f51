"""Run the per-document stages in this process, and annotate on all local cores, in order."""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date

from newsevents.engines.partitions import PARTITION_BYTES, plan_partitions
from newsevents.engines.prepare import Prepared, prepare_safely
from newsevents.engines.shards import ShardInfo, is_done, write_shard
from newsevents.engines.work import run_partition
from newsevents.models import Annotations, Article, Reject
from newsevents.nlp.annotate import annotate_texts
from newsevents.read import iter_inputs

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


def article_item(prepared: Prepared) -> Item:
    """The ``(id, text, published)`` the annotate stage needs from a prepared article."""
    article = prepared.article
    if not isinstance(article, Article):
        raise TypeError(f"cannot annotate a rejected document: {article.line()}")
    return article.id, article.text, article.published


AnnotateBatches = Callable[..., Iterator[list[Annotations]]]


class LocalEngine:
    """Reads and cleans in this process; annotates on ``workers`` local processes."""

    def __init__(self, workers: int = 1, annotate: AnnotateBatches = annotate_batches) -> None:
        self.workers = workers
        self._annotate = annotate

    def documents(
        self, paths: list[str], fmt: str | None, published: date | None, source: str | None
    ) -> Iterator[Reject | Prepared]:
        """Every input record in input order, cleaned here."""
        for item in iter_inputs(paths, fmt=fmt, published=published, source=source):
            yield item if isinstance(item, Reject) else prepare_safely(item)

    def annotate(self, batches: Iterable[list[Prepared]]) -> Iterator[list[Annotations]]:
        """Annotations computed now, on the process pool when ``workers > 1``."""
        items = ([article_item(p) for p in batch] for batch in batches)
        yield from self._annotate(items, workers=self.workers)


    def write_shards(
        self,
        paths: list[str],
        directory: str,
        fmt: str | None = None,
        published: date | None = None,
        source: str | None = None,
        partition_bytes: int = PARTITION_BYTES,
    ) -> tuple[list[ShardInfo], int]:
        """Write a shard per partition into ``directory`` here; returns (shards written, skipped)."""
        parts = plan_partitions(paths, fmt, published, source, partition_bytes)
        todo = [p for p in parts if not is_done(directory, p.name)]
        written = []
        for part in todo:
            result = run_partition(part)
            written.append(write_shard(directory, part.name, result.items, result.seconds))
        return written, len(parts) - len(todo)
