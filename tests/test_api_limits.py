"""The API under abuse: bounded parameters, request size, the query deadline, the connection pool."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_fixtures import build_sample_store
from newsevents.api import pool as pool_module
from newsevents.api.app import create_app
from newsevents.api.limits import RequestLimits
from newsevents.api.params import MAX_QUERY_BYTES
from newsevents.api.pool import ConnectionPool
from newsevents.api.settings import Settings
from newsevents.store.schema import SCHEMA_VERSION, connect, current_version

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LONG = "x" * 50_000


@pytest.fixture
def store(db_path: str) -> str:
    """The sample store."""
    build_sample_store(db_path)
    return db_path


@pytest.fixture
def client(store: str) -> Iterator[TestClient]:
    """A client of the app with default settings."""
    with TestClient(create_app(store, Settings(api_token=None))) as c:
        yield c


@pytest.mark.parametrize(
    ("path", "params", "fragment"),
    [
        ("/api/events", {"offset": "9223372036854775808"}, "less than or equal"),
        ("/api/events", {"offset": "-1"}, "greater than or equal"),
        ("/api/events", {"limit": "10001"}, "less than or equal"),
        ("/api/events", {"actor": LONG}, "at most 200 characters"),
        ("/api/events", {"place": LONG}, "at most 200 characters"),
        ("/api/events", {"text": LONG}, "at most 200 characters"),
        ("/api/events", {"country": LONG}, "at most 100 characters"),
        ("/api/events", {"modality": "bogus"}, "invalid modality='bogus': expected one of asserted"),
        ("/api/events", {"event_type": "Battle"}, "invalid event_type='Battle': expected one of Battles"),
        ("/api/events", {"sub_event_type": "Clash"}, "invalid sub_event_type='Clash'"),
        ("/api/events", {"sort": "-bogus"}, "invalid sort"),
        ("/api/events", {"start": "2021-08-12", "end": "2021-08-01"}, "before start"),
        ("/api/events", {"min_confidence": "nan"}, "min_confidence"),
        ("/api/events", {"bbox": "nan,nan,nan,nan"}, "invalid bbox"),
        ("/api/events/points", {"text": LONG}, "at most 200 characters"),
        ("/api/events/points", {"modality": "bogus"}, "invalid modality"),
        ("/api/aggregates", {"place": LONG}, "at most 200 characters"),
        ("/api/articles", {"q": LONG}, "at most 200 characters"),
        ("/api/articles", {"offset": "9223372036854775808"}, "less than or equal"),
        ("/api/places", {"q": LONG}, "at most 200 characters"),
        ("/api/places", {"offset": "9223372036854775808"}, "less than or equal"),
        ("/api/rejects", {"reason": LONG}, "at most 200 characters"),
        ("/api/exports/events", {"modality": "bogus"}, "invalid modality"),
    ],
)
def test_out_of_range_parameters_are_422_naming_the_parameter(
    client: TestClient, path: str, params: dict[str, str], fragment: str
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    assert fragment in r.text


@pytest.mark.parametrize(
    "params",
    [
        {"modality": "asserted"},
        {"modality": ""},
        {"event_type": "Negotiation/proposal"},
        {"sub_event_type": "Negotiation/proposal"},
        {"sub_event_type": "Armed clash"},
        {"sort": "-n_sources"},
    ],
)
def test_known_values_and_empty_ones_are_accepted(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/api/events", params=params).status_code == 200


def test_a_query_string_past_the_limit_is_414_before_the_app_sees_it() -> None:
    reached: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": "GET", "path": "/api/events", "headers": []}
    limits = RequestLimits(inner, max_body_bytes=100, timeout_s=1)
    asyncio.run(limits({**scope, "query_string": b"text=" + b"y" * MAX_QUERY_BYTES}, receive, send))
    assert sent[0]["status"] == 414 and reached == []
    assert b"query string" in sent[1]["body"]
    asyncio.run(limits({**scope, "query_string": b"text=y"}, receive, send))
    assert reached == ["/api/events"]


def test_a_body_past_the_upload_limit_is_refused_before_reading(store: str) -> None:
    with TestClient(create_app(store, Settings(api_token="s3cret", max_upload_bytes=10))) as c:
        r = c.post("/api/ingest", content=b"z" * 100, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 413
    assert "NEWSEVENTS_MAX_UPLOAD_BYTES=10" in r.json()["detail"]


def test_a_query_past_the_deadline_is_stopped_with_503(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "PROGRESS_STEPS", 1)  # check the deadline at every step
    with TestClient(create_app(store, Settings(request_timeout_s=1e-9))) as c:
        r = c.get("/api/events", params={"text": "Taliban"})
        assert r.status_code == 503
        assert "NEWSEVENTS_REQUEST_TIMEOUT_S" in r.json()["detail"]
        assert c.get("/api/health").status_code == 200  # the server goes on


def test_pool_stops_a_runaway_query_and_reuses_connections(store: str) -> None:
    pool = ConnectionPool(store, max_idle=1)
    lease = pool.acquire(0.05)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        lease.conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        ).fetchone()
    pool.release(lease)  # past its deadline: closed, not reused
    fresh = pool.acquire(10)
    assert fresh.conn is not lease.conn
    assert fresh.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 5
    pool.release(fresh)
    again = pool.acquire(10)
    assert again.conn is fresh.conn  # idle connections are reused
    extra = pool.acquire(10)
    pool.release(again)
    pool.release(extra)  # beyond max_idle: closed
    with pytest.raises(sqlite3.ProgrammingError):
        extra.conn.execute("SELECT 1")
    pool.close()


def test_many_concurrent_requests_all_succeed(client: TestClient) -> None:
    def get(i: int) -> int:
        path = ("/api/events", "/api/events/points", "/api/aggregates", "/api/facets")[i % 4]
        return client.get(path, params={"country": "Afghanistan"}).status_code

    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(get, range(200)))
    assert statuses == [200] * 200


def test_an_older_store_gets_the_new_indexes_when_served(store: str) -> None:
    conn = connect(store)
    with conn:
        conn.execute("DROP INDEX events_country_type_date")
        conn.execute("DROP INDEX events_located_country_type_date")
        conn.execute("DELETE FROM schema_migrations WHERE version = 5")
    conn.close()
    create_app(store, Settings())
    conn = sqlite3.connect(store)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_country_type_date", "events_located_country_type_date"} <= indexes
    assert current_version(conn) == SCHEMA_VERSION
    conn.close()


def _exported_ids(client: TestClient, fmt: str, params: dict[str, Any]) -> list[str]:
    """The event ids in an events export with these filters."""
    r = client.get("/api/exports/events", params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    if fmt == "jsonl":
        import json

        return [json.loads(line)["id"] for line in r.text.splitlines() if line]
    if fmt == "geojson":
        return [f["id"] for f in r.json()["features"]]
    if fmt == "parquet":
        import io

        import pyarrow.parquet as pq

        return [str(v) for v in pq.read_table(io.BytesIO(r.content)).column("id").to_pylist()]
    import csv
    import io as text_io

    return [row["event_id_cnty"] for row in csv.DictReader(text_io.StringIO(r.text))]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "parquet"])
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "Afghanistan", "event_type": "Battles"}, {"e1", "e2"}),
        ({"actor": "Taliban", "modality": "claimed"}, {"e3"}),
        ({"start": "2021-08-11", "end": "2021-08-12", "min_confidence": "0.85"}, {"e1", "e2"}),
        ({"place": "Kyiv"}, {"e4"}),
        ({"text": "power-sharing"}, {"e3"}),
    ],
)
def test_a_filtered_export_holds_only_the_matching_events(
    client: TestClient, fmt: str, params: dict[str, str], expected: set[str]
) -> None:
    pytest.importorskip("newsevents.store.export", reason="the export module is not installed")
    ids = _exported_ids(client, fmt, params)
    listed = {e["id"] for e in client.get("/api/events", params={**params, "limit": 100}).json()["data"]}
    assert listed == expected
    if fmt == "csv":  # the ACLED id column carries the event id (possibly with a prefix)
        assert len(ids) == len(expected) and all(any(e in i for e in expected) for i in ids)
    else:
        assert set(ids) == expected and len(ids) == len(expected)


def test_the_export_description_names_the_filters(client: TestClient) -> None:
    op = client.get("/openapi.json").json()["paths"]["/api/exports/events"]["get"]
    names = {p["name"] for p in op["parameters"]}
    assert {"event_type", "sub_event_type", "actor", "place", "country", "start", "end", "text"} <= names
    assert {"modality", "min_confidence", "bbox", "include_aggregate", "format"} <= names
    assert "same filters as `GET /api/events`" in op["description"]


def test_facets_are_cached_until_the_store_changes(store: str) -> None:
    with TestClient(create_app(store, Settings())) as c:
        before = c.get("/api/facets").json()
        assert "Nigeria" not in before["countries"]
        conn = connect(store)
        with conn:
            conn.execute(
                "INSERT INTO events(id, event_type, sub_event_type, modality, confidence, country) "
                "VALUES ('n1', 'Battles', 'Armed clash', 'asserted', 0.9, 'Nigeria')"
            )
        conn.close()
        assert "Nigeria" in c.get("/api/facets").json()["countries"]
        assert c.get("/api/stats").json()["events"] == 6


def test_the_worker_factory_names_the_missing_store_variable(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.api.server import app_from_env
    from newsevents.errors import ConfigError

    monkeypatch.delenv("NEWSEVENTS_DB", raising=False)
    with pytest.raises(ConfigError, match="NEWSEVENTS_DB"):
        app_from_env()
    monkeypatch.setenv("NEWSEVENTS_DB", store)
    assert app_from_env().state.db_path == store
