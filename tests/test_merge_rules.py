"""The same-happening rule: which pairs of event reports merge and which stay apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsevents.merge.rules import date_span, normalise_actor, same_happening
from newsevents.models import Actor, Event, Place

GHAZNI = Place(0, 0, "Ghazni", "Ghazni", 33.5536, 68.4269, "Afghanistan", "AF", "Ghazni",
               geonameid=1141269, precision="place")  # fmt: skip
BASE = Event(
    event_type="Battles", sub_event_type="Non-state actor overtakes territory", trigger="seized",
    trigger_start=0, trigger_end=6, actor1=Actor("Taliban"),
    actor2=Actor("Military Forces of Afghanistan"), place=GHAZNI, date=date(2021, 8, 12),
    time_precision="day",
)  # fmt: skip
AFGHANISTAN = Place(0, 0, "Afghanistan", "Afghanistan", 33.0, 65.0, "Afghanistan", "AF",
                    geonameid=1149361, precision="country")  # fmt: skip
GHAZNI_PROVINCE = Place(0, 0, "Ghazni", "Ghazni", 33.0, 68.0, "Afghanistan", "AF", "Ghazni",
                        geonameid=1141268, precision="admin1")  # fmt: skip
KABUL = replace(GHAZNI, name="Kabul", lat=34.5281, lon=69.1723, geonameid=1138958, admin1="Kabul")


@pytest.mark.parametrize(
    ("other", "merges"),
    [
        (replace(BASE), True),
        (replace(BASE, date=date(2021, 8, 13)), True),
        (replace(BASE, date=date(2021, 8, 14)), False),
        (replace(BASE, date=date(2021, 8, 9), time_precision="week"), True),
        (replace(BASE, date=date(2021, 8, 1), time_precision="week"), False),
        (replace(BASE, date=date(2021, 8, 1), time_precision="month"), True),
        (replace(BASE, date=date(2021, 9, 1), time_precision="month"), False),
        (replace(BASE, date=None), False),
        (replace(BASE, date=None, sub_event_type="Armed clash"), False),
        (replace(BASE, sub_event_type="Armed clash"), True),
        (replace(BASE, sub_event_type="Government regains territory"), False),
        (replace(BASE, event_type="Protests", sub_event_type="Peaceful protest"), False),
        (replace(BASE, place=replace(GHAZNI, geonameid=None, lat=33.60, lon=68.50)), True),
        (replace(BASE, place=KABUL), False),
        (replace(BASE, place=replace(GHAZNI, geonameid=None, lat=34.5, lon=68.4)), False),
        (replace(BASE, place=AFGHANISTAN), False),
        (replace(BASE, place=None), False),
        (replace(BASE, place=GHAZNI_PROVINCE), True),
        (replace(BASE, actor1=Actor("Taliban (2021-)")), True),
        (replace(BASE, actor1=Actor("Islamic State (Afghanistan)")), False),
        (replace(BASE, actor1=Actor("Unidentified Armed Group (Afghanistan)")), True),
        (replace(BASE, actor1=None), True),
        (replace(BASE, aggregate=True), False),
    ],
)
def test_same_happening_rule(other: Event, merges: bool) -> None:
    assert same_happening(BASE, other) is merges
    assert same_happening(other, BASE) is merges


@pytest.mark.parametrize(
    ("swap", "merges"),
    [(True, True), (False, True)],
)
def test_clash_reports_may_name_the_sides_in_either_order(swap: bool, merges: bool) -> None:
    clash = replace(BASE, sub_event_type="Armed clash")
    a1, a2 = (clash.actor2, clash.actor1) if swap else (clash.actor1, clash.actor2)
    assert same_happening(clash, replace(clash, actor1=a1, actor2=a2)) is merges


def test_non_clash_reports_with_swapped_actors_stay_apart() -> None:
    other = replace(BASE, actor1=BASE.actor2, actor2=BASE.actor1)
    assert not same_happening(BASE, other)


def test_country_level_events_merge_only_with_country_level() -> None:
    a = replace(BASE, place=AFGHANISTAN, aggregate=True)
    assert same_happening(a, replace(a))
    assert not same_happening(a, replace(a, place=GHAZNI))


@pytest.mark.parametrize(
    ("precision", "start", "end"),
    [
        ("day", date(2021, 8, 12), date(2021, 8, 12)),
        ("week", date(2021, 8, 12), date(2021, 8, 18)),
        ("month", date(2021, 8, 12), date(2021, 8, 31)),
        ("year", date(2021, 8, 12), date(2021, 12, 31)),
    ],
)
def test_date_span_covers_the_precision(precision: str, start: date, end: date) -> None:
    assert date_span(replace(BASE, time_precision=precision)) == (start, end)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "key"),
    [("Taliban (2021-)", "taliban"), ("Military Forces of Afghanistan (2004-2021)",
      "military forces of afghanistan"), ("  Al-Shabaab ", "al shabaab"), (None, "")],
)  # fmt: skip
def test_normalise_actor(name: str | None, key: str) -> None:
    assert normalise_actor(name) == key


def test_places_without_coordinates_fall_back_to_the_name() -> None:
    bare = replace(GHAZNI, geonameid=None, lat=None, lon=None)
    a, b = replace(BASE, place=bare), replace(BASE, place=replace(bare, name="ghazni "))
    assert same_happening(a, b)
    assert not same_happening(a, replace(b, place=replace(bare, name="Gardez")))


def test_undated_reports_never_merge() -> None:
    undated = replace(BASE, date=None, time_precision="unknown")
    assert not same_happening(undated, replace(undated))
