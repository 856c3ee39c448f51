"""A crash mid-run loses at most the batch in flight; a rerun completes the rest."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from newsevents.pipeline import ingest_paths
from newsevents.store.writer import StoreWriter

pytestmark = pytest.mark.slow

TEXTS = [
    "Police arrested 12 protesters in Lagos on Monday.",
    "Gunmen killed three villagers near Maiduguri on Sunday.",
    "The Taliban seized the city of Kunduz on Sunday.",
    "Farmers staged a peaceful protest in Amritsar on Friday.",
]


class Crash(BaseException):
    """Stands for the process dying (an ordinary exception only rejects its document)."""


def _write(tmp_path: Path) -> Path:
    """One JSONL file with one article per line."""
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS), encoding="utf-8")
    return path


def _annotated(db: str) -> tuple[int, int]:
    """(articles, annotated articles) in the store."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT count(*), coalesce(sum(annotated), 0) FROM articles").fetchone()
        return int(row[0]), int(row[1])
    finally:
        conn.close()


def test_a_crash_loses_only_the_batch_in_flight_and_a_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, db = _write(tmp_path), str(tmp_path / "s.db")
    real = StoreWriter.save_annotations
    calls = {"n": 0}

    def dying(self: StoreWriter, article: object, ann: object) -> list[str]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise Crash("killed mid-batch")
        return real(self, article, ann)  # type: ignore[arg-type]

    monkeypatch.setattr(StoreWriter, "save_annotations", dying)
    with pytest.raises(Crash):
        ingest_paths([str(src)], db, published=date(2024, 5, 6), batch_size=2)
    articles, annotated = _annotated(db)
    assert annotated == 2  # the first batch is safe; the second was rolled back
    monkeypatch.setattr(StoreWriter, "save_annotations", real)
    summary = ingest_paths([str(src)], db, published=date(2024, 5, 6), batch_size=2)
    assert _annotated(db) == (4, 4)
    assert summary.annotated == 2 and summary.articles_new == 4 - articles


def test_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    src = _write(tmp_path)
    counts = []
    for workers in (1, 2):
        db = str(tmp_path / f"w{workers}.db")
        ingest_paths([str(src)], db, published=date(2024, 5, 6), batch_size=1, workers=workers)
        conn = sqlite3.connect(db)
        tables = ("articles", "events", "places")
        counts.append([conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables])
        conn.close()
    assert counts[0] == counts[1] and counts[0][0] == len(TEXTS)
