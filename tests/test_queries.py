"""The read side of the store: filters, sorting, paging, search, detail views, aggregates."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from api_fixtures import build_sample_store
from newsevents.errors import ConfigError
from newsevents.store import queries
from newsevents.store.queries import EventFilter
from newsevents.store.schema import connect


@pytest.fixture
def conn(db_path: str) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the sample store (with the hostile article)."""
    build_sample_store(db_path, with_xss=True)
    c = connect(db_path, readonly=True)
    yield c
    c.close()


def ids(conn: sqlite3.Connection, **kwargs: Any) -> set[str]:
    """The ids of the events matching a filter."""
    rows, total = queries.list_events(conn, EventFilter(**kwargs), limit=100)
    assert total == len(rows)
    return {r["id"] for r in rows}


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, {"e1", "e2", "e3", "e4", "e5", "x-ev"}),
        ({"event_type": "Battles"}, {"e1", "e2"}),
        ({"sub_event_type": "Armed clash"}, {"e2"}),
        ({"actor": "taliban"}, {"e1", "e2", "e3"}),
        ({"actor": "Taliban fighters"}, {"e1"}),
        ({"country": "Ukraine"}, {"e4"}),
        ({"country": "ua"}, {"e4"}),
        ({"country": "afghanistan"}, {"e1", "e2", "e3", "e5", "x-ev"}),
        ({"place": "kandahar"}, {"e2"}),
        ({"start": date(2021, 8, 11), "end": date(2021, 8, 11)}, {"e2"}),
        ({"start": date(2021, 8, 12)}, {"e1", "e3"}),
        ({"end": date(2021, 7, 31)}, {"e4"}),
        ({"modality": "claimed"}, {"e3"}),
        ({"min_confidence": 0.8}, {"e1", "e2"}),
        ({"text": "power-sharing"}, {"e3"}),
        ({"text": "captured Ghazni"}, {"e1"}),
        ({"include_aggregate": False, "country": "Afghanistan"}, {"e1", "e2", "e3", "x-ev"}),
        ({"bbox": (60.0, 29.0, 75.0, 39.0)}, {"e1", "e2", "e3", "x-ev"}),
        ({"bbox": (20.0, 40.0, 40.0, 60.0)}, {"e4"}),
        ({"event_type": "Battles", "min_confidence": 0.88}, {"e1"}),
    ],
)
def test_list_events_filters(conn: sqlite3.Connection, kwargs: dict[str, Any], expected: set[str]) -> None:
    assert ids(conn, **kwargs) == expected


@pytest.mark.parametrize(
    "value", ["Tal%ban", "Tal_ban", "%", "' OR 1=1 --", '"; DROP TABLE events; --', "\\"]
)
def test_filter_values_are_literal_not_sql_or_wildcards(conn: sqlite3.Connection, value: str) -> None:
    assert ids(conn, actor=value) == set()
    assert ids(conn, country=value) == set()
    assert ids(conn, place=value) == set()
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 6


def test_bbox_crossing_the_antimeridian_wraps(db_path: str) -> None:
    c = connect(db_path)
    with c:
        for eid, lon in (("east", 179.5), ("west", -179.5), ("far", 0.0)):
            c.execute(
                "INSERT INTO events(id, event_type, sub_event_type, modality, confidence, lat, lon) "
                "VALUES (?, 'Battles', 'Armed clash', 'asserted', 0.5, 0, ?)",
                (eid, lon),
            )
    assert ids(c, bbox=(179.0, -1.0, -179.0, 1.0)) == {"east", "west"}
    c.close()


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("-event_date", "e3"),  # ties (e1 and e3 share the day) go by id, descending too
        ("event_date", "e4"),
        ("-confidence", "e1"),
        ("confidence", "e3"),
        ("-fatalities", "e2"),
    ],
)
def test_list_events_sorts(conn: sqlite3.Connection, sort: str, first: str) -> None:
    rows, _ = queries.list_events(conn, EventFilter(), limit=1, sort=sort)
    assert rows[0]["id"] == first


def test_list_events_pages_keep_the_total(conn: sqlite3.Connection) -> None:
    page1, total1 = queries.list_events(conn, EventFilter(), limit=4, offset=0)
    page2, total2 = queries.list_events(conn, EventFilter(), limit=4, offset=4)
    assert total1 == total2 == 6
    assert len(page1) == 4 and len(page2) == 2
    assert not {r["id"] for r in page1} & {r["id"] for r in page2}


@pytest.mark.parametrize("sort", ["bogus", "-id; DROP TABLE events", "event_date DESC"])
def test_unknown_sort_is_a_config_error(conn: sqlite3.Connection, sort: str) -> None:
    with pytest.raises(ConfigError, match="sort"):
        queries.list_events(conn, EventFilter(), sort=sort)


def test_event_rows_decode_json_and_booleans(conn: sqlite3.Connection) -> None:
    rows, _ = queries.list_events(conn, EventFilter(sub_event_type="Negotiation/proposal"))
    assert rows[0]["assoc_actors"] == [{"name": "Qatar", "text": "Qatar"}]
    assert rows[0]["aggregate"] is False


def test_event_points_skip_unlocated_events(conn: sqlite3.Connection) -> None:
    points, total = queries.event_points(conn, EventFilter(country="Afghanistan"))
    assert total == 4
    assert {p["id"] for p in points} == {"e1", "e2", "e3", "x-ev"}
    assert set(points[0]) >= {"id", "lat", "lon", "event_type"}


@pytest.mark.parametrize(
    ("kwargs", "limit"), [({}, 100), ({"country": "Afghanistan"}, 2), ({"country": "Nowhere"}, 10)]
)
def test_event_points_json_is_event_points_as_one_document(
    conn: sqlite3.Connection, kwargs: dict[str, Any], limit: int
) -> None:
    points, total = queries.event_points(conn, EventFilter(**kwargs), limit=limit)
    document = json.loads(queries.event_points_json(conn, EventFilter(**kwargs), limit=limit))
    assert document["count"] == total
    assert [p["id"] for p in document["data"]] == [p["id"] for p in points]
    for mine, theirs in zip(document["data"], points, strict=True):
        assert mine.keys() == theirs.keys()
        assert mine["lat"] == pytest.approx(theirs["lat"]) and mine["lon"] == pytest.approx(theirs["lon"])
        assert {k: v for k, v in mine.items() if k not in ("lat", "lon")} == {
            k: v for k, v in theirs.items() if k not in ("lat", "lon")
        }


@pytest.mark.parametrize(
    ("kwargs", "page"),
    [
        ({}, {"limit": 100}),
        ({"country": "Afghanistan"}, {"limit": 2, "offset": 1, "sort": "-confidence"}),
        ({"actor": "Taliban"}, {"limit": 10, "sort": "location"}),
        ({"text": "power-sharing"}, {"limit": 10, "offset": 5}),
        ({"country": "Nowhere"}, {"limit": 10}),
    ],
)
def test_list_events_json_is_list_events_as_one_document(
    conn: sqlite3.Connection, kwargs: dict[str, Any], page: dict[str, Any]
) -> None:
    rows, total = queries.list_events(conn, EventFilter(**kwargs), **page)
    document = json.loads(queries.list_events_json(conn, EventFilter(**kwargs), **page))
    assert document["count"] == total
    assert len(document["data"]) == len(rows)
    for mine, theirs in zip(document["data"], rows, strict=True):
        assert mine.keys() == theirs.keys()
        for key, value in theirs.items():
            assert mine[key] == (pytest.approx(value) if isinstance(value, float) else value), key


def test_list_events_json_survives_a_malformed_actor_list(db_path: str) -> None:
    build_sample_store(db_path)
    c = connect(db_path)
    with c:
        c.execute("UPDATE events SET assoc_actors = 'not json' WHERE id = 'e1'")
    document = json.loads(queries.list_events_json(c, EventFilter(), limit=100))
    assert next(e for e in document["data"] if e["id"] == "e1")["assoc_actors"] == []
    c.close()


def test_get_event_has_evidence_reports_and_sources_with_mentions(conn: sqlite3.Connection) -> None:
    ev = queries.get_event(conn, "e1")
    assert ev is not None
    assert ev["evidence"][0]["text"].startswith("Taliban fighters captured")
    assert ev["reports"] == [
        {"article_id": "a1", "trigger": "captured", "trigger_start": 58, "trigger_end": 66}
    ]
    (source,) = ev["sources"]
    assert source["article_id"] == "a1"
    assert source["url"] == "https://news.example.org/ghazni"
    assert [m["canonical"] for m in source["mentions"]] == [True, False]
    assert source["mentions"][1]["url"].endswith("?copy=1")


def test_get_event_missing_is_none(conn: sqlite3.Connection) -> None:
    assert queries.get_event(conn, "nope") is None


def test_get_article_has_every_annotation(conn: sqlite3.Connection) -> None:
    a = queries.get_article(conn, "a1")
    assert a is not None
    text = a["text"]
    assert [text[e["start"] : e["end"]] for e in a["entities"]] == ["Taliban", "Nasir Ahmad Faqiri"]
    assert [p["name"] for p in a["places"]] == ["Ghazni", "Kandahar"]
    assert [t["date"] for t in a["times"]] == ["2021-08-12", "2021-08-11"]
    assert a["quotes"][0]["speaker_name"] == "Nasir Ahmad Faqiri"
    assert a["quantities"][0]["approximate"] is False
    assert a["related"] == [{"text": "Read | more news", "url": "https://example.org/more"}]
    assert a["paragraphs"] == [[0, len(text)]]
    assert len(a["mentions"]) == 2 and a["mentions"][0]["canonical"] is True


def test_get_article_events_carry_triggers_and_evidence_in_that_article(
    conn: sqlite3.Connection,
) -> None:
    a = queries.get_article(conn, "a1")
    assert a is not None
    by_id = {e["id"]: e for e in a["events"]}
    assert set(by_id) == {"e1", "e2", "e3"}
    rep = by_id["e2"]["reports"][0]
    assert a["text"][rep["trigger_start"] : rep["trigger_end"]] == "Clashes"
    ev = by_id["e2"]["evidence"][0]
    assert a["text"][ev["start"] : ev["end"]] == ev["text"]


def test_get_article_missing_is_none(conn: sqlite3.Connection) -> None:
    assert queries.get_article(conn, "nope") is None


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Ghazni", ["a1"]),
        ("protesters kyiv", ["a2"]),
        ("ghazni kyiv", []),
        ('"unbalanced', []),
        ("NEAR(ghazni", []),
        ("ghazni)", ["a1"]),
        ('"Ghazni"', ["a1"]),
        ("title:Ghazni", []),
        ("-ghazni^", ["a1"]),
        ("Gh*", []),
        ("AND OR NOT", []),
        ("script", ["x1"]),
    ],
)
def test_search_articles_treats_the_query_as_words(
    conn: sqlite3.Connection, q: str, expected: list[str]
) -> None:
    rows, total = queries.search_articles(conn, q, limit=10)
    assert [r["id"] for r in rows] == expected
    assert total == len(expected)


def test_search_snippet_marks_point_at_the_matched_words(conn: sqlite3.Connection) -> None:
    rows, _ = queries.search_articles(conn, "Kandahar", limit=5)
    hit = rows[0]
    assert "\x02" not in hit["snippet"] and "\x03" not in hit["snippet"]
    assert hit["snippet_marks"]
    assert all(hit["snippet"][s:e] == "Kandahar" for s, e in hit["snippet_marks"])
    assert hit["n_mentions"] == 2 and hit["n_events"] == 3


def test_search_without_query_lists_newest_first(conn: sqlite3.Connection) -> None:
    rows, total = queries.search_articles(conn, None, limit=10)
    assert total == 3
    assert [r["id"] for r in rows] == ["a1", "x1", "a2"]
    assert rows[0]["snippet_marks"] == []


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("a \x02b\x03 c", ("a b c", [(2, 3)])),
        ("none", ("none", [])),
        ("\x02x\x03\x02y\x03", ("xy", [(0, 1), (1, 2)])),
    ],
)
def test_split_marks(text: str, marked: tuple[str, list[tuple[int, int]]]) -> None:
    assert queries.split_marks(text) == marked


def test_list_places_counts_events(conn: sqlite3.Connection) -> None:
    rows, total = queries.list_places(conn, country="AF")
    assert total == 4
    assert {r["name"] for r in rows} >= {"Ghazni", "Kandahar", "Kabul"}
    rows, total = queries.list_places(conn, q="kyiv")
    assert total == 1 and rows[0]["n_events"] == 1 and rows[0]["first_date"] == "2021-07-04"


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("day", {"2021-07-04": 1, "2021-08-06": 1, "2021-08-09": 1, "2021-08-11": 1, "2021-08-12": 2}),
        ("week", {"2021-06-28": 1, "2021-08-02": 1, "2021-08-09": 4}),
        ("month", {"2021-07": 1, "2021-08": 5}),
        (
            "event_type",
            {"Battles": 2, "Strategic developments": 2, "Protests": 1, "Violence against civilians": 1},
        ),
        ("country", {"Afghanistan": 5, "Ukraine": 1}),
    ],
)
def test_aggregates(conn: sqlite3.Connection, by: str, expected: dict[str, int]) -> None:
    buckets = queries.aggregates(conn, EventFilter(), by=by)
    assert {b["key"]: b["count"] for b in buckets} == expected


def test_aggregates_split_by_type_and_sum_fatalities(conn: sqlite3.Connection) -> None:
    (bucket,) = queries.aggregates(conn, EventFilter(event_type="Battles"), by="month")
    assert bucket == {"key": "2021-08", "count": 2, "fatalities": 12, "by_type": {"Battles": 2}}


def test_aggregates_reject_unknown_bucket(conn: sqlite3.Connection) -> None:
    with pytest.raises(ConfigError, match="by"):
        queries.aggregates(conn, EventFilter(), by="year; DROP TABLE events")


def test_stats_counts(conn: sqlite3.Connection) -> None:
    s = queries.stats(conn)
    assert (s["articles"], s["mentions"], s["duplicates"], s["events"]) == (3, 4, 1, 6)
    assert s["events_by_type"]["Battles"] == 2
    assert s["rejects_by_reason"] == {"invalid JSON": 1, "empty text": 1}
    assert s["control_places"] == 3


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [({}, 2), ({"stage": "read"}, 1), ({"reason": "json"}, 1), ({"reason": "%"}, 0)],
)
def test_list_rejects(conn: sqlite3.Connection, kwargs: dict[str, str], expected: int) -> None:
    rows, total = queries.list_rejects(conn, **kwargs)
    assert total == expected == len(rows)


def test_facets_list_types_with_sub_types(conn: sqlite3.Connection) -> None:
    f = queries.facets(conn)
    battles = next(t for t in f["event_types"] if t["event_type"] == "Battles")
    assert battles["sub_event_types"] == ["Armed clash", "Non-state actor overtakes territory"]
    assert f["countries"] == ["Afghanistan", "Ukraine"]
    assert (f["first_date"], f["last_date"]) == ("2021-07-04", "2021-08-12")


@pytest.mark.parametrize(("as_of", "ghazni"), [(None, "Taliban"), (date(2021, 8, 11), "Government")])
def test_control_states_as_of(conn: sqlite3.Connection, as_of: date | None, ghazni: str) -> None:
    rows = {r["place"]: r for r in queries.control_states(conn, as_of=as_of)}
    assert rows["Ghazni"]["controller"] == ghazni


def test_control_rows_are_oldest_first_with_json_decoded(conn: sqlite3.Connection) -> None:
    rows = queries.control_rows(conn, "1141269")
    assert [r["status"] for r in rows] == ["held", "taken"]
    assert rows[1]["event_ids"] == ["e1"]
    assert rows[0]["evidence"][0]["text"] == "Ghazni evidence"


@pytest.mark.parametrize("kwargs", [{}, {"country": "Afghanistan"}, {"actor": "Taliban"}])
def test_a_page_past_the_end_is_empty_but_keeps_the_total(
    conn: sqlite3.Connection, kwargs: dict[str, Any]
) -> None:
    _, total = queries.list_events(conn, EventFilter(**kwargs), limit=50)
    rows, after = queries.list_events(conn, EventFilter(**kwargs), limit=50, offset=100)
    assert rows == [] and after == total > 0


@pytest.mark.parametrize("sort", ["-event_date", "event_date", "-confidence", "location"])
def test_selective_and_broad_queries_order_alike(conn: sqlite3.Connection, sort: str) -> None:
    broad, _ = queries.list_events(conn, EventFilter(), limit=100, sort=sort)
    narrow, _ = queries.list_events(conn, EventFilter(country="Afghanistan"), limit=100, sort=sort)
    expected = [r["id"] for r in broad if r["country"] == "Afghanistan"]
    assert [r["id"] for r in narrow] == expected
    assert "_total" not in narrow[0]


def test_country_over_a_date_range_uses_the_composite_index(conn: sqlite3.Connection) -> None:
    f = EventFilter(country="Afghanistan", start=date(2021, 1, 1))
    where, params = f.where()
    sql = f"EXPLAIN QUERY PLAN SELECT id FROM events e WHERE {where}"
    plan = " ".join(str(r[3]) for r in conn.execute(sql, params))
    assert "events_country_date" in plan
    assert {r["id"] for r in queries.list_events(conn, f)[0]} == {"e1", "e2", "e3", "e5", "x-ev"}
