"""Gazetteer lookups: names, demonyms, countries, admin areas and distances."""

from __future__ import annotations

import pytest

from newsevents.resolve.gazetteer import distance_km, get_gazetteer
from newsevents.resolve.geo_build import fold


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ghaznī", "ghazni"),
        ("U.S.", "us"),
        ("Kabul-Kandahar", "kabul kandahar"),
        ("St. Louis", "st louis"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Maʼrib", "ma'rib"),
        ("ṢAʻDAH", "sa'dah"),
    ],
)
def test_fold_normalises_accents_case_and_punctuation(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(
    ("name", "lat", "lon", "feature"),
    [
        ("Ghazni", 33.55, 68.42, "PPL"),
        ("Kabul", 34.53, 69.17, "PPLC"),
        ("Kandahar", 31.61, 65.71, "PPL"),
    ],
)
def test_lookup_ranks_the_afghan_city_first(name: str, lat: float, lon: float, feature: str) -> None:
    best = get_gazetteer().lookup(name)[0]
    assert best.country_code == "AF"
    assert best.feature == feature
    assert distance_km(best.lat, best.lon, lat, lon) < 5


@pytest.mark.parametrize(("written", "code"), [("Buaale", "SO"), ("Bir al Abd", "EG"), ("El Ayoun", "MR")])
def test_names_are_found_without_their_apostrophe(written: str, code: str) -> None:
    assert any(c.country_code == code for c in get_gazetteer().lookup(written))


@pytest.mark.parametrize("written", ["Dr", "Queens"])
def test_short_and_possessive_forms_are_not_stripped_of_apostrophes(written: str) -> None:
    assert all("'" not in fold(c.name).replace("’", "'") for c in get_gazetteer().lookup(written))


def test_cities500_place_missing_from_the_main_source_is_indexed() -> None:
    hits = get_gazetteer().lookup("Villa del Totoral", country_code="AR")
    assert hits and hits[0].feature == "PPL"


def test_lookup_filters_by_country() -> None:
    cands = get_gazetteer().lookup("Kandahar", country_code="IN")
    assert cands and all(c.country_code == "IN" for c in cands)


def test_province_name_finds_the_admin1_area() -> None:
    best = get_gazetteer().lookup("Ghazni province")[0]
    assert best.feature == "ADM1"
    assert best.precision == "admin1"
    assert best.country_code == "AF"


@pytest.mark.parametrize(
    ("word", "code"),
    [("Afghan", "AF"), ("Qatari", "QA"), ("Americans", "US"), ("Palestinian", "PS")],
)
def test_demonyms_link_to_their_country(word: str, code: str) -> None:
    assert get_gazetteer().country_for_demonym(word) == code


def test_unknown_word_is_no_demonym() -> None:
    assert get_gazetteer().country_for_demonym("Taliban") is None


@pytest.mark.parametrize(("code", "name"), [("AF", "Afghanistan"), ("qa", "Qatar")])
def test_country_name_from_code(code: str, name: str) -> None:
    assert get_gazetteer().country_name(code) == name


@pytest.mark.parametrize(
    ("abbr", "state"), [("W.Va.", "West Virginia"), ("W. Va.", "West Virginia"), ("Calif.", "California")]
)
def test_us_state_abbreviations_resolve_to_states(abbr: str, state: str) -> None:
    best = get_gazetteer().lookup(abbr)[0]
    assert best.feature == "ADM1"
    assert best.name == state


@pytest.mark.parametrize(("short", "code"), [("U.S.", "US"), ("UK", "GB"), ("Afghanistan", "AF")])
def test_countries_resolve_from_short_forms(short: str, code: str) -> None:
    best = get_gazetteer().lookup(short)[0]
    assert (best.feature, best.country_code) == ("PCLI", code)


def test_admin_names_come_from_codes() -> None:
    g = get_gazetteer()
    city = g.lookup("Ghazni")[0]
    assert g.admin_name(city.country_code, city.admin1_code) is not None
    area = g.admin1(city.country_code, city.admin1_code)
    assert area is not None and area.feature == "ADM1"


def test_distance_between_kabul_and_ghazni_is_about_a_hundred_km() -> None:
    assert distance_km(34.528, 69.172, 33.554, 68.421) == pytest.approx(127, abs=10)


def test_distance_is_zero_for_the_same_point() -> None:
    assert distance_km(10.0, 20.0, 10.0, 20.0) == 0.0


def test_iso_code_spelling_the_initials_is_a_name() -> None:
    best = get_gazetteer().lookup("NSW")[0]
    assert (best.name, best.feature) == ("New South Wales", "ADM1")


def test_iso_code_that_is_not_initials_is_no_name() -> None:
    assert all(c.feature != "ADM1" for c in get_gazetteer().lookup("CNN"))


@pytest.mark.parametrize(
    ("name", "code", "lat", "lon"),
    [("Darfur", "SD", 13.0, 24.5), ("Sumatra", "ID", 0.0, 101.0), ("Java", "ID", -7.3, 110.0)],
)
def test_region_split_into_compass_provinces_is_a_name(name: str, code: str, lat: float, lon: float) -> None:
    best = get_gazetteer().lookup(name)[0]
    assert (best.feature, best.country_code, best.precision) == ("RGN", code, "admin1")
    assert distance_km(best.lat, best.lon, lat, lon) < 400


def test_region_name_held_by_a_state_is_not_replaced() -> None:
    # "Carolina" is a municipality of Puerto Rico; North and South Carolina do not take it
    assert all(c.feature != "RGN" for c in get_gazetteer().lookup("Carolina"))


@pytest.mark.parametrize(("name", "code"), [("Dagestan", "RU"), ("Tatarstan", "RU")])
def test_republic_is_found_by_its_bare_name(name: str, code: str) -> None:
    best = get_gazetteer().lookup(name)[0]
    assert (best.feature, best.country_code) == ("ADM1", code)


@pytest.mark.parametrize(
    ("name", "code", "feature"),
    [("Suqutra", "YE", "ADM1"), ("Seruyan", "ID", "ADM2")],
)
def test_area_is_found_without_its_designator(name: str, code: str, feature: str) -> None:
    """ "Arkhabīl Suquţrá", "Kabupaten Seruyan": news names the area by what follows."""
    found = [(c.country_code, c.feature) for c in get_gazetteer().lookup(name)]
    assert (code, feature) in found, found


@pytest.mark.parametrize(("population", "beats_state"), [(22_000, False), (2_000_000, True)])
def test_small_capital_has_a_towns_prior(population: int, beats_state: bool) -> None:
    from dataclasses import replace

    from newsevents.resolve.gazetteer import prior

    g = get_gazetteer()
    capital = replace(g.lookup("Kabul")[0], population=population)
    state = next(c for c in g.lookup("Victoria") if c.feature == "ADM1")
    assert (prior(capital) > prior(state) + 1.0) is beats_state


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Ontario", 50.0, -85.0), ("Virginia", 37.5, -78.9), ("Scotland", 56.5, -4.2)],
)
def test_province_takes_the_point_stated_for_it(name: str, lat: float, lon: float) -> None:
    best = next(c for c in get_gazetteer().lookup(name) if c.feature == "ADM1")
    assert distance_km(best.lat, best.lon, lat, lon) < 120


def test_stated_point_outside_the_box_of_the_places_is_refused() -> None:
    from newsevents.resolve.geo_build import _inside_box

    places = [(43.0, -80.0), (49.0, -90.0), (56.0, -88.0)]
    assert _inside_box((50.0, -85.0), places)
    assert not _inside_box((37.5, -78.9), places)


def test_stated_point_of_a_big_city_is_not_the_provinces() -> None:
    # the point stated for the state of New York is New York City's; the state keeps the middle
    state = next(c for c in get_gazetteer().lookup("New York") if c.feature == "ADM1")
    assert distance_km(state.lat, state.lon, 40.71, -74.01) > 150
    assert distance_km(state.lat, state.lon, 43.0, -75.5) < 120


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Sligo", "IE", "Connaught"),  # County Sligo is GeoNames' second level, ISO's first
        ("Hebron", "PS", "West Bank"),
        ("Kaunas", "LT", "Kauno apskritis"),  # the county, not one of its municipalities
    ],
)
def test_a_towns_admin1_is_the_first_level_of_its_geonames_code(name: str, country: str, admin1: str) -> None:
    g = get_gazetteer()
    town = next(c for c in g.lookup(name, country) if c.feature in ("PPL", "PPLC"))
    assert g.admin_name(town.country_code, town.admin1_code) == admin1


def test_a_county_under_a_province_is_a_second_level_area_at_its_own_point() -> None:
    g = get_gazetteer()
    county = next(c for c in g.lookup_key("county sligo") if c.country_code == "IE")
    assert county.feature == "ADM2"
    assert distance_km(county.lat, county.lon, 54.15, -8.6) < 40  # not the middle of Connacht
