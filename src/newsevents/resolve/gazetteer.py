"""The offline gazetteer: names to GeoNames places, demonyms to countries, distances."""

from __future__ import annotations

import logging
import threading
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.models import GeoPrecision
from newsevents.resolve.cache_files import cache_dir, read_index, write_index
from newsevents.resolve.geo_build import (
    INDEX_FORMAT,
    US_STATE_ABBREVIATIONS,
    build_index,
    fold,
    haversine_km,
    name_hash,
    package_versions,
)

log = logging.getLogger(__name__)

# Feature rank for the same name: a country beats a region, a region beats a town named after it.
# A national capital is what news means by its bare name ("Washington", not the state).
FEATURE_PRIOR: dict[str, float] = {
    "PCLI": 1.6,
    "CONT": 1.5,
    "PPLC": 2.0,
    "ADM1": 1.0,
    "RGN": 0.9,  # a region split into compass-point provinces ("Darfur"); named by no other entry
    "ADM2": 0.45,
    "PPL": 0.5,
}
PRECISION: dict[str, GeoPrecision] = {
    "PCLI": "country",
    "CONT": "country",
    "ADM1": "admin1",
    "RGN": "admin1",
    "ADM2": "admin2",
    "PPL": "place",
    "PPLC": "place",
}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    return haversine_km(lat1, lon1, lat2, lon2)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name can refer to."""

    index: int
    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int
    feature: str  # PCLI, CONT, ADM1, ADM2 or PPL

    @property
    def precision(self) -> GeoPrecision:
        """How exact the point is: a place, an admin2 or admin1 area, or a country."""
        return PRECISION.get(self.feature, "place")


_EMPTY: array[int] = array("I")
LOOKUP_CACHE_SIZE = 50_000  # folded names whose sorted candidates stay cached per process


class _Strings:
    """Read access to strings packed by :func:`pack_strings`."""

    def __init__(self, blob: str, ends: array[int]) -> None:
        self._blob = blob
        self._ends = ends

    def __getitem__(self, i: int) -> str:
        return self._blob[self._ends[i - 1] if i else 0 : self._ends[i]]

    def __len__(self) -> int:
        return len(self._ends)


class Gazetteer:
    """Read-only lookups over the built index."""

    def __init__(self, index: dict[str, Any]) -> None:
        cols = index["columns"]
        self._gids: array[int] = cols["geonameid"]
        self._row_names = _Strings(*cols["name"])
        self._lats: array[float] = cols["lat"]
        self._lons: array[float] = cols["lon"]
        self._pops: array[int] = cols["population"]
        self._codes: array[int] = cols["code"]
        table = _Strings(*cols["code_table"])
        self._code_table = [tuple(table[i].split("|")) for i in range(len(table))]
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        names = index["names"]
        self._hashes: array[int] = names["hashes"]
        self._offsets: array[int] = names["offsets"]
        self._postings: array[int] = names["postings"]
        self._demonyms: dict[str, str] = index["demonyms"]
        self._country_names: dict[str, str] = index["country_names"]
        self._country_rows: dict[str, int] = index["country_rows"]
        self._admin_names: dict[str, str] = index["admin_names"]
        self._centres: dict[int, tuple[float, float]] = index["centres"]
        self.abbreviations: frozenset[str] = frozenset(index["abbreviations"])
        self.state_abbreviations: frozenset[str] = frozenset(index["state_abbreviations"])
        # as printed: "La." is Louisiana, "L.A." (the same folded key) is Los Angeles
        self.state_abbreviation_forms: frozenset[str] = frozenset(US_STATE_ABBREVIATIONS)

    def candidate(self, index: int) -> Candidate:
        """The entry at a row index."""
        cc, a1, a2, feature = self._code_table[self._codes[index]]
        return Candidate(
            index,
            self._gids[index],
            self._row_names[index],
            self._lats[index],
            self._lons[index],
            cc,
            a1,
            a2,
            self._pops[index],
            feature,
        )

    def _ids(self, key: str) -> array[int]:
        """Row indexes of a folded name (empty when unknown)."""
        h = name_hash(key)
        i = bisect_left(self._hashes, h)
        if i < len(self._hashes) and self._hashes[i] == h:
            return self._postings[self._offsets[i] : self._offsets[i + 1]]
        return _EMPTY

    def has_name(self, key: str) -> bool:
        """Whether a folded name is in the gazetteer."""
        h = name_hash(key)
        i = bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h

    def lookup(self, name: str, country_code: str | None = None) -> list[Candidate]:
        """Entries called ``name`` (any spelling), most plausible first, optionally in one country.

        Without context a country or state beats a town named after it ("Mexico"), a city beats
        the province named after it ("Ghazni"), and bigger places beat smaller ones.
        """
        key = fold(name)
        cands = self.lookup_key(key)
        if country_code:
            cands = [c for c in cands if c.country_code == country_code.upper()]
        scores = {c.index: name_score(key, c, cands) for c in cands}
        cands.sort(key=lambda c: scores[c.index], reverse=True)
        return cands

    def lookup_key(self, key: str) -> list[Candidate]:
        """Like :meth:`lookup` for an already folded key."""
        cached = self._cache.get(key)
        if cached is None:
            cached = tuple(sorted((self.candidate(i) for i in self._ids(key)), key=prior, reverse=True))
            if len(self._cache) >= LOOKUP_CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = cached
        return list(cached)

    def country_for_demonym(self, word: str) -> str | None:
        """ISO code of the country a demonym or adjective names ("Afghan" -> "AF")."""
        return self._demonyms.get(fold(word))

    def country_name(self, code: str) -> str:
        """The English name of a country from its ISO 3166-1 alpha-2 code (the code if unknown)."""
        return self._country_names.get(code.upper(), code)

    def country(self, code: str) -> Candidate | None:
        """The country entry for an ISO code."""
        idx = self._country_rows.get(code.upper())
        return None if idx is None else self.candidate(idx)

    def admin_name(self, country_code: str, admin1: str, admin2: str = "") -> str | None:
        """Name of an admin1 (or admin2) area from GeoNames codes."""
        return self._admin_names.get(".".join(filter(None, (country_code, admin1, admin2))))

    def admin1(self, country_code: str, admin1: str) -> Candidate | None:
        """The admin1 entry containing a place."""
        name = self.admin_name(country_code, admin1)
        if not name:
            return None
        for cand in self.lookup(name, country_code):
            if cand.feature == "ADM1" and cand.admin1_code == admin1:
                return cand
        return None

    def centre(self, c: Candidate) -> tuple[float, float]:
        """The middle of the box of an area's places (its point for other entries).

        A province's point is the one its source states, which can lie 150 km or more from the
        middle of its towns; tests of whether a town lies in the province use both.
        """
        return self._centres.get(c.index, (c.lat, c.lon))

    def __len__(self) -> int:
        return len(self._gids)


def prior(c: Candidate) -> float:
    """Context-free plausibility of an entry: feature type and population (log-scaled)."""
    import math

    size = math.log10(max(c.population, 1)) / 7.0  # 10M people ~ 1.0
    if c.feature in ("ADM1", "ADM2"):
        size = min(c.population, 2000) / 2000 * 0.5  # member places, not people
    feature = c.feature
    if feature == "PPLC" and c.population < SMALL_CAPITAL:
        feature = "PPL"  # Victoria (Seychelles) does not own the name the way Paris does
    return FEATURE_PRIOR.get(feature, 0.3) + 0.6 * size


SMALL_CAPITAL = 100_000  # capitals smaller than this get a town's prior (tried 50k/100k/200k)
# Tuned by hand on dev samples together with the context weights in geo_resolve.
W_EXACT = 0.3  # the name is the entry's main name, not one of its alternate names
W_AREA_EXACT = 1.0  # ... and it is a country or state: "Mexico", "California" beat towns so named
BIG_CITY = 250_000  # a city this big keeps its bare name against a same-named province (Gaza);
# smaller ones (Virginia, South Africa: 120k) do not outrank a state
W_NAMED_AFTER_CITY = 0.5  # a province named after its capital yields the bare name to the city
# A province reached only by a spelling variant of its name ("Mogilev" for Mahilioŭskaja voblasć)
# yields it to a city this big inside it reached by the same variant (Mahilyow): the English
# exonym of a province's own name is its capital's. Set by hand, not swept: the oblast capitals
# this fixed in the ACLED dev notes have 250k+ people; LGL and GeoVirus scores did not move.
SPELLING_CAPITAL = 100_000


@lru_cache(maxsize=100_000)
def fold_name(name: str) -> str:
    """Cached :func:`fold` for gazetteer names."""
    return fold(name)


def named_after_city(key: str, area: Candidate, cands: list[Candidate]) -> bool:
    """Whether a province shares its name with a city inside it (Kandahar, Ghazni) or with a
    big city anywhere (Gaza), which is then what the bare name usually means.

    When the key is only an alternate spelling of the province's name, a big city inside it
    known by the same spelling counts too: both are then named after the same capital.
    """
    area_exact = fold_name(area.name) == key
    for c in cands:
        if c.feature not in ("PPL", "PPLC"):
            continue
        inside = (c.country_code, c.admin1_code) == (area.country_code, area.admin1_code)
        if fold_name(c.name) == key and (inside or c.population >= BIG_CITY):
            return True
        if not area_exact and inside and c.population >= SPELLING_CAPITAL:
            return True
    return False


def name_score(key: str, c: Candidate, cands: list[Candidate]) -> float:
    """Context-free score of one candidate for a folded name among its rivals."""
    s = prior(c)
    if c.feature in ("PCLI", "CONT"):
        # countries are indexed only under curated names ("Laos", "DRC", "Russia"), all exact
        s += W_EXACT + W_AREA_EXACT
    elif fold_name(c.name) == key:
        s += W_EXACT
        if c.feature == "ADM1":
            # a bare "Ghazni" is the city; the province needs its type word
            s += -W_NAMED_AFTER_CITY if named_after_city(key, c, cands) else W_AREA_EXACT
    elif c.feature == "ADM1" and named_after_city(key, c, cands):
        s -= W_NAMED_AFTER_CITY  # "Mogilev", "Grodno": the capital, unless "region" follows
    return s


_lock = threading.Lock()


def _index_path() -> Path:
    """The cache file for this index format and these package versions."""
    return cache_dir() / f"gazetteer-v{INDEX_FORMAT}-{package_versions()}.pkl"


def load_index(rebuild: bool = False) -> dict[str, Any]:
    """Load the cached index, building it first (a few seconds, once per package version)."""
    path = _index_path()
    index = None if rebuild else read_index(path, INDEX_FORMAT)
    if index is not None:
        return index
    log.info("building gazetteer index into %s", path)
    index = build_index()
    write_index(path, index, "gazetteer-v*.pkl")  # indexes of older formats or package versions
    return index


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once per process."""
    with _lock:
        return Gazetteer(load_index())


@lru_cache(maxsize=1)
def _rows_by_area() -> dict[tuple[str, str], tuple[int, ...]]:
    """Row indexes of the gazetteer grouped by (country, admin1) and by (country, "")."""
    g = get_gazetteer()
    by_code: dict[int, list[int]] = {}
    for i, code in enumerate(g._codes):
        by_code.setdefault(code, []).append(i)
    groups: dict[tuple[str, str], list[int]] = {}
    for code, rows in by_code.items():
        cc, a1 = g._code_table[code][:2]
        groups.setdefault((cc, a1), []).extend(rows)
        if a1:
            groups.setdefault((cc, ""), []).extend(rows)
    return {k: tuple(v) for k, v in groups.items()}


def rows_in(country_code: str, admin1: str = "") -> tuple[int, ...]:
    """Row indexes of the entries in a country, or in one of its admin1 units (an index lookup)."""
    return _rows_by_area().get((country_code.upper(), admin1), ())
