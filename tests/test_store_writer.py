"""The store's write side: articles, mentions, annotations, rejects, batches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newsevents.models import (
    Annotations,
    Article,
    Entity,
    Event,
    Place,
    Quantity,
    Quote,
    Reject,
    RelatedLink,
    TimeExpr,
)
from newsevents.store.schema import connect
from newsevents.store.writer import StoreWriter

TEXT = '"The enemy took control," spokesman Mirwais Stanikzai said of Ghazni, 150 km away.'


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    db = connect(":memory:")
    yield db
    db.close()


def article(aid: str = "art1") -> Article:
    return Article(
        id=aid, text=TEXT, paragraphs=[(0, len(TEXT))], title="Ghazni falls",
        url="https://example.org/a", published=date(2021, 8, 13), source="AFP",
        related=[RelatedLink("Afghan cities taken", "https://example.org/b")],
        path="in.jsonl", record="line 1",
    )  # fmt: skip


def make_annotations(aid: str = "art1") -> Annotations:
    return Annotations(
        article_id=aid,
        entities=[Entity(36, 53, "Mirwais Stanikzai", "Mirwais Stanikzai", "person")],
        places=[Place(62, 68, "Ghazni", "Ghazni", 33.55, 68.43, "Afghanistan", "AF", geonameid=1141269)],
        times=[TimeExpr(0, 4, "Thursday", "DATE", "2021-08-12", "day", date(2021, 8, 12))],
        quotes=[Quote(1, 23, "The enemy took control", "direct", speaker="Mirwais Stanikzai")],
        quantities=[Quantity(70, 76, "150 km", 150.0, "km")],
        sentences=[(0, len(TEXT))],
    )


def counts(conn: sqlite3.Connection) -> tuple[int, ...]:
    tables = ("entities", "places", "times", "quotes", "quantities")
    return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_add_article_is_idempotent_and_searchable(conn: sqlite3.Connection) -> None:
    writer = StoreWriter(conn)
    writer.add_article(article(), "h1", b"\x01\x02")
    writer.add_article(article(), "h1", b"\x01\x02")
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    hits = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Stanikzai'")
    assert len(hits.fetchall()) == 1


def test_dedup_state_returns_hashes_of_stored_articles(conn: sqlite3.Connection) -> None:
    writer = StoreWriter(conn)
    writer.add_article(article("a"), "h1", b"\x01\x02")
    writer.add_article(article("b"), None, None)
    assert list(writer.dedup_state()) == [("a", "h1", b"\x01\x02"), ("b", None, None)]


def test_add_mention_is_new_once(conn: sqlite3.Connection) -> None:
    writer = StoreWriter(conn)
    writer.add_article(article(), None, None)
    assert writer.add_mention(article(), "art1", True, "raw1") is True
    assert writer.add_mention(article(), "art1", True, "raw1") is False
    assert writer.add_mention(article(), "art1", False, "raw2") is True


def test_save_annotations_marks_article_and_replaces_previous_rows(
    conn: sqlite3.Connection,
) -> None:
    writer = StoreWriter(conn)
    writer.add_article(article(), None, None)
    assert not writer.is_annotated("art1")
    writer.save_annotations(article(), make_annotations())
    writer.save_annotations(article(), make_annotations())
    assert writer.is_annotated("art1")
    assert counts(conn) == (1, 1, 1, 1, 1)
    sentences = conn.execute("SELECT sentences FROM articles").fetchone()[0]
    assert sentences == f"[[0, {len(TEXT)}]]"


def test_save_annotations_needs_the_article(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="add_article"):
        StoreWriter(conn).save_annotations(article(), make_annotations())


def test_add_rejects_counts_only_new_ones(conn: sqlite3.Connection) -> None:
    writer = StoreWriter(conn)
    rejects = [Reject("in.jsonl", "line 3", "empty text"), Reject("in.jsonl", "line 4", "bad")]
    assert writer.add_rejects(rejects) == 2
    assert writer.add_rejects(rejects) == 0


def test_a_failed_batch_leaves_no_trace(conn: sqlite3.Connection) -> None:
    writer = StoreWriter(conn)
    writer.add_article(article("kept"), None, None)
    with pytest.raises(RuntimeError, match="crash"), writer.batch():
        writer.add_article(article(), None, None)
        writer.save_annotations(article(), make_annotations())
        raise RuntimeError("crash")
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    assert ids == ["kept"]
    assert counts(conn) == (0, 0, 0, 0, 0)


def test_batch_commits_for_other_connections(tmp_path: Path) -> None:
    path = str(tmp_path / "store.db")
    writer = StoreWriter(connect(path))
    with writer.batch():
        writer.add_article(article(), None, None)
        writer.save_annotations(article(), make_annotations())
    reader = connect(path, readonly=True)
    assert reader.execute("SELECT annotated FROM articles").fetchone()[0] == 1


def test_events_without_evidence_get_their_trigger_sentence(conn: sqlite3.Connection) -> None:
    text = "Talks went on. The Taliban seized Ghazni on Thursday. Fighting continued."
    art = Article(id="ev1", text=text, published=date(2021, 8, 13))
    start = text.index("seized")
    event = Event("Battles", "Non-state actor overtakes territory", "seized", start, start + 6,
                  date=date(2021, 8, 12), time_precision="day")  # fmt: skip
    writer = StoreWriter(conn)
    writer.add_article(art, None, None)
    writer.save_annotations(art, Annotations("ev1", events=[event],
                                             sentences=[(0, 14), (15, 53), (54, len(text))]))  # fmt: skip
    evidence = conn.execute('SELECT start, "end", text FROM evidence').fetchall()
    assert [tuple(r) for r in evidence] == [(15, 53, "The Taliban seized Ghazni on Thursday.")]


def test_a_failed_call_inside_a_batch_is_undone_alone(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = StoreWriter(conn)

    def broken_merge(*_: object) -> list[str]:
        raise RuntimeError("merge failed")

    with writer.batch():
        writer.add_article(article("a"), None, None)
        writer.add_article(article("b"), None, None)
        with monkeypatch.context() as patch:
            patch.setattr("newsevents.store.writer.merge_article_events", broken_merge)
            with pytest.raises(RuntimeError, match="merge failed"):
                writer.save_annotations(article("a"), make_annotations("a"))
        writer.save_annotations(article("b"), make_annotations("b"))
    assert (writer.is_annotated("a"), writer.is_annotated("b")) == (False, True)
    assert counts(conn) == (1, 1, 1, 1, 1)
