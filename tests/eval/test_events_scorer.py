"""The events scorer: metric arithmetic on hand-built gold and predictions."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsevents.eval.events import METRICS, Predicted, evaluate, macro_f1, score, top_event
from newsevents.models import Event

GOLD = {
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "event_date": "2020-05-01",
    "actor1": "Protesters (India)",
    "actor2": None,
    "lat": 28.61,
    "lon": 77.21,
    "fatalities": 0,
}
GOOD = Predicted(
    event_type="Protests",
    sub_event_type="Peaceful protest",
    event_date="2020-05-01",
    actor1="Protesters",
    lat=28.62,
    lon=77.22,
    fatalities=0,
)


def test_perfect_prediction_scores_one() -> None:
    m = score([GOLD], [GOOD])
    assert set(m) == set(METRICS)
    for key in METRICS:
        if key not in ("location_median_km", "n"):
            assert m[key] == 1.0, key
    assert m["location_median_km"] < 2
    assert m["n"] == 1


def test_missing_prediction_counts_as_wrong() -> None:
    m = score([GOLD], [None])
    assert m["sub_event_type_accuracy"] == 0.0
    assert m["actor1_match"] == 0.0
    assert m["location_within_161km"] == 0.0
    assert m["location_median_km"] > 10000


def test_empty_input() -> None:
    m = score([], [])
    assert m["n"] == 0 and m["sub_event_type_accuracy"] == 0.0


def test_null_gold_fields_are_skipped() -> None:
    gold = {**GOLD, "fatalities": None, "lat": None, "lon": None}
    m = score([gold, GOLD], [replace(GOOD, fatalities=7, lat=None), GOOD])
    assert m["fatalities_exact"] == 1.0  # only the second item has gold fatalities
    assert m["location_within_25km"] == 1.0


@pytest.mark.parametrize(
    ("km_off", "in25", "in161"),
    [(0.1, 1.0, 1.0), (0.5, 0.0, 1.0), (3.0, 0.0, 0.0)],  # degrees of latitude (~111 km each)
)
def test_distance_thresholds(km_off: float, in25: float, in161: float) -> None:
    m = score([GOLD], [replace(GOOD, lat=GOLD["lat"] + km_off, lon=GOLD["lon"])])  # type: ignore[operator]
    assert m["location_within_25km"] == in25
    assert m["location_within_161km"] == in161


@pytest.mark.parametrize(
    ("gold_actor", "a1", "a2", "hit"),
    [
        ("Protesters (India)", "Protesters", None, True),
        ("Police Forces of India (2014-)", "Protesters (India)", "Police Forces of India", True),
        ("Taliban", "the Taliban", None, False),
        ("Unidentified Armed Group (Mexico)", None, None, False),
    ],
)
def test_actor1_matches_either_predicted_actor(
    gold_actor: str, a1: str | None, a2: str | None, hit: bool
) -> None:
    m = score([{**GOLD, "actor1": gold_actor}], [replace(GOOD, actor1=a1, actor2=a2)])
    assert m["actor1_match"] == float(hit)


def test_macro_f1_over_gold_labels_only() -> None:
    pairs: list[tuple[str, str | None]] = [("A", "A"), ("A", "B"), ("C", None)]
    # A: p=1, r=0.5 -> 2/3; C: 0; the unknown predicted label B is not averaged in.
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 0) / 2)


def test_unknown_predicted_label_is_wrong() -> None:
    m = score([GOLD], [replace(GOOD, sub_event_type="Picnic")])
    assert m["sub_event_type_accuracy"] == 0.0
    assert m["event_type_accuracy"] == 1.0


def test_date_compared_as_iso_day() -> None:
    m = score([{**GOLD, "event_date": "2020-05-01T00:00:00"}], [GOOD])
    assert m["event_date_exact"] == 1.0


def _event(conf: float, aggregate: bool = False, sub: str = "Armed clash") -> Event:
    return Event("Battles", sub, "x", 0, 1, confidence=conf, aggregate=aggregate, date=date(2020, 1, 1))


def test_top_event_prefers_single_happenings_then_confidence() -> None:
    events = [_event(0.9, aggregate=True), _event(0.5, sub="A"), _event(0.7, sub="B")]
    top = top_event(events)
    assert top is not None and top.sub_event_type == "B"
    assert top_event([]) is None


def test_score_rejects_misaligned_lists() -> None:
    with pytest.raises(ValueError, match="one prediction per gold item"):
        score([GOLD], [])


@pytest.mark.slow
def test_evaluate_runs_the_pipeline(tmp_path: Path) -> None:
    data = tmp_path / "events.jsonl"
    item = {
        "id": "x1",
        "text": "On 3 May 2020, hundreds of teachers staged a protest in Lahore demanding higher pay.",
        "published": None,
        "gold": GOLD,
    }
    data.write_text(json.dumps(item) + "\n{not json\n", encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    m = evaluate(data, predictions=preds)
    assert m["n"] == 1
    assert m["sub_event_type_accuracy"] == 1.0
    assert m["event_date_exact"] == 0.0  # gold says 1 May
    row = json.loads(preds.read_text(encoding="utf-8").splitlines()[0])
    assert row["predicted"]["sub_event_type"] == "Peaceful protest"
