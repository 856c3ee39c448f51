"""The SQLite schema as small named migrations, one transaction each."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

# A migration step: one SQL statement, or a function for what SQL alone cannot compute.
Step = str | Callable[[sqlite3.Connection], object]


def _file_events_under_merge_keys(conn: sqlite3.Connection) -> object:
    """Fill the merge-key index for the events of a store written before it existed."""
    from newsevents.merge.events import row_to_event, select_rows
    from newsevents.merge.keys import backfill

    rows = select_rows(conn, "SELECT * FROM events WHERE event_date IS NOT NULL ORDER BY rowid")
    return backfill(conn, ((str(r["id"]), row_to_event(r)) for r in rows))


# Each migration is (name, steps). Append only: never edit a released migration.
MIGRATIONS: Sequence[tuple[str, Sequence[Step]]] = (
    (
        "0001_initial",
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                text TEXT NOT NULL,
                title TEXT, url TEXT, published TEXT, source TEXT,
                paragraphs TEXT NOT NULL DEFAULT '[]',      -- JSON [[start, end], ...]
                sentences TEXT NOT NULL DEFAULT '[]',       -- JSON [[start, end], ...]
                related TEXT NOT NULL DEFAULT '[]',         -- JSON [{"text", "url"}]
                exact_hash TEXT, minhash BLOB,
                path TEXT, record TEXT,
                annotated INTEGER NOT NULL DEFAULT 0,       -- 1 once annotations are stored
                ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
            )""",
            "CREATE INDEX articles_published ON articles(published)",
            "CREATE INDEX articles_exact_hash ON articles(exact_hash)",
            """CREATE TABLE mentions (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                canonical INTEGER NOT NULL,                 -- 1 for the copy that was annotated
                source TEXT, url TEXT, published TEXT, title TEXT,
                path TEXT NOT NULL, record TEXT NOT NULL,
                raw_hash TEXT NOT NULL,
                UNIQUE (path, record, raw_hash)
            )""",
            "CREATE INDEX mentions_article ON mentions(article_id)",
            """CREATE TABLE entities (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
                label TEXT, confidence REAL
            )""",
            "CREATE INDEX entities_article ON entities(article_id)",
            "CREATE INDEX entities_name ON entities(name)",
            """CREATE TABLE places (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, name TEXT NOT NULL,
                lat REAL, lon REAL, country TEXT, country_code TEXT,
                admin1 TEXT, admin2 TEXT, geonameid INTEGER, feature TEXT,
                precision TEXT, confidence REAL, via TEXT
            )""",
            "CREATE INDEX places_article ON places(article_id)",
            """CREATE TABLE times (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL,
                precision TEXT, date TEXT, end_date TEXT, confidence REAL
            )""",
            "CREATE INDEX times_article ON times(article_id)",
            """CREATE TABLE quotes (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                content TEXT NOT NULL, kind TEXT NOT NULL,
                speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,
                speaker_name TEXT, speaker_kind TEXT,
                cue TEXT, cue_start INTEGER, cue_end INTEGER, confidence REAL
            )""",
            "CREATE INDEX quotes_article ON quotes(article_id)",
            """CREATE TABLE quantities (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, value REAL, unit TEXT, approximate INTEGER
            )""",
            "CREATE INDEX quantities_article ON quantities(article_id)",
            # One row per happening, after merging the reports of all articles.
            """CREATE TABLE events (
                id TEXT PRIMARY KEY,
                event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
                plover_event TEXT, plover_mode TEXT, plover_context TEXT,
                trigger TEXT,
                actor1 TEXT, actor1_text TEXT, actor2 TEXT, actor2_text TEXT,
                assoc_actors TEXT NOT NULL DEFAULT '[]',    -- JSON [{"name", "text", ...}]
                location TEXT, lat REAL, lon REAL, geo_precision TEXT,
                country TEXT, country_code TEXT, admin1 TEXT, admin2 TEXT, geonameid INTEGER,
                event_date TEXT, end_date TEXT, time_precision TEXT, time_text TEXT,
                modality TEXT NOT NULL, fatalities INTEGER, confidence REAL NOT NULL,
                aggregate INTEGER NOT NULL DEFAULT 0,
                n_sources INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
            )""",
            "CREATE INDEX events_date ON events(event_date)",
            "CREATE INDEX events_type ON events(event_type, sub_event_type)",
            "CREATE INDEX events_country ON events(country)",
            "CREATE INDEX events_actor1 ON events(actor1)",
            "CREATE INDEX events_latlon ON events(lat, lon)",
            # Every article-level extraction that was merged into an event.
            """CREATE TABLE event_reports (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events(id),
                article_id TEXT NOT NULL REFERENCES articles(id),
                trigger TEXT, trigger_start INTEGER, trigger_end INTEGER,
                payload TEXT NOT NULL,                      -- JSON of the article-level Event
                UNIQUE (article_id, trigger_start, trigger_end)
            )""",
            "CREATE INDEX event_reports_event ON event_reports(event_id)",
            """CREATE TABLE evidence (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events(id),
                article_id TEXT NOT NULL REFERENCES articles(id),
                start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
                UNIQUE (event_id, article_id, start, "end")
            )""",
            "CREATE INDEX evidence_event ON evidence(event_id)",
            # Territorial control: one row per state change of one place.
            """CREATE TABLE control (
                id INTEGER PRIMARY KEY,
                place_key TEXT NOT NULL,                    -- geonameid or normalised name
                place TEXT NOT NULL, lat REAL, lon REAL, country TEXT, admin1 TEXT,
                controller TEXT NOT NULL, status TEXT NOT NULL,
                since TEXT, until TEXT,
                event_ids TEXT NOT NULL DEFAULT '[]',       -- JSON list
                evidence TEXT NOT NULL DEFAULT '[]',        -- JSON [{"article_id", "start", "end", "text"}]
                n_sources INTEGER NOT NULL DEFAULT 1,
                confidence REAL NOT NULL
            )""",
            "CREATE INDEX control_place ON control(place_key, since)",
            """CREATE TABLE rejects (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL, record TEXT NOT NULL, stage TEXT NOT NULL,
                reason TEXT NOT NULL, sample TEXT,
                created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                UNIQUE (path, record, stage, reason)
            )""",
            """CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content='articles', content_rowid='rowid'
            )""",
            """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts(rowid, title, text)
                VALUES (new.rowid, coalesce(new.title, ''), new.text);
            END""",
            """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
            END""",
            """CREATE VIRTUAL TABLE events_rtree USING rtree(
                rid, min_lat, max_lat, min_lon, max_lon
            )""",
            """CREATE TABLE events_rtree_map (
                rid INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE REFERENCES events(id)
            )""",
        ),
    ),
    (
        "0002_event_place_key_actor_kinds",
        (
            # The key control rows use for the event's place (geonameid, else country:name).
            "ALTER TABLE events ADD COLUMN place_key TEXT",
            # Actor kinds (government, armed_group, ...) for ACLED inter codes in exports.
            "ALTER TABLE events ADD COLUMN actor1_kind TEXT",
            "ALTER TABLE events ADD COLUMN actor2_kind TEXT",
            "CREATE INDEX events_place_key ON events(place_key, event_date)",
        ),
    ),
    (
        "0003_event_date_span_rtree",
        (
            # Interval index over each event's date span (day ordinals: 1 = 0001-01-01) so the
            # merge stage finds overlapping events without scanning; events_rtree_map now
            # gives every event a rid (events_rtree still holds only events with coordinates).
            "CREATE VIRTUAL TABLE events_span_rtree USING rtree(rid, start_day, end_day)",
            """INSERT INTO events_rtree_map(event_id)
                SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM events_rtree_map)""",
            """INSERT INTO events_span_rtree(rid, start_day, end_day)
                SELECT m.rid,
                       julianday(e.event_date) - 1721424.5,
                       julianday(coalesce(e.end_date, CASE e.time_precision
                           WHEN 'week' THEN date(e.event_date, '+6 days')
                           WHEN 'month' THEN date(e.event_date, 'start of month', '+1 month',
                                                  '-1 day')
                           WHEN 'year' THEN date(e.event_date, 'start of year', '+1 year',
                                                 '-1 day')
                           ELSE e.event_date END)) - 1721424.5
                FROM events e JOIN events_rtree_map m ON m.event_id = e.id
                WHERE e.event_date IS NOT NULL""",
        ),
    ),
    (
        "0004_events_filter_indexes",
        (
            # The UI's commonest filters (a country or a type over a date range): with these the
            # filtered-events query on 100,000 events halves its SQL time (docs/performance.md).
            "CREATE INDEX events_country_date ON events(country, event_date)",
            "CREATE INDEX events_type_date ON events(event_type, event_date)",
        ),
    ),
    (
        "0005_events_covering_filter_indexes",
        (
            # The UI's filtered page (a country, a type, a date range, a confidence floor) counted
            # from the index alone, and its page read newest first without a sort: at 1,000,000
            # events the count no longer reads ~10,000 rows (docs/performance-api.md).
            "CREATE INDEX events_country_type_date ON events(country, event_type, event_date, confidence)",
            # The same for map points, which only take located events: a partial index whose
            # condition is the one event_points() adds, so the planner may use it there (lat and
            # lon in it too, or SQLite reads each row to test that condition).
            "CREATE INDEX events_located_country_type_date "
            "ON events(country, event_type, event_date, confidence, lat, lon) "
            "WHERE lat IS NOT NULL AND lon IS NOT NULL",
        ),
    ),
    (
        "0006_event_tallies_merge_keys",
        (
            # Running totals of each event's reports (merge.tally): adding a report updates them
            # instead of re-reading every report. Events without a row are recounted once.
            """CREATE TABLE event_tallies (
                event_id TEXT PRIMARY KEY REFERENCES events(id),
                state TEXT NOT NULL                         -- JSON, see merge/tally.py
            ) WITHOUT ROWID""",
            # The merge stage's candidate index (merge.keys): each dated event filed under a few
            # keys (type group + geonameid / grid cell / admin names), one integer box of
            # (key, key, first day, last day) per key.
            """CREATE TABLE event_merge_keys (
                rid INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events(id),
                key INTEGER NOT NULL
            )""",
            "CREATE INDEX event_merge_keys_event ON event_merge_keys(event_id)",
            "CREATE VIRTUAL TABLE events_merge_rtree USING rtree_i32(rid, key_lo, key_hi, "
            "start_day, end_day)",
            _file_events_under_merge_keys,
        ),
    ),
    (
        "0007_control_resumable",
        (
            # What a control timeline needs to resume at a stored state (merge.control): the
            # status before the single-source check and the former holders of the states before
            # it (JSON list). Rows written without them make their place rebuild whole once.
            "ALTER TABLE control ADD COLUMN base_status TEXT",
            "ALTER TABLE control ADD COLUMN holders TEXT",
        ),
    ),
    (
        "0008_events_place_feature",
        (
            # The gazetteer feature code of the event's place (PPL, PPLC, ADM1, ADM2, RGN, PCLI,
            # CONT) beside its geonameid, so API clients and exports can tell a town from the
            # province or country an event was placed in. Rows written before it read NULL.
            "ALTER TABLE events ADD COLUMN feature TEXT",
        ),
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: str, readonly: bool = False) -> sqlite3.Connection:
    """Open the store (WAL, foreign keys on) and bring its schema up to date."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    return conn


def current_version(conn: sqlite3.Connection) -> int:
    """The number of migrations applied to this store."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
    )
    row = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this store lacks, each in its own transaction."""
    current_version(conn)  # creates the bookkeeping table when missing
    applied = {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations")}
    conn.commit()
    for number, (name, statements) in enumerate(MIGRATIONS, start=1):
        if number in applied:
            continue
        log.info("applying migration %s", name)
        with conn:
            for step in statements:
                if isinstance(step, str):
                    conn.execute(step)
                else:
                    step(conn)
            conn.execute("INSERT INTO schema_migrations(version, name) VALUES (?, ?)", (number, name))
    return SCHEMA_VERSION
