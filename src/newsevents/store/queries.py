"""The read side of the store: filtered, paged, parameterised queries returning plain dicts."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from newsevents.errors import ConfigError

log = logging.getLogger(__name__)

AggregateBy = Literal["day", "week", "month", "event_type", "sub_event_type", "country", "modality"]
AGGREGATE_BY: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "event_type",
    "sub_event_type",
    "country",
    "modality",
)

# Columns a caller may sort events by (prefix "-" for descending); never interpolate anything else.
EVENT_SORTS: dict[str, str] = {
    "event_date": "e.event_date",
    "confidence": "e.confidence",
    "event_type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
    "country": "e.country",
    "location": "e.location",
    "actor1": "e.actor1",
    "actor2": "e.actor2",
    "fatalities": "e.fatalities",
    "n_sources": "e.n_sources",
    "modality": "e.modality",
    "created_at": "e.created_at",
}

# Upper bound for one page: large enough for a map of a busy region, small enough that one
# request stays well under the latency goal (10,000 compact rows serialise in ~40 ms).
MAX_LIMIT = 10_000

EVENT_COLUMNS = (
    "id, event_type, sub_event_type, plover_event, plover_mode, plover_context, trigger, "
    "actor1, actor1_text, actor2, actor2_text, assoc_actors, location, lat, lon, geo_precision, "
    "country, country_code, admin1, admin2, geonameid, feature, event_date, end_date, time_precision, "
    "time_text, modality, fatalities, confidence, aggregate, n_sources, created_at"
)

# Characters FTS5 treats as syntax; a user query is reduced to quoted terms so none of it is.
_FTS_TERM = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_MARK_OPEN = "\x02"
_MARK_CLOSE = "\x03"


@dataclass(slots=True)
class EventFilter:
    """What a caller wants to see of the events; ``None`` means no constraint."""

    start: date | None = None  # first day (inclusive) of the event date
    end: date | None = None  # last day (inclusive)
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # substring of actor1 / actor2 (name or surface text)
    country: str | None = None  # country name (any case) or ISO alpha-2 code
    place: str | None = None  # substring of location, admin1, admin2 or country
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    text: str | None = None  # words in the trigger, actors, place or evidence
    modality: str | None = None
    min_confidence: float | None = None
    include_aggregate: bool = True  # summary claims ("overran 10 capitals") as well as happenings

    def scans(self) -> bool:
        """Whether a constraint no index serves is set (words, a box): matches are found by reading rows.

        Then one pass that pages and counts (``count(*) OVER ()``) beats a count plus a page;
        otherwise an index (migrations 0004, 0005) counts without reading rows.
        """
        return bool(self.actor or self.place or self.text or self.bbox)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over alias ``e`` and its parameters.

        A country or a type over a date range is served by the composite indexes of migration
        0004, (country, event_date) and (event_type, event_date).
        """
        clauses: list[str] = []
        params: list[Any] = []
        date_col = "e.event_date"
        if self.start is not None:
            # Filter on the first day so the date index serves the range.
            clauses.append(f"{date_col} >= ?")
            params.append(self.start.isoformat())
        if self.end is not None:
            clauses.append(f"{date_col} <= ?")
            params.append(self.end.isoformat())
        if self.event_type:
            clauses.append("e.event_type = ?")
            params.append(self.event_type)
        if self.sub_event_type:
            clauses.append("e.sub_event_type = ?")
            params.append(self.sub_event_type)
        if self.actor:
            pattern = like_pattern(self.actor)
            clauses.append(
                "(e.actor1 LIKE ? ESCAPE '\\' OR e.actor2 LIKE ? ESCAPE '\\' "
                "OR e.actor1_text LIKE ? ESCAPE '\\' OR e.actor2_text LIKE ? ESCAPE '\\')"
            )
            params.extend([pattern] * 4)
        if self.country:
            # Exact, so the country index serves it; resolve_country() maps codes and case.
            clauses.append("e.country = ?")
            params.append(self.country)
        if self.place:
            pattern = like_pattern(self.place)
            clauses.append(
                "(e.location LIKE ? ESCAPE '\\' OR e.admin1 LIKE ? ESCAPE '\\' "
                "OR e.admin2 LIKE ? ESCAPE '\\' OR e.country LIKE ? ESCAPE '\\')"
            )
            params.extend([pattern] * 4)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            clauses.append("e.lat BETWEEN ? AND ?")
            params.extend([min_lat, max_lat])
            if min_lon <= max_lon:
                clauses.append("e.lon BETWEEN ? AND ?")
                params.extend([min_lon, max_lon])
            else:  # the box crosses the antimeridian
                clauses.append("(e.lon >= ? OR e.lon <= ?)")
                params.extend([min_lon, max_lon])
        if self.text:
            for word in self.text.split():
                pattern = like_pattern(word)
                clauses.append(
                    "(e.trigger LIKE ? ESCAPE '\\' OR e.actor1 LIKE ? ESCAPE '\\' "
                    "OR e.actor2 LIKE ? ESCAPE '\\' OR e.location LIKE ? ESCAPE '\\' "
                    "OR e.sub_event_type LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM evidence v "
                    "WHERE v.event_id = e.id AND v.text LIKE ? ESCAPE '\\'))"
                )
                params.extend([pattern] * 6)
        if self.modality:
            clauses.append("e.modality = ?")
            params.append(self.modality)
        if self.min_confidence is not None:
            clauses.append("e.confidence >= ?")
            params.append(float(self.min_confidence))
        if not self.include_aggregate:
            clauses.append("e.aggregate = 0")
        return (" AND ".join(clauses) or "1"), params


def resolve_country(conn: sqlite3.Connection, f: EventFilter) -> EventFilter:
    """The filter with its country spelled as stored (from an ISO code or any letter case)."""
    value = (f.country or "").strip()
    if not value:
        return f
    lookups = [("SELECT country FROM events WHERE country = ? LIMIT 1", value)]
    if len(value) == 2 and value.isalpha():
        lookups.append(("SELECT country FROM events WHERE country_code = ? LIMIT 1", value.upper()))
    lookups.append(("SELECT country FROM events WHERE country = ? COLLATE NOCASE LIMIT 1", value))
    for sql, arg in lookups:
        row = conn.execute(sql, (arg,)).fetchone()
        if row is not None:
            return replace(f, country=row[0])
    return replace(f, country=value)


def like_pattern(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, with the wildcards in it escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_query(text: str) -> str:
    """Turn free text into a safe FTS5 query: every word quoted, all words required."""
    terms = _FTS_TERM.findall(text)
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def parse_sort(sort: str | None, allowed: dict[str, str], default: str) -> str:
    """The ORDER BY clause for ``sort`` ("col" or "-col"), or a ConfigError naming the choices.

    Ties are broken by id so pages never overlap.
    """
    key = sort or default
    descending = key.startswith("-")
    name = key[1:] if descending else key
    column = allowed.get(name)
    if column is None:
        choices = ", ".join(sorted(allowed))
        raise ConfigError("sort", sort, f"one of {choices} (prefix - for descending)")
    if descending:  # NULLs sort last in descending order, and the column's index serves it
        return f"{column} DESC, e.id DESC"
    return f"{column} IS NULL, {column} ASC, e.id"


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    """Bound paging arguments to sane values."""
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _loads(value: Any, default: Any) -> Any:
    """Decode a JSON column, keeping the default when it is empty or malformed."""
    if value in (None, ""):
        return default
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        log.warning("malformed JSON column value %.60r", value)
        return default


def _event_row(row: sqlite3.Row, drop: str | None = None) -> dict[str, Any]:
    """One events row as a dict with its JSON and boolean columns decoded."""
    d = dict(row)
    if drop:
        d.pop(drop, None)
    if "assoc_actors" in d:
        d["assoc_actors"] = _loads(d["assoc_actors"], [])
    if "aggregate" in d:
        d["aggregate"] = bool(d["aggregate"])
    return d


def _event_page(
    conn: sqlite3.Connection,
    f: EventFilter | None,
    limit: int,
    offset: int,
    sort: str | None,
    columns: str,
) -> tuple[list[sqlite3.Row], int]:
    """The rows (``columns`` over alias ``e``) of one page of the events matching ``f``, and the total."""
    f = resolve_country(conn, f or EventFilter())
    where, params = f.where()
    order = parse_sort(sort, EVENT_SORTS, "-event_date")
    limit, offset = _clamp(limit, offset)
    if f.scans():
        # Rows must be read to match: one pass that also counts them beats a count plus a select.
        rows = conn.execute(
            f"SELECT {columns}, count(*) OVER () AS _total FROM events e WHERE {where} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        if rows:
            return rows, int(rows[0]["_total"])
    else:
        # An index serves the filter: it walks the matches in date order and stops at the page,
        # and the count below reads the index alone.
        rows = conn.execute(
            f"SELECT {columns} FROM events e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    total = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    return rows, int(total)


def list_events(
    conn: sqlite3.Connection,
    f: EventFilter | None = None,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = "-event_date",
) -> tuple[list[dict[str, Any]], int]:
    """One page of the events matching ``f``, and how many match in all."""
    rows, total = _event_page(conn, f, limit, offset, sort, EVENT_COLUMNS)
    return [_event_row(r, drop="_total") for r in rows], total


# One event as a JSON object built by SQLite: the columns of EVENT_COLUMNS, with the actor list
# decoded (an empty list when the stored value is not a JSON array) and the flag a boolean.
_EVENT_JSON_FIELDS = {
    name: {
        "assoc_actors": "CASE WHEN json_valid(e.assoc_actors) AND json_type(e.assoc_actors) = 'array' "
        "THEN json(e.assoc_actors) ELSE json('[]') END",
        "aggregate": "json(CASE WHEN e.aggregate THEN 'true' ELSE 'false' END)",
    }.get(name, f"e.{name}")
    for name in (c.strip() for c in EVENT_COLUMNS.split(","))
}
EVENT_JSON = "json_object(" + ", ".join(f"'{k}', {v}" for k, v in _EVENT_JSON_FIELDS.items()) + ") AS doc"


def list_events_json(
    conn: sqlite3.Connection,
    f: EventFilter | None = None,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = "-event_date",
) -> str:
    """``list_events`` as the JSON document ``{"data": [...], "count": N}``, each event built by SQLite.

    Converting each row to a dict and having pydantic validate and serialise it cost as much as
    the query itself on a page of 50 (about 1 ms of 3 ms per request at 100,000 events).
    """
    rows, total = _event_page(conn, f, limit, offset, sort, EVENT_JSON)
    return '{"data":[' + ",".join(r["doc"] for r in rows) + f'],"count":{total}}}'


def matching_event_ids(conn: sqlite3.Connection, f: EventFilter) -> Iterator[str]:
    """The ids of the events matching ``f`` in export order (date, then id), read lazily."""
    where, params = resolve_country(conn, f).where()
    for row in conn.execute(f"SELECT e.id FROM events e WHERE {where} ORDER BY e.event_date, e.id", params):
        yield row[0]


POINT_COLUMNS = (
    "id",
    "lat",
    "lon",
    "event_type",
    "sub_event_type",
    "event_date",
    "location",
    "actor1",
    "fatalities",
)


def _points_query(conn: sqlite3.Connection, f: EventFilter | None) -> tuple[str, list[Any]]:
    """The condition of located events matching ``f`` (alias ``e``) and its parameters.

    Ends with the condition of the partial index of migration 0005, which then counts the
    matches without reading rows.
    """
    where, params = resolve_country(conn, f or EventFilter()).where()
    return where + " AND e.lat IS NOT NULL AND e.lon IS NOT NULL", params


def event_points(
    conn: sqlite3.Connection, f: EventFilter | None = None, limit: int = MAX_LIMIT
) -> tuple[list[dict[str, Any]], int]:
    """Compact located events for a map (id, lat, lon, type, date, place), newest first."""
    where, params = _points_query(conn, f)
    limit, _ = _clamp(limit, 0)
    total = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT {', '.join('e.' + c for c in POINT_COLUMNS)} FROM events e WHERE {where} "
        "ORDER BY e.event_date DESC, e.id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [dict(r) for r in rows], int(total)


def event_points_json(conn: sqlite3.Connection, f: EventFilter | None = None, limit: int = MAX_LIMIT) -> str:
    """``event_points`` as the JSON document ``{"data": [...], "count": N}``, built inside SQLite.

    A map asks for thousands of points; building each object with SQLite's JSON functions
    instead of a Python dict validated and serialised by pydantic halves the time of a filtered
    map of 1,450 points at 1,000,000 events (docs/performance-api.md). Coordinates are written
    with 15 significant digits.
    """
    where, params = _points_query(conn, f)
    limit, _ = _clamp(limit, 0)
    total = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    fields = ", ".join(f"'{c}', {c}" for c in POINT_COLUMNS)
    # The subquery's order is the order json_group_array sees its rows in.
    (array,) = conn.execute(
        f"SELECT coalesce(json_group_array(json_object({fields})), '[]') FROM ("
        f"SELECT {', '.join('e.' + c for c in POINT_COLUMNS)} FROM events e WHERE {where} "
        "ORDER BY e.event_date DESC, e.id DESC LIMIT ?)",
        [*params, limit],
    ).fetchone()
    return f'{{"data":{array},"count":{int(total)}}}'


def get_event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event with its reports, evidence sentences and sources (with their mentions' urls)."""
    row = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    event = _event_row(row)
    event["evidence"] = [
        dict(r)
        for r in conn.execute(
            'SELECT article_id, start, "end", text FROM evidence WHERE event_id = ? '
            "ORDER BY article_id, start",
            (event_id,),
        )
    ]
    event["reports"] = [
        dict(r)
        for r in conn.execute(
            "SELECT article_id, trigger, trigger_start, trigger_end FROM event_reports "
            "WHERE event_id = ? ORDER BY article_id, trigger_start",
            (event_id,),
        )
    ]
    article_ids = sorted(
        {r["article_id"] for r in event["reports"]} | {r["article_id"] for r in event["evidence"]}
    )
    event["sources"] = _sources(conn, article_ids)
    return event


def _sources(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The articles behind an event, each with every mention (copy) of it that was read."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    mentions: dict[str, list[dict[str, Any]]] = {a: [] for a in article_ids}
    for m in conn.execute(
        f"SELECT article_id, source, url, published, title, canonical FROM mentions "
        f"WHERE article_id IN ({marks}) ORDER BY article_id, canonical DESC, id",
        list(article_ids),
    ):
        d = dict(m)
        d["canonical"] = bool(d["canonical"])
        mentions[d.pop("article_id")].append(d)
    sources = []
    for a in conn.execute(
        f"SELECT id, title, url, published, source FROM articles WHERE id IN ({marks}) "
        "ORDER BY published, id",
        list(article_ids),
    ):
        ms = mentions.get(a["id"], [])
        url = a["url"] or next((m["url"] for m in ms if m["url"]), None)
        sources.append(
            {
                "article_id": a["id"],
                "title": a["title"],
                "url": url,
                "published": a["published"],
                "source": a["source"],
                "mentions": ms,
            }
        )
    return sources


def search_articles(
    conn: sqlite3.Connection, q: str | None, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Articles matching the full-text query ``q`` (best first), or all of them (newest first)."""
    limit, offset = _clamp(limit, offset)
    counts = (
        "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS n_mentions, "
        "(SELECT count(DISTINCT r.event_id) FROM event_reports r WHERE r.article_id = a.id) "
        "AS n_events"
    )
    match = fts_query(q or "")
    if not match:
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = conn.execute(
            f"SELECT a.id, a.title, a.url, a.published, a.source, substr(a.text, 1, 240) AS snippet, "
            f"{counts} FROM articles a ORDER BY a.published IS NULL, a.published DESC, a.id "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [_article_hit(r, marked=False) for r in rows], int(total)
    total = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[
        0
    ]
    rows = conn.execute(
        f"SELECT a.id, a.title, a.url, a.published, a.source, "
        f"snippet(articles_fts, 1, ?, ?, '…', 24) AS snippet, {counts} "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ? OFFSET ?",
        (_MARK_OPEN, _MARK_CLOSE, match, limit, offset),
    ).fetchall()
    return [_article_hit(r, marked=True) for r in rows], int(total)


def _article_hit(row: sqlite3.Row, marked: bool) -> dict[str, Any]:
    """A search hit with its snippet as plain text plus the offsets of the matched words."""
    d = dict(row)
    snippet, marks = split_marks(d.get("snippet") or "") if marked else (d.get("snippet") or "", [])
    d["snippet"] = snippet
    d["snippet_marks"] = marks
    return d


def split_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the FTS highlight markers from a snippet, returning the text and the marked spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for ch in marked:
        if ch == _MARK_OPEN:
            start = pos
        elif ch == _MARK_CLOSE:
            if start is not None:
                spans.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans


def _rows(conn: sqlite3.Connection, sql: str, params: Iterable[Any]) -> list[dict[str, Any]]:
    """All rows of a query as dicts."""
    return [dict(r) for r in conn.execute(sql, tuple(params))]


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article with its text, every annotation, its events (with evidence) and mentions."""
    row = conn.execute(
        "SELECT id, text, title, url, published, source, paragraphs, sentences, related, "
        "path, record, annotated, ingested_at FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    a = dict(row)
    a["paragraphs"] = _loads(a["paragraphs"], [])
    a["sentences"] = _loads(a["sentences"], [])
    a["related"] = _loads(a["related"], [])
    a["annotated"] = bool(a["annotated"])
    by_article = (article_id,)
    a["entities"] = _rows(
        conn,
        'SELECT start, "end", text, name, kind, label, confidence FROM entities '
        "WHERE article_id = ? ORDER BY start",
        by_article,
    )
    a["places"] = _rows(
        conn,
        'SELECT start, "end", text, name, lat, lon, country, country_code, admin1, admin2, '
        "geonameid, feature, precision, confidence, via FROM places WHERE article_id = ? "
        "ORDER BY start",
        by_article,
    )
    a["times"] = _rows(
        conn,
        'SELECT start, "end", text, type, value, precision, date, end_date, confidence '
        "FROM times WHERE article_id = ? ORDER BY start",
        by_article,
    )
    a["quotes"] = _rows(
        conn,
        'SELECT start, "end", content, kind, speaker, speaker_start, speaker_end, speaker_name, '
        "speaker_kind, cue, cue_start, cue_end, confidence FROM quotes WHERE article_id = ? "
        "ORDER BY start",
        by_article,
    )
    a["quantities"] = _rows(
        conn,
        'SELECT start, "end", text, value, unit, approximate FROM quantities '
        "WHERE article_id = ? ORDER BY start",
        by_article,
    )
    for q in a["quantities"]:
        q["approximate"] = bool(q["approximate"])
    a["events"] = _article_events(conn, article_id)
    a["mentions"] = _rows(
        conn,
        "SELECT id, canonical, source, url, published, title, path, record FROM mentions "
        "WHERE article_id = ? ORDER BY canonical DESC, id",
        by_article,
    )
    for m in a["mentions"]:
        m["canonical"] = bool(m["canonical"])
    return a


def _article_events(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """The events an article reports, each with its trigger(s) and evidence in that article."""
    events: dict[str, dict[str, Any]] = {}
    for r in conn.execute(
        f"SELECT {', '.join('e.' + c.strip() for c in EVENT_COLUMNS.split(','))}, "
        "r.trigger AS r_trigger, r.trigger_start, r.trigger_end "
        "FROM event_reports r JOIN events e ON e.id = r.event_id "
        "WHERE r.article_id = ? ORDER BY r.trigger_start, e.id",
        (article_id,),
    ):
        d = dict(r)
        report = {
            "article_id": article_id,
            "trigger": d.pop("r_trigger"),
            "trigger_start": d.pop("trigger_start"),
            "trigger_end": d.pop("trigger_end"),
        }
        event = events.get(d["id"])
        if event is None:
            event = _event_row(r)
            for k in ("r_trigger", "trigger_start", "trigger_end"):
                event.pop(k, None)
            event["reports"] = []
            event["evidence"] = []
            events[d["id"]] = event
        event["reports"].append(report)
    for v in conn.execute(
        'SELECT event_id, article_id, start, "end", text FROM evidence WHERE article_id = ? ORDER BY start',
        (article_id,),
    ):
        ev = events.get(v["event_id"])
        if ev is None:  # evidence without a report: still show the event
            row = conn.execute(
                f"SELECT {EVENT_COLUMNS} FROM events WHERE id = ?", (v["event_id"],)
            ).fetchone()
            if row is None:
                continue
            ev = _event_row(row)
            ev["reports"] = []
            ev["evidence"] = []
            events[v["event_id"]] = ev
        ev["evidence"].append(
            {"article_id": v["article_id"], "start": v["start"], "end": v["end"], "text": v["text"]}
        )
    return list(events.values())


def list_places(
    conn: sqlite3.Connection,
    q: str | None = None,
    country: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """The located places events happened at, with event counts and first/last dates."""
    clauses = ["location IS NOT NULL"]
    params: list[Any] = []
    if q:
        clauses.append("(location LIKE ? ESCAPE '\\' OR admin1 LIKE ? ESCAPE '\\')")
        params.extend([like_pattern(q)] * 2)
    if country:
        clauses.append("(country = ? COLLATE NOCASE OR country_code = ?)")
        params.extend([country, country.upper()])
    where = " AND ".join(clauses)
    limit, offset = _clamp(limit, offset)
    group = "location, country, admin1, round(coalesce(lat, 999), 4), round(coalesce(lon, 999), 4)"
    total = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM events WHERE {where} GROUP BY {group})", params
    ).fetchone()[0]
    rows = _rows(
        conn,
        "SELECT location AS name, max(lat) AS lat, max(lon) AS lon, country, "
        "max(country_code) AS country_code, admin1, max(geonameid) AS geonameid, max(feature) AS feature, "
        "max(geo_precision) AS precision, count(*) AS n_events, min(event_date) AS first_date, "
        f"max(event_date) AS last_date FROM events WHERE {where} GROUP BY {group} "
        "ORDER BY n_events DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return rows, int(total)


_BUCKETS: dict[str, str] = {
    "day": "e.event_date",
    "week": "date(e.event_date, '-6 days', 'weekday 1')",  # the Monday that starts the week
    "month": "substr(e.event_date, 1, 7)",
    "event_type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
    "country": "e.country",
    "modality": "e.modality",
}


def aggregates(
    conn: sqlite3.Connection, f: EventFilter | None = None, by: str = "day"
) -> list[dict[str, Any]]:
    """Event counts (and fatalities) per day/week/month or per type/country, split by type."""
    bucket = _BUCKETS.get(by)
    if bucket is None:
        raise ConfigError("by", by, f"one of {', '.join(AGGREGATE_BY)}")
    where, params = resolve_country(conn, f or EventFilter()).where()
    if by in ("day", "week", "month"):
        where += " AND e.event_date IS NOT NULL"
    out: dict[Any, dict[str, Any]] = {}
    for r in conn.execute(
        f"SELECT {bucket} AS k, e.event_type AS t, count(*) AS n, "
        f"coalesce(sum(e.fatalities), 0) AS fat FROM events e WHERE {where} "
        "GROUP BY k, t",
        params,
    ):
        b = out.setdefault(r["k"], {"key": r["k"], "count": 0, "fatalities": 0, "by_type": {}})
        b["count"] += r["n"]
        b["fatalities"] += r["fat"]
        b["by_type"][r["t"]] = r["n"]
    if by in ("day", "week", "month"):
        return [out[k] for k in sorted(out, key=lambda k: (k is None, k or ""))]
    return sorted(out.values(), key=lambda b: (-b["count"], str(b["key"])))


def facets(conn: sqlite3.Connection) -> dict[str, Any]:
    """The values a filter bar can offer: types with sub-types, modalities, countries, dates."""
    types: dict[str, list[str]] = {}
    for r in conn.execute(
        "SELECT DISTINCT event_type, sub_event_type FROM events ORDER BY event_type, sub_event_type"
    ):
        types.setdefault(r["event_type"], []).append(r["sub_event_type"])
    modalities = [r[0] for r in conn.execute("SELECT DISTINCT modality FROM events ORDER BY modality")]
    countries = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT country FROM events WHERE country IS NOT NULL ORDER BY country"
        )
    ]
    lo, hi = conn.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    return {
        "event_types": [{"event_type": t, "sub_event_types": s} for t, s in types.items()],
        "modalities": modalities,
        "countries": countries,
        "first_date": lo,
        "last_date": hi,
    }


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts across the store: articles, mentions and duplicates, events by type, rejects."""

    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    def grouped(sql: str) -> dict[str, int]:
        return {str(k): int(n) for k, n in conn.execute(sql)}

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "articles_annotated": one("SELECT count(*) FROM articles WHERE annotated = 1"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "duplicates": one("SELECT count(*) FROM mentions WHERE canonical = 0"),
        "events": one("SELECT count(*) FROM events"),
        "events_aggregate": one("SELECT count(*) FROM events WHERE aggregate = 1"),
        "events_multi_source": one("SELECT count(*) FROM events WHERE n_sources > 1"),
        "events_by_type": grouped(
            "SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY 2 DESC"
        ),
        "events_by_modality": grouped(
            "SELECT modality, count(*) FROM events GROUP BY modality ORDER BY 2 DESC"
        ),
        "first_event_date": one("SELECT min(event_date) FROM events"),
        "last_event_date": one("SELECT max(event_date) FROM events"),
        "control_places": one("SELECT count(DISTINCT place_key) FROM control"),
        "rejects": one("SELECT count(*) FROM rejects"),
        "rejects_by_reason": grouped("SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC"),
        "rejects_by_stage": grouped("SELECT stage, count(*) FROM rejects GROUP BY stage ORDER BY 2 DESC"),
    }


def list_rejects(
    conn: sqlite3.Connection,
    stage: str | None = None,
    reason: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Input records that were kept out of the store, with why, newest first."""
    clauses: list[str] = []
    params: list[Any] = []
    if stage:
        clauses.append("stage = ?")
        params.append(stage)
    if reason:
        clauses.append("reason LIKE ? ESCAPE '\\'")
        params.append(like_pattern(reason))
    where = " AND ".join(clauses) or "1"
    limit, offset = _clamp(limit, offset)
    total = conn.execute(f"SELECT count(*) FROM rejects WHERE {where}", params).fetchone()[0]
    rows = _rows(
        conn,
        f"SELECT id, path, record, stage, reason, sample, created_at FROM rejects WHERE {where} "
        "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return rows, int(total)


def control_states(conn: sqlite3.Connection, as_of: date | None = None) -> list[dict[str, Any]]:
    """The latest control row of every place as of a day, read straight from the store."""
    params: list[Any] = []
    cond = ""
    if as_of is not None:
        cond = "WHERE since IS NULL OR since <= ?"
        params.append(as_of.isoformat())
    rows = _rows(
        conn,
        "SELECT place_key, place, lat, lon, country, admin1, controller, status, since, until, "
        "event_ids, evidence, n_sources, confidence FROM ("
        "SELECT *, row_number() OVER (PARTITION BY place_key "
        "ORDER BY since IS NULL, since DESC, id DESC) AS rn "
        f"FROM control {cond}) WHERE rn = 1 ORDER BY place",
        params,
    )
    return [_control_row(r) for r in rows]


def control_rows(conn: sqlite3.Connection, place_key: str) -> list[dict[str, Any]]:
    """Every control state a place went through, oldest first, read straight from the store."""
    rows = _rows(
        conn,
        "SELECT place_key, place, lat, lon, country, admin1, controller, status, since, until, "
        "event_ids, evidence, n_sources, confidence FROM control WHERE place_key = ? "
        "ORDER BY since IS NULL DESC, since, id",
        (place_key,),
    )
    return [_control_row(r) for r in rows]


def _control_row(d: dict[str, Any]) -> dict[str, Any]:
    """A control row with its JSON columns decoded."""
    d["event_ids"] = _loads(d.get("event_ids"), [])
    d["evidence"] = _loads(d.get("evidence"), [])
    return d


def event_ids(conn: sqlite3.Connection, f: EventFilter) -> Iterator[str]:
    """The ids of the events matching ``f`` in export order (date, then id), streamed."""
    where, params = resolve_country(conn, f).where()
    for row in conn.execute(f"SELECT e.id FROM events e WHERE {where} ORDER BY e.event_date, e.id", params):
        yield str(row[0])


def event_coverage(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the events table holds in all: how many events and their first and last dates."""
    n, lo, hi = conn.execute("SELECT count(*), min(event_date), max(event_date) FROM events").fetchone()
    return {"events": int(n), "first_date": lo, "last_date": hi}


def control_coverage(conn: sqlite3.Connection, max_places: int = 20) -> dict[str, Any]:
    """What the control table covers: the first and last dates, how many places, a few names."""
    lo, hi, n = conn.execute(
        "SELECT min(since), max(since), count(DISTINCT place_key) FROM control"
    ).fetchone()
    places = [
        str(r[0])
        for r in conn.execute(
            "SELECT place FROM control GROUP BY place ORDER BY count(*) DESC, place LIMIT ?", (max_places,)
        )
    ]
    return {"first_date": lo, "last_date": hi, "places": int(n), "names": places}
