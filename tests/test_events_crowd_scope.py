"""A crowd's demonstration is reported whatever its cause and whoever takes part, and a day named
without its year does not make a dated note history (loads the model)."""

from __future__ import annotations

import pytest

from newsevents.nlp.annotate import annotate_text
from newsevents.nlp.events.types import acled_event_types

pytestmark = pytest.mark.slow


def _subs(text: str) -> set[str]:
    return {e.sub_event_type for e in annotate_text(text, None).events}


@pytest.mark.parametrize(
    "text",
    [
        "On 7 May 2020, in Baie-Mahault municipality, employees of a pharmaceutical company protested "
        "to demand an increase in salary.",
        "On 7 May 2020, in Cuauhtemoc, Ciudad de Mexico, around 20 taxi drivers protested demanding "
        "financial support during the suspension of activities caused by the coronavirus pandemic.",
        "On 7 May 2020, retired soldiers together with protesters from the movement against the political "
        "system in Lebanon that started on October 17, gathered at the Martyr square in Central Beirut, "
        "and demonstrated against the proposed economic plan.",
    ],
)
def test_a_demonstration_is_reported_whatever_it_is_about(text: str) -> None:
    assert "Peaceful protest" in _subs(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shares of the company rallied on Tuesday after the merger was announced.",
        "The company's stock market debut beat expectations as investors rushed in.",
    ],
)
def test_business_news_stays_business(text: str) -> None:
    assert not [e for e in annotate_text(text, None).events if e.event_type in acled_event_types()]


@pytest.mark.parametrize(
    "text",
    [
        "Markets rallied across Asia on Monday as investors returned.",
        "The home team rallied in the second half to win the match.",
        "A relief rally in stocks lifted the index by three points.",
    ],
)
def test_a_market_or_a_team_rallies_without_a_demonstration(text: str) -> None:
    assert "Peaceful protest" not in _subs(text)


def test_people_who_rally_demonstrate() -> None:
    assert "Peaceful protest" in _subs(
        "On 3 May 2020, thousands of opposition supporters rallied in the capital."
    )


@pytest.mark.parametrize(
    "text",
    [
        "On 8 May 2020, in Quilmes, workers of a meat packing company that dismissed 240 employees "
        "protested for their March salaries.",
        "On 5 May 2020, in San Lorenzo, drivers of the bus line 21 protested to demand their March's salary.",
    ],
)
def test_a_month_that_dates_a_thing_does_not_date_the_protest(text: str) -> None:
    # "their March salaries" dates the pay, not the protest: the protest is news, not background
    assert "Peaceful protest" in _subs(text)


def test_a_year_that_dates_a_happening_still_dates_it() -> None:
    # "the 2019 strikes" were more than a month before the article's present: background
    text = "On 8 May 2020, the union recalled the 2019 strikes, when workers demonstrated."
    assert not [e for e in annotate_text(text, None).events if e.event_type in acled_event_types()]


def test_a_year_that_dates_a_thing_does_not_date_the_protest() -> None:
    text = "On 8 May 2020, workers protested in the capital to demand their 2019 bonuses."
    assert "Peaceful protest" in _subs(text)
