"""Quotes scorer: content matching, speakers and the direct-quote restriction on hand-built data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from newsevents.eval.quotes import (
    GoldAttribution,
    PredAttribution,
    align,
    content_match,
    evaluate,
    gold_from_item,
    is_direct,
    score,
)

TEXT = '"We will win," the minister said. Officials said the talks had failed.'


def _shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def _gold(start: int, end: int, src: tuple[int, int] | None, text: str | None = None) -> GoldAttribution:
    return GoldAttribution(
        ((start, end),), text if text is not None else TEXT[start:end], (src,) if src else None
    )


def _pred(start: int, end: int, spk: tuple[int, int] | None) -> PredAttribution:
    return PredAttribution(start, end, TEXT[start:end], spk)


GOLD = [_gold(0, 14, (15, 27)), _gold(49, 69, (34, 43))]


def test_perfect_prediction_scores_one() -> None:
    m = score([GOLD], [[_pred(0, 14, (15, 27)), _pred(49, 69, (34, 43))]])
    assert m["content_f1"] == 1.0
    assert m["source_accuracy"] == 1.0
    assert m["end_to_end_f1"] == 1.0
    assert m["direct_end_to_end_f1"] == 1.0
    assert m["n"] == 1


def test_empty_prediction_scores_zero() -> None:
    m = score([GOLD], [[]])
    assert m["content_precision"] == 0.0
    assert m["content_recall"] == 0.0
    assert m["end_to_end_f1"] == 0.0


def test_wrong_speaker_keeps_content_but_not_end_to_end() -> None:
    m = score([GOLD], [[_pred(0, 14, (49, 53)), _pred(49, 69, (34, 43))]])
    assert m["content_f1"] == 1.0
    assert m["source_accuracy"] == 0.5
    assert m["end_to_end_f1"] == 0.5


@pytest.mark.parametrize(
    ("pred", "matches"),
    [
        ((49, 69), True),  # exact
        ((54, 69), True),  # inside the gold: the shorter span is fully covered
        ((45, 61), True),  # 12 of the prediction's 16 characters overlap
        ((60, 80), False),  # 9 of 20: below half of the shorter span
        ((69, 75), False),  # touching at the boundary, no overlap
        ((50, 50), False),  # empty span
    ],
)
def test_half_of_shorter_span_rule(pred: tuple[int, int], matches: bool) -> None:
    g = _gold(49, 69, None)
    p = PredAttribution(pred[0], pred[1], "", None)
    assert (content_match(p, g) > 0) is matches


def test_fragments_exclude_the_interrupting_cue() -> None:
    g = GoldAttribution(((0, 10), (30, 40)), '"x"', None)
    assert content_match(PredAttribution(12, 28, "", None), g) == 0.0  # only the gap
    assert content_match(PredAttribution(0, 40, "", None), g) == 1.0  # covers both pieces


def test_matching_is_one_to_one() -> None:
    pairs = align([_gold(49, 69, None)], [_pred(49, 69, None), _pred(49, 60, None)])
    assert pairs == [(0, 0)]
    m = score([[_gold(49, 69, (34, 43))]], [[_pred(49, 69, (34, 43)), _pred(49, 60, (34, 43))]])
    assert m["content_precision"] == 0.5
    assert m["content_recall"] == 1.0


def test_null_gold_source_is_skipped_for_speaker_metrics() -> None:
    m = score([[_gold(49, 69, None)]], [[_pred(49, 69, (34, 43))]])
    assert m["content_f1"] == 1.0
    assert m["source_accuracy"] == 0.0  # nothing to score: reported as 0 with no denominator
    assert m["end_to_end_f1"] == 0.0


def test_direct_metrics_use_only_quoted_contents() -> None:
    preds = [_pred(0, 14, (15, 27)), _pred(49, 69, (0, 2))]
    m = score([GOLD], [preds])
    assert m["n_gold_direct"] == 1
    assert m["direct_content_precision"] == 1.0  # the indirect prediction is not counted
    assert m["direct_end_to_end_f1"] == 1.0
    assert m["end_to_end_f1"] == 0.5


@pytest.mark.parametrize(
    ("text", "direct"),
    [
        ("“We will win,”", True),
        ('"We will win."', True),
        ("''Hopefully,''", True),
        ("that he would “fight on.”", False),
        ("“2,521 shooting incidents” in the city", False),
        ("the talks had failed", False),
        ('"', False),
    ],
)
def test_is_direct(text: str, direct: bool) -> None:
    assert is_direct(text) is direct


def test_gold_reader_handles_fragments_nulls_and_unknown_fields() -> None:
    item: dict[str, Any] = {
        "attributions": [
            {
                "source": None,
                "cue": None,
                "content": {"start": 0, "end": 40, "text": "x", "fragments": [[0, 10], [30, 40]]},
            },
            {"source": {"start": 1, "end": 2, "text": "a"}, "cue": None, "content": None},
            {
                "source": {"start": 1, "end": 2, "text": "a"},
                "content": {"start": 5, "end": 9, "text": "abcd"},
                "extra": 1,
            },
        ]
    }
    golds = gold_from_item(item)
    assert [g.content for g in golds] == [((0, 10), (30, 40)), ((5, 9),)]
    assert golds[0].source is None and golds[1].source == ((1, 2),)


def test_score_rejects_mismatched_lists() -> None:
    with pytest.raises(ValueError, match="one prediction list per document"):
        score([GOLD], [])


@pytest.mark.slow
def test_dev_sample_reports_every_metric() -> None:
    path = _shared() / "eval" / "dev" / "quotes_polnear.jsonl"
    if not path.exists():
        pytest.skip(f"evaluation file {path} is absent (the shared/ folder is not beside the repo)")
    m = evaluate(path, limit=5)
    for name in ("content_precision", "content_recall", "content_f1", "source_accuracy", "end_to_end_f1"):
        assert 0.0 <= m[name] <= 1.0
        assert 0.0 <= m[f"direct_{name}"] <= 1.0
    assert m["n"] == 5
    assert m["direct_end_to_end_f1"] > 0.5  # measured 0.8+ on the whole set
