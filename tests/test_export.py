"""Exports: each format written from a small store and parsed back."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsevents.errors import ConfigError
from newsevents.models import Actor, Annotations, Article, Event, Evidence, Place
from newsevents.store.export import ACLED_COLUMNS, export_control, export_events
from newsevents.store.schema import connect
from newsevents.store.writer import StoreWriter

GHAZNI = Place(0, 0, "Ghazni", "Ghazni", 33.5536, 68.4269, "Afghanistan", "AF", "Ghazni",
               geonameid=1141269, feature="PPL", precision="place")  # fmt: skip
TAKE_TEXT = "The Taliban seized the strategic Afghan city of Ghazni Thursday."
DEAL_TEXT = "Afghan negotiators offered the Taliban a power-sharing deal."


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    db = connect(":memory:")
    writer = StoreWriter(db)
    take = Article("a1", TAKE_TEXT, url="https://example.org/1", source="AFP",
                   published=date(2021, 8, 13))  # fmt: skip
    deal = Article("a2", DEAL_TEXT, url="https://example.org/2", source="AFP",
                   published=date(2021, 8, 13))  # fmt: skip
    events = {
        "a1": Event(
            "Battles", "Non-state actor overtakes territory", "seized", 12, 18,
            actor1=Actor("Taliban", "The Taliban", "armed_group"),
            actor2=Actor("Military Forces of Afghanistan", "", "government"), place=GHAZNI,
            date=date(2021, 8, 12), time_precision="day", fatalities=3, confidence=0.8,
            plover_event="SEIZE", evidence=[Evidence("a1", 0, len(TAKE_TEXT), TAKE_TEXT)],
        ),
        "a2": Event(
            "Negotiation", "Proposal", "offered", 19, 26,
            actor1=Actor("Government of Afghanistan", "Afghan negotiators", "government"),
            date=date(2021, 8, 12), time_precision="day", confidence=0.6,
        ),
    }  # fmt: skip
    for article in (take, deal):
        writer.add_article(article, None, None)
        writer.save_annotations(
            article,
            Annotations(article.id, events=[events[article.id]],
                        sentences=[(0, len(article.text))]),
        )  # fmt: skip
    yield db
    db.close()


def test_csv_has_acled_columns_and_codes(conn: sqlite3.Connection) -> None:
    out = io.StringIO()
    assert export_events(conn, "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    take = next(r for r in rows if r["event_type"] == "Battles")
    assert take["event_date"] == "2021-08-12" and take["year"] == "2021"
    assert (take["time_precision"], take["geo_precision"], take["iso"]) == ("1", "1", "4")
    assert (take["inter1"], take["inter2"], take["interaction"]) == ("2", "1", "12")
    assert take["disorder_type"] == "Political violence"
    assert take["notes"] == TAKE_TEXT and take["fatalities"] == "3" and take["source"] == "AFP"
    assert take["admin3"] == "" and take["timestamp"].isdigit()
    deal = next(r for r in rows if r["event_type"] == "Negotiation")
    assert deal["latitude"] == "" and deal["notes"] == DEAL_TEXT


def test_jsonl_round_trip(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    export_events(conn, "jsonl", path)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    take = next(r for r in records if r["event_type"] == "Battles")
    required = {"id", "event_type", "sub_event_type", "plover_event", "actor1", "actor2",
                "location", "lat", "lon", "geo_precision", "country", "admin1", "event_date",
                "time_precision", "modality", "fatalities", "confidence", "evidence", "sources"}  # fmt: skip
    assert required <= set(take)
    assert (take["location"], take["lat"], take["plover_event"]) == ("Ghazni", 33.5536, "SEIZE")
    assert take["evidence"] == [{"article_id": "a1", "start": 0, "end": len(TAKE_TEXT),
                                 "text": TAKE_TEXT}]  # fmt: skip
    assert take["sources"][0]["url"] == "https://example.org/1"


def test_parquet_round_trip_matches_jsonl(conn: sqlite3.Connection, tmp_path: Path) -> None:
    export_events(conn, "parquet", tmp_path / "events.parquet")
    jsonl = io.StringIO()
    export_events(conn, "jsonl", jsonl)
    expected = [json.loads(line) for line in jsonl.getvalue().splitlines()]
    table = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert table == expected


def test_parquet_to_a_binary_stream(conn: sqlite3.Connection) -> None:
    buffer = io.BytesIO()
    assert export_events(conn, "parquet", buffer) == 2
    assert pq.read_table(io.BytesIO(buffer.getvalue())).num_rows == 2


def test_geojson_has_only_located_events(conn: sqlite3.Connection) -> None:
    buffer = io.BytesIO()
    assert export_events(conn, "geojson", buffer) == 1
    collection = json.loads(buffer.getvalue())
    (feature,) = collection["features"]
    assert collection["type"] == "FeatureCollection"
    assert feature["geometry"] == {"type": "Point", "coordinates": [68.4269, 33.5536]}
    assert feature["properties"]["sub_event_type"] == "Non-state actor overtakes territory"


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "geojson"])
def test_exports_carry_the_gazetteer_id_and_feature(
    conn: sqlite3.Connection, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"events.{fmt}"
    export_events(conn, fmt, path)  # type: ignore[arg-type]
    if fmt == "parquet":
        records = pq.read_table(path).to_pylist()
    elif fmt == "geojson":
        records = [f["properties"] for f in json.loads(path.read_text("utf-8"))["features"]]
    else:
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    take = next(r for r in records if r["event_type"] == "Battles")
    assert (take["geonameid"], take["feature"]) == (1141269, "PPL")


def test_export_of_selected_ids(conn: sqlite3.Connection) -> None:
    event_id = conn.execute("SELECT id FROM events WHERE event_type = 'Negotiation'").fetchone()[0]
    out = io.StringIO()
    assert export_events(conn, "jsonl", out, event_ids=[event_id, "missing"]) == 1
    assert json.loads(out.getvalue())["id"] == event_id


@pytest.mark.parametrize("fmt", ["xml", "tsv"])
def test_unknown_format_names_the_valid_ones(conn: sqlite3.Connection, fmt: str) -> None:
    with pytest.raises(ConfigError, match=r"csv \| jsonl"):
        export_events(conn, fmt, io.StringIO())  # type: ignore[arg-type]


def test_control_csv_and_geojson(conn: sqlite3.Connection) -> None:
    text = io.StringIO()
    assert export_control(conn, "csv", text) == 1
    (row,) = csv.DictReader(io.StringIO(text.getvalue()))
    assert (row["place"], row["controller"], row["status"], row["since"]) == (
        "Ghazni", "Taliban", "taken", "2021-08-12")  # fmt: skip
    assert row["evidence"] == TAKE_TEXT
    geo = io.StringIO()
    assert export_control(conn, "geojson", geo, history=True) == 1
    assert json.loads(geo.getvalue())["features"][0]["properties"]["controller"] == "Taliban"


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_would_start_a_formula_are_neutralised(conn: sqlite3.Connection, lead: str) -> None:
    payload = f'{lead}HYPERLINK("http://evil.example","x")'
    conn.execute("UPDATE articles SET source = ?", (payload,))
    conn.execute("UPDATE events SET actor1 = ?", (payload,))
    conn.execute("UPDATE evidence SET text = ?", (payload,))
    buf = io.StringIO()
    export_events(conn, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
    located = next(row for row in rows if row["latitude"])
    assert (located["source"], located["actor1"]) == ("'" + payload, "'" + payload)
    assert located["latitude"] == "33.5536"  # numbers are left alone


def test_control_csv_cells_are_neutralised(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE control SET controller = '=1+1'")
    buf = io.StringIO()
    export_control(conn, "csv", buf)
    (row,) = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["controller"] == "'=1+1"
