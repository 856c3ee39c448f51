"""The sentence-label events scorer: label mapping, offsets and metric arithmetic."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.eval.events_sentences import (
    METRICS,
    SentenceEvent,
    anchor_sentences,
    group_articles,
    join_sentences,
    labels_for,
    score,
    sentence_of,
)
from newsevents.models import Event, Evidence


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
        (
            "a mob set fire to shops as police watched.",
            [SentenceEvent("Violent demonstration", 0, True)],
            {"ANY_ACTION"},
        ),
        (
            "police fired in the air to disperse the mob.",
            [SentenceEvent("Violent demonstration", 3, True)],
            {"ANY_ACTION", "FORCE"},
        ),
        (
            "the army patrolled riot-hit areas where three died.",
            [SentenceEvent("Violent demonstration", 3, False)],
            {"ANY_ACTION"},
        ),
    ],
)
def test_label_mapping(sentence: str, events: list[SentenceEvent], expected: set[str]) -> None:
    assert labels_for(sentence, events) == expected


def test_events_anchor_on_trigger_and_evidence_sentences() -> None:
    _text, starts = join_sentences(["police fired.", "two died.", "calm returned.", "curfew on."])
    ev = Event("Protests", "Protest with intervention", "fired", 7, 12)
    ev.evidence = [Evidence("a", 14, 23, "two died."), Evidence("a", 39, 49, "curfew on.")]
    assert anchor_sentences(starts, ev) == {0, 1, 3}


def test_evidence_skips_fragments_but_not_the_trigger_sentence() -> None:
    texts = ["police fired on the mob in the old city.", "full coverage", "two people died in the firing."]
    _text, starts = join_sentences(texts)
    ev = Event("Protests", "Protest with intervention", "fired", 7, 12)
    ev.evidence = [Evidence("a", 0, starts[2] + len(texts[2]), " ".join(texts))]
    assert anchor_sentences(starts, ev, texts) == {0, 2}
    frag = Event("Protests", "Protest with intervention", "coverage", starts[1] + 5, starts[1] + 13)
    assert anchor_sentences(starts, frag, texts) == {1}
