"""The publication date an article carries itself (URL, dateline) when the input gives none."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.clean.published import date_in_dateline, date_in_url, infer_published


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.com/world/2021/08/13/taliban-ghazni", date(2021, 8, 13)),
        ("https://example.org/20200504/story.html", date(2020, 5, 4)),
        ("https://example.org/2020-05-04-story", date(2020, 5, 4)),
        ("https://example.org/2020/02/30/no-such-day", None),
        ("https://example.org/world/12345678", None),
        (None, None),
    ],
)
def test_date_in_url(url: str | None, expected: date | None) -> None:
    assert date_in_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUL, August 13, 2021 (AFP) - The Taliban took Ghazni.", date(2021, 8, 13)),
        ("This story is from March 16, 2002\n\nlucknow: the crisis", date(2002, 3, 16)),
        ("GENEVA, 4 May 2020 (Reuters) - Talks resumed.", date(2020, 5, 4)),
        ("NAIROBI, Apr 10 (Reuters) - A bomb exploded.", None),  # no year: no date
        ("A long first paragraph. " * 20 + "Later, on May 3, 2020, it rained.", None),
    ],
)
def test_date_in_dateline(text: str, expected: date | None) -> None:
    assert date_in_dateline(text) == expected


def test_the_url_wins_over_the_dateline() -> None:
    got = infer_published("https://x.org/2021/08/14/a", "KABUL, August 13, 2021 - text")
    assert got == date(2021, 8, 14)
