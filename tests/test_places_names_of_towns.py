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


def _with_entity(text: str, word: str, label: str = "GPE") -> list[str]:
    """The places found in a text where the model tagged only ``word`` (its first occurrence)."""
    doc = load_nlp()(text)
    start = text.index(word)
    span = doc.char_span(start, start + len(word), label=label)
    assert span is not None
    doc.ents = [span]
    return [p.text for p in extract_places(doc, [])]


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


# (text, name, where it is): each case is one rule of `resolve/geo_resolve.py`
READINGS = [
    pytest.param(
        "Mt. Pleasant Community High School's jazz band earned a place in the state championships "
        "in Des Moines after placing first at the district competition in Iowa City. "
        "It is the first time in 17 years that Mt. Pleasant has won.",
        "Mt. Pleasant",
        ("US", "Iowa", "Mount Pleasant"),
        id="a short form reaches the town near the article's other places",
    ),
    pytest.param(
        "Woodstock Mayor Michael Harding welcomed the Ontario budget. Tillsonburg Mayor Stephen "
        "Molnar said his council would apply for the infrastructure money. Oxford's municipal "
        "leaders had questions about the details, and Woodstock and Tillsonburg will meet on Monday.",
        "Oxford",
        ("CA", "Ontario", "Oxford County"),
        id="a bare name is the county that holds the article's towns",
    ),
    pytest.param(
        "An elderly husband and wife were found dead in their downtown Hanover condominium. The "
        "bodies were discovered by two Hanover police officers. One of their sons, Spencer Lewis "
        "of Bethel, Vt., declined to comment. Giaccone said the Hanover police had no prior "
        "contact with the couple. They were renters, according to Hanover Town Hall records.",
        "Hanover",
        ("US", "New Hampshire", "Hanover"),
        id="a name with its type word does not vouch for its own reading",
    ),
    pytest.param(
        "MOUNT GILEAD, Ohio (AP) -- A city court won't accept new cases because it is out of paper. "
        "In Mount Gilead, the judge of the Morrow County court says the court has just enough. "
        "In Youngstown, Mayor Jay Williams wants city employees to work fewer hours.",
        "Youngstown",
        ("US", "Ohio", "Youngstown"),
        id="a town the article calls by its own name is not meant by an old name of it",
    ),
    pytest.param(
        "Juvenile arrested in Oxford bar had her mother's blessing. The suspect, of Pickerington, "
        "Ohio, allegedly told police she was in Oxford visiting along with her mother.",
        "Oxford",
        ("US", "Ohio", "Oxford"),
        id="a small town's old name yields to the town that bears it (Ashley, Ohio was Oxford)",
    ),
    pytest.param(
        "State legislators will eye an annexation plan for Decatur and Avondale Estates. "
        "The plan involves 10 lots in Decatur and 22 in Avondale, said the mayor of Avondale.",
        "Avondale",
        ("US", "Georgia", "Avondale Estates"),
        id="a part of a town's name is that town where the article names it whole",
    ),
]


@pytest.mark.parametrize(("text", "name", "expected"), READINGS)
def test_which_town_a_name_means(text: str, name: str, expected: tuple[str, str, str]) -> None:
    assert _where(places_in(text), name) == {expected}


def test_an_entity_runs_on_over_the_words_of_a_longer_known_name() -> None:
    text = "The team upped its record to 24-5 in Belle Plaine on Friday night."
    assert _with_entity(text, "Belle") == ["Belle Plaine"]


def test_a_type_word_after_a_name_is_not_run_over() -> None:
    # "Dublin City" is a county of Ireland; "Dublin City Council" is a town's council
    text = "The proposal was approved by the Dublin City Council on Monday."
    assert _with_entity(text, "Dublin") == ["Dublin"]


def test_a_common_word_the_model_placed_after_a_locative_is_a_town() -> None:
    text = "He found the men early Saturday in Independence, but one of them was stabbed."
    assert _with_entity(text, "Independence") == ["Independence"]


def test_a_numbered_common_word_is_no_town() -> None:
    text = "The member towns' contributions to Region 1 will be cut next year."
    assert _with_entity(text, "Region") == []


def test_towns_read_elsewhere_do_not_outvote_the_country_the_article_names() -> None:
    # "Elizabeth", "Adrian" and "Ocean FM" read as towns of the US; the story names Ireland
    places = places_in(
        "A Nigerian woman insisted she had not made up the story in order to remain in Ireland. "
        '"I did have a daughter Elizabeth and she did die," said the Sligo-based mother. The mayor '
        "of Sligo stood by her decision to hold a reception for her. A doctor gave interviews to "
        "Ocean FM in Sligo. She has a son Adrian who lives with his father in Nigeria."
    )
    assert {code for code, _admin1, _name in _where(places, "Sligo")} == {"IE"}


# Things named after a town, a saint or a person, whose names the gazetteer also knows
NOT_PLACES = {
    "pathogen": "Three farm workers were infected with Reston ebolavirus at a pig farm.",
    "virus": "The Marburg virus kills up to nine in ten of those it infects.",
    "illness": "Cases of Japanese encephalitis rose in the north of the country.",
    "building": "The governor was twice rebuffed by the White House in his attempts to use the money.",
    "firm": "The city owes design firm Stevens & Wilkinson money for the hotel, the judge ruled.",
    "day": "Police stressed safety before St. Patrick's Day, when crashes peak.",
    "day in a name": "Party leaders made rousing speeches at the Lincoln Day Dinner on Saturday.",
}


@pytest.mark.parametrize("text", NOT_PLACES.values(), ids=NOT_PLACES.keys())
def test_a_thing_named_after_a_place_is_no_place(text: str) -> None:
    assert places_in(text) == []
