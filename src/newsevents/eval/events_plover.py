"""Scorer for PLOVER-coded sentences: the top event's PLOVER type and actors against the gold coding."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsevents.eval.event_common import annotated, top_event
from newsevents.eval.io import PredictionWriter
from newsevents.eval.metrics import macro_f1
from newsevents.models import Event

log = logging.getLogger(__name__)

METRICS = ("plover_event_accuracy", "plover_macro_f1", "actor_match", "n")


@dataclass(slots=True)
class PloverPrediction:
    """The compared fields of one item's top-ranked event."""

    plover_event: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    trigger: str | None = None


def to_prediction(ev: Event | None) -> PloverPrediction | None:
    """The compared fields of an event (actor words as they appear in the text)."""
    if ev is None:
        return None
    return PloverPrediction(
        plover_event=ev.plover_event or None,
        event_type=ev.event_type,
        sub_event_type=ev.sub_event_type,
        actor1=(ev.actor1.text or ev.actor1.name) if ev.actor1 else None,
        actor2=(ev.actor2.text or ev.actor2.name) if ev.actor2 else None,
        trigger=ev.trigger,
    )


def gold_actor_texts(item: dict[str, Any]) -> list[str]:
    """The gold source actors' words (``actor`` is a list of ``{actorText, code, sector}`` or null)."""
    actors = item.get("actor") or []
    if isinstance(actors, dict):
        actors = [actors]
    return [str(a.get("actorText")) for a in actors if isinstance(a, dict) and a.get("actorText")]


def _overlaps(a: str, b: str) -> bool:
    """Whether two actor strings share a word (case-insensitive)."""
    wa = {w.strip(".,'\"()") for w in a.lower().split()} - {"", "the", "of", "a", "an"}
    wb = {w.strip(".,'\"()") for w in b.lower().split()} - {"", "the", "of", "a", "an"}
    return bool(wa & wb)


def actor_hit(golds: list[str], pred: PloverPrediction | None) -> bool:
    """A predicted actor1/actor2 overlaps a gold actor text."""
    if pred is None:
        return False
    return any(_overlaps(g, p) for g in golds for p in (pred.actor1, pred.actor2) if p)


def score(golds: list[dict[str, Any]], preds: list[PloverPrediction | None]) -> dict[str, Any]:
    """Metrics for gold PLOVER items and the top predicted event of each (None = no event)."""
    if len(golds) != len(preds):
        raise ValueError(
            f"score() needs one prediction per gold item: {len(golds)} golds, {len(preds)} predictions"
        )
    hits: list[bool] = []
    pairs: list[tuple[str, str | None]] = []
    actors: list[bool] = []
    for g, p in zip(golds, preds, strict=True):
        label = g.get("plover_event")
        if label:
            label = str(label).upper()
            guess = p.plover_event.upper() if p is not None and p.plover_event else None
            hits.append(guess == label)
            pairs.append((label, guess))
        gold_actors = gold_actor_texts(g)
        if gold_actors:
            actors.append(actor_hit(gold_actors, p))
    return {
        "plover_event_accuracy": round(sum(hits) / len(hits), 4) if hits else 0.0,
        "plover_macro_f1": round(macro_f1(pairs), 4),
        "actor_match": round(sum(actors) / len(actors), 4) if actors else 0.0,
        "n": len(golds),
    }


def evaluate_items(items: list[dict[str, Any]], predictions: Path | None = None) -> dict[str, Any]:
    """Annotate PLOVER items with the real pipeline and score each item's top event."""
    golds: list[dict[str, Any]] = []
    preds: list[PloverPrediction | None] = []
    with PredictionWriter(predictions) as writer:
        for item, events in annotated(items):
            pred = to_prediction(top_event(events))
            golds.append(item)
            preds.append(pred)
            writer.write(
                item.get("id"),
                {"plover_event": item.get("plover_event"), "actor": gold_actor_texts(item)},
                None if pred is None else asdict(pred),
                n_events=len(events),
                text=item.get("text"),
            )
    return score(golds, preds)
