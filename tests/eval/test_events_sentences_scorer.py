"""The sentence-label events scorer: label mapping, offsets and metric arithmetic."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.eval.events_sentences import (
    METRICS,
    SentenceEvent,
    group_articles,
    join_sentences,
    labels_for,
    score,
    sentence_of,
)


def test_perfect_predictions_score_one() -> None:
    golds = [{"KILL", "FORCE", "ANY_ACTION"}, {"ARREST", "ANY_ACTION"}, set()]
    m = score(golds, [set(g) for g in golds])
    assert set(m) == set(METRICS)
    assert m["micro_f1"] == 1.0
    assert (m["kill_f1"], m["arrest_f1"], m["force_f1"], m["any_action_f1"]) == (1.0, 1.0, 1.0, 1.0)
    assert m["fail_f1"] == 0.0  # no gold and no prediction: undefined, reported as 0
    assert m["n"] == 3


def test_empty_predictions_have_zero_recall() -> None:
    m = score([{"ARREST"}, {"KILL"}], [set(), set()])
    assert (m["arrest_recall"], m["kill_recall"], m["micro_f1"]) == (0.0, 0.0, 0.0)


def test_partial_predictions() -> None:
    m = score([{"ARREST"}, {"ARREST"}, set()], [{"ARREST"}, set(), {"ARREST"}])
    assert (m["arrest_precision"], m["arrest_recall"], m["arrest_f1"]) == (0.5, 0.5, 0.5)


def test_unknown_labels_are_ignored() -> None:
    m = score([{"OTHER"}], [{"OTHER", "KILL"}])
    assert m["kill_precision"] == 0.0 and m["micro_f1"] == 0.0


def test_mismatched_lengths_raise() -> None:
    with pytest.raises(ValueError, match="one label set per sentence"):
        score([set()], [])


def test_offsets_map_back_to_sentences() -> None:
    text, starts = join_sentences(["ab", "cde", "f"])
    assert text == "ab cde f"
    assert starts == [0, 3, 7]
    assert [sentence_of(starts, o) for o in (0, 1, 2, 3, 6, 7)] == [0, 0, 0, 1, 1, 2]


def test_items_group_by_doc_in_order() -> None:
    items: list[dict[str, Any]] = [{"doc_id": 5}, {"doc_id": 2}, {"doc_id": 5}, {}]
    assert group_articles(items) == [("5", [0, 2]), ("2", [1]), ("item-3", [3])]


@pytest.mark.parametrize(
    ("sentence", "events", "expected"),
    [
        ("police arrested ten rioters.", [SentenceEvent("Arrests", 0, True)], {"ARREST", "ANY_ACTION"}),
        (
            "two were killed in police firing.",
            [SentenceEvent("Protest with intervention", 2, False)],
            {"KILL", "FORCE", "ANY_ACTION"},
        ),
        (
            "the police lathi-charged the crowd.",
            [SentenceEvent("Mob violence", 0, True)],
            {"FORCE", "ANY_ACTION"},
        ),
        ("a mob burnt shops.", [SentenceEvent("Looting/property destruction", 0, False)], set()),
        ("the police failed to prevent the riots.", [], {"FAIL"}),
        ("the mob killed three.", [SentenceEvent("Mob violence", 3, False)], set()),
        ("nothing happened.", [], set()),
    ],
)
def test_label_mapping(sentence: str, events: list[SentenceEvent], expected: set[str]) -> None:
    assert labels_for(sentence, events) == expected
