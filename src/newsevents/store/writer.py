"""The store's write side: articles, mentions, annotations, merged events, rejects."""

from __future__ import annotations

import json
import logging
import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from newsevents.merge.control import rebuild_control
from newsevents.merge.events import merge_article_events, remove_article_events
from newsevents.models import Annotations, Article, Event, Evidence, Reject

log = logging.getLogger(__name__)

# Tables holding one article's annotations, cleared before the article is annotated again.
ANNOTATION_TABLES = ("entities", "places", "times", "quotes", "quantities")
# Rejects queued by ``queue_reject`` are written this many per transaction: a file of junk
# lines costs one commit per 500 rejects instead of one each (a rerun recreates any lost).
REJECT_FLUSH = 500


class StoreWriter:
    """Writes into an open store; every public method is atomic, ``batch()`` groups them."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._depth = 0
        self._dirty_places: set[str] = set()
        self._queued_rejects: list[Reject] = []

    @contextmanager
    def batch(self) -> Iterator[StoreWriter]:
        """One transaction: committed (control rebuilt for touched places) or rolled back whole.

        Nested calls are savepoints: a failed inner call (one article) is undone alone and the
        outer batch may go on.
        """
        outer = self._depth == 0
        savepoint = f"writer_{self._depth}"
        if outer:
            if self.conn.in_transaction:
                self.conn.commit()
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn.execute(f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield self
            if outer and self._dirty_places:
                rebuild_control(self.conn, sorted(self._dirty_places))
        except BaseException:
            self._depth -= 1
            if outer:
                self.conn.rollback()
                self._dirty_places.clear()
            else:
                self.conn.execute(f"ROLLBACK TO {savepoint}")
                self.conn.execute(f"RELEASE {savepoint}")
            raise
        self._depth -= 1
        if outer:
            self.conn.commit()
            self._dirty_places.clear()
        else:
            self.conn.execute(f"RELEASE {savepoint}")

    def dedup_state(self) -> Iterator[tuple[str, str | None, bytes | None]]:
        """(article id, exact hash, minhash) of every stored canonical article, for dedup resume."""
        for row in self.conn.execute("SELECT id, exact_hash, minhash FROM articles ORDER BY rowid"):
            yield str(row[0]), row[1], bytes(row[2]) if row[2] is not None else None

    def is_annotated(self, article_id: str) -> bool:
        """True once the article's annotations are stored."""
        row = self.conn.execute("SELECT annotated FROM articles WHERE id = ?", (article_id,)).fetchone()
        return bool(row and row[0])

    def add_article(self, article: Article, exact_hash: str | None, minhash: bytes | None) -> None:
        """Store a canonical article once (a second call with the same id is a no-op)."""
        with self.batch():
            self.conn.execute(
                "INSERT OR IGNORE INTO articles(id, text, title, url, published, source, "
                "paragraphs, related, exact_hash, minhash, path, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.text,
                    article.title,
                    article.url,
                    article.published.isoformat() if article.published else None,
                    article.source,
                    json.dumps([list(p) for p in article.paragraphs]),
                    json.dumps(
                        [{"text": r.text, "url": r.url} for r in article.related],
                        ensure_ascii=False,
                    ),
                    exact_hash,
                    minhash,
                    article.path,
                    article.record,
                ),
            )

    def add_mention(self, article: Article, canonical_id: str, canonical: bool, raw_hash: str) -> bool:
        """Record where a copy of ``canonical_id`` was read; True when this copy is new."""
        with self.batch():
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO mentions(article_id, canonical, source, url, published, "
                "title, path, record, raw_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    canonical_id,
                    int(canonical),
                    article.source,
                    article.url,
                    article.published.isoformat() if article.published else None,
                    article.title,
                    article.path,
                    article.record,
                    raw_hash,
                ),
            )
        return cur.rowcount == 1

    def save_annotations(self, article: Article, ann: Annotations) -> list[str]:
        """Replace the article's annotations, merge its events; returns the event ids touched."""
        with self.batch():
            conn = self.conn
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone() is None:
                raise ValueError(
                    f"article {article.id!r} is not stored: call add_article before save_annotations"
                )
            touched = remove_article_events(conn, article.id, self._dirty_places)
            for table in ANNOTATION_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            self._insert_annotations(article.id, ann)
            conn.execute(
                "UPDATE articles SET sentences = ?, annotated = 1 WHERE id = ?",
                (json.dumps([list(s) for s in ann.sentences]), article.id),
            )
            events = [_with_evidence(e, article, ann.sentences) for e in ann.events]
            for event_id in merge_article_events(conn, article, events, self._dirty_places):
                if event_id not in touched:
                    touched.append(event_id)
        return touched

    def add_rejects(self, rejects: Iterable[Reject]) -> int:
        """Keep rejected records with their reason; returns how many were new."""
        added = 0
        with self.batch():
            for r in rejects:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO rejects(path, record, stage, reason, sample) "
                    "VALUES (?, ?, ?, ?, ?)",
                    tuple(map(_storable, (r.path, r.record, r.stage, r.reason, r.sample))),
                )
                added += cur.rowcount
        return added

    def queue_reject(self, reject: Reject) -> None:
        """Keep a reject, written with the next ``REJECT_FLUSH`` or by ``flush_rejects``."""
        self._queued_rejects.append(reject)
        if len(self._queued_rejects) >= REJECT_FLUSH:
            self.flush_rejects()

    def flush_rejects(self) -> None:
        """Write the queued rejects in one transaction."""
        queued, self._queued_rejects = self._queued_rejects, []
        if queued:
            self.add_rejects(queued)

    def _insert_annotations(self, article_id: str, ann: Annotations) -> None:
        """Insert the entity, place, time, quote and quantity rows of one article."""
        conn = self.conn
        conn.executemany(
            'INSERT INTO entities(article_id, start, "end", text, name, kind, label, confidence) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, e.start, e.end, e.text, e.name, e.kind, e.label, e.confidence)
                for e in ann.entities
            ],
        )
        conn.executemany(
            'INSERT INTO places(article_id, start, "end", text, name, lat, lon, country, '
            "country_code, admin1, admin2, geonameid, feature, precision, confidence, via) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    p.start,
                    p.end,
                    p.text,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country,
                    p.country_code,
                    p.admin1,
                    p.admin2,
                    p.geonameid,
                    p.feature,
                    p.precision,
                    p.confidence,
                    p.via,
                )
                for p in ann.places
            ],
        )
        conn.executemany(
            'INSERT INTO times(article_id, start, "end", text, type, value, precision, date, '
            "end_date, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    t.start,
                    t.end,
                    t.text,
                    t.type,
                    t.value,
                    t.precision,
                    t.date.isoformat() if t.date else None,
                    t.end_date.isoformat() if t.end_date else None,
                    t.confidence,
                )
                for t in ann.times
            ],
        )
        conn.executemany(
            'INSERT INTO quotes(article_id, start, "end", content, kind, speaker, speaker_start, '
            "speaker_end, speaker_name, speaker_kind, cue, cue_start, cue_end, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    q.start,
                    q.end,
                    q.content,
                    q.kind,
                    q.speaker,
                    q.speaker_start,
                    q.speaker_end,
                    q.speaker_name,
                    q.speaker_kind,
                    q.cue,
                    q.cue_start,
                    q.cue_end,
                    q.confidence,
                )
                for q in ann.quotes
            ],
        )
        conn.executemany(
            'INSERT INTO quantities(article_id, start, "end", text, value, unit, approximate) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, q.start, q.end, q.text, q.value, q.unit, int(q.approximate))
                for q in ann.quantities
            ],
        )


def _storable(text: str) -> str:
    """Text SQLite accepts: lone surrogates (undecodable file names, JSON escapes) as ``\\xNN``
    or U+FFFD, so a reject is never lost for the way its path is spelt."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape" if _escapable(text) else "replace").decode(
            "utf-8", "backslashreplace"
        )
    return text


def _escapable(text: str) -> bool:
    """True when every lone surrogate stands for one undecodable byte (as ``os`` makes them)."""
    return all(0xDC80 <= ord(c) <= 0xDCFF for c in text if 0xD800 <= ord(c) <= 0xDFFF)


def _with_evidence(event: Event, article: Article, sentences: list[tuple[int, int]]) -> Event:
    """The event with its trigger sentence as evidence when the extractor gave none."""
    if event.evidence:
        return event
    starts = [s for s, _ in sentences]
    i = bisect_right(starts, event.trigger_start) - 1
    if i >= 0 and sentences[i][0] <= event.trigger_start < sentences[i][1]:
        start, end = sentences[i]
    else:
        start, end = event.trigger_start, event.trigger_end
    if end <= start or end > len(article.text):
        return event
    evidence = Evidence(article.id, start, end, article.text[start:end])
    return replace(event, evidence=[evidence])
