"""The chain of stages: read → clean → dedup → annotate → store → merge → control."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from newsevents.clean import MAX_ARTICLE_CHARS, clean_article
from newsevents.dedup import Deduplicator, exact_hash
from newsevents.engines.local import annotate_batches
from newsevents.errors import one_line
from newsevents.failsafe import annotate_isolated
from newsevents.models import Article, RawDoc, Reject
from newsevents.read import MAX_DOCS_PER_FILE, MAX_FILE_BYTES, iter_inputs
from newsevents.store.lock import writer_lock
from newsevents.store.schema import connect
from newsevents.store.writer import StoreWriter

log = logging.getLogger(__name__)

# Articles annotated and written per transaction: a crash loses at most this many.
# 32 keeps spaCy's batching efficient while bounding lost work to a few seconds.
BATCH_SIZE = 32

ProgressFn = Callable[[int], None]
RejectFn = Callable[[Reject], None]


@dataclass(frozen=True, slots=True)
class IngestLimits:
    """How much one ingest accepts, and how long it waits for another writer."""

    max_article_chars: int = MAX_ARTICLE_CHARS  # longer texts are split between paragraphs
    max_docs_per_file: int = MAX_DOCS_PER_FILE  # the rest of a file past this is rejected
    max_file_bytes: int = MAX_FILE_BYTES  # decompressed bytes read from one file
    lock_timeout: float | None = None  # seconds to wait for another ingest (None: no limit)


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


def raw_hash(raw: RawDoc) -> str:
    """A hash of one input record as read (content plus where it says it comes from)."""
    h = hashlib.sha1()
    for part in (raw.html, raw.text, raw.url, raw.source, raw.title):
        h.update((part or "").encode("utf-8", "replace"))
        h.update(b"\x00")
    return h.hexdigest()


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
    limits: IngestLimits | None = None,
) -> IngestSummary:
    """Ingest files, directories or ``-`` into the store at ``db``; rerunning adds nothing.

    One ingest writes into a store at a time (``store.lock``); a document that fails at any
    stage becomes a reject and the run goes on.
    """
    limits = limits or IngestLimits()
    with writer_lock(db, limits.lock_timeout):
        return _ingest(paths, db, fmt, published, source, batch_size, progress, workers, on_reject, limits)


def _ingest(
    paths: list[str],
    db: str,
    fmt: str | None,
    published: date | None,
    source: str | None,
    batch_size: int,
    progress: ProgressFn | None,
    workers: int,
    on_reject: RejectFn | None,
    limits: IngestLimits,
) -> IngestSummary:
    """The ingest itself, run while holding the store's writer lock."""
    started = time.perf_counter()
    summary = IngestSummary()
    conn = connect(db)
    writer = StoreWriter(conn)
    dedup = Deduplicator.load(writer.dedup_state())
    queued: dict[str, Article] = {}

    def batches() -> Iterator[list[tuple[str, str, date | None]]]:
        """Read, clean and register documents; yield the canonical ones still to annotate."""
        pending: list[Article] = []
        for item in iter_inputs(
            paths,
            fmt=fmt,
            published=published,
            source=source,
            max_docs_per_file=limits.max_docs_per_file,
            max_file_bytes=limits.max_file_bytes,
        ):
            if isinstance(item, Reject):
                _reject(writer, summary, item, on_reject)
                continue
            summary.documents += 1
            if progress:
                progress(1)
            for article in _take(writer, dedup, summary, item, on_reject, limits):
                if article.id not in queued:
                    summary.undated += article.published is None
                    queued[article.id] = article
                    pending.append(article)
            if len(pending) >= batch_size:
                yield [(a.id, a.text, a.published) for a in pending]
                pending = []
        if pending:
            yield [(a.id, a.text, a.published) for a in pending]

    def annotate_failed(item: tuple[str, str, date | None], exc: Exception) -> None:
        article = queued.pop(item[0], None)
        path, record = (article.path, article.record) if article else (item[0], "")
        _failed(writer, summary, path, record, "annotate", exc, on_reject)

    try:
        for annotations in annotate_isolated(batches(), annotate_batches, workers, annotate_failed):
            with writer.batch():  # one transaction per batch: a crash loses only this batch
                for ann in annotations:
                    article = queued.pop(ann.article_id)
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
    raw: RawDoc,
    on_reject: RejectFn | None,
    limits: IngestLimits,
) -> list[Article]:
    """Clean and register one document; the articles still to annotate. Any failure rejects
    this document alone."""
    stage = "clean"
    try:
        cleaned = clean_article(raw, limits.max_article_chars)
        if isinstance(cleaned, Reject):
            _reject(writer, summary, cleaned, on_reject)
            return []
        stage = "store"
        return [a for a in cleaned if _register(writer, dedup, summary, raw, a)]
    except Exception as exc:
        _failed(writer, summary, raw.path, raw.record, stage, exc, on_reject)
        return []


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
    reject = Reject(path, record, f"{stage} failed: {one_line(exc)}", stage=stage)
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
    raw: RawDoc,
    article: Article,
) -> bool:
    """Record the article or its duplicate mention; True when it still needs annotating."""
    canonical = dedup.check_and_add(article)
    rhash = raw_hash(raw)
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
