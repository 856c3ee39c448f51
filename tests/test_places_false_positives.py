"""Words and pieces of longer names that spell places elsewhere are not reported as places."""

from __future__ import annotations

import pytest

from conftest import places_in as _places

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # common nouns, titles and holidays that are small towns somewhere
        ("Protesters threw a Molotov cocktail at the police station in Kyiv.", "Molotov"),
        ("During Ramadan, clashes erupted in Jerusalem.", "Ramadan"),
        ("Protests spread across the Arab cities.", "Arab"),
        ("Soldiers of the 1st Naval Infantry brigade clashed with rebels near Mariupol.", "Naval"),
        ("Fishermen were arrested off the Coast of Zwara, Libya.", "Coast"),
        ("Teachers protested in Garissa against the Regional Education Officer.", "Officer"),
        # the first word of a longer name the gazetteer lacks
        ("Police clashed with youths in Clara Town, Monrovia.", "Clara"),
        ("Al Shabaab have captured 43 civilians from Gof Gadud and are holding them.", "Gof"),
        ("Shells killed six civilians in Abu Salim (Tripoli).", "Abu"),
        # the first word of a street's or a building's name
        ("The car left the road on Mayfield Road just after midnight.", "Mayfield"),
        ("The concert at Lincoln Center drew a large crowd on Friday.", "Lincoln"),
        # a name that speaks is a person
        ("The music was loud, Nelson said. The tenant was arrested.", "Nelson"),
    ],
)
def test_word_is_not_a_place(text: str, word: str) -> None:
    places = _places(text)
    assert word not in {p.text for p in places}, [(p.text, p.name) for p in places]


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        # a city big enough keeps its name beside another ("Tripoli Libya")
        ("Shells killed six civilians in Abu Salim (Tripoli).", "Tripoli", "LY"),
        # the other names around it still place a town in a longer name
        ("Fighting continued in Monrovia and Clara Town, Liberia.", "Monrovia", "LR"),
        # a place opening an office's name is still a place
        ("A man was taken to Huntsville Memorial Hospital after the crash.", "Huntsville", "US"),
        # a resident speaking, and a country speaking for its government
        ("A 20-year-old from Brampton said the fire started at night.", "Brampton", "CA"),
        ("Georgia says the separatists fired first near Tbilisi.", "Tbilisi", "GE"),
        # a numbered county road names the county
        ("Deputies closed Freestone County Road 360 near Fairfield, Texas.", "Freestone County", "US"),
        # a party label and a state: "D-Kanawha" names the county
        (
            "Delegate Carrie Webster, D-Kanawha, sponsored the bill in Charleston, West Virginia.",
            "Kanawha",
            "US",
        ),
        # an alternate name after a locative preposition is still read
        ("Shelling by Ukrainian forces was reported in Lugansk region, near Donetsk.", "Lugansk", "UA"),
    ],
)
def test_place_is_kept(text: str, word: str, country: str) -> None:
    places = [p for p in _places(text) if p.text == word]
    assert places, f"{word!r} not found"
    assert places[0].country_code == country


def test_surname_that_is_a_place_named_elsewhere_in_the_article_is_no_place() -> None:
    text = (
        "The game was played in Ripley, West Virginia, on Friday. "
        "Wrestling coach Darren Ripley praised the team."
    )
    starts = [p.start for p in _places(text) if p.text == "Ripley"]
    assert starts == [text.index("Ripley")]
