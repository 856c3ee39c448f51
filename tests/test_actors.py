"""Actor names: lexicon groups, countries and demonyms, ACLED-style names, comparison keys."""

from __future__ import annotations

import pytest

from newsevents.resolve.actors import (
    acled_name,
    compare_key,
    countries_in,
    country_of,
    groups_in,
    normalise_actor_name,
)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("the Taliban", "Taliban"),
        ("Taliban militants", "Taliban"),
        ("Al-Shabaab fighters", "Al Shabaab"),
        ("pro-Houthi", "Military Forces of Yemen (2016-) Supreme Political Council"),
        ("the Wagner contractors", "Wagner contractors"),
    ],
)
def test_normalise_actor_name(surface: str, name: str) -> None:
    assert normalise_actor_name(surface) == name


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Afghan", "Afghanistan"),
        ("ukrainian", "Ukraine"),
        ("DRC", "Democratic Republic of Congo"),
        ("Narnian", None),
    ],
)
def test_country_of(word: str, country: str | None) -> None:
    assert country_of(word) == country


def test_countries_in_finds_names_and_demonyms() -> None:
    found = [c for _s, _e, c in countries_in("Turkish forces shelled Syrian villages near Iraq.")]
    assert found == ["Turkey", "Syria", "Iraq"]


def test_short_acronym_needs_upper_case() -> None:
    assert [g.name for _s, _e, g in groups_in("the PKK said")] == ["PKK: Kurdistan Workers Party"]
    assert groups_in("a pkk of cards") == []


@pytest.mark.parametrize(
    ("cls", "country", "name"),
    [
        ("military", "Ukraine", "Military Forces of Ukraine"),
        ("police", "India", "Police Forces of India"),
        ("protesters", "India", "Protesters (India)"),
        ("unidentified", None, "Unidentified Armed Group (International)"),
        ("civilians", "Mexico", "Civilians (Mexico)"),
    ],
)
def test_acled_name(cls: str, country: str | None, name: str) -> None:
    assert acled_name(cls, country) == name  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Protesters (India)", "Protesters", True),
        ("Military Forces of Ukraine (2019-)", "military forces of ukraine", True),
        ("Military Forces of Yemen (2016-) Supreme Political Council", "Military Forces of Yemen", False),
        ("Al-Shabaab", "Al Shabaab", True),
        ("Taliban", "Islamic State (Afghanistan)", False),
        (None, "", True),
    ],
)
def test_compare_key(a: str | None, b: str, same: bool) -> None:
    assert (compare_key(a) == compare_key(b)) is same


@pytest.mark.parametrize(
    ("text", "criminal"),
    [
        ("A man was killed in a drive-by shooting.", True),
        ("Cartel gunmen attacked a bar.", True),
        ("Rebels attacked an army post.", False),
    ],
)
def test_criminal_context(text: str, criminal: bool) -> None:
    from newsevents.nlp.events.args import criminal_context

    assert criminal_context(text) is criminal
