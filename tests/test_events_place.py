"""The event's place: locative phrases resolved within their enclosing units (gazetteer only)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from newsevents.models import Place
from newsevents.nlp.events.place import (
    FUZZY_MIN_RATIO,
    event_place,
    lies_in,
    phrase_places,
    skeleton,
    text_country,
    usable_places,
    where_places,
)
from newsevents.resolve.gazetteer import distance_km, get_gazetteer


def _near(p: Place | None, lat: float, lon: float, km: float) -> bool:
    return (
        p is not None
        and p.lat is not None
        and p.lon is not None
        and distance_km(p.lat, p.lon, lat, lon) <= km
    )


@pytest.mark.parametrize(
    ("text", "head", "lat", "lon"),
    [
        ("Mortar fire was reported in Abu Salim (Tripoli) on Monday.", "Abu Salim", 32.89, 13.19),
        ("Residents protested in Badah town (Larkana, Sindh) against power cuts.", "Badah", 27.56, 68.21),
        ("In Zapopan, Jalisco, a man was found dead.", "Zapopan", 20.72, -103.39),
        ("Police clashed with farmers in Tijuana Baja California on Friday.", "Tijuana", 32.53, -117.02),
    ],
)
def test_phrase_is_placed_in_its_enclosing_unit(text: str, head: str, lat: float, lon: float) -> None:
    props = phrase_places(text, (0, len(text)), None)
    assert props, text
    assert props[0].place.text == head
    assert _near(props[0].place, lat, lon, 40), props[0].place


@pytest.mark.parametrize(
    "text",
    [
        "The convoy was 150 km from Kandahar when it was hit.",
        "Thousands of refugees from Syria arrived on Monday.",
        "the talks went on for hours without result.",
    ],
)
def test_no_phrase_for_distant_or_missing_places(text: str) -> None:
    assert phrase_places(text, (0, len(text)), None) == []


def test_event_place_prefers_the_whole_name_to_its_far_away_pieces() -> None:
    text = "On 3 May, artillery fire was reported in Abu Salim (Tripoli). No casualties."
    at = text.index("Abu")
    pieces = [
        Place(at, at + 3, "Abu", "Abu", lat=9.0, lon=7.0, country="Nigeria", country_code="NG"),
        Place(
            at + 4, at + 9, "Salim", "Salim", lat=24.0, lon=46.0, country="Saudi Arabia", country_code="SA"
        ),
    ]
    got = event_place(pieces, text, (0, text.index(".", at) + 1), text.index("fire"))
    assert _near(got, 32.89, 13.19, 25), got


def test_namesake_outside_the_named_province_gives_way_to_the_province() -> None:
    g = get_gazetteer()
    sindh = next(c for c in g.lookup("Sindh", "PK") if c.feature == "ADM1")
    inside = Place(
        0,
        7,
        "Larkana",
        "Larkana",
        lat=27.56,
        lon=68.21,
        country_code="PK",
        admin1=g.admin_name("PK", sindh.admin1_code),
    )
    elsewhere = Place(0, 7, "Larkana", "Larkana", lat=33.7, lon=73.0, country_code="PK", admin1="Islamabad")
    assert lies_in(inside, sindh)
    assert not lies_in(elsewhere, sindh)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Afghan forces repelled the attack.", "AF"),
        ("Mexican police found the body.", "MX"),
        ("The police found it.", None),
    ],
)
def test_text_country_from_a_demonym(text: str, code: str | None) -> None:
    assert text_country([], text) == code


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Shells fell in the area of Donetsk Airport overnight.", "Donetsk"),
        (
            "Workers protested outside the Uitenhage Provincial Hospital (Nelson Mandela Bay, Eastern Cape).",
            "Uitenhage",
        ),
    ],
)
def test_site_named_after_its_town_is_placed_at_the_town(text: str, head: str) -> None:
    props = phrase_places(text, (0, len(text)), None)
    assert props and props[0].place.text == head, props


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Protesters decried the high US dollar exchange rate.", False),
        ("Turkey-backed factions shelled the village.", False),
        ("Protesters marched in Turkey on Monday.", True),
        ("Turkish forces and pro-Turkey factions shelled the village.", False),
        ("Turkey backed factions shelled the village.", False),
        ("Protesters marched in the US on Monday.", True),
    ],
)
def test_country_as_currency_or_sponsor_is_no_place(text: str, kept: bool) -> None:
    word = "US" if "US" in text else "Turkey"
    at = text.index(word)
    country = Place(at, at + len(word), word, word, lat=1.0, lon=1.0, precision="country")
    assert (usable_places([country], [], text) == [country]) is kept


def test_nationality_word_places_an_event_only_without_a_place_of_its_own() -> None:
    text = "Turkish forces shelled the village of Qarfel near Tell Abiad in Syria."
    turkish = Place(0, 7, "Turkish", "Türkiye", lat=39.0, lon=35.0, precision="country", via="demonym")
    at = text.index("Tell Abiad")
    town = Place(
        at, at + 10, "Tell Abiad", "Tell Abiad", lat=36.7, lon=38.95, country_code="SY", via="gazetteer"
    )
    sent = (0, len(text))
    trigger = text.index("shelled")
    assert event_place([turkish, town], text, sent, trigger) == town
    saudi = Place(0, 5, "Saudi", "Saudi Arabia", lat=24.0, lon=45.0, precision="country", via="demonym")
    assert where_places([saudi]) == [saudi]
    assert where_places([turkish, town]) == [town]


def _sindh_name() -> str | None:
    g = get_gazetteer()
    sindh = next(c for c in g.lookup("Sindh", "PK") if c.feature == "ADM1")
    return g.admin_name("PK", sindh.admin1_code)


@pytest.mark.parametrize(
    ("found_admin1", "lat", "lon", "keeps_found"),
    [
        ("Islamabad", 33.7, 73.0, False),  # a namesake outside the named unit gives way to it
        (None, 27.60, 68.30, True),  # a finer place inside the named unit is kept
    ],
)
def test_found_place_is_kept_only_inside_the_unit_the_phrase_names(
    found_admin1: str | None, lat: float, lon: float, keeps_found: bool
) -> None:
    text = "Militants attacked a post in Zqxwville (Sindh) on Monday."
    at = text.index("Zqxwville")
    admin1 = found_admin1 or _sindh_name()
    found = Place(
        at,
        at + 9,
        "Zqxwville",
        "Zqxwville",
        lat=lat,
        lon=lon,
        country="Pakistan",
        country_code="PK",
        admin1=admin1,
    )
    got = event_place([found], text, (0, len(text)), text.index("attacked"))
    assert (got is found) is keeps_found, got
    assert got is not None and (keeps_found or got.precision == "admin1"), got


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Nassriya", "Nasiriyah", True),
        ("Tal Tamer", "Tall Tamr", True),
        ("Ein Issa", "Ain Aissa", True),
        ("Kafr Nassij", "Kafr Nasij", True),
        ("Kabul", "Kandahar", False),
    ],
)
def test_skeleton_ignores_transliteration_variants(a: str, b: str, same: bool) -> None:
    assert (fuzz.ratio(skeleton(a), skeleton(b)) >= FUZZY_MIN_RATIO) is same


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Clashes were reported in Tal Tamer (Al Hasakah) on Monday.", True),  # respelled: read loosely
        ("Clashes were reported in Zqxwtamr (Al Hasakah) on Monday.", False),  # no close name: the unit
    ],
)
def test_respelled_head_is_matched_within_its_unit(text: str, found: bool) -> None:
    tall_tamr = next(c for c in get_gazetteer().lookup("Tall Tamr", "SY") if c.feature.startswith("PPL"))
    props = phrase_places(text, (0, len(text)), "SY")
    assert props, text
    assert _near(props[0].place, tall_tamr.lat, tall_tamr.lon, 5.0) is found
