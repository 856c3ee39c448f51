"""The literal gate in front of long alternations finds exactly what the plain alternation finds."""

from __future__ import annotations

import re

import pytest

from newsevents.nlp.regex_literals import ASCII_TWINS, GatedFamily, GateSet, LiteralIndex, required_literals


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bkill(ed|ing)?\b", {"kill"}),
        (r"(threw|hurled) stones", {" stones"}),
        (r"(threw|hurled)", {"threw", "hurled"}),
        (r"(?<!anti-)\briot(?!\s*gear)", {"riot"}),
        (r"x?", None),
        (r"[ab]+", None),
        (r"(?i:KILL)", {"kill"}),
        (r"(?i:kİll)", None),
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert ({w for w, _caseless in found} if found is not None else None) == expected


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
    family = GatedFamily({"cue": PATTERNS, "other": [r"\bstrike"]})
    keep = family.present(text)["cue"]
    assert [m.span() for m in family.finditer("cue", text, keep)] == [m.span() for m in plain.finditer(text)]


def test_ascii_twins_are_what_the_regex_engine_folds() -> None:
    others = "".join(chr(i) for i in range(128, 0x110000) if not 0xD800 <= i <= 0xDFFF)
    table = {ord(c): a for a in "abcdefghijklmnopqrstuvwxyz" for c in re.findall(a, others, re.I)}
    assert table == ASCII_TWINS


@pytest.mark.parametrize(
    ("pattern", "text", "admits"),
    [
        (r"(?i:yesterday)", "YESTERDAY", True),
        (r"(?i:ski)", "SKİ", True),
        (r"(?i:today)", "tomorrow", False),
        (r"March", "march", False),
        (r"[0-9]+", "no digits", True),
    ],
)
def test_gate_set(pattern: str, text: str, admits: bool) -> None:
    gates = GateSet.of_patterns([re.compile(pattern)])
    assert (0 in gates.admitted(text)) is admits
    if not admits:
        assert re.search(pattern, text) is None


def test_literal_index_finds_overlapping_and_nested_literals() -> None:
    index = LiteralIndex(["kill", "killed", "led", "shot", "hot"])
    assert index.present("they killed; a shot") == {"kill", "killed", "led", "shot", "hot"}
    assert index.present("nothing") == set()
