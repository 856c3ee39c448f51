"""Scorer for whole news articles (`news` task): which ACLED-scope events does each article report?

Gold is labelled per article (``gold.scope`` is ``event``, ``none`` or ``borderline``, with the
events listed main event first). The predicted events of an article are its events of the six ACLED
types that are not aggregate claims. Borderline articles are annotated but not scored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.eval.event_common import annotated
from newsevents.eval.io import PredictionWriter, read_jsonl
from newsevents.models import Event
from newsevents.nlp.events.types import acled_event_types

log = logging.getLogger(__name__)

METRICS = (
    "doc_precision",
    "doc_recall",
    "doc_f1",
    "false_events_per_100_none",
    "type_precision",
    "type_recall",
    "type_micro_f1",
    "type_macro_f1",
    "sub_type_micro_f1",
    "main_event_type_accuracy",
    "confidence_auc",
    "precision_at_confidence_0.8",
    "n",
    "n_event",
    "n_none",
)
HIGH_CONFIDENCE = 0.8
SCOPES = ("event", "none", "borderline")


@dataclass(frozen=True, slots=True)
class NewsPrediction:
    """One predicted event of an article, as the scorer compares it."""

    event_type: str
    sub_event_type: str
    confidence: float


@dataclass(frozen=True, slots=True)
class NewsGold:
    """One article's gold: its scope and its events' (type, sub-type), main event first."""

    scope: str
    events: tuple[tuple[str, str], ...]

    @property
    def types(self) -> set[str]:
        return {t for t, _ in self.events}

    @property
    def sub_types(self) -> set[str]:
        return {s for _, s in self.events}


def gold_of(item: dict[str, Any]) -> NewsGold:
    """The article's gold; an unknown scope is read as borderline (not scored) with a warning."""
    gold = item.get("gold") or {}
    scope = str(gold.get("scope") or "")
    if scope not in SCOPES:
        log.warning("item %r: unknown scope %r; not scored", item.get("id"), scope or None)
        scope = "borderline"
    events = tuple(
        (str(e.get("event_type") or ""), str(e.get("sub_event_type") or ""))
        for e in gold.get("events") or []
        if isinstance(e, dict)
    )
    return NewsGold(scope, events if scope != "none" else ())


def predictions_of(events: list[Event]) -> list[NewsPrediction]:
    """The article's scored events: the six ACLED types, aggregate claims left out."""
    acled = acled_event_types()
    return [
        NewsPrediction(e.event_type, e.sub_event_type, float(e.confidence))
        for e in events
        if e.event_type in acled and not e.aggregate
    ]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def roc_auc(scored: list[tuple[float, bool]]) -> float:
    """Area under the ROC curve: the chance that a positive outranks a negative (ties count half)."""
    pos = [s for s, y in scored if y]
    neg = [s for s, y in scored if not y]
    if not pos or not neg:
        return 0.0
    ranked = sorted(scored, key=lambda x: x[0])
    # average ranks over ties (Mann-Whitney U)
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        avg = (i + j) / 2 + 1
        rank_sum += avg * sum(1 for k in range(i, j + 1) if ranked[k][1])
        i = j + 1
    u = rank_sum - len(pos) * (len(pos) + 1) / 2
    return u / (len(pos) * len(neg))


def _pair_counts(golds: list[set[str]], preds: list[set[str]]) -> tuple[int, int, int]:
    """True positives, false positives and false negatives over (article, label) pairs."""
    tp = sum(len(g & p) for g, p in zip(golds, preds, strict=True))
    fp = sum(len(p - g) for g, p in zip(golds, preds, strict=True))
    fn = sum(len(g - p) for g, p in zip(golds, preds, strict=True))
    return tp, fp, fn


def _macro(golds: list[set[str]], preds: list[set[str]]) -> float:
    """Macro F1 over every label that is gold or predicted somewhere."""
    labels = sorted(set().union(*golds, *preds)) if golds else []
    if not labels:
        return 0.0
    f1s = []
    for lab in labels:
        g = [{lab} & x for x in golds]
        p = [{lab} & x for x in preds]
        f1s.append(_prf(*_pair_counts(g, p))[2])
    return sum(f1s) / len(f1s)


def score(golds: list[NewsGold], preds: list[list[NewsPrediction]]) -> dict[str, Any]:
    """The `news` metrics for articles' gold and their predicted events (borderline skipped)."""
    if len(golds) != len(preds):
        raise ValueError(f"score() needs one prediction list per article: {len(golds)} != {len(preds)}")
    scored = [(g, p) for g, p in zip(golds, preds, strict=True) if g.scope != "borderline"]
    n_event = sum(g.scope == "event" for g, _ in scored)
    n_none = len(scored) - n_event
    doc_tp = sum(g.scope == "event" and bool(p) for g, p in scored)
    doc_fp = sum(g.scope == "none" and bool(p) for g, p in scored)
    doc_fn = sum(g.scope == "event" and not p for g, p in scored)
    doc_p, doc_r, doc_f = _prf(doc_tp, doc_fp, doc_fn)
    gold_types = [g.types for g, _ in scored]
    pred_types = [{e.event_type for e in p} for _, p in scored]
    type_p, type_r, type_f = _prf(*_pair_counts(gold_types, pred_types))
    pred_subs = [{e.sub_event_type for e in p} for _, p in scored]
    sub_f = _prf(*_pair_counts([g.sub_types for g, _ in scored], pred_subs))[2]
    main = [
        bool(p) and max(p, key=lambda e: e.confidence).event_type == g.events[0][0]
        for g, p in scored
        if g.scope == "event" and g.events
    ]
    ranked = [(e.confidence, e.event_type in g.types) for g, p in scored for e in p]
    high = [right for conf, right in ranked if conf >= HIGH_CONFIDENCE - 1e-9]
    false_events = sum(len(p) for g, p in scored if g.scope == "none")
    return {
        "doc_precision": round(doc_p, 4),
        "doc_recall": round(doc_r, 4),
        "doc_f1": round(doc_f, 4),
        "false_events_per_100_none": round(100 * false_events / n_none, 2) if n_none else 0.0,
        "type_precision": round(type_p, 4),
        "type_recall": round(type_r, 4),
        "type_micro_f1": round(type_f, 4),
        "type_macro_f1": round(_macro(gold_types, pred_types), 4),
        "sub_type_micro_f1": round(sub_f, 4),
        "main_event_type_accuracy": round(sum(main) / len(main), 4) if main else 0.0,
        "confidence_auc": round(roc_auc(ranked), 4),
        # with no event at or above 0.8 nothing confident was claimed: precision is vacuously 1
        "precision_at_confidence_0.8": round(sum(high) / len(high), 4) if high else 1.0,
        "n_at_confidence_0.8": len(high),
        "n_predicted_events": len(ranked),
        "n": len(golds),
        "n_event": n_event,
        "n_none": n_none,
    }


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Run the real annotate stage over a `news` file and score each article's events."""
    items = list(read_jsonl(path, limit))
    golds: list[NewsGold] = []
    preds: list[list[NewsPrediction]] = []
    with PredictionWriter(predictions) as writer:
        for item, events in annotated(items):
            gold, pred = gold_of(item), predictions_of(events)
            golds.append(gold)
            preds.append(pred)
            writer.write(
                item.get("id"),
                {"scope": gold.scope, "events": [list(e) for e in gold.events]},
                [[e.event_type, e.sub_event_type, e.confidence] for e in pred],
                evidence=[
                    [e.sub_event_type, e.confidence, e.evidence[0].text[:300] if e.evidence else ""]
                    for e in events
                    if e.event_type in acled_event_types() and not e.aggregate
                ],
                source_dataset=item.get("source_dataset"),
            )
    return score(golds, preds)
