"""Evidence from the whole article: one reading per name, and towns inside the counties it names."""

from __future__ import annotations

import pytest

from conftest import places_in
from newsevents.models import Place
from newsevents.nlp.model import load_nlp
from newsevents.nlp.places import extract_places

pytestmark = pytest.mark.slow


def _readings(places: list[Place], text: str) -> set[tuple[str | None, str | None]]:
    found = {(p.country_code, p.admin1) for p in places if p.text == text}
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found


def test_one_name_is_one_town_whatever_type_word_follows() -> None:
    # "Paris City Council" names a town's office; "Paris Junior College" is in the same Paris
    places = places_in(
        "Paris City Council asked the city manager to expand the plan and to meet with "
        "Paris Junior College president Pam Anglin."
    )
    assert _readings(places, "Paris") == {("US", "Texas")}


def test_a_dateline_makes_the_same_name_a_place_where_the_model_saw_a_person() -> None:
    places = places_in("ROSWELL - A man Roswell police say stole a bracelet was struck by a car on Friday.")
    assert [p.text for p in places] == ["ROSWELL", "Roswell"]
    assert len({p.geonameid for p in places}) == 1


def test_a_name_found_by_the_gazetteer_alone_vouches_for_no_other_mention() -> None:
    # a sentence-initial "Jones" may read as a town; the person the model saw later stays a person
    text = "Jones did not return a message on Monday. The council praised Jones for his work."
    places = places_in(text)
    assert all(p.start < text.index("praised") for p in places if p.text == "Jones")


def test_a_title_the_model_saw_holds_a_town_named_as_a_place_elsewhere() -> None:
    text = "A memorial opened in Dublin on Monday. Dublin Mayor Jane Smith spoke at the opening."
    doc = load_nlp()(text)
    second = text.index("Dublin Mayor")
    title = doc.char_span(second, second + len("Dublin Mayor Jane Smith"), label="WORK_OF_ART")
    first = doc.char_span(text.index("Dublin"), text.index("Dublin") + 6, label="GPE")
    assert title is not None and first is not None
    doc.ents = [first, title]
    dublins = [p for p in extract_places(doc, []) if p.text == "Dublin"]
    assert [p.start for p in dublins] == [first.start_char, second]


def test_a_title_alone_names_no_town() -> None:
    text = "Tickets for Dublin Nights went on sale on Monday."
    doc = load_nlp()(text)
    span = doc.char_span(text.index("Dublin"), text.index(" went"), label="WORK_OF_ART")
    assert span is not None
    doc.ents = [span]
    assert all(p.text != "Dublin" for p in extract_places(doc, []))


@pytest.mark.parametrize(
    ("text", "town", "county", "state"),
    [
        (
            "The Boone County council met in Lebanon on Tuesday to discuss road repairs.",
            "Lebanon",
            "Boone County",
            "Indiana",
        ),
        (
            "Walker County deputies said the prisoner escaped from a unit in Huntsville.",
            "Huntsville",
            "Walker County",
            "Texas",
        ),
    ],
)
def test_a_town_and_a_county_it_lies_in_place_each_other(
    text: str, town: str, county: str, state: str
) -> None:
    places = places_in(text)
    assert _readings(places, town) == {("US", state)}
    assert _readings(places, county) == {("US", state)}


def test_a_state_and_its_city_are_not_a_namesake_county_and_town() -> None:
    # Texas County, Missouri holds a Houston; "Texas" next to "Houston" is still the state
    places = places_in("He had an uncle in Houston, and his move to Texas was motivated by the weather.")
    assert _readings(places, "Houston") == {("US", "Texas")}
    texas = [p for p in places if p.text == "Texas"]
    assert texas and texas[0].feature == "ADM1"


@pytest.mark.parametrize(
    ("text", "name", "state"),
    [
        (
            "Village board meets. RIDGE FARM, Ill. (AP) — The board voted on Monday to repave Main Street.",
            "RIDGE FARM",
            "Illinois",
        ),
        (
            "Budget talks go on. FALLS VILLAGE — The selectmen met on Monday to discuss the budget.",
            "FALLS VILLAGE",
            "Connecticut",
        ),
    ],
)
def test_a_dateline_names_a_place_however_small(text: str, name: str, state: str) -> None:
    assert _readings(places_in(text), name) == {("US", state)}


def test_an_acronym_opening_a_sentence_before_a_dash_is_no_dateline() -> None:
    # "Nato" is a village of the Philippines; "NATO -" opens a sentence about the alliance
    places = places_in("Talks go on. NATO - The alliance said on Monday it would send more troops.")
    assert all(p.text != "NATO" for p in places)


def test_capitals_before_a_dash_inside_a_sentence_are_no_dateline() -> None:
    # an acronym ending a clause is not a dateline, even where the gazetteer knows a village so spelt
    places = places_in("The report was written by staff at the HUB - a group of local volunteers.")
    assert all(p.text != "HUB" for p in places)
