"""One writer per store: a second ingest waits for the first, or is refused with a clear line."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsevents.store.lock import StoreBusyError, writer_lock

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [f"Report {n}: rebels clashed with soldiers near Goma, killing {n} people." for n in range(8)]

# A whole ingest in its own process, with a model-free annotator slowed down so that two such
# processes overlap for certain.
INGEST = """
import sys, time
from datetime import date
from robust_fixtures import fake_annotate_batches
from newsevents import pipeline

def slow(batches, workers=1):
    for result in fake_annotate_batches(batches, workers):
        with open(sys.argv[3], "a") as log:  # which articles this process annotated
            log.writelines(ann.article_id + "\\n" for ann in result)
        time.sleep(0.1)
        yield result

pipeline.annotate_batches = slow
pipeline.ingest_paths([sys.argv[1]], sys.argv[2], published=date(2024, 5, 6), batch_size=1)
"""


def _ingest_process(src: Path, db: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    annotated = f"{db}.annotated"
    return subprocess.Popen([sys.executable, "-c", INGEST, str(src), db, annotated], env=env)


def _dump(db: str) -> dict[str, list[tuple[object, ...]]]:
    """The store's content, without timestamps."""
    conn = sqlite3.connect(db)
    queries = {
        "articles": "SELECT id, text, annotated FROM articles ORDER BY id",
        "mentions": "SELECT article_id, canonical, path, record, raw_hash FROM mentions ORDER BY 1, 3, 4",
        "events": "SELECT id, event_type, actor1, event_date, n_sources, confidence FROM events ORDER BY id",
        "reports": "SELECT event_id, article_id, trigger_start FROM event_reports ORDER BY 1, 2, 3",
        "evidence": 'SELECT event_id, article_id, start, "end" FROM evidence ORDER BY 1, 2, 3',
    }
    try:
        return {name: list(conn.execute(sql)) for name, sql in queries.items()}
    finally:
        conn.close()


@pytest.mark.slow  # three processes, each importing spaCy
def test_two_simultaneous_ingests_leave_the_store_of_one(tmp_path: Path) -> None:
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS), encoding="utf-8")
    single, both = str(tmp_path / "single.db"), str(tmp_path / "both.db")
    runs = [_ingest_process(src, db) for db in (single, both, both)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0]
    expected = _dump(single)
    assert expected["events"] and expected["events"][0][4] == len(TEXTS)  # one event, 8 sources
    assert _dump(both) == expected
    assert len(Path(f"{both}.annotated").read_text().split()) == len(TEXTS)  # never annotated twice


def test_a_second_writer_is_refused_after_its_timeout(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    busy = pytest.raises(StoreBusyError, match=f"pid {os.getpid()}.*--lock-timeout")
    with writer_lock(db), busy, writer_lock(db, timeout=0.3):
        pass


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    order: list[str] = []

    def second() -> None:
        with writer_lock(db):
            order.append("second")

    with writer_lock(db):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        order.append("first done")
    thread.join(timeout=10)
    assert order == ["first done", "second"]


def test_the_lock_is_released_after_a_failed_ingest(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with pytest.raises(RuntimeError), writer_lock(db):
        raise RuntimeError("ingest failed")
    with writer_lock(db, timeout=0):
        pass


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    from newsevents.errors import NewsEventsError

    with (
        pytest.raises(NewsEventsError, match="cannot create the writer lock"),
        writer_lock(str(tmp_path / "missing" / "s.db")),
    ):
        pass
