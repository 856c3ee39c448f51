"""Replaying a place's timeline from its earliest change gives the rows a whole rebuild gives."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest

from newsevents.merge.control import rebuild_control
from newsevents.models import Actor, Annotations, Article, Event, Evidence, Place
from newsevents.store.schema import connect
from newsevents.store.writer import StoreWriter

GHAZNI = Place(0, 0, "Ghazni", "Ghazni", 33.5536, 68.4269, "Afghanistan", "AF", "Ghazni",
               geonameid=1141269, precision="place")  # fmt: skip
KUNDUZ = Place(0, 0, "Kunduz", "Kunduz", 36.728, 68.868, "Afghanistan", "AF", "Kunduz",
               geonameid=1135689, precision="place")  # fmt: skip
PLACES = [GHAZNI, KUNDUZ, replace(GHAZNI, geonameid=None, name="Ghazni city", lat=None, lon=None)]
SIDES = [Actor("Taliban"), Actor("Military Forces of Afghanistan", kind="government"),
         Actor("Islamic State"), None]  # fmt: skip
TYPES = ["Non-state actor overtakes territory", "Government regains territory", "Armed clash",
         "Armed clash", "Peaceful protest"]  # fmt: skip
TEXT = "The Taliban seized Ghazni after fighting with government forces, officials said."


def random_event(rng: random.Random, article_id: str, k: int) -> Event:
    """A territory, clash or other report with random sides, date, modality and place."""
    day = date(2021, 8, 1) + timedelta(days=rng.randint(0, 20))
    return Event(
        event_type="Battles", sub_event_type=rng.choice(TYPES), trigger="seized",
        trigger_start=k, trigger_end=k + 6, actor1=rng.choice(SIDES), actor2=rng.choice(SIDES),
        place=rng.choice(PLACES), date=day, time_precision="day",
        modality=rng.choice(["asserted", "asserted", "claimed", "denied"]),
        confidence=rng.choice([0.5, 0.7, 0.9]), article_id=article_id,
        evidence=[Evidence(article_id, 0, 20, TEXT[:20])],
    )  # fmt: skip


def control_rows(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Every control row without its id, in timeline order."""
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT place_key, place, lat, lon, country, admin1, controller, status, since, "
            "until, event_ids, evidence, n_sources, confidence, base_status, holders "
            "FROM control ORDER BY place_key, since, id"
        )
    ]


@pytest.mark.parametrize("seed", range(6))
def test_control_rows_after_each_batch_equal_a_whole_rebuild(seed: int) -> None:
    rng = random.Random(seed)
    conn = connect(":memory:")
    writer = StoreWriter(conn)
    stored: list[Article] = []
    for b in range(25):
        with writer.batch():
            for i in range(rng.randint(1, 4)):
                article = Article(id=f"a{b:02d}{i}", text=TEXT, published=date(2021, 8, 22))
                writer.add_article(article, None, None)
                events = [random_event(rng, article.id, k) for k in range(rng.randint(1, 3))]
                writer.save_annotations(article, Annotations(article.id, events=events))
                stored.append(article)
            if b % 4 == 3:  # an earlier article annotated again: its old reports leave
                old = rng.choice(stored)
                fresh = [random_event(rng, old.id, 50)] if rng.random() < 0.5 else []
                writer.save_annotations(old, Annotations(old.id, events=fresh))
        incremental = control_rows(conn)
        rebuild_control(conn)
        conn.commit()
        assert control_rows(conn) == incremental, f"batch {b}"
    assert len(incremental) > 10
    conn.close()
