"""Helpers for the robustness tests: a model-free annotator and store readers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date

from newsevents.models import Actor, Annotations, Event

# spaCy's own limit (nlp.max_length): longer texts raise error E088.
SPACY_MAX_LENGTH = 1_000_000

Item = tuple[str, str, date | None]


def fake_annotate_batches(batches: Iterable[list[Item]], workers: int = 1) -> Iterator[list[Annotations]]:
    """Annotations without a model (no entities, one sentence), refusing what spaCy refuses."""
    for batch in batches:
        out = []
        for article_id, text, _published in batch:
            if len(text) > SPACY_MAX_LENGTH:
                raise ValueError(f"[E088] Text of length {len(text)} exceeds maximum of {SPACY_MAX_LENGTH}.")
            out.append(Annotations(article_id, events=_events(text, _published), sentences=[(0, len(text))]))
        yield out


def _events(text: str, published: date | None) -> list[Event]:
    """One armed clash for a text that says "clashed", dated by its publication date."""
    at = text.find("clashed")
    if at < 0:
        return []
    return [
        Event(
            "Battles",
            "Armed clash",
            "clashed",
            at,
            at + len("clashed"),
            actor1=Actor("Rebels", "rebels", "armed_group"),
            date=published,
            time_precision="day" if published else "unknown",
            confidence=0.6,
        )
    ]


def stored_texts(db: str) -> list[str]:
    """The text of every stored article."""
    conn = sqlite3.connect(db)
    try:
        return [str(r[0]) for r in conn.execute("SELECT text FROM articles")]
    finally:
        conn.close()


def stored_rejects(db: str) -> list[tuple[str, str, str, str]]:
    """(path, record, stage, reason) of every stored reject."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT path, record, stage, reason FROM rejects")
        return [(r[0], r[1], r[2], r[3]) for r in rows]
    finally:
        conn.close()
