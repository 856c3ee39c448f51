"""Truecasing of lines written in capitals (no model needed)."""

from __future__ import annotations

import pytest
from spacy.lang.en import English

from newsevents.nlp.entity_case import case_memory, recase, shouting_lines, truecase


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("KABUL, Aug 13 (AFP)\nThe Taliban advanced.", [(0, 19)]),
        ("TALIBAN SEIZE GHAZNI\nThe city fell.", [(0, 20)]),
        ("NATO and the UN met in Kabul.", []),
        ("", []),
    ],
)
def test_shouting_lines(text: str, lines: list[tuple[int, int]]) -> None:
    assert shouting_lines(English()(text)) == lines


def test_case_memory_learns_from_ordinary_lines_only() -> None:
    doc = English()("TALIBAN ENTER KABUL\nThe fighters entered Kabul and the city was quiet.")
    memory = case_memory(doc, shouting_lines(doc))
    assert memory["kabul"] == "Kabul" and memory["entered"] == "entered"
    assert "taliban" not in memory


@pytest.mark.parametrize(
    ("text", "memory", "expected"),
    [
        ("TALIBAN ENTER KABUL", {"kabul": "Kabul"}, "Taliban Enter Kabul"),
        ("FIGHTING IN THE NORTH", {}, "Fighting in the North"),
        ("UN SAYS AID BLOCKED", {}, "UN Says AID Blocked"),
    ],
)
def test_truecase_keeps_length_and_short_acronyms(text: str, memory: dict[str, str], expected: str) -> None:
    cased = truecase(text, memory)
    assert cased == expected and len(cased) == len(text)


@pytest.mark.parametrize(
    ("name", "memory", "expected"),
    [
        ("KABUL", {"kabul": "Kabul"}, "Kabul"),
        ("NATO", {"kabul": "Kabul"}, "NATO"),
        ("Kabul", {"kabul": "KABUL"}, "Kabul"),
        ("KABUL", {}, "KABUL"),
    ],
)
def test_recase_uses_the_documents_spelling(name: str, memory: dict[str, str], expected: str) -> None:
    assert recase(name, memory) == expected
