"""Territorial control: who holds each place, since when, on what evidence."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest

from newsevents.merge.control import (
    control_history,
    control_table,
    control_timeline,
    rebuild_control,
)
from newsevents.models import Actor, Annotations, Article, Event, Evidence, Modality, Place
from newsevents.store.schema import connect
from newsevents.store.writer import StoreWriter

GHAZNI = Place(0, 0, "Ghazni", "Ghazni", 33.5536, 68.4269, "Afghanistan", "AF", "Ghazni",
               geonameid=1141269, precision="place")  # fmt: skip
TAKE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"
CLASH = "Armed clash"
GOV = "Military Forces of Afghanistan"


def ev(
    sub: str,
    actor1: str | None,
    day: date,
    sources: int = 1,
    modality: Modality = "asserted",
    actor2: str | None = None,
) -> Event:
    """An already merged event (as stored) with ``sources`` reporting articles."""
    return Event(
        event_type="Battles", sub_event_type=sub, trigger="t", trigger_start=0, trigger_end=1,
        actor1=Actor(actor1) if actor1 else None, actor2=Actor(actor2) if actor2 else None,
        place=GHAZNI, date=day, time_precision="day", modality=modality, confidence=0.7,
        sources=[f"{sub[:3]}{day}{i}" for i in range(sources)], id=f"{sub}{day}",
    )  # fmt: skip


D = [date(2021, 8, d) for d in range(1, 32)]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([ev(TAKE, "Taliban", D[11])], [("Taliban", "taken")]),
        ([ev(TAKE, "Taliban", D[11], modality="claimed")], [("Taliban", "unconfirmed")]),
        ([ev(TAKE, "Taliban", D[11], sources=2, modality="claimed")], [("Taliban", "taken")]),
        (
            [ev(TAKE, "Taliban", D[11], modality="claimed"), ev(TAKE, "Taliban", D[15])],
            [("Taliban", "taken")],
        ),
        ([ev(CLASH, "Taliban", D[10], actor2=GOV)], [("unknown", "contested")]),
        (
            [ev(TAKE, "Taliban", D[11], actor2=GOV), ev(TAKE, GOV, D[20])],
            [("Taliban", "taken"), (GOV, "retaken")],
        ),
        (
            [ev(TAKE, "Taliban", D[11]), ev(REGAIN, GOV, D[20])],
            [("Taliban", "taken"), (GOV, "retaken")],
        ),
        (
            [ev(TAKE, GOV, D[1]), ev(CLASH, "Taliban", D[10]), ev(TAKE, GOV, D[12])],
            [(GOV, "taken"), (GOV, "contested"), (GOV, "held")],
        ),
        (
            [ev(TAKE, "Taliban", D[11]), ev(CLASH, "Taliban", D[11], actor2=GOV)],
            [("Taliban", "taken")],
        ),
        (
            [ev(TAKE, "Taliban", D[11]), ev(CLASH, GOV, D[14]), ev(CLASH, GOV, D[15])],
            [("Taliban", "taken"), ("Taliban", "contested")],
        ),
    ],
)
def test_control_timeline(events: list[Event], expected: list[tuple[str, str]]) -> None:
    states = control_timeline(events)
    assert [(s.controller, s.status) for s in states] == expected


def test_unconfirmed_claims_are_capped_in_confidence() -> None:
    (state,) = control_timeline([ev(TAKE, "Taliban", D[11], modality="claimed")])
    assert state.confidence <= 0.5


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    db = connect(":memory:")
    yield db
    db.close()


def ingest(conn: sqlite3.Connection, aid: str, text: str, trigger: str, **fields: object) -> None:
    article = Article(id=aid, text=text, published=date(2021, 8, 13))
    start = text.index(trigger)
    values: dict[str, object] = {
        "sub_event_type": TAKE, "actor1": Actor("Taliban"), "place": GHAZNI,
        "time_precision": "day", "confidence": 0.7,
        "evidence": [Evidence(aid, 0, len(text), text)], **fields,
    }  # fmt: skip
    event = Event(event_type="Battles", trigger=trigger, trigger_start=start,
                  trigger_end=start + len(trigger), **values)  # type: ignore[arg-type]  # fmt: skip
    writer = StoreWriter(conn)
    writer.add_article(article, None, None)
    writer.save_annotations(article, Annotations(aid, events=[event]))


SENTENCE = "The Taliban seized the strategic Afghan city of Ghazni Thursday."


def test_sample_takeover_gives_ghazni_taken_by_taliban_with_evidence(
    conn: sqlite3.Connection,
) -> None:
    ingest(conn, "afp", SENTENCE, "seized", date=date(2021, 8, 12))
    (row,) = control_table(conn)
    assert (row["place"], row["controller"], row["status"]) == ("Ghazni", "Taliban", "taken")
    assert (row["since"], row["until"], row["staleness_days"]) == ("2021-08-12", None, 0)
    assert row["evidence"][0]["text"] == SENTENCE
    assert row["n_sources"] == 1 and len(row["event_ids"]) == 1


def test_control_follows_the_writer_and_history_keeps_every_change(
    conn: sqlite3.Connection,
) -> None:
    ingest(conn, "a", SENTENCE, "seized", date=date(2021, 8, 12))
    text = "Afghan forces retook Ghazni on Friday."
    ingest(conn, "b", text, "retook", date=date(2021, 8, 20), sub_event_type=REGAIN,
           actor1=Actor(GOV, kind="government"))  # fmt: skip
    history = control_history(conn, "1141269")
    assert [(h["controller"], h["status"], h["until"]) for h in history] == [
        ("Taliban", "taken", "2021-08-20"),
        (GOV, "retaken", None),
    ]
    (before,) = control_table(conn, as_of=date(2021, 8, 15))
    assert (before["controller"], before["staleness_days"]) == ("Taliban", 3)


@pytest.mark.parametrize(
    ("modality", "aggregate", "rows"),
    [("asserted", False, 1), ("denied", False, 0), ("future", False, 0), ("asserted", True, 0)],
)
def test_denied_future_and_aggregate_claims_do_not_change_control(
    conn: sqlite3.Connection, modality: str, aggregate: bool, rows: int
) -> None:
    ingest(conn, "a", SENTENCE, "seized", date=date(2021, 8, 12), modality=modality,
           aggregate=aggregate)  # fmt: skip
    assert rebuild_control(conn) == rows
    assert len(control_table(conn)) == rows


def test_a_more_precise_report_moves_control_to_the_finer_place(conn: sqlite3.Connection) -> None:
    province = Place(0, 0, "Ghazni", "Ghazni", 33.0, 68.0, "Afghanistan", "AF", "Ghazni",
                     geonameid=1141268, precision="admin1")  # fmt: skip
    ingest(conn, "a", SENTENCE, "seized", date=date(2021, 8, 12), place=province)
    assert [r["place_key"] for r in control_table(conn)] == ["1141268"]
    ingest(conn, "b", SENTENCE, "seized", date=date(2021, 8, 12))
    assert [r["place_key"] for r in control_table(conn)] == ["1141269"]
    assert control_history(conn, "1141268") == []
