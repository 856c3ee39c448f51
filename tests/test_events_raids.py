"""A raid that kills and plunders is one attack; a procession that celebrates is no protest."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.nlp.annotate import annotate_text

pytestmark = pytest.mark.slow

PUBLISHED = date(2020, 5, 4)


def test_looting_by_the_killers_is_part_of_their_attack() -> None:
    text = (
        "Kenya's livestock minister said today that cattle rustlers have killed eleven people near the "
        "central town of Isiolo. He said the rustlers raided a village in the area early in the day and "
        "drove away hundreds of cattle."
    )
    events = annotate_text(text, PUBLISHED).events
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert any("raided a village" in x.text for x in events[0].evidence)


def test_destruction_with_an_attack_that_harmed_nobody_stays_destruction() -> None:
    text = (
        "Property destruction: On 1 May 2020, the children of fire initiative carried out an arson attack "
        "targeting a geothermal energy plant near Yilmazkoy neighborhood of Efeler, Aydin. The attack "
        "caused material damage."
    )
    events = annotate_text(text, PUBLISHED).events
    assert "Looting/property destruction" in {e.sub_event_type for e in events}


def test_a_celebratory_procession_is_no_protest() -> None:
    text = "No less than six ministers took part in the celebratory procession through the capital on Sunday."
    assert not [e for e in annotate_text(text, PUBLISHED).events if e.event_type == "Protests"]


def test_a_procession_against_a_fee_hike_is_a_protest() -> None:
    text = "Thousands of students took out a procession through the capital on Sunday to protest a fee hike."
    assert {e.sub_event_type for e in annotate_text(text, PUBLISHED).events} == {"Peaceful protest"}
