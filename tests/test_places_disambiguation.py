"""Toponym disambiguation: type words, provinces named after their capitals, particles, demonyms."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from conftest import places_in
from newsevents.models import Entity, Place
from newsevents.nlp.model import load_nlp
from newsevents.nlp.places import extract_places
from newsevents.resolve.gazetteer import get_gazetteer

pytestmark = pytest.mark.slow


def _with_ents(text: str, labelled: list[tuple[str, str]]) -> Doc:
    """A parsed Doc whose entities are exactly ``labelled`` (surface text, label), in order."""
    doc: Doc = load_nlp()(text)
    spans: list[Span] = []
    for surface, label in labelled:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def _find(places: list[Place], text: str) -> Place:
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


def test_city_word_keeps_the_national_capital() -> None:
    doc = _with_ents("Students marched on Sunday in Jerusalem city.", [("Jerusalem", "GPE")])
    place = _find(extract_places(doc, []), "Jerusalem")
    assert (place.country_code, place.feature) == ("IL", "PPLC")


def test_city_word_opening_an_office_name_still_prefers_a_town() -> None:
    doc = _with_ents(
        "The Dublin City Council met on Monday in Dublin, Ohio.",
        [("Dublin", "GPE"), ("Ohio", "GPE")],
    )
    place = extract_places(doc, [])[0]
    assert place.country_code == "US"


@pytest.mark.parametrize(("name", "code"), [("Mogilev", "BY"), ("Grodno", "BY"), ("Mykolaiv", "UA")])
def test_province_spelt_like_its_capital_yields_the_bare_name_to_the_city(name: str, code: str) -> None:
    best = get_gazetteer().lookup(name)[0]
    assert (best.country_code, best.feature) == (code, "PPL")
    assert best.population > 100_000


@pytest.mark.parametrize("name", ["Punjab", "Ghazni province"])
def test_provinces_without_a_same_named_capital_keep_their_name(name: str) -> None:
    assert get_gazetteer().lookup(name)[0].feature == "ADM1"


def test_region_word_still_selects_the_province() -> None:
    text = "Protests continued in Grodno region on Friday."
    doc = _with_ents(text, [("Grodno", "GPE")])
    assert _find(extract_places(doc, []), "Grodno").feature == "ADM1"


@pytest.mark.parametrize(
    ("text", "ent"),
    [
        ("Shells fell in Al Farnaj on Sunday.", "Al Farnaj"),
        ("Clashes were reported in El Shok overnight.", "El Shok"),
    ],
)
def test_a_particle_alone_is_no_place(text: str, ent: str) -> None:
    doc = _with_ents(text, [(ent, "GPE")])
    texts = [p.text for p in extract_places(doc, [])]
    assert "Al" not in texts and "El" not in texts


def test_small_namesake_inside_an_institution_name_is_no_place() -> None:
    text = "Protesters gathered outside the Banque du Liban branch in Sidon."
    doc = _with_ents(text, [("the Banque du Liban", "FAC"), ("Sidon", "GPE")])
    start = text.index("Banque du Liban")
    ent = Entity(start, start + 15, "Banque du Liban", "Banque du Liban", "place", label="GAZ")
    places = extract_places(doc, [ent])
    assert [p.text for p in places] == ["Sidon"]


def test_adjective_tagged_as_a_place_steers_resolution_without_being_reported() -> None:
    text = "People protested in Odessa against the arrest of a Ukrainian activist."
    doc = _with_ents(text, [("Odessa", "GPE"), ("Ukrainian", "GPE")])
    places = extract_places(doc, [])
    assert [p.text for p in places] == ["Odessa"]
    assert places[0].country_code == "UA"


@pytest.mark.parametrize(
    ("text", "ent", "word"),
    [
        ("Forces repelled an attack in Wadi al-Rabi on Friday.", "Wadi al-Rabi", "Wadi"),
        ("A post was shelled west of Ain al Arab city.", "Ain al Arab", "Arab"),
    ],
)
def test_head_and_tail_of_an_arabic_compound_name_are_no_places(text: str, ent: str, word: str) -> None:
    doc = _with_ents(text, [(ent, "GPE")])
    assert word not in [p.text for p in extract_places(doc, [])]


def test_name_after_a_leading_article_is_still_found() -> None:
    doc = _with_ents("Shelling hit the al-Raqqa countryside overnight.", [("al-Raqqa", "GPE")])
    assert _find(extract_places(doc, []), "Raqqa").country_code == "SY"


def test_country_naming_a_currency_does_not_place_the_story() -> None:
    text = "Protesters angry at the US dollar exchange rate gathered in Sidon."
    doc = _with_ents(text, [("US", "GPE"), ("Sidon", "GPE")])
    places = extract_places(doc, [])
    assert [p.text for p in places] == ["Sidon"]
    assert places[0].country_code == "LB"


def test_small_namesake_in_the_state_the_article_names_is_a_candidate() -> None:
    # twenty bigger Fairfields rank before the Texas town of 3,000 people by prior alone
    text = "Freestone County deputies stopped the truck on the highway outside Fairfield."
    place = _find(extract_places(load_nlp()(text), []), "Fairfield")
    assert (place.country_code, place.admin1) == ("US", "Texas")


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Sweden became the ninth country in the EU to confirm the virus.", True),
        ("Officials said EU member states would share the vaccine.", True),
        ("The EU confirmed the first case on Monday.", False),
        ("Senior European Union officials met the minister.", False),
    ],
)
def test_union_of_states_is_a_place_only_where_used_as_an_area(text: str, reported: bool) -> None:
    places = [p for p in extract_places(load_nlp()(text), []) if p.geonameid == 6695072]
    assert bool(places) is reported
    for p in places:
        assert (p.feature, p.precision) == ("CONT", "country")
        assert p.lat is not None and p.lon is not None and abs(p.lat - 50.85) < 0.5


def test_a_list_of_countries_is_no_town_placed_by_its_country() -> None:
    # "China, Japan" in a list names two countries, not the Japanese village called China
    text = "Cases were confirmed in Mexico, the United States, China, Japan and the United Kingdom."
    names = [("Mexico", "GPE"), ("the United States", "GPE"), ("China", "GPE"), ("Japan", "GPE")]
    places = extract_places(_with_ents(text, names), [])
    assert _find(places, "China").feature == "PCLI"


def test_a_town_named_after_a_country_is_placed_by_its_state() -> None:
    text = "The fair opened in Lebanon, Indiana, on Friday."
    places = extract_places(_with_ents(text, [("Lebanon", "GPE"), ("Indiana", "GPE")]), [])
    found = _find(places, "Lebanon")
    assert (found.country_code, found.feature) == ("US", "PPL")


def test_a_capital_vouches_for_no_village_of_its_name() -> None:
    """ "Buenos Aires" later in a note must not pull "Cordoba" to Mexico, where a village of that
    name lies near another Córdoba."""
    text = (
        "On 30 April 2020, in Cordoba (Cordoba), residents performed a pot-banging protest against "
        "the release of prisoners. Until 29 April 2020, 753 prisoners from Buenos Aires' prisons "
        "were released."
    )
    countries = {p.country_code for p in places_in(text) if p.text.startswith("Cordoba")}
    assert countries == {"AR"}, countries
