"""What a demonstration is about does not type it (loads the model)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import subtypes
from newsevents.nlp.events.args import find_mentions, roles_from
from newsevents.nlp.events.extract import _demo_typing
from newsevents.nlp.events.topic import blanked, reference_spans, topic_spans
from newsevents.nlp.events.types import Typing
from newsevents.nlp.model import load_nlp

DAY = date(2002, 3, 4)


def _masked(text: str) -> str:
    sent = next(iter(load_nlp()(text).sents))
    return blanked(sent.text, topic_spans(sent))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("Students marched on Sunday to protest the killings of three villagers.", "killings", "marched"),
        ("Congress members staged a demonstration, raising slogans against the riots.", "riots", "staged"),
        ("Protesters clashed with police over the killing of a student.", "killing", "clashed"),
        ("Activists held a dharna calling for an end to the communal violence.", "violence", "dharna"),
    ],
)
def test_topic_phrases_are_set_aside(text: str, hidden: str, kept: str) -> None:
    masked = _masked(text)
    assert hidden not in masked
    assert kept in masked
    assert len(masked) == len(text)


def _subtypes(text: str) -> set[str]:
    return subtypes(text, DAY)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "excluded"),
    [
        (
            "AHMEDABAD: Hundreds of members of the Nagrik Manch took out a march on Sunday "
            "to protest the incidents of violence in the city.",
            "Peaceful protest",
            {"Violent demonstration", "Mob violence"},
        ),
        (
            "LAGOS: Protesters against the fuel price rise threw stones at police and set fire to "
            "tyres on Monday, witnesses said.",
            "Violent demonstration",
            set(),
        ),
    ],
    ids=["march-against-riots-is-peaceful", "violent-demonstration-stays-a-riot"],
)
def test_the_topic_does_not_make_the_riot(text: str, expected: str, excluded: set[str]) -> None:
    subs = _subtypes(text)
    assert expected in subs
    assert not subs & excluded


@pytest.mark.slow
def test_troops_on_a_flag_march_are_no_demonstration() -> None:
    text = (
        "SURAT: Three columns of army jawans staged a flag march early on Sunday in nine "
        "curfew-bound police station areas of the city."
    )
    subs = _subtypes(text)
    assert not subs & {"Peaceful protest", "Violent demonstration", "Mob violence"}
    sent = list(load_nlp()(text).sents)[-1]
    text = sent.text
    mentions = find_mentions(sent.doc, sent.start_char, sent.end_char, [], "India")
    typing = Typing(
        "Protests", "Peaceful protest", "protest", (text.index("staged"), text.index(" a flag")), 0.7
    )
    retyped = _demo_typing(sent, roles_from(mentions, text.lower()), typing, mentions)
    assert retyped.sub_event_type == "Change to group/activity"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police officers staged a protest in Lagos on Monday over unpaid salaries.", "Peaceful protest"),
        ("Police violently dispersed a protest in Khartoum on Monday.", "Excessive force against protesters"),
    ],
)
def test_forces_who_protest_or_disperse_a_protest_keep_it(text: str, expected: str) -> None:
    assert expected in _subtypes(text)


@pytest.mark.slow
def test_what_did_not_happen_is_no_event() -> None:
    assert not _subtypes("Police did not arrest any of the protesters in Lagos on Monday.")
    assert not _subtypes("The woman was not kidnapped, police in Ozark said on Monday.")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Activists demanded an inquiry into the riots in Gujarat on Friday.", "riots"),
        ("The state was asked to shift riot victims from the relief camps.", "riot"),
        ("Five Iraqis were questioned in connection with the bombing of the embassy.", "bombing"),
        ("The United States sent FBI agents to Africa to investigate the bombings.", "bombings"),
        ("Police are probing the killing of a trader in the old city.", "killing"),
        ("Police searched two homes for a suspect in the bombings.", "bombings"),
        ("Police searched for a suspect in the bombings identified as Abdallah Fadhul.", "bombings"),
        (
            "Police searched for a suspect in the bombings identified as Abdallah Fadhul, a Comorian who had "
            "lived with his wife in Sudan until shortly after the bombings.",
            "bombings",
        ),
        # a relative clause tells more of the known happening
        (
            "Eight people were arrested in connection with three cases of riots in the city, which "
            "claimed 12 lives.",
            "riots",
        ),
        # a hyphenated modifier describes by a happening
        ("Modi decided on Friday to tour the riot-hit areas of Ahmedabad.", "riot"),
        ("The delegation arrived on a three-day tour of the violence-ravaged state.", "violence"),
        # a known happening that dates something
        ("Schools reopened in the city on Monday, two weeks after the riots.", "riots"),
        ("Peace prevailed in the town following the violence of last week.", "violence"),
        # ... or is given as the cause of something
        ("Non-life insurance companies face a major hit due to the riots in Gujarat.", "riots"),
        ("Shops stayed closed because of the violence in the old city.", "violence"),
        ("In the wake of the clashes, the government imposed a curfew.", "clashes"),
        ("In the aftermath of the bombing, the road was closed.", "bombing"),
    ],
)
def test_references_to_a_known_happening_are_found(text: str, hidden: str) -> None:
    sent = next(iter(load_nlp()(text).sents))
    masked = blanked(sent.text, reference_spans(sent))
    assert hidden not in masked


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # the marchers are the forces a participle clause describes
        "A curfew-like situation prevailed in the town with 15,000 para-military forces staging a flag "
        "march on Thursday.",
        # the people the march reassures do not march
        "Paramilitary forces on Thursday staged a flag march in Ayodhya to instil confidence among people.",
        # the term names the forces' show of strength, however the parse splits it
        "Fourteen companies of CRPF and some units of police participated in the flag march on Thursday.",
        "The RAF staged the flag march between 11 am and 1 pm in Bandra East on Thursday.",
    ],
)
def test_forces_on_a_flag_march_among_other_words_are_no_demonstration(text: str) -> None:
    assert not _subtypes(text) & {"Peaceful protest", "Violent demonstration", "Mob violence"}


@pytest.mark.slow
def test_a_hyphenated_description_is_no_event_but_a_seizure_is() -> None:
    assert not _subtypes("Modi decided on Friday to tour the riot-hit areas of Ahmedabad.")
    seizure = "Police recovered bomb-making material from the house on Monday."
    assert "Disrupted weapons use" in _subtypes(seizure)


@pytest.mark.slow
def test_a_reference_is_no_event_but_an_arrest_over_it_is() -> None:
    assert not _subtypes("The commission asked the state government to shift riot victims from the camps.")
    assert "Arrests" in _subtypes(
        "Police arrested three men in connection with the bombing of a bus in Jammu."
    )


@pytest.mark.slow
def test_a_list_of_links_to_other_stories_reports_nothing() -> None:
    text = (
        "AHMEDABAD: Schools reopened in the city on Monday after a week.\n\n"
        "related stories: overnight massacre takes death toll to 158 mobs torch shops in old city "
        "police fire on rioters in Vadodara\n\nFacebook Twitter Linkedin Mail"
    )
    assert not _subtypes(text)
    # the same headlines as the article's own text are events
    assert _subtypes(text.replace("related stories: ", ""))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Hundreds marched peacefully through the capital on Sunday, with no violence reported.",
        "Thousands marched through the capital on Sunday without violence.",
        "The bandh passed off peacefully with no incidents of violence reported in Patna on Friday.",
    ],
)
def test_violence_that_did_not_happen_does_not_make_a_riot(text: str) -> None:
    subs = _subtypes(text)
    assert "Peaceful protest" in subs
    assert not subs & {"Violent demonstration", "Mob violence"}


@pytest.mark.slow
def test_violence_that_happened_still_makes_a_riot() -> None:
    subs = _subtypes("Protesters marched through the capital on Sunday and clashed violently with rivals.")
    assert subs & {"Violent demonstration", "Mob violence"}


@pytest.mark.slow
def test_a_hyphenated_hunger_strike_is_a_protest() -> None:
    assert "Peaceful protest" in _subtypes(
        "AYODHYA: The VHP leader on Sunday began an indefinite hunger-strike at Karsevakpuram here."
    )


@pytest.mark.slow
def test_a_happening_that_dates_another_is_known_but_a_clause_tells_one() -> None:
    assert not _subtypes("Schools reopened in the city on Monday, two weeks after the riots.")
    assert "Arrests" in _subtypes("Police arrested 20 people after the clashes on Monday.")
    assert "Arrests" in _subtypes("In the aftermath of the riots, police arrested 20 people on Monday.")
    assert not _subtypes("Insurance companies face a major hit due to the riots in the state.")
    fired = "Two people were killed after police opened fire on protesters in the capital on Monday."
    assert "Excessive force against protesters" in _subtypes(fired)
