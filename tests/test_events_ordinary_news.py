"""Ordinary news pages (films, box office, an airliner search, a navy ship, climate, wine, history,
football) report no event the system is confident of (loads the model).

The pages in tests/data/ordinary_news/ were written for this test in the style of wire copy; each
uses the words of violence in a sense that is no event ("beat Hollywood movies", "guided missile
destroyer", "taken away by helicopter", "the 1965 marches").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.nlp.annotate import annotate_text
from newsevents.nlp.events.types import acled_event_types

PAGES = sorted((Path(__file__).parent / "data" / "ordinary_news").glob("*.txt"))
CONFIDENT = 0.5


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_ordinary_news_has_no_confident_event(page: Path) -> None:
    events = annotate_text(page.read_text(encoding="utf-8"), date(2024, 6, 1), page.stem).events
    confident = [
        (e.sub_event_type, e.trigger, e.confidence)
        for e in events
        if e.event_type in acled_event_types() and e.confidence >= CONFIDENT
    ]
    assert not confident, confident


def test_there_are_pages_to_check() -> None:
    assert len(PAGES) >= 8
