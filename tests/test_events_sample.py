"""Events of the bundled AFP sample and of small hand-written articles (loads the model)."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from newsevents.models import Event
from newsevents.nlp.annotate import annotate_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "afp_ghazni_2021-08-13.txt"
PUBLISHED = date(2021, 8, 13)


def _sample_text() -> str:
    """The cleaned body of the sample: <p> contents of line 1, decoded, without the promo."""
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    paras = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", line)]
    return "\n\n".join(p for p in paras if not p.startswith("Read |"))


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return annotate_text(_sample_text(), PUBLISHED, "afp-ghazni").events


def _seizure(events: list[Event]) -> Event:
    found = [
        e for e in events if e.sub_event_type == "Non-state actor overtakes territory" and not e.aggregate
    ]
    assert len(found) == 1, [(e.sub_event_type, e.trigger) for e in events]
    return found[0]


@pytest.mark.slow
def test_sample_seizure_of_ghazni(events: list[Event]) -> None:
    ev = _seizure(events)
    assert ev.event_type == "Battles"
    assert ev.actor1 is not None and ev.actor1.name == "Taliban"
    assert ev.place is not None and ev.place.name == "Ghazni"
    assert ev.date == date(2021, 8, 12)
    assert ev.time_precision == "day"
    assert ev.modality == "asserted"


@pytest.mark.slow
def test_sample_ministry_confirmation_is_second_evidence(events: list[Event]) -> None:
    ev = _seizure(events)
    texts = [e.text for e in ev.evidence]
    assert texts[0].startswith("The Taliban seized")
    assert any(t.startswith("The interior ministry confirmed the fall of the city") for t in texts)
    assert all(e.article_id == "afp-ghazni" for e in ev.evidence)


@pytest.mark.slow
def test_sample_power_sharing_offer_is_a_proposal(events: list[Event]) -> None:
    offers = [e for e in events if e.event_type == "Negotiation/proposal"]
    assert len(offers) == 1
    assert offers[0].sub_event_type == "Proposal"
    assert not any(e.sub_event_type == "Agreement" for e in events)
    assert offers[0].place is not None and offers[0].place.name == "Qatar"


@pytest.mark.slow
def test_sample_ten_capitals_is_an_aggregate(events: list[Event]) -> None:
    aggs = [e for e in events if e.aggregate]
    assert len(aggs) == 1
    assert aggs[0].trigger == "overrun"
    assert aggs[0].place is None or aggs[0].place.precision == "country"


@pytest.mark.slow
def test_sample_risk_of_falling_is_not_an_event(events: list[Event]) -> None:
    for ev in events:
        assert ev.modality != "risk"
        assert not any("at risk of falling" in e.text for e in ev.evidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Rebels attacked the army base in Gao on Monday.", "asserted"),
        ("The army denied that soldiers attacked the village.", "denied"),
        ("The town is at risk of falling to the rebels.", None),
        ("Rebels could attack the town if talks fail.", None),
        ("Unions will stage a protest in Lagos next week.", None),
    ],
)
def test_modality_decides_whether_an_event_is_emitted(text: str, modality: str | None) -> None:
    events = annotate_text(text, date(2021, 3, 3)).events
    if modality is None:
        assert events == []
    else:
        assert events and events[0].modality == modality


@pytest.mark.slow
def test_protest_then_dispersal_is_one_event_with_intervention() -> None:
    text = (
        "On 4 May 2020, about 200 workers protested outside the factory in Karachi demanding "
        "unpaid wages. Police dispersed them with tear gas."
    )
    events = annotate_text(text, None).events
    assert len(events) == 1
    ev = events[0]
    assert ev.sub_event_type == "Protest with intervention"
    assert ev.date == date(2020, 5, 4)
    assert ev.actor1 is not None and ev.actor1.name.startswith("Protesters")
    assert len(ev.evidence) == 2


@pytest.mark.slow
def test_attack_with_fatalities_and_perpetrator() -> None:
    text = "On 2 March 2021, gunmen killed three farmers near Maiduguri."
    events = annotate_text(text, None).events
    assert events and events[0].sub_event_type == "Attack"
    assert events[0].fatalities == 3
    assert events[0].actor1 is not None and events[0].actor1.name.startswith("Unidentified Armed Group")
    assert events[0].actor2 is not None and events[0].actor2.name.startswith("Civilians")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "On 2 May 2020, military forces of Armenia fired on the positions of the military "
            "forces of Azerbaijan near Tovuz.",
            "Military Forces of Armenia",
            "Military Forces of Azerbaijan",
        ),
        (
            "On 3 May 2020, Turkish forces shelled villages near Tell Abiad.",
            "Military Forces of Turkey",
            None,
        ),
        ("On 5 May 2020, Taliban militants attacked a checkpoint in Kandahar.", "Taliban", None),
    ],
)
def test_actor_names(text: str, actor1: str, actor2: str | None) -> None:
    events = annotate_text(text, None).events
    assert events
    ev = events[0]
    assert ev.actor1 is not None and ev.actor1.name == actor1
    if actor2 is not None:
        assert ev.actor2 is not None and ev.actor2.name == actor2
