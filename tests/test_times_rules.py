"""Time expression rules on hand-built text: spans and TIMEX3 values (no tagger, so no tense)."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from newsevents.models import TimeExpr
from newsevents.nlp.times import extract_times

DCT = date(2021, 8, 13)  # a Friday, ISO week 32, third quarter
_BLANK = spacy.blank("en")


def _times(text: str, published: date | None = DCT) -> list[TimeExpr]:
    return extract_times(_BLANK(text), published)


def _one(text: str, published: date | None = DCT) -> TimeExpr:
    found = _times(text, published)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Talks ended on 27 April 2020 in Doha.", "27 April 2020", "2020-04-27"),
        ("Talks ended on April 27, 2020 in Doha.", "April 27, 2020", "2020-04-27"),
        ("Talks ended on 27/04/2020 in Doha.", "27/04/2020", "2020-04-27"),
        ("Talks ended on 2020-04-27 in Doha.", "2020-04-27", "2020-04-27"),
        ("Talks ended on Sept. 30, 1989 in Doha.", "Sept. 30, 1989", "1989-09-30"),
        ("It happened in March 2019.", "March 2019", "2019-03"),
        ("It happened in 1998.", "1998", "1998"),
        ("It happened in the 1990s.", "the 1990s", "199"),
        ("It happened in the third quarter of 1998.", "the third quarter of 1998", "1998-Q3"),
        ("It happened in the summer of 1998.", "the summer of 1998", "1998-SU"),
        ("It rose in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ],
)
def test_explicit_dates(text: str, span: str, value: str) -> None:
    tx = _one(text)
    assert (tx.text, tx.value, tx.type) == (span, value, "DATE")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("He left yesterday.", "yesterday", "2021-08-12"),
        ("He leaves today.", "today", "2021-08-13"),
        ("It opened last week.", "last week", "2021-W31"),
        ("It opens next week.", "next week", "2021-W33"),
        ("It opened last month.", "last month", "2021-07"),
        ("It opened last year.", "last year", "2020"),
        ("It opened earlier this month.", "earlier this month", "2021-08"),
        ("It opened two years ago.", "two years ago", "2019"),
        ("It opened 10 days ago.", "10 days ago", "2021-08-03"),
        ("It opened six weeks ago.", "six weeks ago", "2021-W26"),
        ("It opened last Monday.", "last Monday", "2021-08-09"),
        ("It opened third-quarter.", "third-quarter", "2021-Q3"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(text: str, span: str, value: str) -> None:
    tx = _one(text)
    assert (tx.text, tx.value) == (span, value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Rebels overran ten cities in a week.", "a week", "P1W"),
        ("He served 10 years in prison.", "10 years", "P10Y"),
        ("Prices rose over the past three years.", "the past three years", "P3Y"),
        ("The talks ran in two-hour rounds.", "two-hour", "PT2H"),
        ("It lasted the past decade.", "the past decade", "P10Y"),
        ("They fought for years.", "years", "PXY"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    tx = _one(text)
    assert (tx.text, tx.value, tx.type) == (span, value, "DURATION")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It is now over.", "PRESENT_REF"),
        ("It is currently over.", "PRESENT_REF"),
        ("It recently ended.", "PAST_REF"),
    ],
)
def test_reference_words(text: str, value: str) -> None:
    assert _one(text).value == value


@pytest.mark.parametrize(
    ("text", "value"), [("Patrols run daily.", "P1D"), ("They meet every Thursday.", "XXXX-WXX-4")]
)
def test_sets(text: str, value: str) -> None:
    tx = _one(text)
    assert (tx.type, tx.value) == ("SET", value)


def test_clock_time_takes_the_publication_day() -> None:
    tx = _one("The blast came at around 7:15 p.m. near the market.")
    assert (tx.type, tx.value, tx.date) == ("TIME", "2021-08-13T19:15", DCT)


def test_night_of_a_day_range_keeps_both_days() -> None:
    tx = _one("Shelling on the night of 26-27 April 2020 killed two.")
    assert tx.value == "2020-04-26TNI"
    assert (tx.date, tx.end_date, tx.precision) == (date(2020, 4, 26), date(2020, 4, 27), "day")


def test_week_value_carries_monday_to_sunday() -> None:
    tx = _one("It opened last week.")
    assert (tx.precision, tx.date, tx.end_date) == ("week", date(2021, 8, 2), date(2021, 8, 8))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They met Thursday.", "XXXX-WXX-4"),
        ("It opened last week.", "XXXX-WXX"),
        ("It opened two years ago.", "PAST_REF"),
        ("It opened in June.", "XXXX-06"),
    ],
)
def test_without_publication_date_values_stay_underspecified(text: str, value: str) -> None:
    tx = _one(text, None)
    assert (tx.value, tx.date) == (value, None)


def test_explicit_date_needs_no_publication_date() -> None:
    assert _one("Talks ended on 27 April 2020.", None).date == date(2020, 4, 27)


@pytest.mark.parametrize(
    "text",
    [
        "They may sign the deal.",
        "Prices fall when supply rises.",
        "The fall of the city shocked Kabul.",
        "He was paid $1990 in cash.",
        "The 6-year-old boy is safe.",
    ],
)
def test_non_temporal_words_are_not_tagged(text: str) -> None:
    assert _times(text) == []


def test_month_first_numeric_dates_when_the_text_shows_them() -> None:
    found = _times("Filed 12/25/2020, amended 01/02/2021.")
    assert [t.value for t in found] == ["2020-12-25", "2021-01-02"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("He fled in June 1998 and returned later that year.", "later that year", "1998"),
        ("He was shot on Oct. 23, 1998. Earlier that day, police met.", "Earlier that day", "1998-10-23"),
        ("He fled in June 1998 and returned the following year.", "the following year", "1999"),
    ],
)
def test_anchored_expressions_follow_the_last_date_mentioned(text: str, span: str, value: str) -> None:
    found = [t for t in _times(text) if t.text == span]
    assert [t.value for t in found] == [value]


def test_anchored_expression_without_a_previous_date_counts_from_publication() -> None:
    assert _one("Prices rose the following year.").value == "2022"


def test_decade_in_words() -> None:
    tx = _one("Numbers fell through the nineties.")
    assert (tx.text, tx.value) == ("the nineties", "199")


def test_year_ago_takes_the_quarter_of_a_results_story() -> None:
    found = _times("Third-quarter net rose 5% from a year ago.", date(1989, 10, 26))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


def test_without_publication_date_a_yearless_date_takes_the_year_of_the_last_explicit_one() -> None:
    found = _times("On 8 May 2020, students protested. On 5 May, police had arrested two.", None)
    assert [(t.value, t.date) for t in found] == [
        ("2020-05-08", date(2020, 5, 8)),
        ("2020-05-05", date(2020, 5, 5)),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It lasted 2 1/2 years.", "P2Y6M"),
        ("It lasted 1.5 hours.", "PT1H30M"),
        ("It took 1.5 days.", "P1DT12H"),
    ],
)
def test_fractional_durations_spill_into_the_next_unit(text: str, value: str) -> None:
    assert _one(text).value == value


def test_clock_time_with_a_date_takes_that_date() -> None:
    tx = _one("The offer expires at 5 p.m. EST Nov. 9.", date(1989, 11, 2))
    assert (tx.text, tx.value) == ("5 p.m. EST Nov. 9", "1989-11-09T17:00")


@pytest.mark.parametrize(
    "text",
    [
        "Monitors observed a total of 1513 shots near the town.",
        "At least 1200 people were evacuated.",
        "More than 1800 homes lost power.",
    ],
)
def test_a_counted_number_is_no_year(text: str) -> None:
    assert _times(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The 2019 protests were the largest.", "2019"),
        ("The law passed in 1998 after the strikes.", "1998"),
    ],
)
def test_a_year_before_a_plural_is_still_a_year(text: str, value: str) -> None:
    assert _one(text).value == value
