"""Dates scorer: relaxed and strict span matching and value agreement on hand-built data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsevents.eval.dates import Timex, canonical_value, evaluate, match, score

GOLD = [Timex(10, 18, "DATE", "2021-08-12"), Timex(30, 36, "DURATION", "P1W")]


def _shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def test_perfect_prediction_scores_one() -> None:
    m = score([GOLD], [list(GOLD)])
    assert (m["span_f1"], m["strict_span_f1"], m["value_f1"], m["value_accuracy"]) == (1.0, 1.0, 1.0, 1.0)
    assert (m["DATE_value_f1"], m["DURATION_span_f1"], m["n"], m["n_gold"]) == (1.0, 1.0, 1, 2)


def test_empty_prediction_scores_zero() -> None:
    m = score([GOLD], [[]])
    assert (m["span_f1"], m["value_f1"], m["value_accuracy"], m["n_predicted"]) == (0.0, 0.0, 0.0, 0)


def test_no_gold_and_no_prediction_is_not_an_error() -> None:
    assert score([[]], [[]])["span_f1"] == 0.0


def test_overlap_matches_relaxed_but_not_strict() -> None:
    m = score([GOLD], [[Timex(7, 18, "DATE", "2021-08-12"), Timex(30, 36, "DURATION", "P1W")]])
    assert m["span_f1"] == 1.0
    assert m["strict_span_f1"] == 0.5
    assert m["value_f1"] == 1.0


def test_touching_spans_do_not_overlap() -> None:
    m = score([GOLD], [[Timex(18, 30, "DATE", "2021-08-12")]])
    assert m["span_f1"] == 0.0


def test_wrong_value_counts_for_span_but_not_value() -> None:
    m = score([GOLD], [[Timex(10, 18, "DATE", "2021-08-19"), Timex(30, 36, "DURATION", "P1W")]])
    assert m["span_f1"] == 1.0
    assert m["value_f1"] == 0.5
    assert m["value_accuracy"] == 0.5
    assert m["DATE_value_f1"] == 0.0


def test_one_prediction_matches_only_one_gold() -> None:
    pairs = match([Timex(0, 5, "DATE", "x"), Timex(6, 10, "DATE", "y")], [Timex(0, 10, "DATE", "x")])
    assert pairs == [(0, 0)]


def test_null_gold_value_never_equals_a_prediction() -> None:
    m = score([[Timex(0, 5, "DATE", "")]], [[Timex(0, 5, "DATE", "2021")]])
    assert (m["span_f1"], m["value_f1"]) == (1.0, 0.0)


def test_unknown_type_is_scored_overall_but_not_per_type() -> None:
    m = score([[Timex(0, 5, "EVENTISH", "2021")]], [[Timex(0, 5, "DATE", "2021")]])
    assert m["value_f1"] == 1.0
    assert m["type_accuracy"] == 0.0
    assert m["DATE_span_f1"] == 0.0


@pytest.mark.parametrize(("a", "b"), [("2000-W7", "2000-W07"), ("present_ref", "PRESENT_REF")])
def test_canonical_value_pads_weeks_and_upper_cases(a: str, b: str) -> None:
    assert canonical_value(a) == canonical_value(b)


def test_mismatched_document_counts_raise() -> None:
    with pytest.raises(ValueError, match="one prediction list per gold document"):
        score([GOLD], [])


@pytest.mark.slow
def test_evaluate_runs_the_pipeline_on_the_dev_file(tmp_path: Path) -> None:
    path = _shared() / "eval" / "dev" / "dates_tbaq.jsonl"
    if not path.exists():
        pytest.skip(f"evaluation file {path} is absent (the shared/ folder is not beside the repo)")
    out = tmp_path / "pred.jsonl"
    m = evaluate(path, limit=5, predictions=out)
    assert m["n"] == 5
    assert m["span_f1"] > 0.7
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_evaluate_reads_a_hand_built_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.eval import dates as dates_mod
    from newsevents.models import Annotations, TimeExpr

    path = tmp_path / "d.jsonl"
    path.write_text(
        '{"id": "a", "text": "He left yesterday.", "dct": "2021-08-13", '
        '"timexes": [{"start": 8, "end": 17, "text": "yesterday", "type": "DATE", "value": "2021-08-12"}]}\n'
        "not json\n",
        encoding="utf-8",
    )

    def fake_annotate(items):  # type: ignore[no-untyped-def]
        for aid, _text, pub in items:
            assert pub.isoformat() == "2021-08-13"
            yield Annotations(aid, times=[TimeExpr(8, 17, "yesterday", "DATE", "2021-08-12")])

    monkeypatch.setattr(dates_mod, "annotate_texts", fake_annotate)
    m = evaluate(path)
    assert (m["n"], m["value_f1"]) == (1, 1.0)
