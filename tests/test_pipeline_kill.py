"""An ingest killed with SIGKILL mid-run and run again stores what an uninterrupted run stores."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import articles  # noqa: E402

INGEST = "import sys; from newsevents.pipeline import ingest_paths; ingest_paths([sys.argv[1]], sys.argv[2])"
TABLES = {
    "events": "SELECT * FROM events",
    "event_reports": "SELECT event_id, article_id, trigger_start, trigger_end, payload FROM event_reports",
    "evidence": 'SELECT event_id, article_id, start, "end", text FROM evidence',
    "control": "SELECT place_key, place, controller, status, since, until, event_ids, evidence, "
    "n_sources, confidence, base_status, holders FROM control",
    "event_tallies": "SELECT * FROM event_tallies",
    "event_merge_keys": "SELECT event_id, key FROM event_merge_keys",
    "articles": "SELECT id, annotated FROM articles",
}


def _ingest(src: Path, db: Path) -> subprocess.Popen[bytes]:
    """Start an ingest in its own process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-c", INGEST, str(src), str(db)], env=env)


def _annotated(db: Path) -> int:
    """Articles whose annotations are committed (0 while the store is being created)."""
    try:
        conn = sqlite3.connect(db)
        try:
            return int(conn.execute("SELECT coalesce(sum(annotated), 0) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table the merge and control stages write, without creation times, sorted."""
    conn = sqlite3.connect(db)
    out = {}
    for name, sql in TABLES.items():
        cur = conn.execute(sql)
        cols = [c[0] for c in cur.description]
        rows = [tuple(v for c, v in zip(cols, r, strict=True) if c != "created_at") for r in cur]
        out[name] = sorted(rows, key=repr)
    conn.close()
    return out


def test_a_killed_ingest_rerun_gives_the_store_of_an_uninterrupted_one(tmp_path: Path) -> None:
    src = tmp_path / "news.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(articles(100, seed=3)):
            day = date(2024, 1, 1) + timedelta(days=i // 20)
            fh.write(json.dumps({"text": text, "published": day.isoformat()}) + "\n")
    reference, killed = tmp_path / "ref.db", tmp_path / "killed.db"
    assert _ingest(src, reference).wait() == 0
    proc = _ingest(src, killed)
    while _annotated(killed) < 32 and proc.poll() is None:
        time.sleep(0.2)
    if proc.poll() is not None:
        pytest.skip("the ingest finished before it could be killed")
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    assert _ingest(src, killed).wait() == 0
    assert _dump(killed) == _dump(reference)
