"""Arrests made at a demonstration are folded into it as its intervention."""

from __future__ import annotations

import datetime as dt
import json
from datetime import date

import pytest

from conftest import eval_file
from newsevents.models import Event, Evidence, Place
from newsevents.nlp.annotate import annotate_texts
from newsevents.nlp.events.args import Mention
from newsevents.nlp.events.interventions import fold_demo_arrests

STARTS = [0, 100, 200, 300, 400, 500]  # six sentences of 100 characters
SENTENCES = [(s, s + 99) for s in STARTS]
TEXT = " ".join(
    [
        "Police arrested 50 workers when they tried to block the traffic on the bridge.".ljust(99),
        "They were protesting against the fire.".ljust(99),
        "A rally was held.".ljust(99),
        "Police arrested 50 workers on arms charges near the office building on Monday.".ljust(99),
        "Opposition parties plan a rally.".ljust(99),
        "Police arrested 50 workers when they tried to block the traffic on the bridge.".ljust(99),
    ]
)


def _event(
    sub: str, etype: str, sentence: int, day: dt.date | None = None, place: str | None = None
) -> Event:
    start = STARTS[sentence] + 10
    return Event(
        event_type=etype,
        sub_event_type=sub,
        trigger="x",
        trigger_start=start,
        trigger_end=start + 1,
        date=day,
        place=Place(0, 1, place, place, lat=None, lon=None) if place else None,
        evidence=[Evidence("a", STARTS[sentence], STARTS[sentence] + 99, "s")],
        confidence=0.6,
    )


def _people(role: str = "patient") -> list[Mention]:
    return [Mention(0, 7, "workers", "civilians", role=role)]


def test_arrest_next_to_a_protest_becomes_its_intervention() -> None:
    protest = _event("Peaceful protest", "Protests", 1)
    arrest = _event("Arrests", "Strategic developments", 0)
    out = fold_demo_arrests([arrest, protest], {id(arrest): _people()}, SENTENCES, TEXT)
    assert out == [protest]
    assert protest.sub_event_type == "Protest with intervention"
    assert protest.plover_event == "PROTEST"
    assert [e.start for e in protest.evidence] == [0, 100]


def test_arrest_near_a_riot_stays_an_event() -> None:
    riot = _event("Violent demonstration", "Riots", 2)
    arrest = _event("Arrests", "Strategic developments", 3)
    out = fold_demo_arrests([riot, arrest], {id(arrest): _people()}, SENTENCES, TEXT)
    assert out == [riot, arrest] and riot.sub_event_type == "Violent demonstration"


@pytest.mark.parametrize(
    ("sentence", "day", "place", "mentions"),
    [
        (5, None, None, _people()),  # told far from the demonstration
        (1, date(2002, 3, 9), None, _people()),  # another day
        (2, None, "Surat", _people()),  # another place, a sentence between them
        (1, None, None, [Mention(0, 5, "LeT militants", "group", role="agent")]),  # no one arrested
        (1, None, None, []),
    ],
)
def test_other_arrests_stay_events(
    sentence: int, day: dt.date | None, place: str | None, mentions: list[Mention]
) -> None:
    protest = _event("Peaceful protest", "Protests", 0, day=date(2002, 3, 1), place="Dharwad")
    arrest = _event("Arrests", "Strategic developments", sentence, day=day, place=place)
    out = fold_demo_arrests([protest, arrest], {id(arrest): mentions}, SENTENCES, TEXT)
    assert out == [protest, arrest]
    assert protest.sub_event_type == "Peaceful protest"


def test_arrest_not_tied_to_the_rally_stays_an_event() -> None:
    arrest = _event("Arrests", "Strategic developments", 3)  # "... on arms charges ..."
    rally = _event("Peaceful protest", "Protests", 4)  # "Opposition parties plan a rally."
    out = fold_demo_arrests([arrest, rally], {id(arrest): _people()}, SENTENCES, TEXT)
    assert out == [arrest, rally] and rally.sub_event_type == "Peaceful protest"


@pytest.mark.slow
def test_article_reports_one_protest_with_intervention() -> None:
    text = (
        "Dharwad: Police arrested over 50 BJP workers when they tried to block the traffic on the "
        "Navalur bridge near Dharwad on Thursday. They were protesting against the torching of the "
        "Sabarmati Express near Godhra in Gujarat."
    )
    (ann,) = annotate_texts([("a", text, date(2002, 3, 1))])
    subs = [e.sub_event_type for e in ann.events if e.event_type in ("Protests", "Strategic developments")]
    assert subs == ["Protest with intervention"], subs


def _dev_article(article_id: str) -> dict[str, str]:
    path = eval_file("news_events.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == article_id:
            return dict(item)
    pytest.skip(f"{article_id} not in news_events.jsonl")


@pytest.mark.slow
def test_forces_deployed_after_a_riot_are_its_response() -> None:
    """ "Three companies of the state reserve police ... have been deployed in the city" answers the
    mob at the railway station told before it: no deployment event of its own."""
    item = _dev_article("indiapolice-367")
    (ann,) = annotate_texts([(item["id"], item["text"], date(2002, 3, 1))])
    subs = [e.sub_event_type for e in ann.events]
    assert "Mob violence" in subs
    assert "Change to group/activity" not in subs, subs
