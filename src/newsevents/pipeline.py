"""The chain of stages: read → clean → dedup → annotate → store → merge → control.

The per-document stages run in an engine (``newsevents.engines``); ``IngestLimits`` is
re-exported here for callers of ``ingest_paths``.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from newsevents.dedup import Deduplicator, exact_hash
from newsevents.dedup.minhash import from_bytes
from newsevents.engines import Engine, Prepared
from newsevents.engines.local import LocalEngine, annotate_batches
from newsevents.engines.prepare import failed_reject
from newsevents.errors import one_line
from newsevents.limits import IngestLimits
from newsevents.models import Article, Reject
from newsevents.store.lock import writer_lock
from newsevents.store.schema import connect
from newsevents.store.writer import StoreWriter

__all__ = ["IngestLimits", "IngestSummary", "ingest_paths"]

log = logging.getLogger(__name__)

# Articles annotated and written per transaction: a crash loses at most this many.
# 32 keeps spaCy's batching efficient while bounding lost work to a few seconds.
BATCH_SIZE = 32

ProgressFn = Callable[[int], None]
RejectFn = Callable[[Reject], None]


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did, counted."""

    documents: int = 0
    articles_new: int = 0
    duplicates: int = 0
    already_stored: int = 0
    annotated: int = 0
    events_touched: int = 0
    rejects: int = 0
    undated: int = 0  # new articles with no publication date from the input or the article itself
    reject_reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        """One-line human summary."""
        return (
            f"{self.documents} documents read: {self.articles_new} new articles, "
            f"{self.duplicates} duplicate mentions, {self.already_stored} already stored, "
            f"{self.annotated} annotated, {self.events_touched} events created or updated, "
            f"{self.rejects} rejected ({self.seconds:.1f}s)"
        )


def ingest_paths(
    paths: list[str],
    db: str,
    fmt: str | None = None,
    published: date | None = None,
    source: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: ProgressFn | None = None,
    workers: int = 1,
    on_reject: RejectFn | None = None,
    engine: Engine | None = None,
    limits: IngestLimits | None = None,
) -> IngestSummary:
    """Ingest files, directories or ``-`` into the store at ``db``; rerunning adds nothing.

    ``engine`` runs the per-document stages (default: this machine with ``workers`` processes)
    within ``limits``; the dedup decisions, merge, control and store happen here, in input
    order, whatever the engine. One ingest writes into a store at a time (``store.lock``); a
    document that fails at any stage becomes a reject and the run goes on.
    """
    limits = limits or IngestLimits()
    engine = engine or LocalEngine(workers, annotate_batches)
    with writer_lock(db, limits.lock_timeout):
        return _ingest(paths, db, fmt, published, source, batch_size, progress, on_reject, engine, limits)


def _ingest(
    paths: list[str],
    db: str,
    fmt: str | None,
    published: date | None,
    source: str | None,
    batch_size: int,
    progress: ProgressFn | None,
    on_reject: RejectFn | None,
    engine: Engine,
    limits: IngestLimits,
) -> IngestSummary:
    """The ingest itself, run while holding the store's writer lock."""
    started = time.perf_counter()
    summary = IngestSummary()
    conn = connect(db)
    writer = StoreWriter(conn)
    dedup = Deduplicator.load(writer.dedup_state())
    queued: dict[str, Article] = {}

    sent: deque[list[Prepared]] = deque()  # batches handed to the engine, results not yet back

    def batches() -> Iterator[list[Prepared]]:
        """Register the engine's documents in input order; yield the canonical ones to annotate."""
        pending: list[Prepared] = []
        for item in engine.documents(paths, fmt, published, source, limits):
            if isinstance(item, Reject):
                _reject(writer, summary, item, on_reject)
                continue
            if item.part == 0:  # the further parts of a document split for length are no new read
                summary.documents += 1
                if progress:
                    progress(1)
            article = item.article
            if isinstance(article, Reject):
                _reject(writer, summary, article, on_reject)
                continue
            if _take(writer, dedup, summary, item, article, on_reject) and article.id not in queued:
                summary.undated += article.published is None
                queued[article.id] = article
                pending.append(item)
            if len(pending) >= batch_size:
                sent.append(pending)
                yield pending
                pending = []
        if pending:
            sent.append(pending)
            yield pending

    try:
        for results in engine.annotate(batches()):
            batch = sent.popleft()
            with writer.batch():  # one transaction per batch: a crash loses only this batch
                for prepared, ann in zip(batch, results, strict=True):
                    article = queued.pop(prepared.article.id)  # type: ignore[union-attr]
                    if isinstance(ann, Reject):  # the annotate stage failed on this article
                        _reject(writer, summary, ann, on_reject)
                        continue
                    try:
                        touched = writer.save_annotations(article, ann)
                    except Exception as exc:  # undone alone (a savepoint); the batch goes on
                        _failed(writer, summary, article.path, article.record, "store", exc, on_reject)
                        continue
                    summary.annotated += 1
                    summary.events_touched += len(touched)
        conn.execute("PRAGMA optimize")  # keep the planner's statistics fresh for readers
    finally:
        try:
            writer.flush_rejects()
        finally:
            conn.close()
    summary.seconds = time.perf_counter() - started
    if summary.undated:
        log.warning(
            "%d of %d articles carry no publication date (no --published, no published field, page "
            "metadata, URL date or dated dateline): relative dates such as 'on Thursday' stay "
            "unresolved and their events are dated only where the text gives a full date",
            summary.undated,
            summary.annotated or summary.undated,
        )
    return summary


def _take(
    writer: StoreWriter,
    dedup: Deduplicator,
    summary: IngestSummary,
    prepared: Prepared,
    article: Article,
    on_reject: RejectFn | None,
) -> bool:
    """Register one article; True when it still needs annotating. A failure rejects it alone."""
    try:
        return _register(writer, dedup, summary, prepared, article)
    except Exception as exc:
        _failed(writer, summary, article.path, article.record, "store", exc, on_reject)
        return False


def _failed(
    writer: StoreWriter,
    summary: IngestSummary,
    path: str,
    record: str,
    stage: str,
    exc: Exception,
    on_reject: RejectFn | None,
) -> None:
    """Reject a document that raised at ``stage``: its one-line summary is the reason (the
    traceback is logged at debug level, shown with ``--verbose``)."""
    log.debug("%s:%s: %s failed", path, record, stage, exc_info=True)
    reject = failed_reject(path, record, stage, exc)
    _reject(writer, summary, reject, on_reject)


def _reject(writer: StoreWriter, summary: IngestSummary, reject: Reject, on_reject: RejectFn | None) -> None:
    """Report one bad record in one line, keep it in the rejects table and count it."""
    if on_reject is not None:
        on_reject(reject)
    else:
        log.warning("rejected %s", reject.line())
    try:
        writer.queue_reject(reject)
    except Exception as exc:  # the reject is reported and counted even when it cannot be kept
        log.error("could not store rejects (the last: %s): %s", reject.line(), one_line(exc))
    summary.rejects += 1
    key = reject.reason.split(":")[0]
    summary.reject_reasons[key] = summary.reject_reasons.get(key, 0) + 1


def _register(
    writer: StoreWriter,
    dedup: Deduplicator,
    summary: IngestSummary,
    prepared: Prepared,
    article: Article,
) -> bool:
    """Record the article or its duplicate mention; True when it still needs annotating."""
    sig = from_bytes(prepared.signature) if prepared.signature else None
    canonical = dedup.check_and_add(article, sig)
    rhash = prepared.raw_hash
    with writer.batch():
        if canonical is None:
            writer.add_article(article, exact_hash(article), dedup.signature_of(article.id))
            writer.add_mention(article, article.id, True, rhash)
            summary.articles_new += 1
            return True
        if canonical == article.id:
            # The same content seen before (a rerun, or a copy under another name).
            new = writer.add_mention(article, article.id, False, rhash)
            if not new:
                summary.already_stored += 1
            else:
                summary.duplicates += 1
            return not writer.is_annotated(article.id)
        article.duplicate_of = canonical
        if writer.add_mention(article, canonical, False, rhash):
            summary.duplicates += 1
        else:
            summary.already_stored += 1
        return False
