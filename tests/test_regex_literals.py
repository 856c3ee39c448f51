"""The literal gate in front of long alternations finds exactly what the plain alternation finds."""

from __future__ import annotations

import re

import pytest

from newsevents.nlp.regex_literals import GatedAlternation, required_literals


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bkill(ed|ing)?\b", {"kill"}),
        (r"(threw|hurled) stones", {" stones"}),
        (r"(threw|hurled)", {"threw", "hurled"}),
        (r"(?<!anti-)\briot(?!\s*gear)", {"riot"}),
        (r"x?", None),
        (r"[ab]+", None),
        (r"(?i:kill)", None),
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == expected


PATTERNS = [r"\bkill(ed|ing)?\b", r"shot dead", r"(?<!air )\bstrikes?\b", r"\bdead\b", r"x?y"]


@pytest.mark.parametrize(
    "text",
    [
        "gunmen killed two and shot dead a third",
        "air strikes hit; strikes by workers; the dead",
        "nothing here",
        "killing killed kill xy y",
        "",
    ],
)
def test_gated_alternation_matches_plain_alternation(text: str) -> None:
    plain = re.compile("|".join(f"(?:{p})" for p in PATTERNS))
    gated = GatedAlternation(PATTERNS)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]
