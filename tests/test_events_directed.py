"""What is asked for, ordered, decided or called off is not reported as done (loads the model)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import subtypes
from newsevents.nlp.annotate import annotate_text
from newsevents.nlp.events.modality import directed
from newsevents.nlp.events.types import acled_event_types
from newsevents.nlp.model import load_nlp

DAY = date(2002, 3, 4)


def _directed(text: str, word: str) -> bool:
    doc = load_nlp()(text)
    tok = next(t for t in doc if re.match(word, t.lower_))
    return directed(tok)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The high court granted the police 20 days to arrest the chairman of the bank.", "arrest", True),
        ("The MP asked the government to arrest the chief minister.", "arrest", True),
        (
            "The commissioner directed the deputy commissioners to keep a watch over communal rowdy-sheeters "
            "and apprehend the potential troublemakers.",
            "apprehend",
            True,
        ),
        ("The district administration had issued orders to arrest the leader.", "arrest", True),
        ("The party has decided to observe a protest day on March 15.", "protest", True),
        ("The teachers have decided to postpone their demonstration.", "demonstration", True),
        ("Police arrested five activists on Monday.", "arrest", False),
        ("Students protested to demand the release of their leader.", "demand", False),
        ("The group demanded the release of activists arrested on Monday.", "arrested", False),
        ("Police managed to arrest the gunman after a chase.", "arrest", False),
        ("Police chased and arrested the gunman.", "arrested", False),
        ("Protesters continued to block the highway on Tuesday.", "block", False),
        ("The union called a strike on Monday.", "strike", False),
    ],
)
def test_directed(text: str, word: str, expected: bool) -> None:
    assert _directed(text, word) is expected


def _subtypes(text: str) -> set[str]:
    return subtypes(text, DAY)


@pytest.mark.slow
def test_an_order_to_arrest_is_no_arrest() -> None:
    assert "Arrests" not in _subtypes(
        "JAIPUR: The new MP on Wednesday asked the government to arrest the chief minister."
    )
    assert "Arrests" in _subtypes("JAIPUR: Police on Wednesday arrested the chief minister's aide.")


@pytest.mark.slow
def test_arrests_are_political_only_with_a_political_side() -> None:
    crime = [
        e
        for e in annotate_text(
            "STROUD, Ontario: The man was arrested Sunday by police after his pickup truck was pulled over.",
            DAY,
            "t",
        ).events
        if e.sub_event_type == "Arrests"
    ]
    political = [
        e
        for e in annotate_text(
            "DAR ES SALAAM: Police arrested 14 foreigners on Tuesday in connection with the bombing "
            "of the embassy.",
            DAY,
            "t",
        ).events
        if e.sub_event_type == "Arrests"
    ]
    assert political
    assert all(e.confidence < political[0].confidence for e in crime)


@pytest.mark.slow
def test_a_happening_counted_as_none_is_no_event() -> None:
    assert not _subtypes(
        "PATNA: No incidents of violence were reported from any part of the state on Friday."
    )
    assert not _subtypes("AHMEDABAD: No riots are taking place today, the chief minister said on Monday.")
    assert _subtypes("PATNA: Rioters torched ten shops on Friday and no one was hurt, police said.")
    # the sentence still tells what did happen
    assert _subtypes(
        "ATHENS: On Monday hooded assailants threw Molotov cocktails at a riot police unit, causing "
        "minor damage but no injuries."
    )


@pytest.mark.slow
def test_who_reports_an_attack_did_not_carry_it_out() -> None:
    text = (
        "BAGHDAD: A car bomb exploded near a crowded market in Baghdad on Thursday, killing as many "
        "as 20 people. Iraqi police and hospital officials said the 20 killed included four children. "
        "The U.S. military confirmed the attack but said eight people were killed."
    )
    events = annotate_text(text, date(2008, 5, 1), "t").events
    assert "Remote explosive/landmine/IED" in {e.sub_event_type for e in events}
    perpetrators = {e.actor1.name for e in events if e.actor1 is not None}
    assert not any("Police" in name or "United States" in name for name in perpetrators)


@pytest.mark.slow
def test_a_force_named_with_its_raid_carried_it_out() -> None:
    text = "On 29 April 2020, a Saudi-led coalition air raid was reported on Hajlah area in Yemen."
    events = annotate_text(text, date(2020, 5, 1), "t").events
    events = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert events and events[0].actor1 is not None and "Restoring Hope" in events[0].actor1.name


@pytest.mark.slow
def test_an_office_named_after_the_police_is_no_target() -> None:
    """Figures "available at the police control room" are a source's, not an attack on the police."""
    text = (
        "Figures available at the police control room in the state capital state that 820 persons with "
        "serious injuries were still admitted to various hospitals."
    )
    events = annotate_text(text, date(2002, 3, 7), "t").events
    assert "Armed clash" not in {e.sub_event_type for e in events}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # arms seized after a battle are part of it
        (
            "Gunmen clashed with the army in the village of Kuti on Monday, and several attackers were "
            "killed. Following the battle, the army seized a huge arsenal of 36 rifles, two grenade "
            "launchers and 13 hand grenades.",
            "Armed clash",
        ),
        # an aim to cause riots does not make a protest a riot
        (
            "Samajwadi Party workers held a demonstration at the collectorate on Friday against the "
            "killing of a party MLA. They said the intent of the government had become clear. It was "
            "to create communal riots in the state.",
            "Peaceful protest",
        ),
    ],
)
def test_one_happening_is_told(text: str, expected: str) -> None:
    subs = [e.sub_event_type for e in annotate_text(text, date(2002, 3, 10), "t").events]
    assert subs == [expected], subs


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a kind of happening said to be common
        "Cattle rustling is common in Kenya, and the extended drought has heightened competition for food.",
        "Kidnappings are frequent in the region.",
        "Attacks on aid workers have become a common occurrence in Darfur.",
        # words and striving
        "Juan Miguel Gonzalez lashed out at his Miami relatives Sunday night, accusing them of child abuse.",
        "Elian's relatives in Miami have fought to keep the boy permanently.",
    ],
)
def test_no_happening_is_told(text: str) -> None:
    events = annotate_text(text, date(2006, 3, 10), "t").events
    acled = acled_event_types()
    assert not [e for e in events if e.event_type in acled], [e.sub_event_type for e in events]


@pytest.mark.slow
def test_common_knowledge_of_an_attack_is_still_the_attack() -> None:
    events = annotate_text("The attack was common knowledge in the village.", date(2006, 3, 10), "t").events
    assert "Attack" in {e.sub_event_type for e in events}


@pytest.mark.slow
def test_lashing_protesters_with_canes_is_force() -> None:
    text = "Police lashed protesters with canes outside the parliament on Monday."
    events = annotate_text(text, date(2000, 4, 17), "t").events
    assert "Excessive force against protesters" in {e.sub_event_type for e in events}
