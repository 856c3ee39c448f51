"""How often the merge rule would join two distinct ACLED events (its false-merge rate).

ACLED codes one event per place, day and actor pair, so two different gold records are two
happenings: any pair the rule accepts is a false merge. Run this file directly to print the
rates as JSON: ``python tests/test_merge_gold.py`` (or ``--purity STORE.db`` for the story purity
of a store built from the clusters set, see ``story_purity``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsevents.merge.rules import same_happening
from newsevents.models import Actor, Event, Place

# Floors recorded on 2026-11-24 (docs/merging.md); a change may not raise a rate silently.
MAX_FALSE_MERGE_SHARE = {
    "events_acled_notes.jsonl": 0.14,
    "events_acled_india_notes.jsonl": 0.02,
}
ACLED_GEO = {1: "place", 2: "place", 3: "admin1"}  # ACLED geo_precision -> ours


def shared_dir() -> Path:
    """The shared evaluation folder (``NEWSEVENTS_SHARED`` or ``../shared``)."""
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"


def gold_events(path: Path) -> list[tuple[str, Event]]:
    """(note text, gold event) pairs; each distinct location gets its own stand-in geonameid."""
    ids: dict[tuple[str, str], int] = {}
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            g = item["gold"]
            if not g.get("event_date"):
                continue
            location = g.get("location") or ""
            gid = ids.setdefault((location, g.get("country") or ""), len(ids) + 1)
            place = Place(0, 0, location, location, g.get("lat"), g.get("lon"), g.get("country"),
                          None, g.get("admin1"), geonameid=gid,
                          precision=ACLED_GEO.get(g.get("geo_precision"), "place"))  # type: ignore[arg-type]  # fmt: skip
            event = Event(
                g["event_type"], g["sub_event_type"], "", 0, 0,
                actor1=Actor(g["actor1"]) if g.get("actor1") else None,
                actor2=Actor(g["actor2"]) if g.get("actor2") else None,
                place=place, date=date.fromisoformat(g["event_date"]), time_precision="day",
            )  # fmt: skip
            out.append((item["text"], event))
    return out


def false_merge_rate(events: list[tuple[str, Event]]) -> dict[str, Any]:
    """Pairs of distinct gold events (different notes) the rule would merge, and the share."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for i, (_, event) in enumerate(events):
        assert event.date is not None
        by_day[event.date].append(i)
    pairs = 0
    merged: set[int] = set()
    for i, (text, event) in enumerate(events):
        assert event.date is not None
        for day in (event.date, event.date + timedelta(days=1)):
            for j in by_day.get(day, []):
                if (day == event.date and j <= i) or events[j][0] == text:
                    continue  # each pair once; split events share their note (one article)
                if same_happening(event, events[j][1]):
                    pairs += 1
                    merged |= {i, j}
    share = len(merged) / len(events) if events else 0.0
    return {"records": len(events), "false_merge_pairs": pairs,
            "records_falsely_merged": len(merged), "share": round(share, 4)}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MAX_FALSE_MERGE_SHARE))
def test_rule_rarely_merges_distinct_acled_events(name: str) -> None:
    path = shared_dir() / "eval" / "dev" / name
    if not path.exists():
        pytest.skip(f"evaluation file {name} not found under ../shared/eval/dev")
    result = false_merge_rate(gold_events(path))
    assert result["share"] <= MAX_FALSE_MERGE_SHARE[name], result


def story_purity(db: Path, clusters: Path) -> dict[str, Any]:
    """Multi-source events of a store built from the clusters set whose articles share a story.

    Build the store with ``newsevents ingest`` over the clusters texts, each written with
    ``url`` = ``https://x/<id>`` (the url is how articles are matched back to their item).
    """
    story = {}
    with clusters.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            story["https://x/" + item["id"]] = item["cluster"]
    conn = sqlite3.connect(db)
    urls = dict(conn.execute("SELECT id, url FROM articles").fetchall())
    sources: dict[str, set[str]] = defaultdict(set)
    for event_id, article_id in conn.execute("SELECT event_id, article_id FROM event_reports"):
        sources[event_id].add(article_id)
    multi = [ids for ids in sources.values() if len(ids) > 1]
    pure = sum(1 for ids in multi if len({story.get(urls[a]) for a in ids}) == 1)
    return {"events": len(sources), "multi_source_events": len(multi), "pure": pure,
            "purity": round(pure / len(multi), 4) if multi else None}  # fmt: skip


if __name__ == "__main__":
    dev = shared_dir() / "eval" / "dev"
    if len(sys.argv) == 3 and sys.argv[1] == "--purity":
        result: dict[str, Any] = story_purity(Path(sys.argv[2]), dev / "clusters_wikiref.jsonl")
    else:
        result = {n: false_merge_rate(gold_events(dev / n)) for n in sorted(MAX_FALSE_MERGE_SHARE)}
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
