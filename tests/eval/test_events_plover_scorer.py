"""The PLOVER events scorer: metric arithmetic on hand-built gold and predictions."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.eval.events import item_format
from newsevents.eval.events_plover import METRICS, PloverPrediction, actor_hit, score


def _gold(label: str | None, actors: list[str] | None = None) -> dict[str, Any]:
    """A PLOVER item with the given event and source actor texts."""
    acts = None if actors is None else [{"actorText": a, "code": "X", "sector": "GOV"} for a in actors]
    return {"id": "g", "text": "...", "plover_event": label, "actor": acts, "recipient": None}


def test_perfect_predictions_score_one() -> None:
    golds = [_gold("DEMAND", ["Opposition leaders"]), _gold("AGREE", ["Hungarian"])]
    preds = [
        PloverPrediction(plover_event="DEMAND", actor1="opposition"),
        PloverPrediction(plover_event="AGREE", actor2="Hungarian officials"),
    ]
    m = score(golds, preds)
    assert set(m) == set(METRICS)
    assert (m["plover_event_accuracy"], m["plover_macro_f1"], m["actor_match"], m["n"]) == (1.0, 1.0, 1.0, 2)


def test_missing_prediction_counts_as_wrong() -> None:
    m = score([_gold("THREATEN", ["Army"]), _gold("THREATEN")], [None, PloverPrediction("THREATEN")])
    assert m["plover_event_accuracy"] == 0.5
    assert m["actor_match"] == 0.0  # only the first item has gold actors, and it has no prediction


def test_empty_input_scores_zero() -> None:
    assert score([], []) == {"plover_event_accuracy": 0.0, "plover_macro_f1": 0.0, "actor_match": 0.0, "n": 0}


def test_macro_f1_averages_over_gold_labels_only() -> None:
    golds = [_gold("DEMAND"), _gold("REJECT")]
    preds = [PloverPrediction("DEMAND"), PloverPrediction("SUPPORT")]  # SUPPORT is never gold
    m = score(golds, preds)
    assert m["plover_macro_f1"] == 0.5  # DEMAND 1.0, REJECT 0.0


def test_null_gold_fields_are_skipped() -> None:
    m = score([_gold(None, None)], [PloverPrediction("AGREE", actor1="x")])
    assert (m["plover_event_accuracy"], m["actor_match"], m["n"]) == (0.0, 0.0, 1)


def test_labels_compare_case_insensitively() -> None:
    assert score([_gold("agree")], [PloverPrediction("AGREE")])["plover_event_accuracy"] == 1.0


@pytest.mark.parametrize(
    ("gold", "pred", "hit"),
    [
        ("Senior Hungarian officials", "HUNGARIAN", True),
        ("Romania", "Hungary", False),
        ("the government", "The", False),  # stop words alone do not match
    ],
)
def test_actor_overlap(gold: str, pred: str, hit: bool) -> None:
    assert actor_hit([gold], PloverPrediction(actor1=pred)) is hit


def test_mismatched_lengths_raise() -> None:
    with pytest.raises(ValueError, match="one prediction per gold item"):
        score([_gold("AGREE")], [])


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ({"gold": {}, "text": "x"}, "acled"),
        ({"plover_event": "AGREE", "text": "x"}, "plover"),
        ({"labels": [], "text": "x", "doc_id": 1}, "sentences"),
        ({"text": "x"}, "acled"),
    ],
)
def test_format_is_detected_from_the_fields(item: dict[str, Any], kind: str) -> None:
    assert item_format([item]) == kind
