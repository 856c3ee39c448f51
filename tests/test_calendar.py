"""Calendar arithmetic: weeks, weekday and month resolution, TIMEX3 value ranges."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.resolve.calendar import (
    iso_week,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    shift_months,
    value_range,
)

FRIDAY = date(2021, 8, 13)
THURSDAY, MONDAY, SATURDAY = 3, 0, 5


@pytest.mark.parametrize(
    ("day", "week"),
    [(date(2021, 8, 13), "2021-W32"), (date(2021, 1, 1), "2020-W53"), (date(2019, 12, 30), "2020-W01")],
)
def test_iso_week_is_zero_padded_and_uses_iso_years(day: date, week: str) -> None:
    assert iso_week(day) == week


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (THURSDAY, "past", date(2021, 8, 12)),
        (THURSDAY, "future", date(2021, 8, 19)),
        (MONDAY, "nearest", date(2021, 8, 16)),
        (SATURDAY, "past", date(2021, 8, 7)),
        (4, "future", FRIDAY),  # the publication day itself
    ],
)
def test_resolve_weekday_follows_the_direction(weekday: int, direction: str, expected: date) -> None:
    assert resolve_weekday(FRIDAY, weekday, direction) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("month", "direction", "year"),
    [(6, "past", 2021), (9, "past", 2020), (9, "future", 2021), (2, "future", 2022), (8, "future", 2021)],
)
def test_resolve_month_picks_the_year(month: int, direction: str, year: int) -> None:
    assert resolve_month(FRIDAY, month, direction) == year  # type: ignore[arg-type]


def test_resolve_month_day_past_and_future() -> None:
    assert resolve_month_day(FRIDAY, 9, 1, "past") == date(2020, 9, 1)
    assert resolve_month_day(FRIDAY, 9, 1, "future") == date(2021, 9, 1)
    assert resolve_month_day(FRIDAY, 2, 30, "past") is None


@pytest.mark.parametrize(("months", "expected"), [(-1, (2021, 7)), (-8, (2020, 12)), (5, (2022, 1))])
def test_shift_months_crosses_years(months: int, expected: tuple[int, int]) -> None:
    assert shift_months(FRIDAY, months) == expected


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [
        ("2021-08-12", "day", date(2021, 8, 12), date(2021, 8, 12)),
        ("2021-08-12TNI", "day", date(2021, 8, 12), date(2021, 8, 12)),
        ("2021-W32", "week", date(2021, 8, 9), date(2021, 8, 15)),
        ("2021-W32-WE", "day", date(2021, 8, 14), date(2021, 8, 15)),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29)),
        ("1998-Q1", "month", date(1998, 1, 1), date(1998, 3, 31)),
        ("1998-SU", "month", date(1998, 6, 1), date(1998, 8, 31)),
        ("1998-WI", "month", date(1998, 12, 1), date(1999, 2, 28)),
        ("1998", "year", date(1998, 1, 1), date(1998, 12, 31)),
        ("199", "year", date(1990, 1, 1), date(1999, 12, 31)),
    ],
)
def test_value_range_gives_precision_and_days(value: str, precision: str, first: date, last: date) -> None:
    assert value_range(value) == (precision, first, last)


@pytest.mark.parametrize("value", ["PRESENT_REF", "XXXX-WXX-4", "P1W", "2021-02-30", "2021-W60"])
def test_value_range_unknown_for_values_without_days(value: str) -> None:
    assert value_range(value) == ("unknown", None, None)
