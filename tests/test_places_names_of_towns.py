"""Which town a name means: its short forms, its other names, its county, and the article's own
countries (`resolve/geo_resolve.py`, `resolve/geo_build.py`, `nlp/places.py`)."""

from __future__ import annotations

import pytest

from conftest import places_in
from newsevents.models import Place
from newsevents.nlp.model import load_nlp
from newsevents.nlp.places import extract_places
from newsevents.resolve.gazetteer import get_gazetteer

pytestmark = pytest.mark.slow


def _where(places: list[Place], text: str) -> set[tuple[str | None, str | None, str]]:
    found = {(p.country_code, p.admin1, p.name) for p in places if p.text == text}
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found


def test_a_name_opening_with_mount_or_fort_is_found_under_its_short_form() -> None:
    g = get_gazetteer()
    states = {c.admin1_code for c in g.lookup_key("mt pleasant") if c.country_code == "US"}
    assert states >= {"IA", "MI", "SC"}
    assert [c.name for c in g.lookup_key("ft wayne")] == ["Fort Wayne"]
    assert "Saint Paris" in {c.name for c in g.lookup_key("st paris")}


def test_a_short_form_reaches_the_town_near_the_articles_other_places() -> None:
    places = places_in(
        "Mt. Pleasant Community High School's jazz band earned a place in the state championships "
        "in Des Moines after placing first at the district competition in Iowa City. "
        "It is the first time in 17 years that Mt. Pleasant has won."
    )
    assert _where(places, "Mt. Pleasant") == {("US", "Iowa", "Mount Pleasant")}


def test_a_bare_name_is_the_county_that_holds_the_articles_towns() -> None:
    places = places_in(
        "Woodstock Mayor Michael Harding welcomed the Ontario budget. Tillsonburg Mayor Stephen "
        "Molnar said his council would apply for the infrastructure money. Oxford's municipal "
        "leaders had questions about the details, and Woodstock and Tillsonburg will meet on Monday."
    )
    assert _where(places, "Oxford") == {("CA", "Ontario", "Oxford County")}


def test_a_name_with_its_type_word_does_not_vouch_for_its_own_reading() -> None:
    # "Hanover police" and "Hanover" are one name: only Bethel, Vt. places it (Hanover, N.H.)
    places = places_in(
        "An elderly husband and wife were found dead in their downtown Hanover condominium. The "
        "bodies were discovered by two Hanover police officers. One of their sons, Spencer Lewis "
        "of Bethel, Vt., declined to comment. Giaccone said the Hanover police had no prior "
        "contact with the couple. They were renters, according to Hanover Town Hall records."
    )
    assert _where(places, "Hanover") == {("US", "New Hampshire", "Hanover")}


def test_a_town_the_article_calls_by_its_own_name_is_not_meant_by_an_old_name() -> None:
    # GeoNames keeps "Youngstown" as an old name of Mount Gilead, the dateline of the story
    places = places_in(
        "MOUNT GILEAD, Ohio (AP) -- A city court won't accept new cases because it is out of paper. "
        "In Mount Gilead, the judge of the Morrow County court says the court has just enough. "
        "In Youngstown, Mayor Jay Williams wants city employees to work fewer hours."
    )
    assert _where(places, "Youngstown") == {("US", "Ohio", "Youngstown")}


def test_a_small_towns_old_name_yields_to_the_town_that_bears_it() -> None:
    # Ashley, Ohio was once called Oxford; the Oxford of this story is Oxford, Ohio
    places = places_in(
        "Juvenile arrested in Oxford bar had her mother's blessing. The suspect, of Pickerington, "
        "Ohio, allegedly told police she was in Oxford visiting along with her mother."
    )
    assert _where(places, "Oxford") == {("US", "Ohio", "Oxford")}


def test_a_short_part_of_a_towns_name_is_that_town_where_the_article_names_it_whole() -> None:
    places = places_in(
        "State legislators will eye an annexation plan for Decatur and Avondale Estates. "
        "The plan involves 10 lots in Decatur and 22 in Avondale, said the mayor of Avondale."
    )
    assert _where(places, "Avondale") == {("US", "Georgia", "Avondale Estates")}


def test_an_entity_runs_on_over_the_words_of_a_longer_known_name() -> None:
    text = "The team upped its record to 24-5 in Belle Plaine on Friday night."
    doc = load_nlp()(text)
    start = text.index("Belle")
    span = doc.char_span(start, start + len("Belle"), label="GPE")
    assert span is not None
    doc.ents = [span]
    assert [p.text for p in extract_places(doc, [])] == ["Belle Plaine"]


def test_a_type_word_after_a_name_is_not_run_over() -> None:
    # "Dublin City" is a county of Ireland; "Dublin City Council" is a town's council
    text = "The proposal was approved by the Dublin City Council on Monday."
    doc = load_nlp()(text)
    start = text.index("Dublin")
    span = doc.char_span(start, start + len("Dublin"), label="GPE")
    assert span is not None
    doc.ents = [span]
    assert [p.text for p in extract_places(doc, [])] == ["Dublin"]


def test_a_common_word_the_model_placed_after_a_locative_is_a_town() -> None:
    text = "He found the men early Saturday in Independence, but one of them was stabbed."
    doc = load_nlp()(text)
    start = text.index("Independence")
    span = doc.char_span(start, start + len("Independence"), label="GPE")
    assert span is not None
    doc.ents = [span]
    assert [p.text for p in extract_places(doc, [])] == ["Independence"]


def test_a_numbered_common_word_is_no_town() -> None:
    text = "The member towns' contributions to Region 1 will be cut next year."
    doc = load_nlp()(text)
    start = text.index("Region")
    span = doc.char_span(start, start + len("Region"), label="GPE")
    assert span is not None
    doc.ents = [span]
    assert extract_places(doc, []) == []


def test_towns_read_elsewhere_do_not_outvote_the_country_the_article_names() -> None:
    # "Elizabeth", "Adrian" and "Ocean FM" read as towns of the US; the story names Ireland
    places = places_in(
        "A Nigerian woman insisted she had not made up the story in order to remain in Ireland. "
        '"I did have a daughter Elizabeth and she did die," said the Sligo-based mother. The mayor '
        "of Sligo stood by her decision to hold a reception for her. A doctor gave interviews to "
        "Ocean FM in Sligo. She has a son Adrian who lives with his father in Nigeria."
    )
    assert {code for code, _admin1, _name in _where(places, "Sligo")} == {"IE"}
