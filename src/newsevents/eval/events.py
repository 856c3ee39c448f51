"""Scorer for event sets (`events` task): the item's top-ranked event against its gold event."""

from __future__ import annotations

import logging
import statistics
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.eval.event_common import MISSING_KM, annotated, haversine_km, top_event
from newsevents.eval.io import PredictionWriter, read_jsonl
from newsevents.eval.metrics import macro_f1
from newsevents.models import Event
from newsevents.resolve.actors import compare_key

log = logging.getLogger(__name__)

METRICS = (
    "event_type_accuracy",
    "sub_event_type_accuracy",
    "sub_event_type_macro_f1",
    "event_date_exact",
    "location_within_25km",
    "location_within_161km",
    "location_median_km",
    "actor1_match",
    "fatalities_exact",
    "n",
)


@dataclass(slots=True)
class Predicted:
    """The fields of one predicted event that the scorer compares (all optional)."""

    event_type: str | None = None
    sub_event_type: str | None = None
    event_date: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: int | None = None
    location: str | None = None
    confidence: float = 0.0


def to_predicted(ev: Event | None) -> Predicted | None:
    """The compared fields of an event."""
    if ev is None:
        return None
    return Predicted(
        event_type=ev.event_type,
        sub_event_type=ev.sub_event_type,
        event_date=ev.date.isoformat() if isinstance(ev.date, date) else None,
        actor1=ev.actor1.name if ev.actor1 else None,
        actor2=ev.actor2.name if ev.actor2 else None,
        lat=ev.place.lat if ev.place else None,
        lon=ev.place.lon if ev.place else None,
        fatalities=ev.fatalities,
        location=ev.place.name if ev.place else None,
        confidence=ev.confidence,
    )


def actor_matches(gold: str, pred: Predicted | None) -> bool:
    """Gold actor1 equals either predicted actor after normalisation."""
    if pred is None:
        return False
    key = compare_key(gold)
    return any(key == compare_key(a) for a in (pred.actor1, pred.actor2) if a)


def _rate(hits: list[bool]) -> float:
    """Share of hits (0.0 when nothing was scored)."""
    return round(sum(hits) / len(hits), 4) if hits else 0.0


def score(golds: list[dict[str, Any]], preds: list[Predicted | None]) -> dict[str, Any]:
    """Metrics for gold events and the top predicted event of each item (None = no event)."""
    if len(golds) != len(preds):
        raise ValueError(
            f"score() needs one prediction per gold item: {len(golds)} golds, {len(preds)} predictions"
        )
    etype: list[bool] = []
    sub: list[bool] = []
    sub_pairs: list[tuple[str, str | None]] = []
    when: list[bool] = []
    km: list[float] = []
    actor: list[bool] = []
    deaths: list[bool] = []
    for g, p in zip(golds, preds, strict=True):
        if g.get("event_type") is not None:
            etype.append(p is not None and p.event_type == g["event_type"])
        if g.get("sub_event_type") is not None:
            sub.append(p is not None and p.sub_event_type == g["sub_event_type"])
            sub_pairs.append((g["sub_event_type"], p.sub_event_type if p else None))
        if g.get("event_date") is not None:
            when.append(p is not None and p.event_date == str(g["event_date"])[:10])
        if g.get("lat") is not None and g.get("lon") is not None:
            if p is not None and p.lat is not None and p.lon is not None:
                km.append(haversine_km(float(g["lat"]), float(g["lon"]), p.lat, p.lon))
            else:
                km.append(MISSING_KM)
        if g.get("actor1") is not None:
            actor.append(actor_matches(g["actor1"], p))
        if g.get("fatalities") is not None:
            deaths.append(p is not None and p.fatalities == int(g["fatalities"]))
    return {
        "event_type_accuracy": _rate(etype),
        "sub_event_type_accuracy": _rate(sub),
        "sub_event_type_macro_f1": round(macro_f1(sub_pairs), 4),
        "event_date_exact": _rate(when),
        "location_within_25km": _rate([d <= 25 for d in km]),
        "location_within_161km": _rate([d <= 161 for d in km]),
        "location_median_km": round(statistics.median(km), 4) if km else 0.0,
        "actor1_match": _rate(actor),
        "fatalities_exact": _rate(deaths),
        "n": len(golds),
    }


def item_format(items: list[dict[str, Any]]) -> str:
    """Which events format the items use: "acled" (``gold``), "plover" or "sentences" (``labels``)."""
    for it in items:
        if "gold" in it:
            return "acled"
        if "plover_event" in it:
            return "plover"
        if "labels" in it:
            return "sentences"
    if items:
        log.warning("no gold, plover_event or labels field in the items; scoring them as ACLED notes")
    return "acled"


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Run the real annotate stage over an events file and score each item's top event."""
    items = list(read_jsonl(path, limit))  # gold records only; texts are annotated as a stream
    kind = item_format(items)
    if kind == "plover":
        from newsevents.eval.events_plover import evaluate_items as plover_items

        return plover_items(items, predictions)
    if kind == "sentences":
        from newsevents.eval.events_sentences import evaluate_items as sentence_items

        return sentence_items(items, predictions)
    golds: list[dict[str, Any]] = []
    preds: list[Predicted | None] = []
    with PredictionWriter(predictions) as writer:
        for item, events in annotated(items):
            gold = item.get("gold") or {}
            pred = to_predicted(top_event(events, acled_first=True))
            golds.append(gold)
            preds.append(pred)
            writer.write(
                item.get("id"),
                gold,
                None if pred is None else asdict(pred),
                n_events=len(events),
                text=item.get("text"),
            )
    return score(golds, preds)
