"""Running totals give the stored event exactly what recombining all its reports gives."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest

from newsevents.merge.codec import event_from_json
from newsevents.merge.events import combine_reports, row_to_event, select_rows
from newsevents.merge.tally import Tally
from newsevents.models import Actor, Annotations, Article, Event, Evidence, Place
from newsevents.store.schema import connect, migrate
from newsevents.store.writer import StoreWriter

GHAZNI = Place(0, 0, "Ghazni", "Ghazni", 33.5536, 68.4269, "Afghanistan", "AF", "Ghazni",
               geonameid=1141269, precision="place")  # fmt: skip
TYPES = [
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Protests", "Peaceful protest"),
]
ACTORS = [
    None,
    Actor("Taliban", "the Taliban", "armed_group"),
    Actor("Taliban (2021-)", "Taliban fighters", "armed_group"),
    Actor("Islamic State", "IS", "armed_group"),
    Actor("Unidentified Armed Group (Afghanistan)", "gunmen", "armed_group"),
    Actor("Military Forces of Afghanistan", "troops", "government"),
    Actor("Protesters (Afghanistan)", "protesters"),
]
PLACES = [
    None,
    GHAZNI,
    replace(GHAZNI, geonameid=None, lat=33.56, lon=68.41, name="Ghazni city", confidence=0.9),
    replace(GHAZNI, geonameid=1141268, precision="admin1", lat=33.0, lon=68.0),
    replace(GHAZNI, lat=None, lon=None, geonameid=None, confidence=0.4),
]
TEXT = "The Taliban seized Ghazni on Thursday after heavy fighting, officials said."


def random_report(rng: random.Random, article_id: str, k: int) -> Event:
    """One article-level report with random type, actors, place, date, modality and toll."""
    start = rng.randint(0, 40)
    precision = rng.choice(["day", "day", "day", "week", "month"])
    day = date(2021, 8, 10) + timedelta(days=rng.randint(0, 4))
    return Event(
        event_type="", sub_event_type="", trigger="seized", trigger_start=start + k,
        trigger_end=start + k + 6, actor1=rng.choice(ACTORS[:3] * 4 + ACTORS), actor2=rng.choice(ACTORS),
        assoc_actors=rng.sample([a for a in ACTORS if a], rng.randint(0, 2)),
        place=rng.choice(PLACES[1:3] * 4 + PLACES), date=day, time_precision=precision,  # type: ignore[arg-type]
        time_text=f"text {rng.randint(0, 3)}", modality=rng.choice(["asserted", "claimed", "denied"]),
        fatalities=rng.choice([None, 0, 3, 7, 12]), confidence=rng.choice([0.4, 0.55, 0.6, 0.8]),
        plover_event=rng.choice(["", "", "FIGHT", "SEIZE"]), article_id=article_id,
        evidence=[Evidence(article_id, 0, 10, TEXT[:10])],
    )  # fmt: skip


def typed(rng: random.Random, event: Event) -> Event:
    """The report with a random event type."""
    kind, sub = rng.choice(TYPES[:2] * 3 + TYPES)
    return replace(event, event_type=kind, sub_event_type=sub)


def assert_events_equal_their_recombined_reports(conn: sqlite3.Connection) -> int:
    """Every stored event row equals ``combine_reports`` over its reports in arrival order."""
    checked = 0
    for row in select_rows(conn, "SELECT * FROM events ORDER BY id"):
        reports = []
        for article_id, payload in conn.execute(
            "SELECT article_id, payload FROM event_reports WHERE event_id = ? ORDER BY id",
            (row["id"],),
        ):
            report = event_from_json(payload)
            report.article_id = report.article_id or article_id
            reports.append(report)
        expected = combine_reports(reports)
        stored = row_to_event(row)
        expected_row = row_to_event(_row_of(conn, expected))
        for name in ("event_type", "sub_event_type", "plover_event", "plover_mode",
                     "plover_context", "trigger", "actor1", "actor2", "place", "date",
                     "end_date", "time_precision", "time_text", "modality", "fatalities",
                     "confidence", "aggregate"):  # fmt: skip
            assert getattr(stored, name) == getattr(expected_row, name), (name, row["id"])
        assert row["n_sources"] == len(expected.sources)
        assert row["assoc_actors"] == _row_of(conn, expected)["assoc_actors"]
        checked += 1
    return checked


def _row_of(conn: sqlite3.Connection, event: Event) -> sqlite3.Row:
    """The events row ``_write_event`` writes for ``event`` (in a throwaway savepoint)."""
    from newsevents.merge.events import _write_event

    conn.execute("SAVEPOINT probe")
    conn.execute("PRAGMA defer_foreign_keys = ON")
    _write_event(conn, "probe-row", event)
    (row,) = select_rows(conn, "SELECT * FROM events WHERE id = 'probe-row'")
    conn.execute("ROLLBACK TO probe")
    conn.execute("RELEASE probe")
    return row


@pytest.mark.parametrize("seed", range(3))
def test_stored_events_equal_recombined_reports_after_every_article(seed: int) -> None:
    rng = random.Random(seed)
    conn = connect(":memory:")
    writer = StoreWriter(conn)
    stream: list[tuple[Article, list[Event]]] = []
    for i in range(100):
        article = Article(id=f"a{i:03d}", text=TEXT, published=date(2021, 8, 14))
        events = [typed(rng, random_report(rng, article.id, k)) for k in range(rng.randint(1, 4))]
        stream.append((article, events))
    for i, (article, events) in enumerate(stream):
        writer.add_article(article, None, None)
        writer.save_annotations(article, Annotations(article.id, events=events))
        if i % 7 == 6:  # re-annotate an earlier article differently: its reports leave events
            old, _ = stream[rng.randrange(i)]
            fresh = [typed(rng, random_report(rng, old.id, 0))]
            writer.save_annotations(old, Annotations(old.id, events=fresh))
        if i % 10 == 9:
            assert assert_events_equal_their_recombined_reports(conn) > 0
    big = conn.execute("SELECT max(n) FROM (SELECT count(*) n FROM event_reports GROUP BY event_id)")
    assert big.fetchone()[0] > 32  # the stream reaches much-reported events
    conn.close()


def test_tally_json_round_trip_gives_the_same_merged_event() -> None:
    rng = random.Random(3)
    tally = Tally()
    for k in range(20):
        tally.add(typed(rng, random_report(rng, f"a{k % 5}", k)), new_article=k < 5)
    assert Tally.from_json(tally.to_json()).merged() == tally.merged()


def test_a_store_without_running_totals_or_merge_keys_catches_up(tmp_path: object) -> None:
    rng = random.Random(11)
    conn = connect(":memory:")
    writer = StoreWriter(conn)
    stream = []
    for i in range(30):
        article = Article(id=f"a{i:03d}", text=TEXT, published=date(2021, 8, 14))
        stream.append((article, [typed(rng, random_report(rng, article.id, 0))]))
    for article, events in stream[:15]:
        writer.add_article(article, None, None)
        writer.save_annotations(article, Annotations(article.id, events=events))
    conn.execute("DROP TABLE event_tallies")
    conn.execute("DROP TABLE event_merge_keys")
    conn.execute("DROP TABLE events_merge_rtree")
    conn.execute("DELETE FROM schema_migrations WHERE name = '0006_event_tallies_merge_keys'")
    conn.commit()
    migrate(conn)
    for article, events in stream[15:]:
        writer.add_article(article, None, None)
        writer.save_annotations(article, Annotations(article.id, events=events))
    fresh = connect(":memory:")
    fresh_writer = StoreWriter(fresh)
    for article, events in stream:
        fresh_writer.add_article(article, None, None)
        fresh_writer.save_annotations(article, Annotations(article.id, events=events))
    columns = "id, sub_event_type, actor1, location, event_date, n_sources, confidence, fatalities"
    query = f"SELECT {columns} FROM events ORDER BY id"
    assert [tuple(r) for r in conn.execute(query)] == [tuple(r) for r in fresh.execute(query)]
    assert assert_events_equal_their_recombined_reports(conn) > 0
