"""The seat of an administrative unit: the town that stands for it on a map.

Event datasets code an event known only to a province or district at the unit's main town, not
at the unit's centroid (ACLED's geo-precision 2 and 3 use the capital of the named unit). The
gazetteer has no capital flags below the national level, so the seat is read off its towns: the
town of the unit's own name ("Farah" for Farah province), else the national capital when it lies
in the unit, else the unit's biggest town.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsevents.resolve.gazetteer import Candidate, Gazetteer, get_gazetteer, rows_in
from newsevents.resolve.geo_build import fold

# Unit words that gazetteer names of provinces and districts carry ("Zhytomyrska oblast").
_UNIT_WORDS = re.compile(
    r"\b(?:province|governorate|oblast|region|district|state|department|county|prefecture|"
    r"municipality|division|zone|wilayah|muhafazat|velayat|ostan|provincia|departamento|"
    r"estado|voblasc|voblasts|raion|rayon|okrug|krai|kray)\b"
)
_TOWN_FEATURES = ("PPL", "PPLC")


def _bare(name: str) -> str:
    """A folded unit name without its unit words ("Zhytomyrska oblast" -> "zhytomyrska")."""
    return " ".join(_UNIT_WORDS.sub(" ", fold(name)).split())


def _towns(g: Gazetteer, unit: Candidate) -> list[Candidate]:
    """The towns the gazetteer files under an admin1 or admin2 unit."""
    rows = rows_in(unit.country_code, unit.admin1_code)
    towns = [c for c in (g.candidate(i) for i in rows) if c.feature in _TOWN_FEATURES]
    if unit.feature == "ADM2":
        towns = [c for c in towns if c.admin2_code == unit.admin2_code]
    return towns


@lru_cache(maxsize=4096)
def _seat_index(index: int) -> int | None:
    """Row index of the seat of the unit at ``index`` (cached per unit)."""
    g = get_gazetteer()
    unit = g.candidate(index)
    towns = _towns(g, unit)
    if not towns:
        return None
    key = _bare(unit.name)
    named = [c for c in towns if key and fold(c.name) == key]
    if named:
        return max(named, key=lambda c: c.population).index
    capital = [c for c in towns if c.feature == "PPLC"]
    if capital and unit.feature == "ADM1":
        return capital[0].index
    return max(towns, key=lambda c: c.population).index


def seat(unit: Candidate) -> Candidate | None:
    """The seat town of an admin1 or admin2 unit, or None for other entries or empty units."""
    if unit.feature not in ("ADM1", "ADM2") or not unit.admin1_code:
        return None
    at = _seat_index(unit.index)
    return None if at is None else get_gazetteer().candidate(at)
