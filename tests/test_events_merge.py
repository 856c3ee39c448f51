"""Within-article merge rule: when two event records are one happening."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsevents.models import Actor, Event, Place
from newsevents.nlp.events.merge_rules import same_happening

GHAZNI = Place(0, 6, "Ghazni", "Ghazni", lat=33.55, lon=68.42, country="Afghanistan")
KABUL = Place(0, 5, "Kabul", "Kabul", lat=34.53, lon=69.17, country="Afghanistan")
BASE = Event(
    event_type="Battles",
    sub_event_type="Non-state actor overtakes territory",
    trigger="seized",
    trigger_start=0,
    trigger_end=6,
    actor1=Actor("Taliban"),
    place=GHAZNI,
    date=date(2021, 8, 12),
)


@pytest.mark.parametrize(
    ("other", "merges"),
    [
        (replace(BASE), True),
        (replace(BASE, actor1=None, trigger="fall of"), True),
        (replace(BASE, place=None), True),
        (replace(BASE, date=date(2021, 8, 13)), True),
        (replace(BASE, date=date(2021, 8, 20)), False),
        (replace(BASE, place=KABUL), False),
        (replace(BASE, actor1=Actor("Islamic State (Afghanistan)")), False),
        (replace(BASE, actor1=Actor("Unidentified Armed Group (Afghanistan)")), True),
        (replace(BASE, event_type="Strategic developments", sub_event_type="Arrests"), False),
        (replace(BASE, aggregate=True), False),
    ],
)
def test_same_happening(other: Event, merges: bool) -> None:
    assert same_happening(BASE, other) is merges
    assert same_happening(other, BASE) is merges


def test_related_fighting_types_merge() -> None:
    clash = replace(BASE, sub_event_type="Armed clash", place=None, actor1=None)
    shelling = replace(
        clash, event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"
    )
    assert same_happening(clash, shelling)


def test_aggregates_merge_only_with_aggregates() -> None:
    agg = replace(BASE, aggregate=True, place=None)
    assert same_happening(agg, replace(agg))
