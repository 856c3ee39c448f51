"""Cross-article event merging: the same happening told by several articles becomes one event."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from newsevents.merge.events import (
    _find_match,
    conservative_fatalities,
    event_id_for,
    merge_article_events,
    row_to_event,
    select_rows,
)
from newsevents.merge.rules import date_span, same_happening
from newsevents.models import Actor, Annotations, Article, Event, Evidence, Place, TimePrecision
from newsevents.store.schema import connect, migrate
from newsevents.store.writer import StoreWriter

GHAZNI = Place(0, 0, "Ghazni", "Ghazni", 33.5536, 68.4269, "Afghanistan", "AF", "Ghazni",
               geonameid=1141269, precision="place")  # fmt: skip
KABUL = Place(0, 0, "Kabul", "Kabul", 34.5281, 69.1723, "Afghanistan", "AF", "Kabul",
              geonameid=1138958, precision="place")  # fmt: skip
TALIBAN = Actor("Taliban", "the Taliban", "armed_group")
OVERTAKE = ("Battles", "Non-state actor overtakes territory")


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    db = connect(":memory:")
    yield db
    db.close()


def make_article(aid: str, text: str, published: date) -> Article:
    return Article(id=aid, text=text, published=published, source="Wire", url=f"https://x/{aid}")


def make_event(
    article: Article,
    trigger: str,
    types: tuple[str, str] = OVERTAKE,
    actor1: Actor | None = TALIBAN,
    place: Place | None = GHAZNI,
    day: date | None = date(2021, 8, 12),
    precision: TimePrecision = "day",
    **extra: object,
) -> Event:
    start = article.text.index(trigger)
    return Event(
        event_type=types[0], sub_event_type=types[1], trigger=trigger, trigger_start=start,
        trigger_end=start + len(trigger), actor1=actor1, place=place, date=day,
        time_precision=precision, confidence=0.6, article_id=article.id,
        evidence=[Evidence(article.id, 0, len(article.text), article.text)], **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def ghazni_corpus() -> list[tuple[Article, list[Event]]]:
    """Three differently worded reports of one takeover, and one unrelated protest."""
    a = make_article("a1", "The Taliban seized Ghazni on Thursday.", date(2021, 8, 13))
    b = make_article("b2", "Ghazni fell to the Taliban this week.", date(2021, 8, 14))
    c = make_article("c3", "Insurgents captured the city of Ghazni on Friday.", date(2021, 8, 14))
    d = make_article("d4", "Hundreds protested in Kabul on Thursday.", date(2021, 8, 13))
    near_ghazni = Place(0, 0, "Ghazni city", "Ghazni city", 33.55, 68.42, "Afghanistan", "AF",
                        "Ghazni", precision="place")  # fmt: skip
    insurgents = Actor("Unidentified Armed Group (Afghanistan)", "insurgents", "armed_group")
    return [
        (a, [make_event(a, "seized", fatalities=12)]),
        (b, [make_event(b, "fell", place=near_ghazni, day=date(2021, 8, 9), precision="week", fatalities=5)]),
        (c, [make_event(c, "captured", actor1=insurgents, day=date(2021, 8, 13))]),
        (
            d,
            [
                make_event(
                    d,
                    "protested",
                    types=("Protests", "Peaceful protest"),
                    actor1=Actor("Protesters (Afghanistan)", "Hundreds"),
                    place=KABUL,
                )
            ],
        ),
    ]


def store(conn: sqlite3.Connection, corpus: list[tuple[Article, list[Event]]]) -> list[str]:
    writer = StoreWriter(conn)
    touched: list[str] = []
    for article, events in corpus:
        writer.add_article(article, None, None)
        touched += writer.save_annotations(
            article, Annotations(article.id, events=events, sentences=[(0, len(article.text))])
        )
    return touched


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_three_reports_of_one_takeover_make_one_event_in_any_order(
    conn: sqlite3.Connection, order: tuple[int, ...]
) -> None:
    corpus = ghazni_corpus()
    store(conn, [corpus[i] for i in order])
    rows = conn.execute("SELECT sub_event_type, n_sources FROM events ORDER BY n_sources").fetchall()
    assert [tuple(r) for r in rows] == [
        ("Peaceful protest", 1),
        ("Non-state actor overtakes territory", 3),
    ]


def test_merged_event_keeps_best_date_place_min_fatalities_and_every_source(
    conn: sqlite3.Connection,
) -> None:
    store(conn, ghazni_corpus())
    row = conn.execute("SELECT * FROM events WHERE n_sources = 3").fetchone()
    assert (row["event_date"], row["time_precision"]) == ("2021-08-12", "day")
    assert row["geonameid"] == 1141269
    assert row["actor1"] == "Taliban"
    assert row["fatalities"] == 5
    assert row["confidence"] > 0.6
    n_reports = conn.execute("SELECT count(*) FROM event_reports WHERE event_id = ?", (row["id"],))
    n_evidence = conn.execute("SELECT count(*) FROM evidence WHERE event_id = ?", (row["id"],))
    assert (n_reports.fetchone()[0], n_evidence.fetchone()[0]) == (3, 3)


def test_event_id_is_that_of_the_first_report(conn: sqlite3.Connection) -> None:
    corpus = ghazni_corpus()
    store(conn, corpus)
    first = corpus[0][1][0]
    expected = event_id_for("a1", first.trigger_start, first.trigger_end)
    assert conn.execute("SELECT id FROM events WHERE n_sources = 3").fetchone()[0] == expected


def test_reingesting_the_same_articles_changes_nothing(conn: sqlite3.Connection) -> None:
    first = store(conn, ghazni_corpus())
    before = conn.execute("SELECT id, n_sources, confidence FROM events ORDER BY id").fetchall()
    second = store(conn, ghazni_corpus())
    after = conn.execute("SELECT id, n_sources, confidence FROM events ORDER BY id").fetchall()
    assert sorted(set(first)) == sorted(set(second))
    assert [tuple(r) for r in before] == [tuple(r) for r in after]
    assert conn.execute("SELECT count(*) FROM event_reports").fetchone()[0] == 4


@pytest.mark.parametrize("modality", ["risk", "hypothetical"])
def test_risk_and_hypothetical_statements_are_not_stored(conn: sqlite3.Connection, modality: str) -> None:
    article = make_article("r1", "Kabul is at risk of falling.", date(2021, 8, 13))
    event = make_event(article, "falling", place=KABUL, modality=modality)
    conn.execute("INSERT INTO articles(id, text) VALUES ('r1', 'x')")
    assert merge_article_events(conn, article, [event]) == []
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_rtree_follows_events_and_their_removal(conn: sqlite3.Connection) -> None:
    store(conn, ghazni_corpus())
    hits = conn.execute(
        "SELECT m.event_id FROM events_rtree r JOIN events_rtree_map m USING (rid) "
        "WHERE r.min_lat >= 33 AND r.max_lat <= 34 AND r.min_lon >= 68 AND r.max_lon <= 69"
    ).fetchall()
    assert len(hits) == 1
    writer = StoreWriter(conn)
    for article, _ in ghazni_corpus():
        writer.save_annotations(article, Annotations(article.id))
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM events_rtree").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM events_rtree_map").fetchone()[0] == 0


def random_event(rng: random.Random, article: Article) -> Event:
    """A report with random type, date precision, place level and actor (for the filter test)."""
    types = [OVERTAKE, ("Battles", "Armed clash"), ("Protests", "Peaceful protest")]
    places: list[Place | None] = [
        None,
        GHAZNI,
        KABUL,
        replace(GHAZNI, geonameid=None, lat=33.5536 + rng.uniform(-0.3, 0.3), lon=68.5),
        replace(GHAZNI, geonameid=1141268, precision="admin1", lat=33.0, lon=68.0),
        Place(
            0,
            0,
            "Afghanistan",
            "Afghanistan",
            33.0,
            65.0,
            "Afghanistan",
            "AF",
            geonameid=1149361,
            precision="country",
        ),
    ]
    precision = rng.choice(["day", "day", "week", "month", "year", "unknown"])
    day = None if rng.random() < 0.1 else date(2021, rng.randint(6, 9), rng.randint(1, 28))
    actor = rng.choice([TALIBAN, None, Actor("Islamic State"), Actor("Unidentified Armed Group")])
    return make_event(article, "seized", types=rng.choice(types), actor1=actor,
                      place=rng.choice(places), day=day, precision=precision,  # type: ignore[arg-type]
                      aggregate=rng.random() < 0.1)  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_sql_prefilter_never_hides_a_match_the_rule_accepts(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(80):
        db = connect(":memory:")
        a = make_article("a", "The Taliban seized Ghazni.", date(2021, 8, 13))
        db.execute("INSERT INTO articles(id, text) VALUES ('a', 'x')")
        (event_id,) = merge_article_events(db, a, [random_event(rng, a)])
        stored = row_to_event(select_rows(db, "SELECT * FROM events")[0])
        new = random_event(rng, a)
        assert (_find_match(db, new) == event_id) is same_happening(new, stored)
        db.close()


@pytest.mark.parametrize(
    ("counts", "expected"),
    [([12, 5, None], 5), ([0, 7], 7), ([0, None], 0), ([None, None], None), ([], None)],
)
def test_conservative_fatalities(counts: list[int | None], expected: int | None) -> None:
    assert conservative_fatalities(counts) == expected


def test_removing_one_source_keeps_the_event_with_the_others(conn: sqlite3.Connection) -> None:
    corpus = ghazni_corpus()
    store(conn, corpus)
    first, _ = corpus[0]
    StoreWriter(conn).save_annotations(first, Annotations(first.id))
    row = conn.execute("SELECT id, n_sources FROM events WHERE sub_event_type LIKE 'Non-state%'")
    event_id, n_sources = row.fetchone()
    assert n_sources == 2
    assert event_id == event_id_for("a1", first.text.index("seized"), first.text.index("seized") + 6)


def test_span_index_backfill_matches_the_merge_spans(conn: sqlite3.Connection) -> None:
    store(conn, ghazni_corpus())
    expected = conn.execute("SELECT rid, start_day, end_day FROM events_span_rtree").fetchall()
    conn.execute("DROP TABLE events_span_rtree")
    conn.execute("DELETE FROM events_rtree_map WHERE rid NOT IN (SELECT rid FROM events_rtree)")
    conn.execute("DELETE FROM schema_migrations WHERE name = '0003_event_date_span_rtree'")
    conn.commit()
    migrate(conn)
    spans = conn.execute(
        "SELECT m.event_id, s.start_day, s.end_day FROM events_span_rtree s "
        "JOIN events_rtree_map m USING (rid) ORDER BY m.event_id"
    ).fetchall()
    assert len(spans) == len(expected) == 2
    for event_id, start, end in spans:
        event = row_to_event(select_rows(conn, "SELECT * FROM events WHERE id = ?", (event_id,))[0])
        span = date_span(event)
        assert span is not None and (start, end) == (span[0].toordinal(), span[1].toordinal())


def test_much_reported_events_still_count_every_report(conn: sqlite3.Connection) -> None:
    writer = StoreWriter(conn)
    for k, deaths in enumerate([9, 8, 2, 7, 6]):  # the lowest toll is in a middle report
        article = make_article(f"m{k}", "The Taliban seized Ghazni.", date(2021, 8, 13))
        writer.add_article(article, None, None)
        event = make_event(article, "seized", fatalities=deaths)
        writer.save_annotations(article, Annotations(article.id, events=[event]))
    row = conn.execute("SELECT n_sources, fatalities, confidence FROM events").fetchone()
    assert tuple(row) == (5, 2, round(1 - 0.4 * 0.7**4, 4))
    assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == 5
    writer.save_annotations(make_article("m2", "x", date(2021, 8, 13)), Annotations("m2"))
    row = conn.execute("SELECT n_sources, fatalities FROM events").fetchone()
    assert tuple(row) == (4, 6)
    assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == 4
