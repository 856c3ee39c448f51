"""The `news` scorer: document, type and confidence metrics over whole articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import eval_file
from newsevents.eval.news import METRICS, NewsGold, NewsPrediction, gold_of, roc_auc, score

EVENT = NewsGold("event", (("Protests", "Peaceful protest"), ("Riots", "Mob violence")))
NONE = NewsGold("none", ())
BORDER = NewsGold("borderline", (("Battles", "Armed clash"),))


def _p(etype: str, sub: str, conf: float) -> NewsPrediction:
    return NewsPrediction(etype, sub, conf)


def test_document_and_type_metrics() -> None:
    golds = [EVENT, NONE, NONE, BORDER, EVENT]
    preds = [
        [_p("Protests", "Peaceful protest", 0.9), _p("Battles", "Armed clash", 0.3)],
        [_p("Riots", "Mob violence", 0.85)],
        [],
        [_p("Battles", "Armed clash", 0.99)],  # borderline: not scored
        [],
    ]
    m = score(golds, preds)
    assert (m["n"], m["n_event"], m["n_none"]) == (5, 2, 2)
    assert m["doc_precision"] == 0.5  # one of the two articles with events reports one
    assert m["doc_recall"] == 0.5
    assert m["false_events_per_100_none"] == 50.0  # one event over two none articles
    # pairs: gold {P,R},{},{},{P,R} ; predicted {P,B},{R},{},{}: tp 1, fp 2, fn 3
    assert m["type_precision"] == round(1 / 3, 4)
    assert m["type_recall"] == 0.25
    assert m["main_event_type_accuracy"] == 0.5
    # events: 0.9 right, 0.3 wrong, 0.85 wrong -> the right one outranks both wrong ones
    assert m["confidence_auc"] == 1.0
    assert m["precision_at_confidence_0.8"] == 0.5
    assert m["n_at_confidence_0.8"] == 2
    assert set(METRICS) <= set(m)


def test_no_confident_event_is_vacuous_precision_and_zero_count() -> None:
    m = score([EVENT, NONE], [[_p("Protests", "Peaceful protest", 0.4)], []])
    assert m["n_at_confidence_0.8"] == 0
    assert m["precision_at_confidence_0.8"] == 1.0
    assert m["doc_precision"] == 1.0 and m["false_events_per_100_none"] == 0.0


def test_roc_auc_counts_ties_half() -> None:
    assert roc_auc([(0.9, True), (0.1, False)]) == 1.0
    assert roc_auc([(0.5, True), (0.5, False)]) == 0.5
    assert roc_auc([(0.2, True), (0.8, False)]) == 0.0
    assert roc_auc([(0.2, True)]) == 0.0  # undefined without both kinds


def test_gold_of_reads_scope_and_events_and_rejects_unknown_scopes() -> None:
    riot = {"event_type": "Riots", "sub_event_type": "Mob violence"}
    item = {"id": "a", "gold": {"scope": "event", "events": [riot]}}
    assert gold_of(item).types == {"Riots"}
    assert gold_of({"id": "b", "gold": {"scope": "none", "events": [{"event_type": "Riots"}]}}).events == ()
    assert gold_of({"id": "c", "gold": {"scope": "maybe"}}).scope == "borderline"


def test_one_prediction_list_per_article() -> None:
    with pytest.raises(ValueError, match="one prediction list per article"):
        score([EVENT], [])


@pytest.mark.slow
def test_news_scorer_end_to_end(tmp_path: Path) -> None:
    from newsevents.eval.news import evaluate

    src = eval_file("news_events.jsonl")
    lines = src.read_text(encoding="utf-8").splitlines()[:12]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    m = evaluate(path, predictions=preds)
    assert m["n"] == 12
    assert set(METRICS) <= set(m)
    rows = [json.loads(x) for x in preds.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 12 and all("gold" in r and "predicted" in r for r in rows)
