"""Arrests made at a demonstration are the demonstration's intervention, not events of their own.

ACLED codes a demonstration that the authorities break up with arrests as one event, a *Protest
with intervention*; the codebook's *Arrests* are those made apart from any demonstration. A news
story tells the two in neighbouring sentences, in either order: "Police arrested over 50 BJP
workers when they tried to block the traffic. They were protesting against the torching of the
train." An arrest told within `MAX_SENTENCES_APART` sentences of a demonstration of the same
article, of the same day and place (any place when the two sentences are neighbours: the
protest's sentence may name what was protested against), whose arrested are people rather than
armed groups and are tied to it by the text (named as demonstrators, told doing what
demonstrators do, or gone on about in the next sentence), is folded into that demonstration; a
peaceful protest becomes one with intervention. Arrests near a riot stay events: the news tells
them mostly as the investigation that follows it ("arrested in connection with three cases of
riots").
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Sequence

from newsevents.models import Event
from newsevents.nlp.events.args import PROTEST_SUBS, Mention
from newsevents.nlp.events.merge_rules import add_evidence, dates_compatible, places_compatible
from newsevents.nlp.events.types import plover_of

log = logging.getLogger(__name__)

# How far apart, in sentences, an arrest and the demonstration it breaks up are told.
MAX_SENTENCES_APART = 2
# Who can be arrested at a demonstration: its people, not an armed group's members.
DEMONSTRATING_CLASSES = frozenset({"protesters", "rioters", "civilians", "group"})
INTERVENTION = "Protest with intervention"
# What ties the arrested to the demonstration: they are named as demonstrators, the arrest
# sentence tells what they were doing ("when they tried to block the traffic"), or the next
# sentence goes on about them ("They were protesting ...", "The activists were staging a dharna").
_DOING = re.compile(
    r"\b(protest\w*|demonstrat\w*|agitat\w*|block\w*|blockad\w*|dharna|gherao\w*|rally|rallies|"
    r"march\w*|picket\w*|sit-?in|squat\w*|staging|raising slogans|shouting slogans|bandh)\b",
    re.IGNORECASE,
)
_GOING_ON = re.compile(
    r"^\W*(they|these|those|the (activists|workers|protesters|protestors|demonstrators|agitators|"
    r"supporters|members|students|villagers|residents|party workers))\b",
    re.IGNORECASE,
)


def _arrested_people(mentions: Sequence[Mention]) -> bool:
    """Whether the arrest's sentence names people who could be demonstrating, not as the arresters."""
    return any(m.cls in DEMONSTRATING_CLASSES and m.role != "agent" for m in mentions)


def _tied(arrest_sentence: str, demo_sentence: str, demo_follows: bool, mentions: Sequence[Mention]) -> bool:
    """Whether the text ties the arrested to the demonstration."""
    if any(m.cls in ("protesters", "rioters") for m in mentions) or _DOING.search(arrest_sentence):
        return True
    return demo_follows and bool(_GOING_ON.match(demo_sentence))


def fold_demo_arrests(
    events: list[Event],
    mentions_of: dict[int, Sequence[Mention]],
    sentences: Sequence[tuple[int, int]],
    text: str,
) -> list[Event]:
    """Fold the arrests made at the article's demonstrations into them.

    ``mentions_of`` maps ``id(event)`` to the participants of the event's sentence;
    ``sentences`` holds the (start, end) characters of each sentence of ``text``, in order.
    """
    starts = [s for s, _ in sentences]

    def sentence(ev: Event) -> int:
        return bisect_right(starts, ev.trigger_start) - 1

    def said(i: int) -> str:
        return text[sentences[i][0] : sentences[i][1]]

    demos = [(d, sentence(d)) for d in events if d.sub_event_type in PROTEST_SUBS and not d.aggregate]
    if not demos:
        return events

    kept: list[Event] = []
    for ev in events:
        mentions = mentions_of.get(id(ev), ())
        arrest = ev.sub_event_type == "Arrests" and not ev.aggregate
        if not arrest or not _arrested_people(mentions):
            kept.append(ev)
            continue
        at = sentence(ev)
        near = [
            (abs(d_at - at), d.trigger_start, d)
            for d, d_at in demos
            if abs(d_at - at) <= MAX_SENTENCES_APART
            and dates_compatible(d.date, ev.date)
            and (places_compatible(d.place, ev.place) or abs(d_at - at) <= 1)
            and _tied(said(at), said(d_at), d_at == at + 1, mentions)
        ]
        if not near:
            kept.append(ev)
            continue
        host = min(near, key=lambda t: t[:2])[2]
        _fold(host, ev)
        log.debug("arrest folded into %s: %r", host.sub_event_type, ev.trigger)
    return kept


def _fold(host: Event, arrest: Event) -> None:
    """Add the arrest's sentences to the demonstration; a peaceful protest was intervened in."""
    add_evidence(host, arrest)
    if host.sub_event_type == "Peaceful protest":
        host.sub_event_type = INTERVENTION
        host.plover_event, host.plover_mode = plover_of(INTERVENTION)
    host.actor2 = host.actor2 or arrest.actor1  # the arresting forces intervened
    if arrest.place is not None and (host.place is None or not places_compatible(host.place, arrest.place)):
        # told side by side, the arrests were made where the demonstrators stood; the protest's
        # own sentence may name what they protested against ("the torching ... near Godhra")
        host.place = arrest.place
    host.confidence = round(min(0.99, max(host.confidence, arrest.confidence)), 4)
