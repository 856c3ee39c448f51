"""Scoring geoparsing end to end: toponym detection and resolution against gold coordinates."""

from __future__ import annotations

import logging
import math
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.eval.io import PredictionWriter, read_jsonl
from newsevents.models import Place

log = logging.getLogger(__name__)

ACC_KM = 161.0  # 100 miles, the customary geoparsing tolerance
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error
BATCH = 32


@dataclass(frozen=True, slots=True)
class Span:
    """A toponym span with optional coordinates (gold or predicted)."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (kept here so scoring depends on no resolver)."""
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def match_spans(gold: Sequence[Span], pred: Sequence[Span]) -> dict[int, int]:
    """One-to-one matching of overlapping spans, largest overlap first: gold index -> pred index."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, -abs(g.start - p.start), gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            out[gi] = pi
            used_g.add(gi)
            used_p.add(pi)
    return out


def error_km(g: Span, p: Span) -> float | None:
    """Distance between a gold and a predicted point; None when the gold has no point."""
    if g.lat is None or g.lon is None:
        return None
    if p.lat is None or p.lon is None:
        return MAX_ERROR_KM  # detected but not placed counts as the worst error
    return _km(g.lat, g.lon, p.lat, p.lon)


def auc(errors: Iterable[float]) -> float:
    """Area under the curve of sorted scaled log errors (Gritta et al. 2018); 0 is perfect.

    AUC = mean over errors e of ln(1 + e) / ln(MAX_ERROR_KM): the rectangle rule over the
    sorted curve, each error one equal-width step.
    """
    errs = list(errors)
    if not errs:
        return 0.0
    scale = math.log(MAX_ERROR_KM)
    return sum(min(math.log1p(e) / scale, 1.0) for e in errs) / len(errs)


def score(golds: Sequence[Sequence[Span]], preds: Sequence[Sequence[Span]]) -> dict[str, Any]:
    """Detection P/R/F1 and resolution accuracy over parallel per-document gold and predictions."""
    n_gold = n_pred = n_match = 0
    n_geo_gold = 0  # gold toponyms with coordinates
    within = 0
    errors: list[float] = []
    for gold, pred in zip(golds, preds, strict=True):
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = match_spans(gold, pred)
        n_match += len(pairs)
        for gi, g in enumerate(gold):
            if g.lat is None or g.lon is None:
                continue
            n_geo_gold += 1
            if gi in pairs:
                err = error_km(g, pred[pairs[gi]])
                assert err is not None
                errors.append(err)
                within += err <= ACC_KM
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "detection_precision": round(precision, 4),
        "detection_recall": round(recall, 4),
        "detection_f1": round(f1, 4),
        "acc_161km": round(within / n_geo_gold, 4) if n_geo_gold else 0.0,
        "acc_161km_detected": round(within / len(errors), 4) if errors else 0.0,
        "median_km": round(statistics.median(errors), 4) if errors else 0.0,
        "auc": round(auc(errors), 4),
        "n_toponyms": n_gold,
    }


def gold_spans(item: dict[str, Any]) -> list[Span]:
    """The gold toponyms of one item (null coordinates kept as None)."""
    out = []
    for t in item.get("toponyms") or []:
        lat, lon = t.get("lat"), t.get("lon")
        out.append(
            Span(
                int(t["start"]),
                int(t["end"]),
                float(lat) if lat is not None else None,
                float(lon) if lon is not None else None,
            )
        )
    return out


def pred_spans(places: Sequence[Place]) -> list[Span]:
    """Predicted places as scoring spans."""
    return [Span(p.start, p.end, p.lat, p.lon) for p in places]


def _annotated(items: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[Place] | None]]:
    """Stream items through the annotate stage in batches; a failing item yields None.

    A batch that raises is retried one item at a time, so one bad document costs its own
    predictions only (counted in ``n_failed``), never the run.
    """
    from newsevents.nlp.annotate import annotate_texts

    for lo in range(0, len(items), BATCH):
        chunk = items[lo : lo + BATCH]
        rows = [(str(it.get("id", lo + i)), str(it.get("text") or ""), None) for i, it in enumerate(chunk)]
        try:
            anns = list(annotate_texts(rows, batch_size=BATCH))
        except Exception:  # a bug elsewhere in the stage: isolate the document that triggers it
            for item, row in zip(chunk, rows, strict=True):
                try:
                    yield item, next(annotate_texts([row])).places
                except Exception as exc:
                    log.error(
                        "item %s: annotate failed (%s: %s); scored as no places",
                        row[0],
                        type(exc).__name__,
                        exc,
                    )
                    yield item, None
            continue
        for item, ann in zip(chunk, anns, strict=True):
            yield item, ann.places


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Run the annotate stage over a geo set and score its places."""
    items = list(read_jsonl(path, limit=limit))
    golds: list[list[Span]] = []
    preds: list[list[Span]] = []
    failed = 0
    with PredictionWriter(predictions) as writer:
        for item, found in _annotated(items):
            places = found or []
            failed += found is None
            golds.append(gold_spans(item))
            preds.append(pred_spans(places))
            writer.write(
                item.get("id"),
                item.get("toponyms"),
                [
                    {
                        "start": p.start,
                        "end": p.end,
                        "text": p.text,
                        "name": p.name,
                        "lat": p.lat,
                        "lon": p.lon,
                        "geonameid": p.geonameid,
                        "feature": p.feature,
                        "precision": p.precision,
                        "confidence": p.confidence,
                        "via": p.via,
                    }
                    for p in places
                ],
            )
    metrics = score(golds, preds)
    metrics["n"] = len(items)
    metrics["n_failed"] = failed
    return metrics
