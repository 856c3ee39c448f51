"""The offline gazetteer: names to GeoNames places, demonyms to countries, distances."""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.models import GeoPrecision
from newsevents.resolve.geo_build import (
    INDEX_FORMAT,
    Row,
    build_index,
    fold,
    haversine_km,
    package_versions,
)

log = logging.getLogger(__name__)

# Feature rank for the same name: a country beats a region, a region beats a town named after it.
# A national capital is what news means by its bare name ("Washington", not the state).
FEATURE_PRIOR: dict[str, float] = {
    "PCLI": 1.6, "CONT": 1.5, "PPLC": 2.0, "ADM1": 1.0, "ADM2": 0.45, "PPL": 0.5,
}
PRECISION: dict[str, GeoPrecision] = {
    "PCLI": "country", "CONT": "country", "ADM1": "admin1", "ADM2": "admin2", "PPL": "place", "PPLC": "place",
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


def cache_dir() -> Path:
    """Where built indexes live: ``$NEWSEVENTS_CACHE`` or ``~/.cache/newsevents``."""
    env = os.environ.get("NEWSEVENTS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "newsevents"


class Gazetteer:
    """Read-only lookups over the built index."""

    def __init__(self, index: dict[str, Any]) -> None:
        self._rows: list[Row] = index["rows"]
        self._names: dict[str, tuple[int, ...]] = index["names"]
        self._demonyms: dict[str, str] = index["demonyms"]
        self._country_names: dict[str, str] = index["country_names"]
        self._country_rows: dict[str, int] = index["country_rows"]
        self._admin_names: dict[str, str] = index["admin_names"]
        self.abbreviations: frozenset[str] = frozenset(index["abbreviations"])
        self.state_abbreviations: frozenset[str] = frozenset(index["state_abbreviations"])

    def candidate(self, index: int) -> Candidate:
        """The entry at a row index."""
        return Candidate(index, *self._rows[index])

    def has_name(self, key: str) -> bool:
        """Whether a folded name is in the gazetteer."""
        return key in self._names

    def lookup(self, name: str, country_code: str | None = None) -> list[Candidate]:
        """Entries called ``name`` (any spelling), best prior first, optionally in one country."""
        ids = self._names.get(fold(name), ())
        cands = [self.candidate(i) for i in ids]
        if country_code:
            cands = [c for c in cands if c.country_code == country_code]
        cands.sort(key=prior, reverse=True)
        return cands

    def lookup_key(self, key: str) -> list[Candidate]:
        """Like :meth:`lookup` for an already folded key."""
        cands = [self.candidate(i) for i in self._names.get(key, ())]
        cands.sort(key=prior, reverse=True)
        return cands

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

    def __len__(self) -> int:
        return len(self._rows)


def prior(c: Candidate) -> float:
    """Context-free plausibility of an entry: feature type and population (log-scaled)."""
    import math

    size = math.log10(max(c.population, 1)) / 7.0  # 10M people ~ 1.0
    if c.feature in ("ADM1", "ADM2"):
        size = min(c.population, 2000) / 2000 * 0.5  # member places, not people
    return FEATURE_PRIOR.get(c.feature, 0.3) + 0.6 * size


_lock = threading.Lock()


def _index_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_FORMAT}-{package_versions()}.pkl"


def load_index(rebuild: bool = False) -> dict[str, Any]:
    """Load the cached index, building it first (a few seconds, once per package version)."""
    path = _index_path()
    if path.exists() and not rebuild:
        try:
            with path.open("rb") as fh:
                index: dict[str, Any] = pickle.load(fh)
            if index.get("format") == INDEX_FORMAT:
                return index
        except (OSError, pickle.UnpicklingError, EOFError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    log.info("building gazetteer index into %s", path)
    index = build_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
        pickle.dump(index, tmp, protocol=pickle.HIGHEST_PROTOCOL)
    Path(tmp.name).replace(path)  # atomic, so parallel workers never read half a file
    return index


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once per process."""
    with _lock:
        return Gazetteer(load_index())
