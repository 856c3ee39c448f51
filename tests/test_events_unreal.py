"""What a rule allows or forbids, and what rumours tell, did not happen; what follows a rumour is
told for itself (loads the model)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from newsevents.nlp.annotate import annotate_text
from newsevents.nlp.events.modality import normative, subject_modality
from newsevents.nlp.model import load_nlp

pytestmark = pytest.mark.slow

PUBLISHED = date(2020, 5, 4)


def _normative(text: str, word: str) -> bool:
    doc = load_nlp()(text)
    tok = next(t for t in doc if re.fullmatch(word, t.lower_))
    return normative(tok)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The new law makes it illegal to protest outside parliament.", "protest", True),
        ("The measure made it a Federal crime to attack or blockade an abortion clinic.", "blockade", True),
        ("It is an offence to hold a rally without permission.", "rally", True),
        ("Citizens have the freedom to demonstrate peacefully.", "demonstrate", True),
        ("Students gathered outside the ministry to protest the fee increase.", "protest", False),
        ("Police managed to arrest the gunman after a chase.", "arrest", False),
        ("Thousands of people marched in Paris to defend the right to protest.", "marched", False),
    ],
)
def test_normative(text: str, word: str, expected: bool) -> None:
    assert _normative(text, word) is expected


def _types(text: str) -> set[str]:
    return {e.event_type for e in annotate_text(text, PUBLISHED).events}


def test_a_rule_about_protest_is_no_protest() -> None:
    assert "Protests" not in _types("The new law makes it illegal to protest outside parliament.")
    marched = "Thousands of people marched in Paris on Saturday to defend the right to protest."
    assert "Protests" in _types(marched)


def test_rumours_and_signs_are_no_report() -> None:
    assert not _types("There were rumours that soldiers had shot two protesters in the market.")
    assert not _types("There are signs that the militia is recruiting child soldiers.")
    assert _types("Soldiers shot two protesters in the market on Monday.")


def test_what_follows_a_rumour_is_told_for_itself() -> None:
    text = (
        "Around the same time some people in the old city started bursting crackers, believing rumours "
        "that a mob had set fire to a temple. Heavy stone pelting began and police burst tear gas shells "
        "to disperse the crowd. One person was injured and rushed to hospital."
    )
    events = annotate_text(text, PUBLISHED).events
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    evidence = [x.text for x in events[0].evidence]
    assert any("stone pelting" in x for x in evidence)
    assert not any("rumours" in x for x in evidence)


def test_to_apprehend_that_is_to_fear() -> None:
    assert not _types("The letter apprehended that the volunteers have planned to form groups of 50 or 100.")
    assert not _types("There is apprehension of violence in the town.")
    arrested = "Police apprehended two activists of the banned group on Monday."
    assert "Strategic developments" in _types(arrested)


def test_tension_defused_is_no_bomb() -> None:
    assert not _types("Police officials were asked to take the help of peace committees to defuse tension.")
    assert "Strategic developments" in _types("An army bomb squad defused two IEDs on the highway on Monday.")


def test_a_happening_still_to_be_done_is_not_reported() -> None:
    planned = [
        "A protest march will be held in the capital on Friday.",
        "Similar arrangements for detaining the volunteers are to be made at the railway stations.",
        "It says that preventive actions, including arrest, can be considered if persuasion fails.",
        "The rally will take place in the capital on Friday.",
        "A general strike will begin on Monday across the country.",
        "The march is expected to draw thousands of people on Sunday.",
    ]
    for text in planned:
        assert not _types(text), text
    assert "Protests" in _types("The protest march was held in the capital on Friday.")
    # what a happening may lead to does not undo it
    spreading = "Protests by farmers in the district on Monday could spread to other districts."
    assert "Protests" in _types(spreading)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("A protest march will be held in the capital on Friday.", "march", "future"),
        ("The protest march will be held in the capital on Friday.", "march", "future"),
        ("Preventive actions, including arrest, can be considered.", "arrest", "hypothetical"),
        ("The arrest of the opposition leader will be challenged in court.", "arrest", None),
        ("The attack on the army post was planned in a neighbouring country.", "attack", None),
        ("Protests by farmers could spread to other districts.", "protests", None),
        ("Police arrested five activists on Monday.", "arrested", None),
    ],
)
def test_subject_modality(text: str, word: str, expected: str | None) -> None:
    doc = load_nlp()(text)
    tok = next(t for t in doc if t.lower_ == word)
    assert subject_modality(tok) == expected
