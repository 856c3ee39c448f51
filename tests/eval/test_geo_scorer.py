"""Geo scorer: detection by overlap and distance accuracy on hand-built gold and predictions."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from newsevents.eval.geo import MAX_ERROR_KM, Span, auc, gold_spans, match_spans, score

KABUL = (34.528, 69.172)
GHAZNI = (33.554, 68.421)  # about 105 km from Kabul
KANDAHAR = (31.613, 65.710)  # about 440 km from Kabul


def _s(start: int, end: int, point: tuple[float, float] | None = None) -> Span:
    return Span(start, end, point[0] if point else None, point[1] if point else None)


def _shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def test_perfect_predictions_score_one() -> None:
    gold = [[_s(0, 5, KABUL), _s(10, 16, GHAZNI)]]
    m = score(gold, gold)
    assert m["detection_f1"] == 1.0
    assert m["acc_161km"] == 1.0
    assert m["median_km"] == 0.0
    assert m["auc"] == 0.0
    assert m["n_toponyms"] == 2


def test_no_predictions_score_zero() -> None:
    m = score([[_s(0, 5, KABUL)]], [[]])
    assert m["detection_precision"] == 0.0
    assert m["detection_recall"] == 0.0
    assert m["acc_161km"] == 0.0
    assert m["acc_161km_detected"] == 0.0


def test_partial_detection_and_wrong_place() -> None:
    gold = [[_s(0, 5, KABUL), _s(10, 16, GHAZNI), _s(20, 28, KANDAHAR)]]
    pred = [[_s(0, 5, KABUL), _s(10, 16, KANDAHAR), _s(40, 45, KABUL)]]
    m = score(gold, pred)
    assert m["detection_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["detection_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["acc_161km"] == pytest.approx(1 / 3, abs=1e-4)  # over all gold
    assert m["acc_161km_detected"] == 0.5  # over the two detected


@pytest.mark.parametrize(
    ("pred", "matched"),
    [
        ((0, 5), True),  # exact
        ((2, 9), True),  # overlapping
        ((5, 9), False),  # touching at the boundary: no shared character
        ((0, 20), True),  # longer prediction containing the gold
    ],
)
def test_spans_match_when_they_share_a_character(pred: tuple[int, int], matched: bool) -> None:
    pairs = match_spans([_s(0, 5)], [_s(*pred)])
    assert (0 in pairs) is matched


def test_one_prediction_matches_at_most_one_gold() -> None:
    pairs = match_spans([_s(0, 5), _s(6, 14)], [_s(0, 14)])
    assert len(pairs) == 1


def test_gold_without_coordinates_counts_for_detection_only() -> None:
    gold = [[_s(0, 5, None), _s(10, 16, GHAZNI)]]
    pred = [[_s(0, 5, KABUL), _s(10, 16, GHAZNI)]]
    m = score(gold, pred)
    assert m["detection_f1"] == 1.0
    assert m["acc_161km"] == 1.0  # only the gold with a point is scored for distance


def test_detected_but_unplaced_prediction_is_the_worst_error() -> None:
    m = score([[_s(0, 5, KABUL)]], [[_s(0, 5, None)]])
    assert m["acc_161km"] == 0.0
    assert m["median_km"] == MAX_ERROR_KM
    assert m["auc"] == 1.0


@pytest.mark.parametrize(
    ("errors", "expected"),
    [
        ([0.0], 0.0),
        ([MAX_ERROR_KM], 1.0),
        ([0.0, MAX_ERROR_KM], 0.5),
        ([100.0], math.log(101.0) / math.log(MAX_ERROR_KM)),
    ],
)
def test_auc_is_the_mean_scaled_log_error(errors: list[float], expected: float) -> None:
    assert auc(errors) == pytest.approx(expected)


def test_gold_reader_keeps_null_coordinates() -> None:
    item = {"toponyms": [{"start": 0, "end": 5, "name": "X", "lat": None, "lon": None}]}
    assert gold_spans(item) == [Span(0, 5, None, None)]


@pytest.mark.slow
def test_evaluate_runs_end_to_end_on_a_few_lgl_items() -> None:
    path = _shared() / "eval" / "dev" / "geo_lgl.jsonl"
    if not path.exists():
        pytest.skip(f"evaluation file {path} is absent (the shared/ folder is not beside the repo)")
    from newsevents.eval.geo import evaluate

    m = evaluate(path, limit=5)
    assert m["n"] == 5
    assert m["n_toponyms"] > 0
    assert 0.0 < m["detection_f1"] <= 1.0
