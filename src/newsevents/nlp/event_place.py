"""The place of an event: the toponym attached to its trigger, else the article's main place."""

from __future__ import annotations

import re

from newsevents.models import Entity, Place
from newsevents.resolve.actors import groups_in

_PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
# A toponym introduced by one of these is where the event happened ("in X", "near X").
_LOCATIVE = re.compile(
    r"(\b(in|near|at|outside|around|into|on|across|inside|located at|vicinity of)\s+"
    r"(the\s+)?([\w'-]+\s+){0,3}"
    r"|\b(city|town|village|district|province|governorate|county|area|region|municipality|"
    r"neighbourhood|neighborhood|outskirts|suburbs?|countryside|state|department) of\s+)$",
    re.IGNORECASE,
)
# A toponym after these is elsewhere ("150 km from Kabul", "refugees from Syria").
_NOT_HERE = re.compile(
    r"\b(km|kilometres|kilometers|miles)\s+(\w+\s+){0,2}(from|of|north|south|east|west)\b[\w\s-]*$|\bfrom\s+$",
    re.IGNORECASE,
)


def _score(p: Place, text: str, trigger_start: int, sent_start: int) -> tuple[int, int, int]:
    """Lower is better: locative introducer, finer precision, earlier in the sentence."""
    before = text[max(sent_start, p.start - 40) : p.start]
    locative = 0 if _LOCATIVE.search(before) else 1
    if _NOT_HERE.search(before) or is_fragment(text, p):
        locative = 2
    # Among licensed places the first wins: reports name the event's place before any other.
    return (locative + _PRECISION_RANK.get(p.precision, 3), p.start, abs(p.start - trigger_start))


# A toponym followed by one of these names a road or quarter, not where the event is placed.
_FRAGMENT_AFTER = re.compile(
    r"^(-\s?[A-Z]|\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|On|In|At|The)\b)"
    r"[A-Z0-9][\w'-]*|\s+(road|street|highway|bypass|avenue|market|bridge|crossing|"
    r"junction|roundabout|square|stadium|airport|station|prison|hospital|university|school)\b)"
)


def is_fragment(text: str, p: Place) -> bool:
    """Whether the place is part of a longer name ("Colonia Mesa Colorada", "Murree road")."""
    return bool(_FRAGMENT_AFTER.match(text[p.end : p.end + 30]))


def inside_parenthetical(text: str, p: Place) -> bool:
    """Whether the place sits in an admin-area parenthetical ("Ndele (Ndele, Bamingui)")."""
    open_at = text.rfind("(", 0, p.start)
    close_at = text.rfind(")", 0, p.start)
    return open_at > close_at and open_at >= p.start - 60


def dominant_country(places: list[Place]) -> str | None:
    """The country most of the text's places lie in, when a strict majority does.

    A town resolved to another country than most places of the text is likely a namesake; a
    country named outright ("negotiators in Qatar") is kept.
    """
    located = [p.country for p in places if p.lat is not None and p.country]
    if not located:
        return None
    best = max(set(located), key=located.count)
    return best if located.count(best) * 2 > len(located) else None


def event_place(
    places: list[Place], text: str, sent_span: tuple[int, int], trigger_start: int
) -> Place | None:
    """The place the event of this trigger happened at, from the places of its sentence."""
    lo, hi = sent_span
    main = dominant_country(places)
    cands = [
        p
        for p in places
        if lo <= p.start < hi
        and p.lat is not None
        and not inside_parenthetical(text, p)
        and (main is None or p.country == main or p.precision == "country")
    ]
    scored = [(_score(p, text, trigger_start, lo), p) for p in cands]
    # Only a toponym introduced as the event's location counts; others are mere mentions.
    licensed = [(s, p) for s, p in scored if s[0] - _PRECISION_RANK.get(p.precision, 3) == 0]
    fine = [(s, p) for s, p in licensed if p.precision != "country"]
    if fine:
        return min(fine, key=lambda sp: sp[0])[1]
    # A country is a last resort ("negotiators in Qatar"), only when the sentence has no finer place.
    if licensed:
        return min(licensed, key=lambda sp: sp[0])[1]
    return None


def article_place(places: list[Place], text: str) -> Place | None:
    """The article's main place: the first finer-than-country place, else the first place."""
    main = dominant_country(places)
    located = [p for p in places if p.lat is not None and (main is None or p.country == main)]
    fine = [p for p in located if p.precision != "country" and not is_fragment(text, p)]
    outside = [p for p in fine if not inside_parenthetical(text, p)]
    if outside:
        return outside[0]
    # Only an admin parenthetical ("(Poonch district, J&K)"): its first, finest area.
    if fine:
        return min(fine, key=lambda p: (_PRECISION_RANK.get(p.precision, 3), p.start))
    return located[0] if located else None


def country_place(places: list[Place], country: str | None) -> Place | None:
    """A country-level place for aggregate events (the country's own entry when found)."""
    for p in places:
        if p.precision == "country" and (country is None or p.country == country):
            return p
    return None


_NOT_PLACE_KINDS = frozenset({"armed_group", "news_agency"})


def usable_places(places: list[Place], entities: list[Entity], text: str) -> list[Place]:
    """Places that are not in fact a group or person the entity finder or actor lexicon knows."""
    blocked = [(e.start, e.end) for e in entities if e.kind in _NOT_PLACE_KINDS]
    blocked += [(s, e) for s, e, _g in groups_in(text)]
    return [p for p in places if not any(s < p.end and p.start < e for s, e in blocked)]
