"""Choosing one gazetteer entry per toponym from document context."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsevents.models import Place
from newsevents.resolve.gazetteer import Candidate, Gazetteer, distance_km, fold_name, name_score

# Weights of the context features, tuned by hand on a small sample of the dev sets
# (they move acc@161km by a few points each; the prior alone decides when there is no context).
W_COUNTRY = 1.2  # the candidate lies in a country the document names (0.6-1.5 tried: flat, 1.2 best)
W_ADMIN1 = 1.1  # ... in a state/province the document names
W_CONTAINS = 0.8  # a town and a county the article names could be the town in that county
# (0.6-2.0 tried: 0.6-1.0 flat on LGL, 1.5 and 2.0 lost towns to namesake counties)
W_COMMA = 2.5  # "Springfield, Ohio": the next words name the candidate's admin1 or country
W_NEAR = 0.8  # within NEAR_KM of another place the document mentions
W_DISTANCE = 1.5  # agrees with a stated distance ("150 kilometres from Kabul")
W_TYPE = 2.5  # the words around it name its type ("Ghazni province", "the city of X");
# 2.0-3.0 tried: "Washington state" must beat the capital, 2.5 and 3.0 scored the same
W_ABBREVIATION = 3.0  # "Kan.", "W.Va." are US states, whatever else shares the letters
W_CALLED = 10.0  # a town the article calls by its own name is not also meant by another of its names
# A small town reached by another of its names (an old name, a neighbourhood's) yields to towns
# that bear the name: GeoNames keeps "Oxford" for Ashley, Ohio, "Arlington" for Ship Bottom.
# 0.5 and 0.7 scored the same on both sets; 1.0 lost Madison Township to Madison.
W_OTHER_NAME = 0.5
OTHER_NAME_POP = 100_000  # ... a city this big keeps its other names ("Calcutta", "Léopoldville")
SPELLING_RATIO = 75.0  # rapidfuzz ratio of folded names at or above which they are one name's spellings
MAX_CANDIDATES = 15  # by prior; deeper candidates never won on the dev samples
W_VOTE = 0.2  # per other name that could lie in the same area (0.4 and 0.6 tried: worse)
MAX_VOTES = 3
W_HOME = 2.5  # the candidate lies in the story's home country (0.5, 1.0, 1.5, 2.5 tried; 2.5 best)
MIN_HOME = 1  # names found in one country only that make it the home (no name elsewhere)
PASSES = 3  # resolution passes; the third adds states resolved in the second (2 and 3 tried)
DOMINANT_FEATURES = frozenset({"PPL", "PPLC", "ADM2", "ADM1"})
# A continent or a country ending a longer name is still itself ("sub-Saharan Africa",
# "Environment Canada"): a doubtful mention is dropped only as a province, district or town.
BROAD_FEATURES = frozenset({"CONT", "PCLI"})
MIN_DOMINANT = 2  # resolved names in one state that make it the article's state (2 and 3 tried)
DOMINANT_RATIO = 2  # ... at least this many times the runner-up's (1, 2, 3 tried; 2 best)
LOCAL_FEATURES = frozenset({"PPL", "PPLC", "ADM2"})
TOWN_FEATURES = frozenset({"PPL", "PPLC"})
COUNTY_WORDS = ("county", "parish")  # "Oxford" may be Oxford County where it holds the story's towns
NEAR_KM = 150.0  # local news places cluster within a county or two
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "ADM1": ("province", "state", "region", "governorate", "oblast", "prefecture"),
    "ADM2": ("county", "district", "parish", "borough", "municipality"),
    "PPL": ("city", "town", "village", "township"),
    "PPLC": ("capital",),
}
# Features a type word can name: "Jerusalem city" is the national capital as much as any town
# ("city" must not hand the name to a village elsewhere), "Darfur region" a multi-province region.
TYPE_FEATURES: dict[str, frozenset[str]] = {
    "ADM1": frozenset({"ADM1", "RGN"}),
    "ADM2": frozenset({"ADM2"}),
    "PPL": frozenset({"PPL", "PPLC"}),
    "PPLC": frozenset({"PPLC"}),
}
# Inside an office's name ("Dublin City Council", "Paris City Hall") the type word is the town
# government's title, which local news gives its own town, not a capital of the same name.
OFFICE_TYPE_FEATURES: dict[str, frozenset[str]] = {**TYPE_FEATURES, "PPL": frozenset({"PPL"})}
DISTANCE_RE = re.compile(
    r"(\d[\d,.]*)\s*(km|kilometres|kilometers|miles|mi)\b[^.;]{0,40}?\b(from|of|outside)\s+$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Mention:
    """A detected toponym span waiting for resolution."""

    start: int
    end: int
    text: str
    key: str  # folded gazetteer key
    via: str  # "ner", "gazetteer" or "demonym"
    country: str | None = None  # set for demonyms
    type_hint: str = ""  # ADM1 / ADM2 / PPL from the surrounding words
    type_in_name: bool = False  # the type word opens an office's name ("Dublin City Council")
    comma_key: str = ""  # folded words after a comma ("Springfield, Ohio" -> "ohio")
    anchor_km: float | None = None  # a stated distance to the next mention
    anchor_key: str = ""
    cands: list[Candidate] = field(default_factory=list)
    rest: list[Candidate] = field(default_factory=list)  # lower-prior entries past MAX_CANDIDATES
    local: bool = False  # its most plausible reading is a town or county, not a country or state
    area: Candidate | None = None  # its most plausible reading is this country or state
    context_only: bool = False  # steers the other names but is not reported as a place
    # found on weak evidence (a name the model took for a person): reported only where it lies in a
    # country the article's other places lie in, when they lie anywhere
    doubtful: bool = False


def _reading(m: Mention) -> str:
    """The key of one reading of a name: the name, and the type word around it if any."""
    return f"{m.key}|{m.type_hint}" if m.type_hint else m.key


def _name(reading: str) -> str:
    """The name a reading key belongs to: "hanover|PPL" ("Hanover police") is "hanover"."""
    return reading.partition("|")[0]


def _near(lat: float, lon: float, anchors: list[tuple[float, float]]) -> bool:
    """Whether a point lies within NEAR_KM of any anchor (equirectangular, fast enough here)."""
    cos = math.cos(math.radians(lat))
    lim = (NEAR_KM / 111.2) ** 2
    return any((la - lat) ** 2 + ((lo - lon) * cos) ** 2 < lim for la, lo in anchors)


@dataclass(slots=True)
class _Context:
    """What the rest of the document says about where it is."""

    countries: dict[str, set[str]]  # "US" -> keys of the mentions placing the text there
    admin1s: dict[str, set[str]]  # "US.OH" -> keys of the mentions naming it
    anchors: list[tuple[float, float, str]]  # points of other resolved places and their key
    resolved: dict[str, Candidate]
    cells: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # 1-degree cell -> keys
    home: str = ""  # the only country the article's unambiguous names lie in (local news)
    counties: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)  # county readings
    towns_in: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)  # town readings
    called: set[int] = field(default_factory=set)  # towns the article calls by their own name


def _contained(m: Mention, c: Candidate, ctx: _Context) -> bool:
    """Whether another name of the article may be the county holding a town reading, or a town
    inside a county reading ("Paris" and "Henry County")."""
    if not c.admin2_code or not _may_be_local(m):
        return False
    table = ctx.counties if c.feature in TOWN_FEATURES else ctx.towns_in if c.feature == "ADM2" else {}
    return bool(table.get((c.country_code, c.admin1_code, c.admin2_code), set()) - {m.key})


def _may_be_local(m: Mention) -> bool:
    """Whether a name may stand for a town or county here: its usual reading is one, or it is a
    country's name, which local news gives its towns ("Lebanon" next to "Boone County"); a
    state's name in its own country means the state ("Texas" next to "Houston")."""
    return m.local or (m.area is not None and m.area.feature == "PCLI")


def _cells(mentions: list[Mention]) -> dict[tuple[int, int], set[str]]:
    """Which mentions could lie in each 1-degree cell (any of their local candidates; only its own
    point for a name that is a national capital first: "Buenos Aires" does not vouch for the
    Mexican villages of that name, nor so for a Córdoba among them)."""
    cells: dict[tuple[int, int], set[str]] = {}
    for m in mentions:
        capital = bool(m.cands) and m.cands[0].feature == "PPLC"
        for c in m.cands:
            if c.feature in LOCAL_FEATURES and (not capital or c is m.cands[0]):
                cells.setdefault((math.floor(c.lat), math.floor(c.lon)), set()).add(m.key)
    return cells


def _votes(c: Candidate, key: str, cells: dict[tuple[int, int], set[str]]) -> int:
    """Other names of the article that have a reading within about a degree of a candidate."""
    la, lo = math.floor(c.lat), math.floor(c.lon)
    keys: set[str] = set()
    for dla in (-1, 0, 1):
        for dlo in (-1, 0, 1):
            keys |= cells.get((la + dla, lo + dlo), set())
    keys.discard(key)
    return len(keys)


def _initial_context(mentions: list[Mention]) -> _Context:
    """Countries and admin1 areas named unambiguously enough to steer the rest."""
    countries: dict[str, set[str]] = {}
    admin1s: dict[str, set[str]] = {}
    for m in mentions:
        if m.country:
            countries.setdefault(m.country, set()).add(m.key)
            continue
        if not m.cands:
            continue
        top = m.cands[0]
        if top.feature in ("PCLI", "RGN"):  # "Darfur" places the story in Sudan
            countries.setdefault(top.country_code, set()).add(m.key)
        elif top.feature == "ADM1":
            admin1s.setdefault(f"{top.country_code}.{top.admin1_code}", set()).add(m.key)
            countries.setdefault(top.country_code, set()).add(m.key)
    ctx = _Context(countries, admin1s, [], {})
    for m in mentions:
        if not _may_be_local(m):  # "Texas" and "Houston" are no county and town of Missouri
            continue
        for c in m.cands:
            if not c.admin2_code:
                continue
            unit = (c.country_code, c.admin1_code, c.admin2_code)
            if c.feature == "ADM2":
                ctx.counties.setdefault(unit, set()).add(m.key)
            elif c.feature in TOWN_FEATURES:
                ctx.towns_in.setdefault(unit, set()).add(m.key)
    return ctx


def _score(g: Gazetteer, m: Mention, c: Candidate, ctx: _Context) -> float:
    """Plausibility of one reading of a mention given the rest of the article."""
    if c.geonameid in ctx.called and c.feature in TOWN_FEATURES and _other_name(m.key, c):
        return -W_CALLED
    s = name_score(m.key, c, m.cands)
    if c.feature in TOWN_FEATURES and c.population < OTHER_NAME_POP and _unlike(m.key, c, ctx.called):
        s -= W_OTHER_NAME
    if m.text in g.state_abbreviation_forms and c.feature == "ADM1" and c.country_code == "US":
        s += W_ABBREVIATION
    town = _area_town(m, c)
    if town == "state":
        return s  # "California" next to "Pennsylvania" is the state, not the town there
    keys = ctx.countries.get(c.country_code)
    if keys and (len(keys) > 1 or m.key not in keys) and not town:
        s += W_COUNTRY
    if ctx.home and c.country_code == ctx.home:
        s += W_HOME
    if c.feature != "ADM1":
        keys = ctx.admin1s.get(f"{c.country_code}.{c.admin1_code}")
        if keys and (len(keys) > 1 or m.key not in keys):
            s += W_ADMIN1
    if _contained(m, c, ctx):
        s += W_CONTAINS
    if m.comma_key and _comma_agrees(g, m.comma_key, c, states_only=town == "country"):
        s += W_COMMA
    if m.type_hint and _type_agrees(m, c):
        s += W_TYPE
    if c.feature in ("PPL", "PPLC", "ADM2"):
        others = [(la, lo) for la, lo, k in ctx.anchors if k != m.key]
        if others and _near(c.lat, c.lon, others):
            s += W_NEAR
    if c.feature in LOCAL_FEATURES and ctx.cells and m.local:
        s += W_VOTE * min(_votes(c, m.key, ctx.cells), MAX_VOTES)
    if m.anchor_km and m.anchor_key in ctx.resolved:
        ref = ctx.resolved[m.anchor_key]
        d = distance_km(c.lat, c.lon, ref.lat, ref.lon)
        if 0.5 * m.anchor_km <= d <= 1.5 * m.anchor_km:
            s += W_DISTANCE
    return s


def _other_name(key: str, c: Candidate) -> bool:
    """Whether a name is another name of the town, not its own or a part of it: "Youngstown" is an
    old name of Mount Gilead, which a story that says "Mount Gilead" does not use for it;
    "Avondale" is short for "Avondale Estates"."""
    return f" {key} " not in f" {fold_name(c.name)} "


def _unlike(key: str, c: Candidate, called: set[int]) -> bool:
    """Whether a name is another name of a town, or a part of its name, not a spelling of it:
    "Oxford" for Ashley, Ohio (its old name), "Paris" for New Paris, not "St. Paris" for Saint
    Paris or "Dogubayazit" for Doğubayazıt. A part is the town's short name where the article
    also calls it by its whole name ("Avondale" after "Avondale Estates")."""
    return c.geonameid not in called and fuzz.ratio(key, fold_name(c.name)) < SPELLING_RATIO


def _type_agrees(m: Mention, c: Candidate) -> bool:
    """Whether the type word around a mention ("city", "province") names the candidate's kind."""
    table = OFFICE_TYPE_FEATURES if m.type_in_name else TYPE_FEATURES
    return c.feature in table.get(m.type_hint, ())


def _home_country(mentions: list[Mention]) -> str:
    """The country of a local story: all its names that exist in one country only lie there."""
    only: dict[str, set[str]] = {}
    for m in mentions:
        codes = {m.country} if m.country else {c.country_code for c in m.cands}
        if len(codes) == 1:
            only.setdefault(codes.pop() or "", set()).add(m.key)
    only.pop("", None)
    if len(only) != 1:
        return ""
    code, keys = next(iter(only.items()))
    return code if len(keys) >= MIN_HOME else ""


def _add_home_admin1(ctx: _Context, mentions: list[Mention]) -> None:
    """The state of a local story: its names that exist in one state only all lie there."""
    only: dict[str, set[str]] = {}
    for m in mentions:
        areas = {f"{c.country_code}.{c.admin1_code}" for c in m.cands}
        if len(areas) == 1 and m.cands[0].admin1_code:
            only.setdefault(areas.pop(), set()).add(m.key)
    if len(only) == 1:
        area, keys = next(iter(only.items()))
        ctx.admin1s.setdefault(area, set()).update(keys)


def _names_by(resolved: dict[str, Candidate], area_of: Callable[[Candidate], str]) -> dict[str, set[str]]:
    """The names resolved into each area, in the order first met ("Hanover" and "Hanover police"
    are one name); entries whose area is "" are left out."""
    out: dict[str, set[str]] = {}
    for k, c in resolved.items():
        area = area_of(c)
        if area:
            out.setdefault(area, set()).add(_name(k))
    return out


def _dominant_area(c: Candidate) -> str:
    """The state a resolved local place or state lies in, for `_add_dominant_admin1`."""
    return f"{c.country_code}.{c.admin1_code}" if c.admin1_code and c.feature in DOMINANT_FEATURES else ""


def _add_dominant_admin1(ctx: _Context) -> None:
    """The state most of the article's local places resolved into steers the rest."""
    ranked = sorted(_names_by(ctx.resolved, _dominant_area).items(), key=lambda kv: -len(kv[1]))[:2]
    if not ranked or len(ranked[0][1]) < MIN_DOMINANT:
        return
    if len(ranked) > 1 and len(ranked[1][1]) * DOMINANT_RATIO > len(ranked[0][1]):
        return
    area, names = ranked[0]
    ctx.admin1s.setdefault(area, set()).update(names)


def _area_town(m: Mention, c: Candidate) -> str:
    """Whether a candidate is a town named after the country or state the name usually means.

    "state": a town in that state's own country ("California, Pennsylvania"), which only its
    type word ("the city of") can choose; "country": a town anywhere named after a country
    ("Lebanon, Indiana"), which needs its state named, not just its country; "" otherwise.
    """
    area = m.area
    if area is None or c.feature not in ("PPL", "PPLC") or m.type_hint:
        return ""
    if area.feature == "ADM1":
        # a comma does not count: "Illinois, Missouri" in a list is two states, not a town
        return "state" if c.country_code == area.country_code else ""
    return "country"


def _comma_agrees(g: Gazetteer, comma_key: str, c: Candidate, states_only: bool = False) -> bool:
    """Whether "X, <comma_key>" names the candidate's admin1 area or country. A town named after
    a country is placed only by its state ("Lebanon, Indiana"): "China, Japan" is a list of two
    countries, not the Japanese village."""
    for alt in g.lookup_key(comma_key)[:5]:
        if alt.feature == "ADM1" and (alt.country_code, alt.admin1_code) == (
            c.country_code,
            c.admin1_code,
        ):
            return True
        if alt.feature == "PCLI" and alt.country_code == c.country_code and not states_only:
            return True
    return False


def resolve_mentions(g: Gazetteer, mentions: list[Mention]) -> list[Place]:
    """Resolve every mention; the same name resolves the same way throughout a document."""
    for m in mentions:
        if not m.country:
            every = g.lookup_key(m.key)
            m.cands, m.rest = every[:MAX_CANDIDATES], every[MAX_CANDIDATES:]
            if m.cands:
                scored = [(name_score(m.key, c, m.cands), c.feature) for c in m.cands]
                top = max(range(len(scored)), key=lambda i: scored[i][0])
                m.local = scored[top][1] in LOCAL_FEATURES
                m.area = m.cands[top] if scored[top][1] in ("ADM1", "PCLI") else None
    ctx = _initial_context(mentions)
    # Countries the text calls by name ("Ireland", "Texas"): towns resolved elsewhere do not outvote
    # them ("Elizabeth" and "Adrian" read as towns of the US in a story about Sligo). A demonym
    # names no country here ("the American Society of Plastic Surgeons").
    demonyms = {m.key for m in mentions if m.country}
    named = {code for code, keys in ctx.countries.items() if keys - demonyms}
    ctx.cells = _cells(mentions)
    ctx.home = _home_country(mentions)
    _add_home_admin1(ctx, mentions)
    ctx.anchors = [
        (m.cands[0].lat, m.cands[0].lon, m.key)
        for m in mentions
        if len(m.cands) == 1 and m.cands[0].feature in ("PPL", "ADM2")
    ]
    best_by_key: dict[str, tuple[float, Candidate, float]] = {}
    for _ in range(PASSES):  # later passes see where the earlier ones put the other places
        _widen(g, mentions, ctx)
        best_by_key = {}
        seen: set[tuple[str, str, str, float | None]] = set()
        for m in mentions:
            sig = (m.key, m.type_hint, m.comma_key, m.anchor_km)
            if not m.cands or sig in seen:
                continue
            seen.add(sig)
            ranked = sorted(((_score(g, m, c, ctx), c) for c in m.cands), key=lambda t: -t[0])
            best_s, best = ranked[0]
            margin = best_s - ranked[1][0] if len(ranked) > 1 else 2.0
            key = _reading(m)
            if key not in best_by_key or best_s > best_by_key[key][0]:
                best_by_key[key] = (best_s, best, margin)
        _one_town_per_name(best_by_key)
        ctx.resolved = {k: v[1] for k, v in best_by_key.items()}
        ctx.called = {
            c.geonameid for k, c in ctx.resolved.items() if c.geonameid and fold_name(c.name) == _name(k)
        }
        for k, c in ctx.resolved.items():  # "Georgia" read as the state now names the state
            if c.feature == "ADM1":
                ctx.admin1s.setdefault(f"{c.country_code}.{c.admin1_code}", set()).add(_name(k))
        ctx.anchors = list(
            {
                (round(c.lat, 1), round(c.lon, 1), _name(k)): None
                for k, c in ctx.resolved.items()
                if c.feature in ("PPL", "ADM2")
            }
        )
        # The country most names resolved into is context for the rest (local news).
        names_in = _names_by(ctx.resolved, lambda c: c.country_code)
        if names_in:
            code, names = max(names_in.items(), key=lambda kv: len(kv[1]))
            if len(names) >= 2 and (code in named or not named):
                ctx.countries.setdefault(code, set()).update(names)
        _add_dominant_admin1(ctx)
    sure = _sure_countries(mentions, best_by_key) if any(m.doubtful for m in mentions) else set()
    places: list[Place] = []
    for m in mentions:
        if m.context_only:
            continue
        if m.doubtful and m.cands and sure:
            best_doubtful = best_by_key[_reading(m)][1]
            if best_doubtful.country_code not in sure and best_doubtful.feature not in BROAD_FEATURES:
                continue  # "the town of Bara" in Idlib is not the Nigerian town the gazetteer knows
        if m.country:
            places.append(_place(g, m, g.country(m.country), 2.0))
        elif m.cands:
            _, best, margin = best_by_key[_reading(m)]
            places.append(_place(g, m, best, margin))
        else:
            places.append(_place(g, m, None, 0.0))
    return places


def _one_town_per_name(best_by_key: dict[str, tuple[float, Candidate, float]]) -> None:
    """One name, one town per article: "Paris City Council" and "Paris Junior College" are the
    same Paris, "Dublin City Council" sits in the Dublin the rest of the story is about. Where
    mentions chose different towns of one name, the best-supported reading wins for all of them
    (a province and its seat stay two)."""
    towns: dict[str, list[str]] = {}
    for k, (_s, c, _m) in best_by_key.items():
        if c.feature in TOWN_FEATURES:
            towns.setdefault(fold_name(c.name), []).append(k)
    for keys in towns.values():
        if len({best_by_key[k][1].geonameid for k in keys}) < 2:
            continue
        top = max(keys, key=lambda k: best_by_key[k][0])
        for k in keys:
            best_by_key[k] = best_by_key[top]


def _sure_countries(
    mentions: list[Mention], best_by_key: dict[str, tuple[float, Candidate, float]]
) -> set[str]:
    """Countries the article's reported places lie in, found on more than weak evidence."""
    sure = {m.country for m in mentions if m.country and not m.context_only}
    for m in mentions:
        best = best_by_key.get(_reading(m))
        if m.cands and not m.doubtful and not m.context_only and best is not None:
            sure.add(best[1].country_code)
    return sure


def _county_readings(g: Gazetteer, m: Mention, held: dict[tuple[str, str, str], set[str]]) -> list[Candidate]:
    """The county a bare name may stand for when it holds places the article is about: "Oxford"
    next to Woodstock and Tillsonburg is Oxford County, which holds both. Only a county that
    holds another name's resolved town (``held``: county -> names resolved to a town in it), and
    none of the name's own town readings."""
    if m.type_hint or m.country:
        return []
    own = {(c.country_code, c.admin1_code, c.admin2_code) for c in m.cands if c.feature in TOWN_FEATURES}
    out = []
    for word in COUNTY_WORDS:
        for c in g.lookup_key(f"{m.key} {word}"):
            unit = (c.country_code, c.admin1_code, c.admin2_code)
            others = held.get(unit, set()) - {m.key}
            if c.feature == "ADM2" and others and unit not in own and c not in m.cands:
                out.append(c)
    return out


def _widen(g: Gazetteer, mentions: list[Mention], ctx: _Context) -> None:
    """Add the small namesakes that lie in a state the article names to the candidates, and the
    counties a bare name may be (`_county_readings`).

    The first MAX_CANDIDATES by prior leave out the Fairfield of 3,000 people in the Texas
    county the rest of the article is about when twenty bigger Fairfields exist elsewhere.
    """
    for m in mentions:
        if not m.rest:
            continue
        keep = [
            c
            for c in m.rest
            if f"{c.country_code}.{c.admin1_code}" in ctx.admin1s
            or (c.feature in TOWN_FEATURES and (c.country_code, c.admin1_code, c.admin2_code) in ctx.counties)
        ]
        if keep:
            m.cands.extend(keep)
            m.rest = [c for c in m.rest if c not in keep]
    held: dict[tuple[str, str, str], set[str]] = {}
    for k, c in ctx.resolved.items():
        if c.admin2_code and c.feature in TOWN_FEATURES:
            held.setdefault((c.country_code, c.admin1_code, c.admin2_code), set()).add(_name(k))
    if not held:
        return
    for m in mentions:
        if m.cands:
            m.cands.extend(_county_readings(g, m, held))


def _place(g: Gazetteer, m: Mention, c: Candidate | None, margin: float) -> Place:
    """Turn a resolved mention into the shared record."""
    if c is None:
        return Place(m.start, m.end, m.text, name=m.text, confidence=0.2, via=m.via)
    confidence = round(1.0 / (1.0 + math.exp(-2.0 * margin)), 3)  # margin 0 -> 0.5, 2 -> 0.98
    return candidate_place(g, c, m.start, m.end, m.text, confidence, m.via)


def candidate_place(
    g: Gazetteer, c: Candidate, start: int, end: int, text: str, confidence: float, via: str
) -> Place:
    """The shared record for gazetteer entry ``c`` read at ``text[start:end]``."""
    return Place(
        start=start,
        end=end,
        text=text,
        name=c.name,
        lat=round(c.lat, 5),
        lon=round(c.lon, 5),
        country=g.country_name(c.country_code) if c.country_code else None,
        country_code=c.country_code or None,
        admin1=g.admin_name(c.country_code, c.admin1_code) if c.admin1_code else None,
        admin2=g.admin_name(c.country_code, c.admin1_code, c.admin2_code) if c.admin2_code else None,
        geonameid=c.geonameid or None,
        feature=c.feature,
        precision=c.precision,
        population=c.population if c.feature in ("PPL", "PPLC") else 0,
        confidence=confidence,
        via=via,
    )
