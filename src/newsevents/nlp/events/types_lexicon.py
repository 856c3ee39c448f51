"""Further trigger cues, merged into the cue classes of ``data/triggers.json``.

Each entry adds lower-cased regular expressions to a cue class (an existing one, or the
``crowd_control`` class that only this module defines). They cover ordinary English ways of
reporting a happening that the base lexicon missed: bodies found, crowds taking to the
streets, fortifications and drills, goods carried off in a raid, shops forced to close.
Written from general news usage, not learned from any evaluation data.
"""

from __future__ import annotations

import re

# Shops forced shut and roads blocked by a crowd: demonstrative acts of force (riot cues).
_FORCED_CLOSURE = (
    r"\bforced (a |an |the |all |several |some )?(\w+ ){0,2}(shops?|stores?|supermarkets?|markets?|"
    r"businesses|traders|shopkeepers|malls?|banks?|factor(y|ies)|offices?|schools?) .{0,60}?\bto "
    r"(shut|close)"
)
_CROWD_ROADBLOCK = (
    r"\b(youths?|residents|villagers|locals|protesters|demonstrators|crowds?|mobs?) .{0,40}?"
    r"\b(set up|erected|mounted|put up) (\w+ ){0,2}(road ?-?blocks|barricades)\b"
)

# Patterns added to cue classes, by class name.
EXTRA_CUES: dict[str, list[str]] = {
    # Found bodies and remains are killings (ACLED codes them as attacks on civilians).
    "body_found": [
        r"\bbod(y|ies) of .{0,80}?\b(was|were|had been|has been|have been) "
        r"(found|discovered|recovered|dumped)",
        r"\b(human )?remains (were |was |had been |have been )?(found|discovered|recovered)",
        r"\bcorpses? (was |were |had been )?(found|discovered|recovered|dumped)",
        r"\b(died|dead) and (was|were) (found|discovered|dumped)",
        r"\bfound (\w+ ){0,2}(wrapped|buried|dumped|bound|gagged|hanged|decapitated|dismembered|"
        r"with (signs of torture|gunshot wounds|bullet wounds|stab wounds))",
        r"\bdecapitat",
        r"\bdismember",
    ],
    "protest": [
        r"\btook to the streets?\b",
        r"\btaking to the streets?\b",
        r"\bchant(ed|ing)\b",
        # "the weekly march", "a 1 May march" (but not the month: "the 5 March", "the end of March",
        # "the talks in March")
        r"\b(the|a|an) ([a-z0-9'-]+ ){1,3}(?<!\d )(?<!\dst )(?<!\dnd )(?<!\drd )(?<!\dth )(?<!of )"
        r"(?<!early )(?<!mid )(?<!late )(?<!last )(?<!next )(?<!following )(?<!previous )(?<!this )"
        r"(?<!in )(?<!since )(?<!until )(?<!by )(?<!during )(?<!from )(?<!to )(?<!and )(?<!or )"
        r"march\b(?!,? \d)",
        r"\boccupy(ing)? (the |a |an )?(\w+ ){0,2}(buildings?|offices?|premises|campus|halls?|squares?|"
        r"parks?|administration)\b",
        r"\bblocked (the |a |an )?(\w+ ){0,3}(roads?|highways?|streets?|motorways?|bridges?|railways?|"
        r"entrances?|access)\b",
    ],
    "riot_violence": [
        r"\bstone[- ]?throw",
        r"\brock[- ]throw",
    ],
    # Forcing businesses shut (a point made by force) and capturing polling booths.
    "riot_words": [
        _FORCED_CLOSURE,
        r"\bbooth[- ]captur",
        r"\bcaptur\w* (\w+ ){0,2}(polling|voting|election) (booths?|stations?)",
        _CROWD_ROADBLOCK,
    ],
    "riot_demo": [
        _CROWD_ROADBLOCK,
        _FORCED_CLOSURE,
    ],
    "abduction": [
        r"seized by (a |an )?(\w+[- ]){0,2}(gang|gunmen|armed men|militants)",
        r"\bforced .{0,80}?\bto (carry loads|work as (a )?porters?|serve as (a )?porters?)",
        r"\bremoved (\w+ ){0,3}(nationals|foreigners|hostages|passengers)\b",
    ],
    "sexual": [
        r"\bviolated (her|him|them|the (girl|woman|women|girls|minor|victim))\b",
    ],
    "loot": [
        r"\braid(ed|ing)? (\w+ ){0,2}(houses|homes|shops|stores|warehouses|granaries|markets?|farms)\b",
        r"\b(taking|took|taken|carted|carrying|carried|making|made) (away|off with) (\w+ ){0,3}"
        r"(goods|food\w*|clothes|clothing|livestock|cattle|goats|money|cash|valuables|property|belongings|supplies|"
        r"motorcycles|motorbikes|vehicles|crops|grain|phones)\b",
    ],
    # Military build-up and drills (Change to group/activity).
    "change": [
        r"\breinforc(ed|ing|es)\b",
        r"\bfortif(ied|ications?|ying|y)\b",
        r"\bdug (\w+ ){0,2}trenches\b",
        r"\bmilitary (exercises|drills|manoeuvres|maneuvers)\b",
        r"\b(conducted|held|carried out|staged) (\w+ ){0,2}(exercises|drills|manoeuvres|maneuvers)\b",
        r"\b(placed|set up|erected|installed|established|mounted|put up) (\w+ ){0,2}(check ?points?)\b",
    ],
    # People displaced or arriving as refugees (ACLED: Strategic developments, Other).
    "displacement": [
        r"\b(were|was|been|being) (forcibly )?displaced\b",
        r"\bfled (their|the) (homes?|villages?|area|towns?)\b",
        r"\bevacuated (following|after|due to|because of|amid|in fear)\b",
        r"\brefugees (\w+ ){0,2}(arrived|returned)\b",
    ],
    "hq": [
        r"\b(turn|transform|convert)\w* (\w+ ){0,5}into (a |an )?(\w+ )?(military )?(barracks|bases?|"
        r"headquarters|camps?|outposts?)\b",
    ],
    # Crowd-control weapons and dispersal: alone, they tell of a demonstration broken up.
    "crowd_control": [
        r"\btear[- ]?gas",
        r"\bwater cannons?\b",
        r"\brubber bullets?\b",
        r"\bdispersed (a |an |the )?(\w+ ){0,3}(group|crowds?|gathering|people|protesters|"
        r"demonstrators|students|youths?|supporters|residents|workers|teachers|activists)\b",
    ],
}


def merged_cues(base: dict[str, list[str]]) -> dict[str, list[str]]:
    """The base cue classes with this module's patterns appended (new classes added)."""
    out = {name: list(pats) for name, pats in base.items()}
    for name, pats in EXTRA_CUES.items():
        out.setdefault(name, []).extend(pats)
    return out


# Labelled note prefixes that decide the type only when no cue of the text does ("Other: ...").
FALLBACK_PREFIXES: dict[str, tuple[str, str]] = {
    "other": ("Strategic developments", "Other"),
}
# A crowd-size tag ("[size=no report]", "[size=dozens]") marks a note about a demonstration.
SIZE_TAG = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)


# Trigger words that name a weapon, a vehicle or a vanishing rather than an act of violence
# ("a guided missile destroyer", "taken away by helicopter", "the plane disappeared"): when one
# of them alone decides the type, the confidence model knows it (feature "ambiguous").
AMBIGUOUS_TRIGGER = re.compile(
    r"^(missiles?|rockets?|cannons?|artillery|mortars?|projectiles?|helicopters?|aircraft|jets?|"
    r"planes?|drones?|disappeared|went missing|gone missing|taken away|captives?|hostages?|"
    r"bombs?|mines?|tanks?|weapons?|arms)$",
    re.IGNORECASE,
)
