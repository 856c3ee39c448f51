"""The REST API: resources, filters from the query string, errors, security defaults."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api_fixtures import build_sample_store
from newsevents.api import deps
from newsevents.api.app import create_app
from newsevents.api.pool import ConnectionPool
from newsevents.api.routes.ingest import safe_name
from newsevents.api.settings import Settings
from newsevents.errors import NewsEventsError

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def store(db_path: str) -> str:
    """The sample store (with the hostile article)."""
    build_sample_store(db_path, with_xss=True)
    return db_path


@pytest.fixture
def client(store: str) -> Iterator[TestClient]:
    """A client of the app with default settings (read-only, no CORS)."""
    with TestClient(create_app(store, Settings(api_token=None, cors_origins=""))) as c:
        yield c


def event_ids(client: TestClient, **params: Any) -> set[str]:
    """The ids of the events the API lists for these query parameters."""
    r = client.get("/api/events", params={"limit": 100, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == len(body["data"])
    return {e["id"] for e in body["data"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"e1", "e2", "e3", "e4", "e5", "x-ev"}),
        ({"event_type": "Battles"}, {"e1", "e2"}),
        ({"sub_event_type": "Peaceful protest"}, {"e4"}),
        ({"actor": "Taliban", "modality": "claimed"}, {"e3"}),
        ({"country": "UA"}, {"e4"}),
        ({"place": "Ghazni"}, {"e1"}),
        ({"bbox": "60,29,75,39"}, {"e1", "e2", "e3", "x-ev"}),
        ({"start": "2021-08-11", "end": "2021-08-12"}, {"e1", "e2", "e3"}),
        ({"text": "power-sharing"}, {"e3"}),
        ({"min_confidence": "0.85"}, {"e1", "e2"}),
        ({"include_aggregate": "false", "event_type": "Strategic developments"}, {"e3"}),
        ({"event_type": ""}, {"e1", "e2", "e3", "e4", "e5", "x-ev"}),
    ],
)
def test_events_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    assert event_ids(client, **params) == expected


def test_events_page_and_sort(client: TestClient) -> None:
    r = client.get("/api/events", params={"limit": 2, "offset": 1, "sort": "-confidence"})
    body = r.json()
    assert body["count"] == 6
    assert [e["id"] for e in body["data"]] == ["e2", "x-ev"]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"sort": "password"}, "invalid sort"),
        ({"bbox": "1,2,3"}, "min_lon,min_lat,max_lon,max_lat"),
        ({"bbox": "0,80,10,70"}, "latitudes"),
        ({"start": "13/08/2021"}, "date"),
        ({"min_confidence": "2"}, "less than or equal"),
        ({"limit": "-1"}, "greater than or equal"),
    ],
)
def test_events_bad_parameters_are_422_with_a_reason(
    client: TestClient, params: dict[str, str], fragment: str
) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert fragment in r.text


def test_event_points_are_compact_and_located(client: TestClient) -> None:
    body = client.get("/api/events/points", params={"country": "Afghanistan"}).json()
    assert body["count"] == 4
    assert set(body["data"][0]) == {
        "id",
        "lat",
        "lon",
        "event_type",
        "sub_event_type",
        "event_date",
        "location",
        "actor1",
        "fatalities",
    }


def test_one_event_with_sources_and_evidence(client: TestClient) -> None:
    body = client.get("/api/events/e1").json()
    assert (body["geonameid"], body["feature"]) == (1141269, "PPL")
    assert body["evidence"][0]["article_id"] == "a1"
    assert body["sources"][0]["mentions"][1]["canonical"] is False
    assert body["reports"][0]["trigger"] == "captured"


@pytest.mark.parametrize("path", ["/api/events/nope", "/api/articles/nope", "/api/control/nope"])
def test_missing_items_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "nope" in r.json()["detail"]


def test_article_search_and_detail(client: TestClient) -> None:
    hits = client.get("/api/articles", params={"q": "Kandahar"}).json()
    assert hits["count"] == 1
    hit = hits["data"][0]
    s, e = hit["snippet_marks"][0]
    assert hit["snippet"][s:e] == "Kandahar"
    article = client.get(f"/api/articles/{hit['id']}").json()
    assert {"entities", "places", "times", "quotes", "quantities", "events", "mentions"} <= set(article)
    assert article["events"][0]["reports"][0]["article_id"] == "a1"


def test_article_text_is_returned_verbatim_as_json(client: TestClient) -> None:
    r = client.get("/api/articles/x1")
    assert r.headers["content-type"].startswith("application/json")
    assert "<script>window.__xss = 1</script>" in r.json()["text"]


def test_places_aggregates_facets_stats_rejects(client: TestClient) -> None:
    assert client.get("/api/places", params={"q": "Kyiv"}).json()["count"] == 1
    agg = client.get("/api/aggregates", params={"by": "month", "country": "Afghanistan"}).json()
    assert agg == {
        "by": "month",
        "data": [
            {
                "key": "2021-08",
                "count": 5,
                "fatalities": 12,
                "by_type": {"Battles": 2, "Strategic developments": 2, "Violence against civilians": 1},
            }
        ],
    }
    assert client.get("/api/aggregates", params={"by": "year"}).status_code == 422
    assert client.get("/api/facets").json()["countries"] == ["Afghanistan", "Ukraine"]
    assert client.get("/api/stats").json()["duplicates"] == 1
    assert client.get("/api/rejects", params={"stage": "clean"}).json()["count"] == 1


def test_control_table_and_history(client: TestClient) -> None:
    table = client.get("/api/control").json()
    ghazni = next(r for r in table["data"] if r["place"] == "Ghazni")
    assert (ghazni["controller"], ghazni["status"]) == ("Taliban", "taken")
    history = client.get(f"/api/control/{ghazni['place_key']}").json()
    assert [r["controller"] for r in history["data"]] == ["Government", "Taliban"]
    assert history["data"][1]["event_ids"] == ["e1"]


def test_control_as_of_goes_back_in_time(client: TestClient) -> None:
    table = client.get("/api/control", params={"as_of": "2021-08-11"}).json()
    ghazni = next(r for r in table["data"] if r["place"] == "Ghazni")
    assert ghazni["controller"] == "Government"


@pytest.mark.parametrize(
    ("what", "fmt", "media"),
    [
        ("events", "csv", "text/csv"),
        ("events", "jsonl", "application/x-ndjson"),
        ("events", "geojson", "application/geo+json"),
        ("control", "csv", "text/csv"),
    ],
)
def test_export_downloads(client: TestClient, what: str, fmt: str, media: str) -> None:
    pytest.importorskip("newsevents.store.export", reason="the export module is not installed")
    r = client.get(f"/api/exports/{what}", params={"format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert f'filename="{what}.{fmt}"' in r.headers["content-disposition"]
    assert r.content


def test_control_export_refuses_parquet(client: TestClient) -> None:
    r = client.get("/api/exports/control", params={"format": "parquet"})
    assert r.status_code == 422
    assert "'csv' or 'geojson'" in r.text


def test_openapi_documents_every_resource(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/events/points",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/places",
        "/api/aggregates",
        "/api/control",
        "/api/control/{place_key}",
        "/api/exports/events",
        "/api/exports/control",
        "/api/stats",
        "/api/ingest",
    } <= paths


def test_docs_page_uses_local_assets_only(client: TestClient) -> None:
    r = client.get("/docs")
    if r.status_code == 503:
        pytest.skip("swagger-ui-dist is not installed: run npm ci --prefix src/newsevents/web")
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in r.text
    assert "cdn" not in r.text.lower()


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/api/stats", "/static/app.js"):
        r = client.get(path)
        assert "script-src 'self';" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_cors_is_closed_by_default(client: TestClient) -> None:
    r = client.get("/api/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/api/events",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in pre.headers


def test_cors_opens_only_to_configured_origins(store: str) -> None:
    settings = Settings(cors_origins="https://analyst.example, https://other.example")
    with TestClient(create_app(store, settings)) as c:
        ok = c.get("/api/stats", headers={"Origin": "https://analyst.example"})
        bad = c.get("/api/stats", headers={"Origin": "https://evil.example"})
    assert ok.headers["access-control-allow-origin"] == "https://analyst.example"
    assert "access-control-allow-origin" not in bad.headers


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_API_TOKEN", "s3cret")
    monkeypatch.setenv("NEWSEVENTS_CORS_ORIGINS", "https://a.example,https://b.example")
    s = Settings()
    assert s.api_token == "s3cret" and s.writes_enabled
    assert s.cors_origin_list == ["https://a.example", "https://b.example"]


def test_request_connections_are_read_only(store: str) -> None:
    class FakeApp:
        class state:
            pool = ConnectionPool(store)
            settings = Settings()

    class FakeRequest:
        app = FakeApp

    async def attempt_write() -> None:
        gen = deps.get_conn(FakeRequest)  # type: ignore[arg-type]
        conn = await gen.__anext__()
        try:
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                conn.execute("DELETE FROM events")
        finally:
            await gen.aclose()

    asyncio.run(attempt_write())
    FakeApp.state.pool.close()


def test_missing_store_fails_with_the_command_to_run(tmp_path: Path) -> None:
    with pytest.raises(NewsEventsError, match="newsevents ingest"):
        create_app(str(tmp_path / "absent.db"))


def test_missing_ui_libraries_give_the_install_command(store: str, tmp_path: Path) -> None:
    app = create_app(store, Settings(web_vendor_dir=tmp_path / "empty"))
    with TestClient(app) as c:
        r = c.get("/")
        assert r.status_code == 503
        assert "npm ci --prefix src/newsevents/web" in r.text
        assert c.get("/api/health").json()["ui_available"] is False
        assert c.get("/api/stats").status_code == 200


def test_index_serves_the_ui(client: TestClient) -> None:
    r = client.get("/")
    if r.status_code == 503:
        pytest.skip("UI libraries not installed: run npm ci --prefix src/newsevents/web")
    assert '<script type="module" src="/static/app.js">' in r.text
    assert client.get("/vendor/leaflet/dist/leaflet.js").status_code == 200


# --- the write endpoint ---------------------------------------------------------------------


class FakeSummary:
    """Stands in for the pipeline's summary record."""

    def __init__(self, n: int) -> None:
        self.documents = n


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the pipeline's ingest with a recorder of what it was asked to read."""
    calls: list[dict[str, Any]] = []

    def fake_ingest(paths: list[str], db: str, **kwargs: Any) -> dict[str, int]:
        calls.append(
            {
                "paths": paths,
                "db": db,
                "contents": [Path(p).read_bytes() for p in paths],
                "names": [Path(p).name for p in paths],
                **kwargs,
            }
        )
        return {"documents": len(paths)}

    import newsevents.pipeline

    monkeypatch.setattr(newsevents.pipeline, "ingest_paths", fake_ingest)
    return calls


def upload(c: TestClient, headers: dict[str, str] | None = None, **data: str) -> Any:
    """POST one small file to the ingest endpoint."""
    return c.post(
        "/api/ingest",
        files=[("files", ("../../evil name.txt", b"Some news text.", "text/plain"))],
        data=data,
        headers=headers or {},
    )


def test_ingest_is_forbidden_without_a_configured_token(
    client: TestClient, recorded: list[dict[str, Any]]
) -> None:
    r = upload(client, {"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert "NEWSEVENTS_API_TOKEN" in r.json()["detail"]
    assert recorded == []


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"X-API-Token": "wrong"}, {"Authorization": "s3cret"}]
)
def test_ingest_needs_the_right_token(
    store: str, recorded: list[dict[str, Any]], headers: dict[str, str]
) -> None:
    with TestClient(create_app(store, Settings(api_token="s3cret"))) as c:
        r = upload(c, headers)
    assert r.status_code == 401
    assert recorded == []


@pytest.mark.parametrize("headers", [{"Authorization": "Bearer s3cret"}, {"X-API-Token": "s3cret"}])
def test_ingest_with_the_token_hands_the_files_to_the_pipeline(
    store: str, recorded: list[dict[str, Any]], headers: dict[str, str]
) -> None:
    with TestClient(create_app(store, Settings(api_token="s3cret"))) as c:
        r = upload(c, headers, published="2021-08-13", source="AFP")
    assert r.status_code == 200, r.text
    assert r.json()["summary"] == {"documents": 1}
    (call,) = recorded
    assert call["db"] == store
    assert call["contents"] == [b"Some news text."]
    assert "/" not in call["names"][0] and not call["names"][0].startswith(".")
    assert str(call["published"]) == "2021-08-13" and call["source"] == "AFP"
    assert not Path(call["paths"][0]).exists()  # the upload folder is removed afterwards


def test_ingest_rejects_oversized_uploads(store: str, recorded: list[dict[str, Any]]) -> None:
    settings = Settings(api_token="s3cret", max_upload_bytes=5)
    with TestClient(create_app(store, settings)) as c:
        r = upload(c, {"Authorization": "Bearer s3cret"})
    assert r.status_code == 413
    assert recorded == []


def test_ingest_rejects_a_bad_date(store: str, recorded: list[dict[str, Any]]) -> None:
    with TestClient(create_app(store, Settings(api_token="s3cret"))) as c:
        r = upload(c, {"Authorization": "Bearer s3cret"}, published="13 August")
    assert r.status_code == 422
    assert "YYYY-MM-DD" in r.text


@pytest.mark.parametrize(
    ("name", "index"), [("../../etc/passwd", 0), (".bashrc", 1), ("a b/c?.jsonl", 2), (None, 3)]
)
def test_safe_name_keeps_uploads_in_their_folder(name: str | None, index: int) -> None:
    cleaned = safe_name(name, index)
    assert "/" not in cleaned and ".." not in cleaned.split("_", 1)[1][:2]
    assert cleaned.startswith(f"{index:03d}_")


def test_index_answers_head_requests(client: TestClient) -> None:
    assert client.head("/").status_code in (200, 503)
