"""The user-trainable typing model: training, prediction, persistence, bad exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.typing_model import TypingModel, features, read_acled_csv, train

ABDUCTION = "Abduction/forced disappearance"
ROWS = [
    ("Police fired tear gas at protesters who threw stones", "Riots", "Violent demonstration"),
    ("Rioters threw stones and burned tyres, police fired tear gas", "Riots", "Violent demonstration"),
    ("Students held a peaceful march demanding fee cuts", "Protests", "Peaceful protest"),
    ("Farmers staged a peaceful sit-in demanding loan waivers", "Protests", "Peaceful protest"),
    ("Gunmen abducted a trader on the highway", "Violence against civilians", ABDUCTION),
    ("Unknown gunmen kidnapped two farmers from their homes", "Violence against civilians", ABDUCTION),
]


def _write(path: Path, rows: list[tuple[str, str, str]], header: tuple[str, ...]) -> None:
    """Write a small CSV export."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def test_features_are_words_and_word_pairs() -> None:
    assert features("Gunmen abducted two") == ["gunmen", "abducted", "two", "gunmen abducted", "abducted two"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Protesters threw stones at police, who fired tear gas", "Violent demonstration"),
        ("A peaceful march by students demanding lower fees", "Peaceful protest"),
        ("Gunmen kidnapped a trader", "Abduction/forced disappearance"),
    ],
)
def test_trained_model_predicts_the_closest_label(text: str, sub: str) -> None:
    model = train(ROWS)
    _, predicted, prob = model.predict(text)
    assert predicted == sub
    assert 0.0 < prob <= 1.0


def test_model_round_trips_through_a_file(tmp_path: Path) -> None:
    model = train(ROWS)
    path = tmp_path / "m.json"
    model.save(path)
    again = TypingModel.load(path)
    assert again.predict("students marched peacefully") == model.predict("students marched peacefully")


def test_export_without_the_needed_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    _write(path, [("a", "b")], ("notes", "event"))  # type: ignore[list-item]
    with pytest.raises(InputError, match="missing columns"):
        list(read_acled_csv(path))


def test_rows_with_empty_fields_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    _write(path, [*ROWS[:2], ("", "Riots", "Mob violence")], ("notes", "event_type", "sub_event_type"))
    assert len(list(read_acled_csv(path))) == 2


def test_training_on_nothing_is_an_error() -> None:
    with pytest.raises(InputError, match="no usable training rows"):
        train([])


def _first_event_type(text: str) -> tuple[str, str]:
    from newsevents.nlp.annotate import annotate_texts

    ann = next(iter(annotate_texts([("t", text, None)])))
    assert ann.events, f"no event in {text!r}"
    return ann.events[0].event_type, ann.events[0].sub_event_type


def test_configured_model_retypes_what_the_rules_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.typing_model import configured_model

    text = "On 3 May 2021, police fired tear gas at students who were marching in Nairobi."
    monkeypatch.delenv("NEWSEVENTS_TYPING_MODEL", raising=False)
    configured_model.cache_clear()
    rules = _first_event_type(text)
    # A user's own export that codes such reports as violent demonstrations.
    rows = [
        (f"police fired tear gas at students marching in town {i}", "Riots", "Violent demonstration")
        for i in range(6)
    ] + ROWS
    path = tmp_path / "model.json"
    train(rows).save(path)
    monkeypatch.setenv("NEWSEVENTS_TYPING_MODEL", str(path))
    configured_model.cache_clear()
    try:
        assert _first_event_type(text) == ("Riots", "Violent demonstration")
        assert rules != ("Riots", "Violent demonstration")  # the rules alone say otherwise
        # a sentence the rules do not type stays without an event
        from newsevents.nlp.annotate import annotate_texts

        quiet = "The weather in Nairobi was mild on Sunday."
        assert not next(iter(annotate_texts([("q", quiet, None)]))).events
    finally:
        monkeypatch.delenv("NEWSEVENTS_TYPING_MODEL")
        configured_model.cache_clear()


def test_unreadable_configured_model_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.typing_model import configured_model

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_TYPING_MODEL", str(bad))
    configured_model.cache_clear()
    try:
        with pytest.raises(InputError, match="cannot read typing model"):
            configured_model()
    finally:
        monkeypatch.delenv("NEWSEVENTS_TYPING_MODEL")
        configured_model.cache_clear()
