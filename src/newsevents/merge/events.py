"""Incremental cross-article merging: each article-level event joins a stored event or starts one."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from newsevents.merge.changes import note_change
from newsevents.merge.codec import event_from_json, event_to_json
from newsevents.merge.keys import candidate_ids, sync_keys
from newsevents.merge.rules import (
    CONTROL_SUB_TYPES,
    GEO_RANK,
    PRECISION_RANK,
    TERRITORY_SUB_TYPES,
    date_span,
    is_generic_actor,
    match_distance,
    normalise_actor,
    place_key,
    same_happening,
)
from newsevents.merge.tally import (
    Tally,
    corroborated,
    modality_rank,
)
from newsevents.models import Actor, Article, Event, Evidence, Place

log = logging.getLogger(__name__)

# Modalities that describe something that did not (yet) happen: kept in the article's
# annotations payloads are not written, so no event row, no map point, no control change.
NON_EVENT_MODALITIES = frozenset({"risk", "hypothetical"})

EVENT_ID_CHARS = 16  # 64 bits of sha1: collisions are handled by salting, never silent


def event_id_for(article_id: str, trigger_start: int, trigger_end: int, salt: int = 0) -> str:
    """The stable id of an event first reported by this article at this trigger."""
    key = f"{article_id}:{trigger_start}:{trigger_end}" + (f":{salt}" if salt else "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:EVENT_ID_CHARS]


def merge_article_events(
    conn: sqlite3.Connection,
    article: Article,
    events: list[Event],
    places: set[str] | None = None,
) -> list[str]:
    """Store an article's events, each merged into a matching stored event or new; returns ids.

    ``places`` collects the control keys of places whose control-relevant events changed.
    """
    touched: list[str] = []
    skipped = 0
    for raw in events:
        if raw.modality in NON_EVENT_MODALITIES:
            skipped += 1
            continue
        event = replace(raw, article_id=raw.article_id or article.id)
        event.evidence = [replace(ev, article_id=ev.article_id or event.article_id) for ev in event.evidence]
        existing = conn.execute(
            "SELECT event_id FROM event_reports WHERE article_id = ? AND trigger_start = ? "
            "AND trigger_end = ?",
            (event.article_id, event.trigger_start, event.trigger_end),
        ).fetchone()
        if existing is not None:
            log.debug("report %s:%d already stored", event.article_id, event.trigger_start)
            event_id = str(existing[0])
        else:
            event_id = _add_report(conn, event, places)
        if event_id not in touched:
            touched.append(event_id)
    if skipped:
        log.debug("article %s: %d risk/hypothetical statements not stored", article.id, skipped)
    return touched


def _add_report(conn: sqlite3.Connection, event: Event, places: set[str] | None) -> str:
    """Store one new report in the matching event or a new one; returns the event id."""
    found = _find_match(conn, event)
    tally: Tally | None
    merged: Event | None = None
    if found is None:
        event_id, tally = _new_event_id(conn, event), Tally()
        tally.add(event, new_article=True)
        merged = tally.merged()
        _write_event(conn, event_id, merged, places, tally.articles)  # the FK target
    else:
        event_id, tally = found, _load_tally(conn, found)
        if tally is not None:
            seen = conn.execute(
                "SELECT 1 FROM event_reports WHERE article_id = ? AND event_id = ? LIMIT 1",
                (event.article_id, event_id),
            ).fetchone()
            tally.add(event, new_article=seen is None)
    conn.execute(
        "INSERT INTO event_reports(event_id, article_id, trigger, trigger_start, "
        "trigger_end, payload) VALUES (?, ?, ?, ?, ?, ?)",
        (
            event_id,
            event.article_id,
            event.trigger,
            event.trigger_start,
            event.trigger_end,
            event_to_json(event),
        ),
    )
    if tally is None:  # an event stored before running totals: count its reports once
        refresh_event(conn, event_id, added=event, places=places)
        return event_id
    if merged is None:
        merged = tally.merged()
        _write_event(conn, event_id, merged, places, tally.articles)
    _add_evidence(conn, event_id, event)
    _save_tally(conn, event_id, tally)
    _sync_indexes(conn, event_id, merged)
    return event_id


def _load_tally(conn: sqlite3.Connection, event_id: str) -> Tally | None:
    """The event's running totals, or None for an event stored before they were kept."""
    row = conn.execute("SELECT state FROM event_tallies WHERE event_id = ?", (event_id,)).fetchone()
    return Tally.from_json(row[0]) if row is not None else None


def _save_tally(conn: sqlite3.Connection, event_id: str, tally: Tally) -> None:
    """Keep the event's running totals next to it."""
    conn.execute(
        "INSERT INTO event_tallies(event_id, state) VALUES (?, ?) "
        "ON CONFLICT(event_id) DO UPDATE SET state = excluded.state",
        (event_id, tally.to_json()),
    )


def _add_evidence(conn: sqlite3.Connection, event_id: str, added: Event) -> None:
    """Append the evidence spans of one new report."""
    conn.executemany(
        'INSERT OR IGNORE INTO evidence(event_id, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(event_id, ev.article_id or added.article_id, ev.start, ev.end, ev.text) for ev in added.evidence],
    )


def remove_article_events(
    conn: sqlite3.Connection, article_id: str, places: set[str] | None = None
) -> list[str]:
    """Take an article's reports out of their events (deleting events left with none)."""
    ids = [
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT event_id FROM event_reports WHERE article_id = ?", (article_id,)
        )
    ]
    conn.execute("DELETE FROM event_reports WHERE article_id = ?", (article_id,))
    for event_id in ids:
        refresh_event(conn, event_id, places=places)
    return ids


def refresh_event(
    conn: sqlite3.Connection,
    event_id: str,
    added: Event | None = None,
    places: set[str] | None = None,
) -> None:
    """Recompute one stored event and its running totals from all its reports (or delete it).

    Used when reports are removed (re-ingest) and for events stored before running totals were
    kept. ``added`` is the report just inserted: its evidence is appended instead of
    rebuilding the event's evidence.
    """
    rows = conn.execute(
        "SELECT article_id, payload FROM event_reports WHERE event_id = ? ORDER BY id",
        (event_id,),
    ).fetchall()
    if not rows:
        _delete_event(conn, event_id, places)
        return
    tally = Tally()
    articles: set[str] = set()
    for article_id, payload in rows:
        report = event_from_json(payload)
        report.article_id = report.article_id or article_id
        tally.add(report, new_article=report.article_id not in articles)
        articles.add(report.article_id)
    merged = tally.merged()
    _write_event(conn, event_id, merged, places, tally.articles)
    if added is None:
        conn.execute("DELETE FROM evidence WHERE event_id = ?", (event_id,))
        conn.execute(
            'INSERT OR IGNORE INTO evidence(event_id, article_id, start, "end", text) '
            "SELECT r.event_id, coalesce(nullif(json_extract(j.value, '$.article_id'), ''), "
            "r.article_id), json_extract(j.value, '$.start'), json_extract(j.value, '$.end'), "
            "json_extract(j.value, '$.text') FROM event_reports r, "
            "json_each(r.payload, '$.evidence') j WHERE r.event_id = ? ORDER BY r.id, j.key",
            (event_id,),
        )
    else:
        _add_evidence(conn, event_id, added)
    _save_tally(conn, event_id, tally)
    _sync_indexes(conn, event_id, merged)


def combine_reports(reports: Sequence[Event]) -> Event:
    """The merged view of several reports of one happening (rules in docs/merging.md).

    The reference the running totals (``merge.tally``) must equal, report for report.
    """
    subs = Counter(r.sub_event_type for r in reports)
    territory = [s for s in subs if s in TERRITORY_SUB_TYPES]
    chosen_sub = max(territory or list(subs), key=lambda s: subs[s])
    same_sub = [r for r in reports if r.sub_event_type == chosen_sub]
    rep = max(same_sub, key=lambda r: r.confidence)
    merged = replace(rep, evidence=[], sources=[], assoc_actors=[])
    if not merged.plover_event:
        donor = next((r for r in reports if r.plover_event), None)
        if donor is not None:
            merged.plover_event, merged.plover_mode = donor.plover_event, donor.plover_mode
            merged.plover_context = donor.plover_context
    merged.actor1 = _vote_actor([r.actor1 for r in same_sub], [r.actor1 for r in reports])
    merged.actor2 = _vote_actor([r.actor2 for r in same_sub], [r.actor2 for r in reports])
    merged.assoc_actors = _assoc_union(reports, merged.actor1, merged.actor2)
    merged.place = _best_place(reports)
    _set_best_date(merged, reports)
    merged.modality = min((r.modality for r in reports), key=modality_rank)
    merged.fatalities = conservative_fatalities([r.fatalities for r in reports])
    articles = list(dict.fromkeys(r.article_id for r in reports))
    merged.sources = articles
    top = max(r.confidence for r in reports)
    merged.confidence = corroborated(top, len(articles))
    seen: set[tuple[str, int, int]] = set()
    for r in reports:
        for ev in r.evidence:
            key = (ev.article_id or r.article_id, ev.start, ev.end)
            if key not in seen:
                seen.add(key)
                merged.evidence.append(replace(ev, article_id=key[0]))
    return merged


def conservative_fatalities(counts: Sequence[int | None]) -> int | None:
    """ACLED's most conservative figure: the lowest positive count reported, else 0 or None.

    A 0 from an extractor means "no deaths mentioned" (ACLED's coding for unreported), so it
    does not overrule another article's reported toll.
    """
    positive = [c for c in counts if c is not None and c > 0]
    if positive:
        return min(positive)
    return 0 if any(c == 0 for c in counts) else None


def _vote_actor(preferred: list[Actor | None], fallback: list[Actor | None]) -> Actor | None:
    """The most reported named actor (reports of the chosen type first), else any actor."""
    for pool in (preferred, fallback):
        named = [a for a in pool if a is not None and normalise_actor(a.name)]
        specific = [a for a in named if not is_generic_actor(a.name)]
        candidates = specific or named
        if candidates:
            votes = Counter(normalise_actor(a.name) for a in candidates)
            best = max(votes, key=lambda k: votes[k])
            return next(a for a in candidates if normalise_actor(a.name) == best)
    return None


def _assoc_union(reports: Sequence[Event], *main: Actor | None) -> list[Actor]:
    """Associated actors of all reports, once each, without the main actors."""
    taken = {normalise_actor(a.name) for a in main if a is not None}
    out: list[Actor] = []
    for r in reports:
        for a in r.assoc_actors:
            key = normalise_actor(a.name)
            if key and key not in taken:
                taken.add(key)
                out.append(a)
    return out


def _best_place(reports: Sequence[Event]) -> Place | None:
    """The most precise place reported (ties: the most confident, then the first)."""
    places = [r.place for r in reports if r.place is not None]
    if not places:
        return None
    return max(places, key=lambda p: (GEO_RANK.get(p.precision, 0), p.lat is not None, p.confidence))


def _set_best_date(merged: Event, reports: Sequence[Event]) -> None:
    """Copy the most precise date onto ``merged`` (ties: the most reported, then the earliest)."""
    dated = [r for r in reports if r.date is not None]
    if not dated:
        return
    best_rank = max(PRECISION_RANK.get(r.time_precision, 0) for r in dated)
    top = [r for r in dated if PRECISION_RANK.get(r.time_precision, 0) == best_rank]
    votes = Counter(r.date for r in top)
    chosen = min(votes, key=lambda d: (-votes[d], d))
    source = next(r for r in top if r.date == chosen)
    merged.date, merged.end_date = source.date, source.end_date
    merged.time_precision, merged.time_text = source.time_precision, source.time_text


def _find_match(conn: sqlite3.Connection, event: Event) -> str | None:
    """The id of the closest stored event describing the same happening, if any."""
    if event.date is None:
        return None  # undated reports merge with nothing (rules.dates_compatible)
    ids = candidate_ids(conn, event)
    if not ids:
        return None
    best: tuple[float, int, str] | None = None
    for row in select_rows(conn, f"SELECT * FROM events WHERE id IN ({','.join('?' * len(ids))})", ids):
        stored = row_to_event(row)
        if not same_happening(event, stored):
            continue
        score = (match_distance(event, stored), -int(row["n_sources"]), str(row["id"]))
        if best is None or score < best:
            best = score
    return best[2] if best else None


def _new_event_id(conn: sqlite3.Connection, event: Event) -> str:
    """A fresh stable id for an event first seen in this report."""
    for salt in range(1000):
        event_id = event_id_for(event.article_id, event.trigger_start, event.trigger_end, salt)
        if conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is None:
            return event_id
    raise RuntimeError(f"no free event id for {event.article_id}:{event.trigger_start}")


def _iso(value: date | None) -> str | None:
    """An optional date as ISO text."""
    return value.isoformat() if value else None


def _write_event(
    conn: sqlite3.Connection,
    event_id: str,
    ev: Event,
    places: set[str] | None = None,
    n_sources: int | None = None,
) -> None:
    """Insert or update the events row (created_at is kept on update).

    ``n_sources`` is the number of distinct articles when ``ev.sources`` does not list them.
    """
    if places is not None:
        _note_place(conn, event_id, places)
    p = ev.place
    values = {
        "id": event_id,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "plover_event": ev.plover_event or None,
        "plover_mode": ev.plover_mode or None,
        "plover_context": ev.plover_context or None,
        "trigger": ev.trigger,
        "actor1": ev.actor1.name if ev.actor1 else None,
        "actor1_text": ev.actor1.text if ev.actor1 else None,
        "actor1_kind": ev.actor1.kind if ev.actor1 else None,
        "actor2": ev.actor2.name if ev.actor2 else None,
        "actor2_text": ev.actor2.text if ev.actor2 else None,
        "actor2_kind": ev.actor2.kind if ev.actor2 else None,
        "assoc_actors": json.dumps(
            [{"name": a.name, "text": a.text, "kind": a.kind, "country": a.country} for a in ev.assoc_actors],
            ensure_ascii=False,
        ),
        "location": p.name if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "geo_precision": p.precision if p else None,
        "country": p.country if p else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None,
        "geonameid": p.geonameid if p else None,
        "feature": (p.feature or None) if p else None,
        "place_key": place_key(p) if p is not None and p.precision != "country" else None,
        "event_date": _iso(ev.date),
        "end_date": _iso(ev.end_date),
        "time_precision": ev.time_precision,
        "time_text": ev.time_text,
        "modality": ev.modality,
        "fatalities": ev.fatalities,
        "confidence": ev.confidence,
        "aggregate": int(ev.aggregate),
        "n_sources": n_sources or len(ev.sources) or 1,
    }
    cols = list(values)
    old = conn.execute(f"SELECT {', '.join(cols)} FROM events WHERE id = ?", (event_id,)).fetchone()
    if old is None:
        conn.execute(
            f"INSERT INTO events({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols],
        )
    else:  # only the changed columns, so indexes on the others are not rewritten
        changed = [c for c, was in zip(cols, old, strict=True) if was != values[c]]
        if changed:
            conn.execute(
                f"UPDATE events SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                [*(values[c] for c in changed), event_id],
            )
    if places is not None:
        _note_place(conn, event_id, places)


def _note_place(conn: sqlite3.Connection, event_id: str, places: set[str]) -> None:
    """Add the stored event's control key to ``places`` when it is a territory or clash event.

    The event's date is noted too, so the place's timeline is replayed only from there.
    """
    row = conn.execute(
        "SELECT place_key, sub_event_type, event_date FROM events WHERE id = ?", (event_id,)
    ).fetchone()
    if row is not None and row[0] is not None and row[1] in CONTROL_SUB_TYPES:
        places.add(str(row[0]))
        note_change(conn, str(row[0]), row[2])


def _sync_indexes(conn: sqlite3.Connection, event_id: str, event: Event | None) -> None:
    """Keep the event's point box, date span (``events_span_rtree``) and merge keys."""
    sync_keys(conn, event_id, event)
    row = conn.execute("SELECT rid FROM events_rtree_map WHERE event_id = ?", (event_id,)).fetchone()
    if event is None:
        if row is not None:
            conn.execute("DELETE FROM events_rtree WHERE rid = ?", (row[0],))
            conn.execute("DELETE FROM events_span_rtree WHERE rid = ?", (row[0],))
            conn.execute("DELETE FROM events_rtree_map WHERE rid = ?", (row[0],))
        return
    if row is None:
        rid = conn.execute("INSERT INTO events_rtree_map(event_id) VALUES (?)", (event_id,)).lastrowid
    else:
        rid = row[0]
    place = event.place
    box = conn.execute(
        "SELECT min_lat, max_lat, min_lon, max_lon FROM events_rtree WHERE rid = ?", (rid,)
    ).fetchone()
    if place is None or place.lat is None or place.lon is None:
        if box is not None:
            conn.execute("DELETE FROM events_rtree WHERE rid = ?", (rid,))
    elif box is None or not (box[0] <= place.lat <= box[1] and box[2] <= place.lon <= box[3]):
        conn.execute(
            "INSERT OR REPLACE INTO events_rtree(rid, min_lat, max_lat, min_lon, max_lon) "
            "VALUES (?, ?, ?, ?, ?)",
            (rid, place.lat, place.lat, place.lon, place.lon),
        )  # an unchanged point (within its stored float32 box) is not rewritten
    span = date_span(event)
    days = (span[0].toordinal(), span[1].toordinal()) if span is not None else None
    stored = conn.execute("SELECT start_day, end_day FROM events_span_rtree WHERE rid = ?", (rid,)).fetchone()
    if days is None:
        if stored is not None:
            conn.execute("DELETE FROM events_span_rtree WHERE rid = ?", (rid,))
    elif stored is None or (int(stored[0]), int(stored[1])) != days:
        conn.execute(
            "INSERT OR REPLACE INTO events_span_rtree(rid, start_day, end_day) VALUES (?, ?, ?)",
            (rid, *days),
        )


def _delete_event(conn: sqlite3.Connection, event_id: str, places: set[str] | None = None) -> None:
    """Remove an event that has no report left, with its evidence and map point."""
    if places is not None:
        _note_place(conn, event_id, places)
    _sync_indexes(conn, event_id, None)
    conn.execute("DELETE FROM event_tallies WHERE event_id = ?", (event_id,))
    conn.execute("DELETE FROM evidence WHERE event_id = ?", (event_id,))
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))


def select_rows(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
    """Rows addressable by column name, whatever the connection's own row factory."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params).fetchall()


def row_to_event(row: sqlite3.Row) -> Event:
    """A stored events row as an ``Event`` (enough to compare, export and rebuild control)."""
    keys = row.keys()

    def actor(prefix: str) -> Actor | None:
        name = row[prefix]
        if not name:
            return None
        kind = row[f"{prefix}_kind"] if f"{prefix}_kind" in keys else None
        return Actor(name=name, text=row[f"{prefix}_text"] or "", kind=kind or "other")

    place = None
    if row["location"] is not None or row["lat"] is not None:
        place = Place(
            start=0,
            end=0,
            text=row["location"] or "",
            name=row["location"] or "",
            lat=row["lat"],
            lon=row["lon"],
            country=row["country"],
            country_code=row["country_code"],
            admin1=row["admin1"],
            admin2=row["admin2"],
            geonameid=row["geonameid"],
            feature=row["feature"] or "",
            precision=row["geo_precision"] or "place",
        )
    return Event(
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        trigger=row["trigger"] or "",
        trigger_start=0,
        trigger_end=0,
        plover_event=row["plover_event"] or "",
        plover_mode=row["plover_mode"] or "",
        plover_context=row["plover_context"] or "",
        actor1=actor("actor1"),
        actor2=actor("actor2"),
        place=place,
        date=date.fromisoformat(row["event_date"]) if row["event_date"] else None,
        end_date=date.fromisoformat(row["end_date"]) if row["end_date"] else None,
        time_precision=row["time_precision"] or "unknown",
        time_text=row["time_text"],
        modality=row["modality"],
        fatalities=row["fatalities"],
        confidence=row["confidence"],
        id=row["id"],
        aggregate=bool(row["aggregate"]),
    )


def evidence_of(conn: sqlite3.Connection, event_ids: Iterable[str]) -> list[Evidence]:
    """Every evidence span of the given events, in insertion order."""
    out: list[Evidence] = []
    for event_id in event_ids:
        for r in conn.execute(
            'SELECT article_id, start, "end", text FROM evidence WHERE event_id = ? ORDER BY id',
            (event_id,),
        ):
            out.append(Evidence(r[0], r[1], r[2], r[3]))
    return out
