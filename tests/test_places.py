"""Toponym detection and resolution over real spaCy parses of hand-written sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsevents.models import Entity, Place
from newsevents.nlp.model import load_nlp
from newsevents.nlp.places import extract_places
from newsevents.resolve.gazetteer import distance_km

pytestmark = pytest.mark.slow

SAMPLE = (
    "Afghan government negotiators in Qatar have offered the Taliban a power-sharing deal in "
    "return for an end to fighting in the country, a government negotiating source told AFP on "
    "Thursday.\nThe Taliban seized the strategic Afghan city of Ghazni Thursday, just 150 "
    "kilometres (95 miles) from Kabul, their most important gain in a lightning offensive.\n"
    "The interior ministry confirmed the fall of the city, which lies along the major "
    "Kabul-Kandahar highway.\nThe government has now effectively lost most of northern and "
    "western Afghanistan."
)


def _places(text: str, entities: list[Entity] | None = None) -> list[Place]:
    doc: Doc = load_nlp()(text)
    return extract_places(doc, entities or [])


def _by_text(places: list[Place], text: str) -> Place:
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "lat", "lon", "precision", "within_km"),
    [
        ("Ghazni", 33.55, 68.42, "place", 10),
        ("Kabul", 34.53, 69.17, "place", 10),
        ("Kandahar", 31.61, 65.71, "place", 10),
        ("Qatar", 25.5, 51.25, "country", 100),  # a country's point is a convention
        ("Afghanistan", 33.0, 65.0, "country", 100),
    ],
)
def test_sample_places_resolve(text: str, lat: float, lon: float, precision: str, within_km: float) -> None:
    place = _by_text(_places(SAMPLE), text)
    assert place.lat is not None and place.lon is not None
    assert distance_km(place.lat, place.lon, lat, lon) < within_km
    assert place.precision == precision


def test_demonym_links_to_its_country() -> None:
    place = _by_text(_places(SAMPLE), "Afghan")
    assert place.via == "demonym"
    assert place.country_code == "AF"
    assert place.precision == "country"


def test_places_inside_a_hyphenated_road_name_are_both_found() -> None:
    texts = [p.text for p in _places(SAMPLE)]
    assert "Kabul" in texts and "Kandahar" in texts


def test_ghazni_carries_its_admin_area_and_confidence() -> None:
    place = _by_text(_places(SAMPLE), "Ghazni")
    assert place.country == "Afghanistan"
    assert place.admin1 is not None
    assert 0.5 <= place.confidence <= 1.0


def test_province_word_selects_the_admin1_area() -> None:
    place = _places("Fighting spread across Ghazni province on Monday.")[0]
    assert place.precision == "admin1"
    assert place.country_code == "AF"


@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        ("The fair opened in Springfield, Illinois, on Saturday.", "IL"),
        ("The fair opened in Springfield, Missouri, on Saturday.", "MO"),
    ],
)
def test_state_after_a_comma_picks_the_town(sentence: str, state: str) -> None:
    place = _by_text(_places(sentence), "Springfield")
    assert place.country_code == "US"
    assert place.lat is not None and place.lon is not None
    ref = {"IL": (39.80, -89.64), "MO": (37.21, -93.29)}[state]
    assert distance_km(place.lat, place.lon, *ref) < 50


def test_stated_distance_keeps_the_place_near_its_anchor() -> None:
    place = _by_text(_places(SAMPLE), "Ghazni")
    assert place.lat is not None and place.lon is not None
    assert distance_km(place.lat, place.lon, 34.53, 69.17) < 1.5 * 150


@pytest.mark.parametrize("word", ["Police", "University", "Thursday", "FDA"])
def test_common_capitalised_words_are_not_places(word: str) -> None:
    places = _places(f"The {word} said on Monday that the report was wrong.")
    assert word not in [p.text for p in places]


def test_place_entity_from_the_entities_module_is_used() -> None:
    text = "Residents fled toward Lashkar Gah overnight."
    start = text.index("Lashkar Gah")
    ent = Entity(start, start + 11, "Lashkar Gah", "Lashkar Gah", "place", label="GAZ")
    place = _by_text(_places(text, [ent]), "Lashkar Gah")
    assert place.country_code == "AF"


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("He moved to Scranton, Pa., last year.", "Pa.", "Pennsylvania"),
        ("He works for an LA studio now.", "LA", None),
        ("She flew back to L.A. on Friday.", "L.A.", None),
    ],
)
def test_state_abbreviations_need_their_period(sentence: str, text: str, expected: str | None) -> None:
    found = [p for p in _places(sentence) if p.text == text]
    if expected is None:
        assert all(p.name != "Louisiana" for p in found)
    else:
        assert found and found[0].name == expected


@pytest.mark.parametrize(
    ("sentence", "text", "code", "feature"),
    [
        ("Cases were reported in Arizona, Pennsylvania, California and Ohio.", "California", "US", "ADM1"),
        ("Cases were reported in Arizona, California, Missouri and Ohio.", "California", "US", "ADM1"),
        ("The cow came from a Washington state farm, officials said.", "Washington", "US", "ADM1"),
        ("No flu was seen in Victoria, New South Wales or Queensland.", "Victoria", "AU", "ADM1"),
        ("Aid agencies said fighting in Darfur had displaced thousands.", "Darfur", "SD", "RGN"),
    ],
)
def test_area_names_keep_their_area_reading(sentence: str, text: str, code: str, feature: str) -> None:
    place = _by_text(_places(sentence), text)
    assert (place.country_code, place.feature) == (code, feature)
