"""Event recall: cues for bodies found, drills, raids, crowds; modality of dates and clauses; note formats."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.nlp.annotate import annotate_text
from newsevents.nlp.events.types import Roles, classify, find_cues

NONE = Roles()
STATE = Roles(state_agent=True, armed_agent=True)
NONSTATE = Roles(nonstate_agent=True, armed_agent=True, nonstate_armed=True)
CROWD = Roles(crowd=True, civilian_agent=True, civilian_party=True)
PEOPLE = Roles(civilian_party=True, civilian_victim=True)
PEOPLE_AGENTS = Roles(crowd=True, civilian_party=True, civilian_agent=True, civilian_victim=True)


@pytest.mark.parametrize(
    ("text", "roles", "sub"),
    [
        ("The body of a local shopkeeper was found near the river.", NONE, "Attack"),
        ("Human remains were found in a ditch outside the town.", NONE, "Attack"),
        ("Two men died and were found wrapped in sheets by the road.", PEOPLE_AGENTS, "Attack"),
        ("Farmers took to the streets chanting slogans against the governor.", CROWD, "Peaceful protest"),
        ("Students held the annual silent march in the capital.", CROWD, "Peaceful protest"),
        ("Police fired tear gas at opposition supporters.", PEOPLE, "Protest with intervention"),
        ("Police fired rubber bullets at fishermen off the coast.", STATE, None),
        ("Residents forced a bank in the town centre to close.", CROWD, "Violent demonstration"),
        (
            "Rebels reportedly established fortifications east of the port.",
            NONSTATE,
            "Change to group/activity",
        ),
        ("The militia conducted military exercises in the district.", NONSTATE, "Change to group/activity"),
        ("The gang had placed two check points on the federal road.", NONSTATE, "Change to group/activity"),
        (
            "Officials allowed the fighters to turn two schools into military barracks.",
            NONSTATE,
            "Headquarters or base established",
        ),
        (
            "Militants raided several houses in the village, taking away food and clothes.",
            NONSTATE,
            "Looting/property destruction",
        ),
        (
            "A young man was seized by a four-man gang near the hospital.",
            NONE,
            "Abduction/forced disappearance",
        ),
        ("Hundreds of families were displaced and sheltered in schools.", NONE, "Other"),
    ],
)
def test_recall_cues(text: str, roles: Roles, sub: str | None) -> None:
    typing = classify(text, roles)
    assert (typing.sub_event_type if typing else None) == sub


@pytest.mark.parametrize(
    "text",
    [
        "The talks in March were held in Geneva.",
        "The truce ends on the 5 March 2020.",
        "until the end of March",
    ],
)
def test_month_march_is_not_a_protest(text: str) -> None:
    assert "protest" not in find_cues(text)


@pytest.mark.parametrize(
    ("text", "sub", "published"),
    [
        # "May" next to a day number is the month, not the modal verb
        (
            "On 5 May 2020 nurses protested in the city centre demanding better pay.",
            "Peaceful protest",
            date(2020, 5, 6),
        ),
        # "likely to" inside a bracket does not govern the verb after it
        (
            "On 3 June 2020, an armed group (likely to be one of two rival militias) raped two women "
            "in the village.",
            "Sexual violence",
            date(2020, 6, 10),
        ),
        # "feared dead" reports a death, not a risk
        (
            "At least one person was feared dead and two were injured in a fracas between rival "
            "transport workers in the market.",
            "Mob violence",
            date(2020, 6, 10),
        ),
        # a future in a relative clause ends at the comma
        (
            "On 13 January, supporters of the party tore down a flag near the hall where the summit "
            "will be held, and burned it.",
            None,
            date(2020, 1, 14),
        ),
    ],
)
def test_modality_of_dates_and_clauses(text: str, sub: str | None, published: date) -> None:
    events = annotate_text(text, published).events
    if sub is None:
        assert events, "the act after the relative clause is asserted"
    else:
        assert sub in {e.sub_event_type for e in events}


def test_a_happening_months_before_the_publication_date_is_background() -> None:
    text = "On 5 May 2020 nurses protested in the city centre demanding better pay."
    assert annotate_text(text, date(2020, 5, 6)).events
    assert annotate_text(text, date(2020, 9, 1)).events == []


def test_future_with_thousands_separator_is_still_future() -> None:
    text = "The agency will provide nearly 25,000 tons of food aid to refugees, officials said."
    assert annotate_text(text, date(2020, 6, 10)).events == []


def test_size_tag_makes_an_uncued_note_a_protest() -> None:
    text = "On 1 May 2020, in the city centre, traders commemorated labour day. [size=no report]"
    events = annotate_text(text, date(2020, 5, 2)).events
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]
    assert annotate_text(text.replace(" [size=no report]", ""), date(2020, 5, 2)).events == []


def test_a_notes_label_is_no_speaker() -> None:
    text = "Arrests: On 7 May 2020, police arrested five opposition activists in Lagos."
    events = annotate_text(text, date(2020, 5, 8)).events
    assert [(e.sub_event_type, e.modality) for e in events] == [("Arrests", "asserted")]


def test_other_prefix_types_an_uncued_note() -> None:
    text = "Other: On 7 May 2020, lawmakers approved a new cabinet after six months."
    events = annotate_text(text, date(2020, 5, 8)).events
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Strategic developments", "Other")]
