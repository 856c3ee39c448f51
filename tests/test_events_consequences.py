"""What a happening leaves behind is part of it, only where and when it happened."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import subtypes
from newsevents.nlp.annotate import annotate_text
from newsevents.nlp.events.args import find_mentions
from newsevents.nlp.model import load_nlp

pytestmark = pytest.mark.slow

PUBLISHED = date(1998, 10, 26)


def test_a_shooting_is_no_consequence_of_a_bombing_told_after_it_elsewhere() -> None:
    text = (
        "BUFFALO, N.Y. -- Dr. Barnett Slepian, a doctor who performed abortions, was shot dead in his "
        "home in Amherst on Friday night. No suspects have been identified. Police said the killing had "
        "shaken the city. Abortion-rights groups held a news conference on Monday. Their advertisement "
        "features a nurse who was badly wounded in January in the bombing of an abortion clinic in "
        "Birmingham, Alabama."
    )
    events = annotate_text(text, PUBLISHED).events
    shooting = [e for e in events if e.evidence and "was shot dead" in e.evidence[0].text]
    assert [e.sub_event_type for e in shooting] == ["Attack"]
    assert all("was shot dead" not in x.text for e in events if e is not shooting[0] for x in e.evidence)


def test_deaths_in_a_lead_belong_to_the_riot_told_after_them() -> None:
    text = (
        "VADODARA: Communal violence continued in Anand district on Saturday, killing five persons. "
        "Police officials said trouble broke out in Petlad after a large mob set a housing board colony "
        "on fire. Heavy stone-pelting followed. The police fired 45 rounds to control the rioters."
    )
    events = annotate_text(text, PUBLISHED).events
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    assert "killing five persons" in events[0].evidence[0].text


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("More than 100 people have died since Friday.", "people"),
        ("A 48-year-old displaced person died from a landmine explosion.", "person"),
        ("Two policemen succumbed to their injuries on Monday.", "policemen"),
    ],
)
def test_who_dies_undergoes_the_happening(text: str, victims: str) -> None:
    sent = next(iter(load_nlp()(text).sents))
    mentions = find_mentions(sent.doc, sent.start_char, sent.end_char, [], None)
    assert [m.role for m in mentions if victims in m.text] == ["patient"]


def test_deaths_after_an_arson_attack_are_its_victims() -> None:
    text = (
        "On 4 May 2020, a DPP youth militia, known as the Cadets, allegedly torched UTM offices in "
        "Lilongwe (Lilongwe, Central) using petrol bombs. 3 people died following the attack."
    )
    assert subtypes(text, date(2020, 5, 6)) == {"Attack"}
