"""The event payload JSON round trip."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.merge.codec import event_from_json, event_to_json
from newsevents.models import Actor, Event, Evidence, Place

FULL = Event(
    event_type="Battles", sub_event_type="Non-state actor overtakes territory", trigger="seized",
    trigger_start=12, trigger_end=18, plover_event="SEIZE", plover_mode="occupy",
    actor1=Actor("Taliban", "the Taliban", "armed_group", "Afghanistan"),
    actor2=Actor("Military Forces of Afghanistan", "", "government"),
    assoc_actors=[Actor("Haqqani Network")],
    place=Place(48, 54, "Ghazni", "Ghazni", 33.55, 68.42, "Afghanistan", "AF", "Ghazni",
                geonameid=1141269, feature="PPLA", population=141000),
    date=date(2021, 8, 12), end_date=date(2021, 8, 12), time_precision="day",
    time_text="Thursday", modality="claimed", fatalities=3,
    evidence=[Evidence("a1", 0, 60, "The Taliban seized the strategic Afghan city of Ghazni.")],
    confidence=0.8, article_id="a1", sources=["a1"], aggregate=False,
)  # fmt: skip


@pytest.mark.parametrize(
    "event",
    [FULL, Event("Protests", "Peaceful protest", "protested", 0, 9)],
)
def test_payload_round_trip(event: Event) -> None:
    assert event_from_json(event_to_json(event)) == event


def test_payload_ignores_unknown_keys() -> None:
    payload = event_to_json(FULL).replace('"aggregate"', '"later_field":1,"aggregate"')
    assert event_from_json(payload) == FULL
