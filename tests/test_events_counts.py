"""Fatality counts under ACLED's conventions."""

from __future__ import annotations

import pytest

from newsevents.nlp.events.counts import fatalities_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed three villagers.", 3),
        ("Five soldiers were killed in the ambush.", 5),
        ("The Government said 25 were killed; others said at least 37 were killed.", 25),
        ("Dozens of people were killed in the raid.", 12),
        ("Several civilians were killed.", 10),
        ("No casualties were reported.", 0),
        ("There was no report of fatalities.", 0),
        ("Clashes continued on Tuesday. 4 fatalities.", 4),
        ("Protesters marched to parliament.", None),
        ("A man was shot dead near the market.", 1),
    ],
)
def test_fatalities_in(text: str, expected: int | None) -> None:
    assert fatalities_in(text) == expected
