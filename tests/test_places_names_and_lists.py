"""People's names, vehicles, hyphenated adjectives and lists of counties in place detection."""

from __future__ import annotations

import pytest

from conftest import places_in as _places
from newsevents.models import Place
from newsevents.nlp.annotate import annotate_text
from newsevents.nlp.model import load_nlp
from newsevents.nlp.places import extract_places

pytestmark = pytest.mark.slow


def _texts(places: list[Place]) -> list[str]:
    return [p.text for p in places]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the surname of a person named in full
        ("The Rev. Roy Jones spoke on Sunday. Jones grabbed headlines in Texas last year.", "Jones"),
        ("Alex Cheng won the state chess title in Minnesota. Cheng went undefeated.", "Cheng"),
        # a person's name with a middle initial, whatever the model calls it
        ("Officer Eggers chased Tyrise M. Bell in Las Vegas. Eggers tackled Bell.", "Bell"),
        # a lower-case title before the name
        ("The team won in Minnesota, and coach Ripley praised the wrestlers.", "Ripley"),
        # a vehicle's make after its model year
        ("Breanna Lueck was driving a 2000 Ford Taurus near Albany.", "Ford"),
        ("Jensen was driving a 2000 Mercury Sable south on the highway.", "Mercury"),
        # streets named in a list before a plural street word
        ("One man was shot at Orange and White streets in New Haven, police said.", "Orange"),
    ],
)
def test_name_is_not_a_place(text: str, word: str) -> None:
    places = _places(text)
    assert word not in _texts(places), [(p.text, p.name) for p in places]


def test_surname_outvotes_a_single_place_tag() -> None:
    """A surname the model once tags as a place stays a person when it reads so elsewhere."""
    text = (
        "Jackie Underwood spent ten days in New Zealand. "
        '"People have to wait a long time for things," Underwood said. '
        "Underwood, a family practitioner, said she liked the climate. "
        "During her time in New Zealand, Underwood was able to accomplish a goal."
    )
    places = _places(text)
    assert "Underwood" not in _texts(places)
    assert "New Zealand" in _texts(places)


def test_each_name_of_a_county_list_is_a_county() -> None:
    places = _places("Area girls from Cooke, Grayson and Love counties will compete in Gainesville, Texas.")
    by_text = {p.text: p for p in places}
    for name in ("Cooke", "Grayson", "Love"):
        assert name in by_text, _texts(places)
        assert by_text[name].feature == "ADM2", (name, by_text[name].name)
        assert by_text[name].name.startswith(name)


def test_a_lone_name_before_a_plural_area_word_is_the_state_that_holds_them() -> None:
    places = _places("Boone County's rate is near the middle of Indiana counties, 42nd of the state's 92.")
    indiana = [p for p in places if p.text == "Indiana"]
    assert indiana and indiana[0].feature == "ADM1", [(p.text, p.name, p.feature) for p in places]


def test_a_model_year_before_a_big_city_keeps_the_city() -> None:
    places = _places("Survivors of the 2003 Baghdad Embassy bombing met on Friday.")
    assert "Baghdad" in _texts(places)


def test_a_county_named_after_a_year_stays() -> None:
    places = _places("The 2009 Walker County Fair opens in Huntsville, Texas, on Friday.")
    assert "Walker County" in _texts(places)


def test_hyphenated_nationalities_name_both_countries() -> None:
    places = _places("A Soyuz capsule carrying a Russian-American crew blasted off from Kazakhstan.")
    countries = {p.country_code for p in places if p.text in ("Russian", "American")}
    assert countries == {"RU", "US"}, [(p.text, p.country) for p in places]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a place the model took for a person, placed by the words before it
        ("Migrants live in the northern town of Calais in poor conditions.", "Calais"),
        ("The people in Calais are often treated worse than dogs, he said.", "Calais"),
    ],
)
def test_place_taken_for_a_person_is_placed_by_its_preposition(text: str, word: str) -> None:
    doc = load_nlp()(text)
    if not any(e.text == word and e.label_ == "PERSON" for e in doc.ents):
        pytest.skip(f"the model does not tag {word!r} as a person here")
    assert word in _texts(extract_places(doc, []))


def test_an_owner_after_a_preposition_is_no_place() -> None:
    places = _places("Many figures are in Israeli prisons or in Abbas's detention centers.")
    assert "Abbas" not in _texts(places)


def test_a_doubtful_place_abroad_is_dropped() -> None:
    """A name read as a place only from the words before it must agree with the article's country."""
    text = (
        "On 1 May 2020, regime forces shelled the town of Bara in Jabal al-Zawiya "
        "in the southern countryside of Idleb."
    )
    countries = {p.country_code for p in _places(text)}
    assert countries <= {"SY"}, countries


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the model splits the name at "of the"; its last word alone is another country
        (
            "The countries that have had increases in polio included Angola, Chad, and Democratic "
            "Republic of the Congo.",
            "Democratic Republic of the Congo",
            "CD",
        ),
        ("Officials from Trinidad and Tobago met on Monday.", "Trinidad and Tobago", "TT"),
    ],
)
def test_a_name_split_by_the_model_is_one_place(text: str, name: str, country: str) -> None:
    places = _places(text)
    assert [(p.text, p.country_code) for p in places if p.text == name] == [(name, country)]


def test_two_places_joined_by_and_stay_two() -> None:
    assert _texts(_places("Flights between Paris and London resumed on Monday.")) == ["Paris", "London"]


def test_part_of_a_hyphenated_name_abroad_is_dropped() -> None:
    """ "Xaaji-Cali" in a Somali note is not Cali in Colombia: a part of a hyphenated name whose
    other part is no place is doubtful."""
    text = (
        "On 6 May 2020, Al shabaab militants attacked a convoy of AMISOM forces travelling from "
        "Jowhar town near Xaaji-Cali village (Xaaji-Cali, Cadale). After heavy exchange of gunfire "
        "from both sides, Al shabaab militants retreated."
    )
    countries = {p.country_code for p in annotate_text(text, None).places}
    assert "CO" not in countries and "SO" in countries, countries


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Talks on the Pakistan-Afghanistan border resumed.", {"Pakistan", "Afghanistan"}),
        ("US-Egyptian talks opened in Cairo.", {"US", "Cairo"}),
        ("Floods hit the Rhône-Alpes region of France.", {"Rhône", "France"}),
    ],
)
def test_hyphenated_places_and_peoples_stay(text: str, names: set[str]) -> None:
    assert names <= set(_texts(_places(text)))


def test_the_end_of_a_longer_name_abroad_is_dropped() -> None:
    """ "Abu Rasin" in Hasakeh is not Racine, Wisconsin (whose Slavic name is "Rasin")."""
    text = "On 30 April 2020, Russian forces conducted a patrol in Abu Rasin area in al-Hasakeh."
    countries = {p.country_code for p in _places(text)}
    assert "US" not in countries and "SY" in countries, countries


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Laura and I will travel to sub-Saharan Africa early next year, Bush said in Texas.", "Africa"),
        ("Environment Canada meteorologists warned of snow in Ontario.", "Canada"),
    ],
)
def test_a_country_or_continent_ending_a_name_stays(text: str, name: str) -> None:
    assert name in _texts(_places(text))


def test_an_entity_runs_on_over_a_particle_into_a_longer_name() -> None:
    """The model tags "Kut" of "Kut e Abdollah" (a town of Iran); Kut alone is one of Iraq."""
    text = "On 5 May 2020, about 30 municipality workers in Kut e Abdollah protested against unpaid salaries."
    places = annotate_text(text, None).places
    assert [p.country_code for p in places] == ["IR"], [(p.name, p.country_code) for p in places]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Children in camps near Goz Beida were suffering from acute malnutrition.", "Goz Beida", "TD"),
        (
            "Youths attacked villages of Kuajiena county (Western Bahr el Ghazal state), leading to clashes.",
            "Western Bahr el Ghazal",
            "SS",
        ),
    ],
)
def test_a_place_entity_runs_back_over_the_words_of_its_longer_name(
    text: str, name: str, country: str
) -> None:
    found = {p.text: p.country_code for p in _places(text)}
    assert found.get(name) == country, found


def test_the_island_of_x_is_a_place_whatever_the_model_says() -> None:
    places = _places("More than 650 people died after a tsunami hit the Indonesian island of Java on Monday.")
    assert [(p.text, p.country_code) for p in places if p.text == "Java"] == [("Java", "ID")]


@pytest.mark.parametrize(
    "text",
    [
        "Officers said Epsom police were called to the flat on Friday night.",
        "Epsom residents complained about the noise, the council said.",
    ],
)
def test_a_name_before_a_towns_police_or_residents_is_the_town(text: str) -> None:
    assert [(p.text, p.country_code) for p in _places(text)] == [("Epsom", "GB")]
