"""Is it in scope? The kinds of happening the ACLED codebook leaves out, read around a trigger.

Court cases about past events, accidents, disasters and disease, ordinary crime, business, sport
and entertainment all use the words of violence ("charged with murder", "killed in a crash",
"a hostile takeover", "beat the champions", "a film about an attack"). Each kind is a small list
of general words written from the codebook's exclusions; the confidence model weighs them with
everything else, so one word never decides alone. Only the words near the trigger count: a
protest *about* a pandemic is still a protest. A crowd's demonstration or riot is what it is
whoever takes part and whatever it is about (`CROWD_TYPES`): workers of a company demanding their
wages, traders fighting officials at a market, families rallying after a road accident. Money and
mishap words say nothing against it there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_LEGAL = re.compile(
    r"\b(charged|charges?|sentenced|sentence|convicted|conviction|pleaded|pleads|trial|court|indicted|"
    r"indictment|jury|judge|prosecutors?|lawsuit|sued|testif\w+|acquitted|verdict|appeal|custody|"
    r"years in prison|life imprisonment|faces? (a |federal |state )?charges?)\b",
    re.IGNORECASE,
)
_MISHAP = re.compile(
    r"\b(crash\w*|accident\w*|collision|collided|derail\w*|blaze|wildfire|fire broke|caught fire|"
    r"drown\w*|epidemic|pandemic|outbreak|virus|infect\w*|disease|flu|cholera|earthquake|flood\w*|"
    r"storm|hurricane|cyclone|tornado|landslide|avalanche|heat ?wave|overdose|electrocuted|"
    r"stampede|collapsed?|bees?|dogs?|shark|bear|radar|airliner|passenger (plane|jet|flight)s?|"
    r"ferry|capsiz\w*|sank|sunk|shipwreck\w*|missing (plane|aircraft|ship|boat|vessel))\b",
    re.IGNORECASE,
)
_CRIME = re.compile(
    r"\b(suspects?|stolen|steal\w*|robb\w+|burglar\w*|theft|thie(f|ves)|shoplift\w*|drunk\w*|dui|"
    r"intoxicated|narcotics?|drugs?|heroin|cocaine|marijuana|fraud\w*|homicide|domestic|"
    r"girlfriend|boyfriend|wife|husband|ex-\w+|parking lot|liquor store|warrants?|fleeing|"
    r"road rage|sheriff'?s?)\b",
    re.IGNORECASE,
)
_BUSINESS = re.compile(
    r"(\$\s?\d|\b\d+(\.\d+)? ?(%|percent|per cent)|\b(shares?|stocks?|shareholders?|investors?|"
    r"revenue|profits?|earnings|quarter|merger|acqui\w+|takeover|bid|bankrupt\w*|creditors?|"
    r"business|businesses|company|companies|corp|inc|ltd|firm|market|prices?|sales?|trading|economy|"
    r"economic|budget|tax|taxe[sd]|taxation|taxpayers?|billion|million)\b)",
    re.IGNORECASE,
)
_CULTURE = re.compile(
    r"\b(film|films|movies?|box office|cinema|director|actor|actress|starring|screenplay|novel|"
    r"book|author|album|song|concert|episode|series|season|game|games|match|matches|tournament|"
    r"league|championship|cup|team|coach|players?|scored|goals?|innings|wickets?|beat|defeated|"
    r"victory|win|won|champion\w*|fans|stadium|festival|exhibition|museum|theatre|theater|"
    r"history|historian|centuries|century|anniversary|memorial|remember\w*)\b",
    re.IGNORECASE,
)


# The event types a crowd makes, for which business and mishap words are no exclusion.
CROWD_TYPES = frozenset({"Protests", "Riots"})


@dataclass(frozen=True, slots=True)
class OutOfScope:
    """Which excluded kinds of happening a sentence speaks of."""

    legal: bool
    mishap: bool
    crime: bool
    business: bool
    culture: bool


def out_of_scope(text: str) -> OutOfScope:
    """The excluded kinds the words around a trigger speak of."""
    return OutOfScope(
        legal=bool(_LEGAL.search(text)),
        mishap=bool(_MISHAP.search(text)),
        crime=bool(_CRIME.search(text)),
        business=bool(_BUSINESS.search(text)),
        culture=bool(_CULTURE.search(text)),
    )


def for_type(scope: OutOfScope, event_type: str) -> OutOfScope:
    """The exclusions that apply to an event of a type: a crowd's demonstration or riot is no
    business or mishap story, whatever its cause."""
    if event_type in CROWD_TYPES:
        return replace(scope, business=False, mishap=False)
    return scope
