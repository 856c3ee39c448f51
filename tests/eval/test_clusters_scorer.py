"""Clusters scorer: ARI and B-cubed on hand-built labelings, and the dev set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsevents.eval.clusters import adjusted_rand_index, bcubed, evaluate, group_texts, score


def _shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (["a", "a", "b", "b"], [0, 0, 1, 1], 1.0),
        (["a", "a", "b", "b"], [1, 1, 0, 0], 1.0),  # label names do not matter
        ([0, 0, 1, 1], [0, 0, 1, 2], 0.5714285714),  # Hubert-Arabie, computed by hand
        ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
        ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
        ([0, 1, 2], [5, 6, 7], 1.0),  # all singletons on both sides
        (["x"], [0], 1.0),
    ],
)
def test_adjusted_rand_index(gold: list[object], pred: list[object], expected: float) -> None:
    assert adjusted_rand_index(gold, pred) == pytest.approx(expected)


def test_ari_rejects_different_lengths() -> None:
    with pytest.raises(ValueError, match="labels"):
        adjusted_rand_index([0, 1], [0])


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ([0, 0, 1, 1], [0, 0, 1, 1], (1.0, 1.0, 1.0)),
        ([0, 0, 1, 1], [0, 0, 0, 0], (0.5, 1.0, 2 / 3)),
        ([0, 0, 1, 1], [0, 1, 2, 3], (1.0, 0.5, 2 / 3)),
        # by hand: item precisions 1, 1, 1/2, 1/2; item recalls 2/3, 2/3, 1/3, 1
        ([0, 0, 0, 1], [0, 0, 1, 1], (0.75, 2 / 3, 12 / 17)),
        ([], [], (0.0, 0.0, 0.0)),
    ],
)
def test_bcubed(gold: list[int], pred: list[int], expected: tuple[float, float, float]) -> None:
    assert bcubed(gold, pred) == pytest.approx(expected)


def test_score_reports_every_metric() -> None:
    out = score(["a", "a", "b"], [0, 0, 1])
    assert set(out) >= {"ari", "bcubed_precision", "bcubed_recall", "bcubed_f1", "n"}
    assert out["n_clusters_predicted"] == 2 and out["ari"] == 1.0


def test_copies_share_their_canonical_story() -> None:
    text = "Ghazni fell to the Taliban on Thursday after days of fighting near the city gates."
    labels = group_texts([text, text.upper(), "Chelsea beat Arsenal at Stamford Bridge."])
    assert labels[0] == labels[1]


def test_dev_set_scores_above_floor() -> None:
    path = _shared() / "eval" / "dev" / "clusters_wikiref.jsonl"
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (set NEWSEVENTS_SHARED)")
    out = evaluate(path)
    assert out["n"] == 98 and out["bcubed_f1"] >= 0.9
