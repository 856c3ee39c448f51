"""Numbers with units or counted nouns."""

from __future__ import annotations

import pytest

from newsevents.models import Quantity
from newsevents.nlp.model import load_nlp
from newsevents.nlp.quantities import extract_quantities

pytestmark = pytest.mark.slow


def quantities(text: str) -> list[Quantity]:
    return extract_quantities(load_nlp()(text))


def summary(text: str) -> list[tuple[str, float, str, bool]]:
    return [(q.text, q.value, q.unit, q.approximate) for q in quantities(text)]


def test_distance_with_conversion_gives_two_quantities() -> None:
    text = "The Taliban seized Ghazni, just 150 kilometres (95 miles) from Kabul."
    assert summary(text) == [
        ("150 kilometres", 150.0, "km", False),
        ("95 miles", 95.0, "mi", False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They have overrun 10 provincial capitals in a week.",
            ("10 provincial capitals", 10.0, "provincial capitals", False),
        ),
        ("At least 12 people were killed.", ("At least 12 people", 12.0, "people", True)),
        ("Ten soldiers died in the attack.", ("Ten soldiers", 10.0, "soldiers", False)),
        ("Dozens of protesters gathered.", ("Dozens of protesters", 12.0, "protesters", True)),
        ("Hundreds of families fled.", ("Hundreds of families", 100.0, "families", True)),
        ("About 1.5 million people fled.", ("About 1.5 million people", 1.5e6, "people", True)),
        ("Some twenty-five villages burned.", ("Some twenty-five villages", 25.0, "villages", True)),
        ("Police seized 20 kg of heroin.", ("20 kg", 20.0, "kg", False)),
        ("Turnout was 7.5 percent.", ("7.5 percent", 7.5, "%", False)),
        ("Inflation hit 12% in May.", ("12%", 12.0, "%", False)),
        ("The deal is worth $2.5 billion.", ("$2.5 billion", 2.5e9, "USD", False)),
        ("They paid 300 million euros.", ("300 million euros", 3e8, "EUR", False)),
        ("Police arrested 1,200 farmers.", ("1,200 farmers", 1200.0, "farmers", False)),
    ],
)
def test_quantity_value_unit_and_approximation(text: str, expected: tuple[str, float, str, bool]) -> None:
    assert summary(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The election was held in 2019.",
        "The talks resumed on May 3.",
        "He was the first to arrive.",
        "One of them was empty.",
    ],
)
def test_dates_ordinals_and_pronouns_are_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_offsets_point_at_the_text() -> None:
    text = "Officials said at least 12 people died and 3 were wounded 40 km away."
    for q in quantities(text):
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text", ["Around 1 May (week of), refugees protested.", "On 29 Apr coalition forces struck."]
)
def test_day_and_month_is_not_a_quantity(text: str) -> None:
    assert quantities(text) == []
