"""Articles and annotations as JSON, for Parquet shards (exact round trip)."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from newsevents.merge.codec import event_from_json
from newsevents.models import (
    Annotations,
    Article,
    Entity,
    Place,
    Quantity,
    Quote,
    RelatedLink,
    TimeExpr,
)


def _plain(value: Any) -> Any:
    """A record as JSON-ready values (dates as ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def to_json(record: Article | Annotations) -> str:
    """A record as compact JSON (dates as ISO strings)."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


def _day(value: Any) -> date | None:
    """An ISO date string (or None) back to a date."""
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _spans(values: Any) -> list[tuple[int, int]]:
    """JSON pairs back to ``(start, end)`` tuples."""
    return [(int(a), int(b)) for a, b in values or []]


def article_from_json(payload: str) -> Article:
    """Rebuild an ``Article`` written by ``to_json``."""
    data = json.loads(payload)
    data["paragraphs"] = _spans(data.get("paragraphs"))
    data["published"] = _day(data.get("published"))
    data["related"] = [RelatedLink(**r) for r in data.get("related") or []]
    return Article(**data)


def annotations_from_json(payload: str) -> Annotations:
    """Rebuild ``Annotations`` written by ``to_json``."""
    data = json.loads(payload)
    times = []
    for t in data.get("times") or []:
        t["date"], t["end_date"] = _day(t.get("date")), _day(t.get("end_date"))
        times.append(TimeExpr(**t))
    return Annotations(
        article_id=data["article_id"],
        entities=[Entity(**e) for e in data.get("entities") or []],
        places=[Place(**p) for p in data.get("places") or []],
        times=times,
        quotes=[Quote(**q) for q in data.get("quotes") or []],
        quantities=[Quantity(**q) for q in data.get("quantities") or []],
        events=[event_from_json(json.dumps(e)) for e in data.get("events") or []],
        sentences=_spans(data.get("sentences")),
    )
