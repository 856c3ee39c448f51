"""JSON round trip of article-level events (the ``event_reports.payload`` column)."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from newsevents.models import Actor, Event, Evidence, Place


def plain(value: Any) -> Any:
    """A record as JSON-ready values (dates as ISO strings), without ``asdict``'s deep copies."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    return value


def event_to_json(event: Event) -> str:
    """The article-level event as compact JSON (dates as ISO strings)."""
    return json.dumps(plain(event), ensure_ascii=False, separators=(",", ":"))


def _date(value: Any) -> date | None:
    """An ISO date string (or None) back to a date."""
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def actor_from_plain(data: Any) -> Actor | None:
    """A serialised actor back to an ``Actor``."""
    if not isinstance(data, dict):
        return None
    return Actor(
        name=str(data.get("name") or ""),
        text=str(data.get("text") or ""),
        kind=data.get("kind") or "other",
        country=data.get("country"),
    )


def place_from_plain(data: Any) -> Place | None:
    """A serialised place back to a ``Place`` (unknown keys are ignored)."""
    if not isinstance(data, dict):
        return None
    known = set(Place.__dataclass_fields__)
    return Place(**{k: v for k, v in data.items() if k in known})


def event_from_json(payload: str) -> Event:
    """Rebuild an article-level ``Event`` from its payload (tolerates added or missing keys)."""
    return event_from_plain(json.loads(payload))


def event_from_plain(data: dict[str, Any]) -> Event:
    """Rebuild an ``Event`` from the values ``plain`` made of it."""
    known = set(Event.__dataclass_fields__)
    fields = {k: v for k, v in data.items() if k in known}
    fields["actor1"] = actor_from_plain(data.get("actor1"))
    fields["actor2"] = actor_from_plain(data.get("actor2"))
    fields["assoc_actors"] = [a for a in map(actor_from_plain, data.get("assoc_actors") or []) if a]
    fields["place"] = place_from_plain(data.get("place"))
    fields["date"] = _date(data.get("date"))
    fields["end_date"] = _date(data.get("end_date"))
    fields["evidence"] = [
        Evidence(**{k: e[k] for k in ("article_id", "start", "end", "text")})
        for e in data.get("evidence") or []
    ]
    return Event(**fields)
