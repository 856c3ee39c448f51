"""Scorer for event sets (`events` task): the item's top-ranked event against its gold event."""

from __future__ import annotations

import logging
import math
import statistics
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.eval.io import PredictionWriter, read_jsonl
from newsevents.eval.metrics import macro_f1
from newsevents.models import Event
from newsevents.nlp.event_types import is_verbal
from newsevents.resolve.actors import compare_key

log = logging.getLogger(__name__)

EARTH_RADIUS_KM = 6371.0088
MISSING_KM = math.pi * EARTH_RADIUS_KM  # a missing location counts as the farthest possible point
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


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def top_event(events: list[Event]) -> Event | None:
    """The item's top-ranked event: single happenings first, physical before verbal, then confidence."""
    if not events:
        return None
    return max(events, key=lambda e: (not e.aggregate, not is_verbal(e.sub_event_type), e.confidence))


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


def _published(value: Any) -> date | None:
    """The item's publication date, or None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        log.warning("ignoring malformed published date %r", value)
        return None


def annotated(items: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[Event]]]:
    """Each item with its events; an item whose annotation fails is logged and has no events."""
    from newsevents.nlp.annotate import annotate_texts  # the model loads only when scoring

    done = 0
    while done < len(items):
        todo = [
            (str(it.get("id", k)), str(it.get("text") or ""), _published(it.get("published")))
            for k, it in enumerate(items[done:], start=done)
        ]
        try:
            for ann in annotate_texts(todo):
                yield items[done], ann.events
                done += 1
        except Exception:  # one bad item must not end the evaluation
            log.exception("item %r failed to annotate; scored as no prediction", items[done].get("id"))
            yield items[done], []
            done += 1


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
            pred = to_predicted(top_event(events))
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
