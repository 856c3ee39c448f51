"""The place of an event: a locative phrase read within its enclosing units, else a found toponym."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from newsevents.models import Entity, Place
from newsevents.nlp.places import COMMON_WORDS, MONTHS_DAYS, TITLES
from newsevents.resolve.actors import groups_in
from newsevents.resolve.areas import get_areas
from newsevents.resolve.gazetteer import Candidate, Gazetteer, distance_km, get_gazetteer, prior, rows_in
from newsevents.resolve.geo_build import fold as fold_text
from newsevents.resolve.geo_resolve import candidate_place
from newsevents.resolve.seats import seat
from newsevents.resolve.spelling import skeleton

_PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
# A toponym introduced by one of these is where the event happened ("in X", "near X").
_LOCATIVE = re.compile(
    r"(\b(in|near|at|outside|around|into|on|across|inside|located at|vicinity of)\s+"
    r"(the\s+)?([\w'-]+\s+){0,3}"
    r"|\b(city|town|village|district|province|governorate|county|area|region|municipality|"
    r"neighbourhood|neighborhood|outskirts|suburbs?|countryside|state|department) of\s+)$",
    re.IGNORECASE,
)
# A toponym after these is elsewhere: a distance or an origin ("150 km from Kabul", "refugees from
# Syria") or the destination of a movement ("marched towards Ukraine", "headed for the capital").
_NOT_HERE = re.compile(
    r"\b(km|kilometres|kilometers|miles)\s+(\w+\s+){0,2}(from|of|north|south|east|west)\b[\w\s-]*$|\bfrom\s+$"
    r"|\b(towards?|bound for|headed (for|to)|heading (for|to)|on (the|their|its) way to)\s+(the\s+)?$",
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
    return inside_parenthetical_at(text, p.start)


def inside_parenthetical_at(text: str, at: int) -> bool:
    """Whether an offset lies in a short parenthetical opened before it."""
    open_at = text.rfind("(", 0, at)
    close_at = text.rfind(")", 0, at)
    return open_at > close_at and open_at >= at - 60


def event_place(
    places: list[Place], text: str, sent_span: tuple[int, int], trigger_start: int
) -> Place | None:
    """The place the event of this trigger happened at, a unit placed at its seat town."""
    return at_seat(_choose_place(places, text, sent_span, trigger_start), text)


# The unit is named as rural surroundings, not as a whole: its seat town is no better a guess.
_RURAL = re.compile(r"^[\s-]*(?:countryside|outskirts|rural|villages?)\b", re.IGNORECASE)
_RURAL_BEFORE = re.compile(
    r"\b(?:rural|countryside of|outskirts of|villages? of)\s+(?:the\s+)?$", re.IGNORECASE
)


def at_seat(place: Place | None, text: str) -> Place | None:
    """A unit named as where an event happened, moved to the point of its seat town.

    Event coders place an event known only to a province or district at the unit's main town, not
    its centroid. A unit that only stands in for an unknown village it contains (``via`` is
    UNIT_FALLBACK),
    or that is named as countryside, keeps its centroid: the village may lie anywhere in it.
    """
    if place is None or place.precision not in ("admin1", "admin2") or place.geonameid is None:
        return place
    if place.via == UNIT_FALLBACK or _RURAL.match(text[place.end : place.end + 20]):
        return place
    if _RURAL_BEFORE.search(text[max(0, place.start - 30) : place.start]):
        return place
    g = get_gazetteer()
    unit = next((c for c in g.lookup(place.name, place.country_code) if c.geonameid == place.geonameid), None)
    town = seat(unit) if unit is not None else None
    if town is None:
        return place
    return replace(place, lat=round(town.lat, 5), lon=round(town.lon, 5))


def _choose_place(
    places: list[Place], text: str, sent_span: tuple[int, int], trigger_start: int
) -> Place | None:
    """The place the event of this trigger happened at: a locative phrase, else a found place."""
    found = _found_place(places, text, sent_span, trigger_start)
    props = phrase_places(text, sent_span, text_country(places, text))
    if not props:
        return found
    # A note that says where it coded the event ("coded as Arso district") is taken at its word.
    coded = next((p for p in props if _CODED.search(text, 0, p.place.start)), None)
    if coded is not None:
        return coded.place
    # A phrase that names its enclosing unit is the surest; else the sentence's first phrase.
    prop = next((p for p in props if p.unit is not None), props[0])
    if found is None or (prop.head_found and prop.unit is not None):
        return prop.place
    if prop.unit is not None:
        return _within_unit(prop, found)
    # "Abu Salim" read whole rather than as the places "Abu" and "Salim".
    if prop.place.start <= found.start < prop.place.end and prop.place.end > found.end:
        return prop.place
    # "a march through the town of Hasbaya" over the coarser area the sentence also names.
    finer = _PRECISION_RANK.get(prop.place.precision, 3) < _PRECISION_RANK.get(found.precision, 3)
    if finer and prop.place.country_code == found.country_code:
        return prop.place
    return found


_CODED = re.compile(r"\bcoded (?:as|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _within_unit(prop: Proposal, found: Place) -> Place:
    """The unit a phrase names (its head unknown), unless a found place is finer and in it."""
    unit = prop.unit
    if unit is None or _PRECISION_RANK.get(prop.place.precision, 3) <= _PRECISION_RANK.get(
        found.precision, 3
    ):
        return prop.place
    if lies_in(found, unit):
        return found
    # The geoparser's own reading of the head name, in the unit's country and near it: the
    # gazetteer's admin codes sometimes put a border town in the next province (Burgersfort).
    if (
        prop.place.start <= found.start < prop.place.end
        and found.country_code == unit.country_code
        and found.lat is not None
        and found.lon is not None
        and (
            unit_km(found.lat, found.lon, unit) <= HEAD_NEAR_UNIT_KM
            # a sizeable town without namesakes in the country is the one meant: the unit is the slip
            or (found.population >= TRUSTED_HEAD_POPULATION and _sole_town(found))
        )
    ):
        return found
    # The town a municipality is named after ("the West Zone of Rio de Janeiro, Rio de Janeiro").
    named_after = fold_text(found.name) == fold_text(unit.name)
    if found.precision == "place" and named_after and lies_near(found, unit):
        return found
    return prop.place


def _found_place(
    places: list[Place], text: str, sent_span: tuple[int, int], trigger_start: int
) -> Place | None:
    """The place the event of this trigger happened at, from the places of its sentence."""
    lo, hi = sent_span
    main = weighted_country(places, text)
    cands = [
        p
        for p in where_places(places)
        if lo <= p.start < hi
        and p.lat is not None
        and not inside_parenthetical(text, p)
        and (main is None or p.country_code == main or p.precision == "country")
    ]
    scored = [(_score(p, text, trigger_start, lo), p) for p in cands]
    # Only a toponym introduced as the event's location counts; others are mere mentions.
    licensed = [(s, p) for s, p in scored if s[0] - _PRECISION_RANK.get(p.precision, 3) == 0]
    fine = [(s, p) for s, p in licensed if p.precision != "country"]
    if fine:
        return min(fine, key=lambda sp: sp[0])[1]
    # A country is a last resort ("negotiators in Qatar"), only when the sentence has no finer place
    # of that country: "stormed the Tulkarm refugee camp ... Palestinian residents" is in Tulkarm.
    finer = {p.country_code for s, p in scored if p.precision != "country" and not is_fragment(text, p)}
    licensed = [(s, p) for s, p in licensed if p.country_code not in finer]
    if licensed:
        return min(licensed, key=lambda sp: sp[0])[1]
    return None


# A dateline: the story's first line opens with its place, then a comma, colon, bracket or dash
# ("KABUL, Aug 13 (AFP) -", "lucknow: the ...", "NAIROBI, Kenya (AP) _"), possibly after a line
# such as "This story is from March 16, 2002".
DATELINE_REACH = 80
_DATELINE_AFTER = re.compile(r"^\s*(,|:|\(|\s[-_\u2013\u2014]\s)")
_DATELINE_BEFORE = re.compile(r"^(\s*[^\n]{0,60}\n+)?\s*(\(?[\w.-]+\)?\s+)?$")


DEMONYM = "demonym"  # ``via`` of a country read off a nationality word ("Turkish forces")


def where_places(places: list[Place]) -> list[Place]:
    """The places that may say where something happened. A nationality word names who acts
    ("Turkish forces shelled ... Tell Abiad", "Saudi aircraft flew over Socotra"), so the country
    it implies places an event only when the text names no place of its own."""
    named = [p for p in places if p.via != DEMONYM and p.lat is not None]
    return named if named else places


def dateline_place(places: list[Place], text: str) -> Place | None:
    """The place a story's dateline names, the strongest evidence of where it happened."""
    for p in places:
        if p.start > DATELINE_REACH:
            break
        if p.lat is None or not _DATELINE_AFTER.match(text[p.end : p.end + 6]):
            continue
        if _DATELINE_BEFORE.match(text[: p.start]):
            return p
    return None


def article_place(places: list[Place], text: str) -> Place | None:
    """The article's main place (a unit placed at its seat town): its dateline's place, else its
    first finer-than-country place; without any found place, the first place a locative phrase
    of the text names ("in Kubwa (Abuja LGA, FCT)")."""
    found = dateline_place(places, text) or _article_place(places, text)
    if found is None:
        props = phrase_places(text, (0, len(text)), text_country(places, text))
        found = props[0].place if props else None
    return at_seat(found, text)


def _article_place(places: list[Place], text: str) -> Place | None:
    """The article's main place: the first finer-than-country place, else the first place."""
    main = weighted_country(places, text)
    located = [
        p for p in where_places(places) if p.lat is not None and (main is None or p.country_code == main)
    ]
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


# A country name used as the adjective of a currency or a sponsor is no place of the text:
# "the high US dollar exchange rate", "Saudi-led coalition", "Turkey-backed factions".
_ATTRIBUTIVE = re.compile(
    r"^(?:\s+(?:dollars?|pounds?|euros?|lira|rupees?|currency)\b|[-\s](?:led|backed|based|funded|brokered)\b)",
    re.IGNORECASE,
)


# A country a group sides with or against is no place of the text: "pro-Turkey factions".
_SIDE_TAKEN = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)


def usable_places(places: list[Place], entities: list[Entity], text: str) -> list[Place]:
    """Places that are not in fact a group or person the entity finder or actor lexicon knows."""
    blocked = [(e.start, e.end) for e in entities if e.kind in _NOT_PLACE_KINDS]
    blocked += [(s, e) for s, e, _g in groups_in(text)]
    return [
        p
        for p in places
        if not any(s < p.end and p.start < e for s, e in blocked)
        and not (p.precision == "country" and _ATTRIBUTIVE.match(text[p.end : p.end + 12]))
        and not (p.precision == "country" and _SIDE_TAKEN.search(text[max(0, p.start - 5) : p.start]))
    ]


# --- Place phrases: "in X (Y, Z)", "X village of Y district, Z", "in X, Y" -----------------

# Lower-case particles inside place names ("Dand wa Patan", "Ras al Ain", "Santa Cruz de la Sierra").
_PARTICLE = (
    r"(?:a|e|al|el|ad|ar|as|at|an|ash|az|wa|de|del|della|di|do|da|dos|das|du|des|la|le|los|las|bin|ibn|y)"
)
_WORD = r"[A-Z][\w'’.-]*[\w]"
_NAME = rf"{_WORD}(?:[ ](?:{_PARTICLE}[ ]){{0,2}}(?:{_PARTICLE}-)?{_WORD}){{0,4}}"
# Words that say what kind of unit a name is; the admin ones ask for an area entry.
_ADMIN_KINDS = (
    "district|sub-district|subdistrict|province|governorate|county|region|municipality|state|"
    "department|upazila|tehsil|taluka|block|commune|prefecture|territory|oblast|raion|division|"
    "zone|municipal council|local government area|LGA|township|mandal|sub-?division|arrondissement|"
    "payam|woreda|barangay"
)
_KIND = (
    rf"(?i:(?:(?:port|border|coastal|frontier|market|capital)\s+)?"
    rf"(?:village|town|city|area|neighbourhood|neighborhood|locality|camp|quarter|settlement|"
    rf"sector|front|frontline|axis|countryside|{_ADMIN_KINDS})(?:\s+(?:area|center|centre))?)"
)
_DIRECTION = r"(?:(?:north|south|east|west|central)(?:ern|-?eastern|-?western)?\s+)"
_INTRO = re.compile(
    rf"(?:\b(?i:in|near|at|outside|around|on|into|inside|across|towards?|coded as|coded to)\s+(?:the\s+)?"
    rf"(?:{_KIND}\s+of\s+)?"
    rf"|\b(?:{_KIND}s?|areas|outskirts|suburbs?|countryside|vicinity|parts|entrance|edge|heart|centre|center|"
    rf"fringes|(?:north|south)?(?:east|west)|"
    rf"north|south)\s+of\s+(?:the\s+)?)(?=[A-Z])"
)
# A name directly followed by its admin parenthetical, without a preposition: "attacked Nacoba
# village (Quissanga, Cabo Delgado)"; kept only when the parenthetical resolves.
_BARE = re.compile(rf"(?<![\w'’-])(?={_NAME}(?:\s+{_KIND})?\s*\([A-Z])")
_HEAD = re.compile(rf"(?P<name>{_NAME})(?:\s+(?P<kind>{_KIND})\b)?")
_PAREN = re.compile(r"\s*\((?P<body>[^()]{2,120})\)")
# "Maracas, Tunapuna/Piarco": a joint unit is read by its first name.
_COMMA = re.compile(rf",\s+(?P<name>{_NAME})(?:\s+(?P<kind>{_KIND})\b)?(?=[\s,.;:)(/]|$)")
_OF_IN = re.compile(
    rf"\s+(?:of|in|near)\s+(?:the\s+)?{_DIRECTION}?(?:{_KIND}\s+of\s+)?(?P<name>{_NAME})"
    rf"(?:\s+(?P<kind>{_KIND})\b)?"
)
_KIND_WORD = re.compile(rf"^(?P<pre>{_KIND})\s+of\s+|\s+(?P<post>{_KIND})$", re.IGNORECASE)
_ADMIN_KIND = re.compile(rf"^(?:{_ADMIN_KINDS})$", re.IGNORECASE)
_FACILITY = re.compile(
    r"(?i:airport|airbase|base|prison|hospital|club|university|college|school|stadium|market|bridge|"
    r"road|highway|station|office|mosque|church|complex|square|port|camp|checkpoint|court)"
)
_TOWN_KIND = re.compile(r"^(?:village|town|city)$", re.IGNORECASE)
# A place entry this close to a city named as the enclosing unit lies in it ("Abu Salim (Tripoli)").
NEAR_CITY_KM = 40.0  # a city district or suburb; the dev notes' quarters lie within 15 km
# A found reading of a phrase's head this close to the unit's point is taken though the
# gazetteer files it under a neighbouring unit; 150 km spans a province around its point
# (100 and 200 km were tried on the first 300 notes and items 300-1521: no better).
HEAD_NEAR_UNIT_KM = 150.0
# A found reading of the head this populous is taken wherever it lies in the unit's country: notes
# sometimes name the wrong province (5,000 to 50,000 tried on the ACLED dev notes: 10,000 best).
TRUSTED_HEAD_POPULATION = 10_000
MAX_CHAIN = 4  # names in one chain: village, admin3, admin2, admin1
UNIT_FALLBACK = "phrase-unit"  # ``via`` of a phrase place that is the unit around an unknown head


@dataclass(frozen=True, slots=True)
class _Name:
    """One name of a place phrase, with the unit word that followed it."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A place read off a phrase: the resolved entry and whether the head name itself was found."""

    place: Place
    head_found: bool
    in_context: bool
    unit: Candidate | None = None  # the enclosing unit the phrase names, when resolved


def _named(start: int, name: str, kind: str | None) -> _Name:
    """A phrase name, its trailing capitalised unit word moved to ``kind`` ("Shahjadpur Upazila")."""
    head, _, last = name.rpartition(" ")
    if head and not kind and re.fullmatch(_KIND, last):
        return _Name(start, start + len(head), head, last.lower())
    return _Name(start, start + len(name), name, (kind or "").lower())


def _chain(text: str, start: int, end: int) -> list[_Name]:
    """The head name at ``start`` followed by its enclosing units, innermost first."""
    m = _HEAD.match(text, start, end)
    if m is None:
        return []
    names = [_named(m.start("name"), m.group("name"), m.group("kind"))]
    pos = m.end()
    while len(names) < MAX_CHAIN:
        paren = _PAREN.match(text, pos, end)
        if paren is not None:
            body_at = paren.start("body")
            for part in re.finditer(r"[^,]+", paren.group("body")):
                raw = part.group().strip()
                # one unit word, before ("City of Cape Town") or after ("Poonch district")
                kind = _KIND_WORD.search(raw)
                name = _KIND_WORD.sub("", raw, count=1).strip()
                if name[:1].isupper():
                    at = body_at + part.start() + part.group().find(raw)
                    word = (kind.group("pre") or kind.group("post")).lower() if kind else ""
                    names.append(_Name(at, at + len(raw), name, word))
            break
        nxt = _COMMA.match(text, pos, end) or _OF_IN.match(text, pos, end)
        if nxt is None:
            break
        names.append(_named(nxt.start("name"), nxt.group("name"), nxt.group("kind")))
        pos = nxt.end()
    return names[:MAX_CHAIN]


def _inside(c: Candidate, outer: Candidate) -> bool:
    """Whether entry ``c`` lies in the unit ``outer``."""
    if c.index == outer.index:
        return False
    if AREA in (c.feature, outer.feature):
        return _area_inside(c, outer)
    if c.country_code != outer.country_code:
        return False
    if outer.feature in ("PCLI", "CONT"):
        return True
    if c.feature == "ADM1" or (c.feature == "ADM2" and outer.feature != "ADM1"):
        return False  # a unit is not inside a unit of its own rank, a finer one or a town
    if outer.feature == "ADM1":
        return c.admin1_code == outer.admin1_code
    if outer.feature == "ADM2" and c.admin2_code:
        return (c.admin1_code, c.admin2_code) == (outer.admin1_code, outer.admin2_code)
    # A city named as the enclosing unit often stands for its province ("(Larkana, Sindh)").
    near = distance_km(c.lat, c.lon, outer.lat, outer.lon) <= NEAR_CITY_KM
    return near or (outer.feature in ("PPL", "PPLC") and c.admin1_code == outer.admin1_code)


AREA = "ADM3"  # feature of a district or sub-district read from the areas, not the gazetteer
# An area lies in a province named after the parent the areas file gives it, or this near the
# province's point; in a district or town this near its point (a sub-district spans 20-60 km).
AREA_IN_PROVINCE_KM = 300.0
AREA_IN_DISTRICT_KM = 120.0  # 60 and 120 tried on the ACLED dev notes: Indian districts span 120 km
AREA_NEAR_KM = 60.0
# A parent name this close to the province's name (rapidfuzz ratio of skeletons) is that province.
AREA_PARENT_RATIO = 80.0


def _area_inside(c: Candidate, outer: Candidate) -> bool:
    """Whether an entry lies in a unit when either is a district area (points, no admin codes).

    The areas file files some border districts under the neighbouring country; a point this near
    the unit's own point lies in it whatever its country says.
    """
    if c.feature == "ADM1":
        return False
    km = unit_km(c.lat, c.lon, outer)
    same_country = c.country_code == outer.country_code
    if outer.feature in ("PCLI", "CONT"):
        return same_country
    if outer.feature == "ADM1":
        area = get_areas().at_row(_area_row(c)) if c.feature == AREA else None
        parent = area.parent if area is not None else ""
        named = bool(parent) and fuzz.ratio(skeleton(parent), skeleton(outer.name)) >= AREA_PARENT_RATIO
        return (same_country and (km <= AREA_IN_PROVINCE_KM or named)) or km <= AREA_NEAR_KM
    limit = AREA_NEAR_KM if outer.feature == AREA else AREA_IN_DISTRICT_KM
    return km <= AREA_NEAR_KM or (same_country and km <= limit)


def _area_row(c: Candidate) -> int:
    """The areas-file row of an area candidate (its index counts down from -1)."""
    return -c.index - 1


def _areas_for(name: str, outer: Candidate | None, country: str | None) -> list[Candidate]:
    """Areas a unit name of a chain may be: any inside a resolved outer unit (it decides), those of
    the text's country, else the one area of that name anywhere when there is only one."""
    if outer is not None:
        return _area_candidates(name, None, respelled=True)
    if country:
        return _area_candidates(name, country)
    anywhere = _area_candidates(name, None)
    return anywhere if len(anywhere) == 1 else []


def _area_candidates(name: str, country_code: str | None, respelled: bool = False) -> list[Candidate]:
    """Districts and sub-districts called ``name`` (of one country, if given) as gazetteer-like entries.

    Respellings are read only where an enclosing unit checks them.
    """
    if len(fold_text(name)) < FUZZY_MIN_LEN - 1:
        return []
    out = []
    for a in get_areas().named(name, country_code, respelled):
        index = -(a.row + 1)  # never a gazetteer row; see _area_row
        out.append(Candidate(index, 0, a.name, a.lat, a.lon, a.country_code, "", "", 0, AREA))
    return out


def _lookup(g: Gazetteer, n: _Name, country: str | None) -> list[Candidate]:
    """Entries for a name of a phrase, the likeliest reading first.

    The name with its unit word ("Muqur district") comes before the bare name; an admin unit word
    asks for an area entry, a settlement word ("Multan city") for a town; the text's country
    is preferred, not required (a note may name a neighbour's forces or currency).
    """
    cands = g.lookup(f"{n.text} {n.kind}") if n.kind else []
    seen = {c.index for c in cands}
    cands += [c for c in g.lookup(n.text) if c.index not in seen]
    cands = [c for c in cands if c.feature not in ("PCLI", "CONT")]
    area = bool(_ADMIN_KIND.match(n.kind))
    town = bool(_TOWN_KIND.match(n.kind))
    key = fold_text(n.text)

    def rank(c: Candidate) -> tuple[bool, bool]:
        is_area = c.feature in ("ADM1", "ADM2")
        return (
            bool(country) and c.country_code != country,
            (area and not is_area) or (town and (is_area or fold_text(c.name) != key)),
        )

    cands.sort(key=rank)  # stable: keeps the gazetteer's ranking within each group
    return cands


def _head_in_country(g: Gazetteer, head: _Name, cands: list[Candidate], country: str) -> list[Candidate]:
    """A head's readings in a country, else its respellings there."""
    found = [c for c in cands if c.country_code == country]
    if not found and FUZZY_IN_COUNTRY:
        found = _fuzzy(g, head.text, country, "", None, FUZZY_IN_COUNTRY_MIN_RATIO)
    return found


def _prominent(c: Candidate) -> bool:
    """A province or a big city: the reading a name of the text's country has over a foreign village's."""
    return c.feature in ("ADM1", "PPLC") or c.population >= CITY_POPULATION


def _split_head(names: list[_Name]) -> list[_Name]:
    """A run-on head split into place and province ("Tijuana Baja California"), when both are known."""
    g = get_gazetteer()
    head = names[0]
    if g.has_name(fold_text(head.text)):
        return names
    city, dash, _ = head.text.partition("-")
    if dash and " " not in city and len(city) >= FUZZY_MIN_LEN and g.has_name(fold_text(city)):
        # "Athens-Central Athens", "Mogadishu-Dharkenley": a city and one of its districts
        return [_Name(head.start, head.start + len(city), city, "city"), *names[1:]]
    words = head.text.split(" ")
    if _FACILITY.fullmatch(words[-1]):
        # A site named after its town ("Donetsk Airport", "Uitenhage Provincial Hospital").
        for cut in range(len(words) - 1, 0, -1):
            first = " ".join(words[:cut])
            if g.has_name(fold_text(first)):
                return [_Name(head.start, head.start + len(first), first, "town"), *names[1:]]
    for cut in range(len(words) - 1, 0, -1):
        first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        units = [c for c in g.lookup(rest) if c.feature in ("ADM1", "ADM2")]
        # only a unit that holds a reading of the first part ("Hodeidah Red Sea port" is no Red Sea state)
        if units and any(_inside(c, u) for c in g.lookup(first) for u in units):
            at = head.start + len(first) + 1
            return [
                _Name(head.start, head.start + len(first), first, ""),
                _Name(at, head.end, rest, head.kind),
                *names[1:],
            ]
    return names


def _resolve_chain(
    g: Gazetteer, names: list[_Name], country: str | None
) -> tuple[Candidate, bool, Candidate | None] | None:
    """The finest entry of a chain consistent with its enclosing units, outermost resolved first."""
    outer: Candidate | None = None
    for k in range(len(names) - 1, 0, -1):
        cands = _lookup(g, names[k], country)
        unit_country = outer.country_code if outer is not None else country
        if not cands and unit_country and FUZZY_IN_COUNTRY:
            # a respelled province, district or city of the country ("Ar-Raqqa"), else a district area
            loose = _fuzzy(
                g, names[k].text, unit_country, "", outer, FUZZY_IN_COUNTRY_MIN_RATIO, provinces=True
            )
            cands = [c for c in loose if c.feature in ("ADM1", "ADM2") or _prominent(c)]
        if not cands:
            cands = _areas_for(names[k].text, outer, country)
        if outer is not None:
            within = [c for c in cands if _inside(c, outer)]
            # When the finer unit is not inside the coarser one the gazetteer read (a city for
            # its province: "Nihm (Nihm, Sanaa)"), the finer unit of the same country wins; an area
            # has no admin codes to disagree on, so outside its unit it is another place.
            near = [c for c in cands if c.country_code == outer.country_code and c.feature != AREA]
            cands = within or near
        inner = [_lookup(g, n, country) or _area_candidates(n.text, None) for n in names[:k]]
        # "San Juan (San Juan)" is a town in the unit named after it: a town reading of the unit
        # would put San Juan beside itself, so another namesake near it is no support.
        twins = [fold_text(n.text) == fold_text(names[k].text) for n in names[:k]]
        support = {
            c.index: sum(
                any(_inside(x, c) for x in xs)
                for xs, twin in zip(inner, twins, strict=True)
                if not (twin and c.feature.startswith("PPL"))
            )
            for c in cands
        }
        if len(cands) > 1 and not any(support.values()):
            # no reading holds an inner name as spelled: one that holds a respelling of it
            # ("San Pedro de Ycuamandiyu (San Pedro)" is Paraguay's department)
            for c in cands[:MAX_RESPELL_READINGS]:
                if c.feature == "ADM1":
                    found = (_fuzzy(g, n.text, c.country_code, c.admin1_code, c) for n in names[:k])
                    support[c.index] = sum(bool(f) for f in found)
        # Another country's reading only when the inner names are found in it ("Punjab"); inside
        # a resolved unit, that unit has settled the country.
        if outer is None:
            cands = [c for c in cands if not country or c.country_code == country or support[c.index]]
        # ... and a big city of the text's country counts as supported against a foreign village that
        # happens to neighbour a namesake of the inner name ("the White House in central Moscow").
        foreign = [c for c in cands if c.country_code != country]
        if any(support[c.index] for c in foreign) and not any(_prominent(c) for c in foreign):
            for c in cands:
                if c.country_code == country and _prominent(c):
                    support[c.index] += 1
        # The reading under which the inner names are found wins ("La Plata (Buenos Aires)").
        cands.sort(key=lambda c: -support[c.index])
        if cands:
            outer = cands[0]
    if outer is None and any(c.feature == "PCLI" for c in g.lookup(names[0].text)):
        return None  # "in Lebanon" names the country, not a town that shares its name
    head = _lookup(g, names[0], country)
    if outer is None and country:
        head = _head_in_country(g, names[0], head, country)
    if outer is not None:
        # "Surat city (Surat, Gujarat)": the town is the very entry the parenthetical named.
        same = [c for c in head if c.index == outer.index and c.feature in ("PPL", "PPLC")]
        inside = same or [c for c in head if _inside(c, outer)]
        if outer.feature in ("PPL", "PPLC") and not same:
            # "near Opytne, Donetsk": of the namesakes around a town, the one nearest it.
            inside.sort(key=lambda c: distance_km(c.lat, c.lon, outer.lat, outer.lon))
        if not inside and outer.feature not in ("PCLI", "CONT", AREA):
            inside = _fuzzy(g, names[0].text, outer.country_code, outer.admin1_code, outer)
        if not inside:
            # A sub-district named as the place ("in Kolofata (Mayo-Sava, Extreme-Nord)").
            inside = [a for a in _area_candidates(names[0].text, None, respelled=True) if _inside(a, outer)]
            inside.sort(key=lambda c: distance_km(c.lat, c.lon, outer.lat, outer.lon))
        if inside:
            return inside[0], True, outer
        if outer.feature == AREA:
            # A district read off the areas that does not hold the head may be a namesake of the
            # note's unit: the head's own reading in the country comes first.
            loose = _head_in_country(g, names[0], head, outer.country_code)
            if loose:
                return loose[0], True, None
        return outer, False, outer
    if not head:
        # A district of the text's country (or of anywhere), when the name has one reading only.
        areas = _area_candidates(names[0].text, country)
        head = areas if len(areas) == 1 else []
    if head:
        return head[0], True, None
    return None


# Least rapidfuzz ratio (0-100) of two skeletons read as one name; chosen on notes 0-700 of the
# ACLED dev notes (lower admitted other villages of the same province).
FUZZY_MIN_RATIO = 88.0
# A town named as the enclosing unit stands for its surroundings: a respelled place farther away
# is a namesake (chosen on notes 0-700).
FUZZY_NEAR_KM = 100.0
# Whether a head with no enclosing unit is matched loosely across the text's country, and how
# closely: at the unit's 88 it picked far namesakes as often as the right village; at 92 (88, 92, 95
# tried on the ACLED dev notes) respellings of one name ("Tell Abiad"/"Tall Abyad") win.
FUZZY_IN_COUNTRY = True
FUZZY_IN_COUNTRY_MIN_RATIO = 92.0
# Readings of a unit searched for a respelled inner name when none holds it as spelled.
MAX_RESPELL_READINGS = 5
# Shorter folded names are too often another word or a different village to be matched loosely.
FUZZY_MIN_LEN = 5


@lru_cache(maxsize=256)
def _area_skeletons(country_code: str, admin1: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Row indexes of an area's entries and the skeletons of their names."""
    g = get_gazetteer()
    rows = rows_in(country_code, admin1)
    return rows, tuple(skeleton(g.candidate(i).name) for i in rows)


def _fuzzy(
    g: Gazetteer,
    name: str,
    country_code: str,
    admin1: str,
    outer: Candidate | None,
    min_ratio: float = FUZZY_MIN_RATIO,
    provinces: bool = False,
) -> list[Candidate]:
    """Entries of an area whose name is another spelling of ``name``, closest and biggest first
    (provinces among them only when asked: a unit name may be one, a head rarely is)."""
    if len(fold_text(name)) < FUZZY_MIN_LEN:
        return []
    key = skeleton(name)
    rows, skels = _area_skeletons(country_code, admin1)
    hits = process.extract(key, skels, scorer=fuzz.ratio, score_cutoff=min_ratio, limit=None)
    cands = []
    for skel, score, i in hits:
        c = g.candidate(rows[i])
        if skel[:1] != key[:1] or c.feature in ("PCLI", "CONT") or (c.feature == "ADM1" and not provinces):
            continue
        if outer is not None and not _inside(c, outer):
            continue
        near = outer is None or outer.feature in ("ADM1", "ADM2")
        if not near and outer is not None and distance_km(c.lat, c.lon, outer.lat, outer.lon) > FUZZY_NEAR_KM:
            continue
        cands.append((score, prior(c), c))
    cands.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [c for _, _, c in cands]


def _to_place(g: Gazetteer, c: Candidate, n: _Name) -> Place:
    """A Place record for an entry read off a phrase (a district area is an admin2-level place)."""
    place = candidate_place(g, c, n.start, n.end, n.text, 0.6, "phrase")
    return replace(place, precision="admin2", feature=AREA) if c.feature == AREA else place


def lies_in(p: Place, unit: Candidate) -> bool:
    """Whether a found place lies in the unit a phrase names (a namesake elsewhere does not)."""
    g = get_gazetteer()
    if p.country_code != unit.country_code or p.lat is None or p.lon is None:
        return False
    if unit.feature == "ADM1":
        return p.admin1 == g.admin_name(unit.country_code, unit.admin1_code)
    if unit.feature == "ADM2":
        return p.admin2 == g.admin_name(unit.country_code, unit.admin1_code, unit.admin2_code)
    return lies_near(p, unit)


def unit_km(lat: float, lon: float, unit: Candidate) -> float:
    """Distance from a point to a unit: to its point or to the middle of its places, the nearer.

    The reach constants here were set when a province's point was the middle of its places;
    a province placed at a stated point keeps that middle for these tests (Burgersfort lies
    139 km from the middle of Limpopo's towns, 164 km from its stated point).
    """
    km = distance_km(lat, lon, unit.lat, unit.lon)
    clat, clon = get_gazetteer().centre(unit)
    if (clat, clon) != (unit.lat, unit.lon):
        km = min(km, distance_km(lat, lon, clat, clon))
    return km


def _sole_town(p: Place) -> bool:
    """Whether the gazetteer knows one town only by this place's name in its country."""
    towns = [c for c in get_gazetteer().lookup(p.text, p.country_code) if c.feature in ("PPL", "PPLC")]
    return len(towns) == 1


def lies_near(p: Place, unit: Candidate) -> bool:
    """Whether a found place lies within a city's reach of a unit's point, in its country."""
    if p.country_code != unit.country_code or p.lat is None or p.lon is None:
        return False
    return distance_km(p.lat, p.lon, unit.lat, unit.lon) <= NEAR_CITY_KM


# Weights of the evidence for the country a text is about: a chain whose units agree ("Kamonyi
# village (Uvira, Sud-Kivu)") is the surest, a named province or district next, then a country named
# as a place, a big city, any town. A demonym ("Turkish forces") often names the other side.
W_CHAIN = 2.0
W_UNIT = 1.5
W_COUNTRY_NAMED = 1.5
W_CITY = 1.5
W_TOWN = 1.0
W_DEMONYM = 0.5
CITY_POPULATION = 100_000


def weighted_country(places: list[Place], text: str) -> str | None:
    """ISO code of the country most of the text's place evidence points to, when a majority does."""
    key = tuple((p.country_code, p.precision, p.population, p.via, p.lat is None) for p in places)
    return _weighted_country(key, text)


@lru_cache(maxsize=64)
def _weighted_country(places: tuple[tuple[str | None, str, int, str, bool], ...], text: str) -> str | None:
    """:func:`weighted_country` over (country code, precision, population, via, unlocated) tuples."""
    votes: dict[str, float] = {}

    def vote(cc: str | None, w: float) -> None:
        if cc:
            votes[cc] = votes.get(cc, 0.0) + w

    for cc, precision, population, via, unlocated in places:
        if unlocated:
            continue
        if via == "demonym":
            vote(cc, W_DEMONYM)
        elif precision == "country":
            vote(cc, W_COUNTRY_NAMED)
        elif precision in ("admin1", "admin2"):
            vote(cc, W_UNIT)
        else:
            vote(cc, W_CITY if population >= CITY_POPULATION else W_TOWN)
    # The chains are read in the country the places point to, so that a foreign namesake pair
    # ("White House" and "Moscow" in one US state) does not vote for itself.
    for prop in phrase_places(text, (0, len(text)), _majority(votes)):
        if prop.unit is not None and prop.head_found:  # the head was found inside its unit
            vote(prop.unit.country_code, W_CHAIN)
    return _majority(votes)


def _majority(votes: dict[str, float]) -> str | None:
    """The country with more than half of the weight, if any."""
    if not votes:
        return None
    best = max(votes, key=lambda cc: votes[cc])
    return best if votes[best] * 2 > sum(votes.values()) else None


def text_country(places: list[Place], text: str) -> str | None:
    """ISO code of the text's country: most of its place evidence, else the country of a named
    group it mentions, else a demonym it uses."""
    main = weighted_country(places, text)
    if main:
        return main
    g = get_gazetteer()
    # a named group of one country ("Al Shabaab militants shot ... in Ceel Buur town")
    for _start, _end, group in groups_in(text):
        names = g.lookup(group.country) if group.country else []
        entry = next((c for c in names if c.feature == "PCLI"), None)
        if entry is not None:
            return entry.country_code
    for m in re.finditer(r"\b[A-Z][a-z]+(?:i|n|ese|ish|ch|ian)\b", text):
        cc = g.country_for_demonym(m.group())
        if cc:
            return cc
    return None


# One-word heads that name a month, a day, a title or a common noun rather than the towns they
# also spell somewhere (the geoparser's own word lists).
_NOT_PLACE_WORDS = MONTHS_DAYS | TITLES | COMMON_WORDS


def phrase_places(text: str, span: tuple[int, int], country: str | None) -> list[Proposal]:
    """Places proposed by the locative phrases of a span, in text order."""
    g = get_gazetteer()
    lo, hi = span
    starts = [(m.end(), False) for m in _INTRO.finditer(text, lo, hi)]
    starts += [(m.start(), True) for m in _BARE.finditer(text, lo, hi)]
    out: list[Proposal] = []
    covered = -1  # end of the last chain read: its names are not heads of their own
    for at, bare in sorted(starts):
        if at < covered or _NOT_HERE.search(text[max(lo, at - 40) : at]) or inside_parenthetical_at(text, at):
            continue
        names = _chain(text, at, hi)
        if not names:
            continue
        covered = max(n.end for n in names)
        if fold_text(names[0].text) in _NOT_PLACE_WORDS:
            continue  # "on June 16", "near the Minister's house": a word, not a place
        names = _split_head(names)
        got = _resolve_chain(g, names, country)
        if got is None or (bare and got[2] is None):
            continue
        cand, head_found, unit = got
        place = _to_place(g, cand, names[0])
        if not head_found:
            place = replace(place, via=UNIT_FALLBACK)
        out.append(Proposal(place, head_found, unit is not None, unit))
    return out
