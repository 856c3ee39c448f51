"""Run the per-document stages in this process, and annotate on all local cores, in order."""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date

from newsevents.engines.partitions import PARTITION_BYTES, plan_partitions
from newsevents.engines.prepare import Prepared, failed_reject, prepare_safely
from newsevents.engines.shards import ShardInfo, is_done, write_shard
from newsevents.engines.work import run_partition
from newsevents.failsafe import annotate_isolated
from newsevents.limits import IngestLimits
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
    """Reads and cleans in this process; annotates on ``workers`` local processes.

    A batch the annotator fails on is annotated again one article at a time
    (``failsafe.annotate_isolated``); an article that still fails becomes its reject.
    """

    def __init__(self, workers: int = 1, annotate: AnnotateBatches = annotate_batches) -> None:
        self.workers = workers
        self._annotate = annotate

    def documents(
        self,
        paths: list[str],
        fmt: str | None,
        published: date | None,
        source: str | None,
        limits: IngestLimits | None = None,
    ) -> Iterator[Reject | Prepared]:
        """Every input record in input order, read and cleaned here within ``limits``."""
        limits = limits or IngestLimits()
        for item in iter_inputs(
            paths,
            fmt=fmt,
            published=published,
            source=source,
            max_docs_per_file=limits.max_docs_per_file,
            max_file_bytes=limits.max_file_bytes,
            text_field=limits.text_field,
            html_field=limits.html_field,
        ):
            if isinstance(item, Reject):
                yield item
            else:
                yield from prepare_safely(item, max_chars=limits.max_article_chars)

    def annotate(self, batches: Iterable[list[Prepared]]) -> Iterator[list[Annotations | Reject]]:
        """Each batch's annotations computed now (on the process pool when ``workers > 1``),
        in order; an article the annotator fails on alone is given as its reject."""
        sent: deque[list[Prepared]] = deque()
        failed: dict[str, Reject] = {}

        def items() -> Iterator[list[Item]]:
            for batch in batches:
                sent.append(batch)
                yield [article_item(p) for p in batch]

        def on_error(item: Item, exc: Exception) -> None:
            log.debug("%s: annotate failed", item[0], exc_info=exc)
            failed[item[0]] = failed_reject("", "", "annotate", exc, item[1])

        for result in annotate_isolated(items(), self._annotate, self.workers, on_error):
            batch = sent.popleft()
            done = {ann.article_id: ann for ann in result}
            out: list[Annotations | Reject] = []
            for p in batch:
                assert isinstance(p.article, Article)
                aid = p.article.id
                if aid in done:
                    out.append(done[aid])
                else:
                    reject = failed.pop(aid, None) or failed_reject(
                        "", "", "annotate", RuntimeError("no annotations returned"), p.article.text
                    )
                    reject.path, reject.record = p.article.path, p.article.record
                    out.append(reject)
            yield out

    def write_shards(
        self,
        paths: list[str],
        directory: str,
        fmt: str | None = None,
        published: date | None = None,
        source: str | None = None,
        partition_bytes: int = PARTITION_BYTES,
        limits: IngestLimits | None = None,
    ) -> tuple[list[ShardInfo], int]:
        """Write a shard per partition into ``directory`` here; returns (shards written, skipped)."""
        limits = limits or IngestLimits()
        parts = plan_partitions(
            paths,
            fmt,
            published,
            source,
            partition_bytes,
            limits.max_docs_per_file,
            limits.max_file_bytes,
            limits.max_article_chars,
            limits.text_field,
            limits.html_field,
        )
        todo = [p for p in parts if not is_done(directory, p.name)]
        written = []
        for part in todo:
            result = run_partition(part)
            written.append(write_shard(directory, part.name, result.items, result.seconds))
        return written, len(parts) - len(todo)
