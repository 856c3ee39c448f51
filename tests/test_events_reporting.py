"""Whether an article's events are reported: the bar its most probable event must reach."""

from __future__ import annotations

import pytest

from newsevents.nlp.events.reporting import BAR_CAP, FREE_CHARS, article_bar, reported


def test_a_paragraph_is_judged_by_the_threshold_alone() -> None:
    assert article_bar(0.1, FREE_CHARS) == pytest.approx(0.1)
    assert reported([0.101], 300, 0.1) == [True]
    assert reported([0.09], 300, 0.1) == [False]


def test_the_main_event_of_a_long_article_needs_more() -> None:
    assert article_bar(0.1, 6500) == pytest.approx(0.25)
    assert reported([0.2], 6500, 0.1) == [False]
    assert reported([0.26], 6500, 0.1) == [True]


def test_the_bar_rises_with_length() -> None:
    bars = [article_bar(0.1, n) for n in (500, 1500, 3000, 6000, 9000)]
    assert bars == sorted(bars) and bars[0] < bars[-1]


def test_the_bar_has_a_cap() -> None:
    assert article_bar(0.1, 100_000) == BAR_CAP
    assert reported([BAR_CAP], 100_000, 0.1) == [True]


def test_a_higher_threshold_is_never_undercut() -> None:
    assert article_bar(0.5, 100_000) == 0.5
    assert reported([0.45, 0.4], 100, 0.5) == [False, False]
    assert reported([0.6, 0.45], 100, 0.5) == [True, False]


def test_once_the_main_event_clears_the_bar_every_event_at_the_threshold_is_reported() -> None:
    assert reported([0.12, 0.9, 0.31, 0.08], 6000, 0.1) == [True, True, True, False]


def test_nothing_is_reported_when_the_main_event_misses_the_bar() -> None:
    assert reported([0.2, 0.18], 8000, 0.1) == [False, False]


def test_no_candidates() -> None:
    assert reported([], 5000, 0.1) == []
