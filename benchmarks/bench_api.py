"""API latency on a large store: p50/p95 of filtered event queries over HTTP, next to bare SQL.

Generates N synthetic events (default 100,000) with their articles, reports and evidence into a
temporary store, serves the API with uvicorn on 127.0.0.1 in a separate process (as a browser
would reach it), and times a bounded number of
filtered requests with httpx. The same filters are timed through ``list_events`` directly, so
the difference is the cost of HTTP, validation and JSON.

Example: python benchmarks/bench_api.py --events 100000 --requests 400
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from newsevents.store.queries import EventFilter, aggregates, event_points, list_events
from newsevents.store.schema import connect

log = logging.getLogger("bench_api")

TYPES: dict[str, list[str]] = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
    ],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Headquarters or base established",
        "Negotiation/proposal",
    ],
}
TYPE_WEIGHTS = [30, 20, 15, 20, 5, 10]
# (country, ISO code, centre lat, centre lon, spread in degrees)
COUNTRIES = [
    ("Afghanistan", "AF", 34.0, 66.0, 3.0),
    ("Ukraine", "UA", 49.0, 32.0, 3.0),
    ("Syria", "SY", 35.0, 38.5, 1.5),
    ("Yemen", "YE", 15.5, 47.5, 2.0),
    ("Nigeria", "NG", 9.0, 8.0, 3.0),
    ("Mali", "ML", 16.0, -1.0, 3.0),
    ("Somalia", "SO", 5.0, 46.0, 3.0),
    ("Sudan", "SD", 15.0, 30.0, 3.0),
    ("Myanmar", "MM", 20.0, 96.0, 3.0),
    ("Iraq", "IQ", 33.0, 44.0, 2.0),
    ("Colombia", "CO", 4.5, -74.0, 3.0),
    ("Mexico", "MX", 23.0, -102.0, 4.0),
    ("Ethiopia", "ET", 9.0, 39.5, 3.0),
    ("Pakistan", "PK", 30.0, 70.0, 3.0),
    ("India", "IN", 22.0, 79.0, 5.0),
    ("Brazil", "BR", -12.0, -50.0, 6.0),
    ("Philippines", "PH", 12.0, 122.0, 3.0),
    ("Libya", "LY", 28.0, 17.0, 3.0),
    ("Democratic Republic of Congo", "CD", -2.5, 23.5, 4.0),
    ("Burkina Faso", "BF", 12.3, -1.5, 2.0),
]
ACTORS = [
    "Taliban",
    "Military Forces",
    "Police Forces",
    "Protesters",
    "Rioters",
    "Islamic State",
    "Al Shabaab",
    "Unidentified Armed Group",
    "Civilians",
    "Militia",
    "Rebel Forces",
]
MODALITIES = ["asserted"] * 8 + ["claimed", "denied", "future"]
FIRST_DAY = date(2019, 1, 1)
DAYS = 5 * 365
EVENTS_PER_ARTICLE = 4  # typical of conflict reporting: a story mentions a few events


def generate_store(path: str, n_events: int, seed: int = 7) -> None:
    """Fill a new store with ``n_events`` plausible events, their articles and evidence."""
    rng = random.Random(seed)
    conn = connect(path)
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    started = time.perf_counter()
    with conn:
        articles = []
        mentions = []
        for a in range(n_articles):
            aid = f"a{a:07d}"
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            text = f"Report {a}. " + " ".join(rng.choice(ACTORS) for _ in range(40))
            articles.append(
                (aid, text, f"Report {a}", f"https://news.example.org/{aid}", day.isoformat(), "Example")
            )
            mentions.append(
                (
                    aid,
                    1,
                    "Example",
                    f"https://news.example.org/{aid}",
                    day.isoformat(),
                    "input.jsonl",
                    f"line {a + 1}",
                    aid,
                )
            )
        conn.executemany(
            "INSERT INTO articles(id, text, title, url, published, source, annotated) "
            "VALUES (?, ?, ?, ?, ?, ?, 1)",
            articles,
        )
        conn.executemany(
            "INSERT INTO mentions(article_id, canonical, source, url, published, path, record, "
            "raw_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            mentions,
        )
        events, reports, evidence = [], [], []
        type_names = list(TYPES)
        for i in range(n_events):
            eid = f"ev{i:07d}"
            et = rng.choices(type_names, TYPE_WEIGHTS)[0]
            country, code, lat, lon, spread = rng.choice(COUNTRIES)
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            aid = f"a{rng.randrange(n_articles):07d}"
            events.append(
                (
                    eid,
                    et,
                    rng.choice(TYPES[et]),
                    rng.choice(ACTORS),
                    rng.choice(ACTORS),
                    f"Place {rng.randrange(500)}",
                    lat + rng.gauss(0, spread),
                    lon + rng.gauss(0, spread),
                    "place",
                    country,
                    code,
                    f"Province {rng.randrange(20)}",
                    day.isoformat(),
                    "day",
                    rng.choice(MODALITIES),
                    rng.choice([None, 0, 1, 2, 5, 12]),
                    round(rng.uniform(0.3, 1.0), 3),
                    rng.randint(1, 4),
                )
            )
            reports.append((eid, aid, "attacked", i, i + 8, "{}"))  # offsets unique per article
            evidence.append((eid, aid, 0, 60, f"Fighters attacked positions near Place {i % 500}."))
        conn.executemany(
            "INSERT INTO events(id, event_type, sub_event_type, actor1, actor2, location, lat, lon, "
            "geo_precision, country, country_code, admin1, event_date, time_precision, modality, "
            "fatalities, confidence, n_sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?)",
            events,
        )
        conn.executemany(
            "INSERT INTO event_reports(event_id, article_id, trigger, trigger_start, trigger_end, "
            "payload) VALUES (?, ?, ?, ?, ?, ?)",
            reports,
        )
        conn.executemany(
            'INSERT INTO evidence(event_id, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            evidence,
        )
    conn.close()
    log.info("generated %d events, %d articles in %.1fs", n_events, n_articles, time.perf_counter() - started)


def filters(seed: int = 11, n: int = 40) -> list[dict[str, Any]]:
    """Filtered-query parameter sets as the UI sends them: a country, a year, a type, a floor."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        country = rng.choice(COUNTRIES)[0]
        year = rng.randint(2019, 2023)
        out.append(
            {
                "country": country,
                "start": f"{year}-01-01",
                "end": f"{year}-12-31",
                "event_type": rng.choice(list(TYPES)),
                "min_confidence": 0.5,
            }
        )
    return out


def to_filter(params: dict[str, Any]) -> EventFilter:
    """The query parameters as an EventFilter."""
    return EventFilter(
        start=date.fromisoformat(params["start"]) if "start" in params else None,
        end=date.fromisoformat(params["end"]) if "end" in params else None,
        event_type=params.get("event_type"),
        country=params.get("country"),
        min_confidence=params.get("min_confidence"),
    )


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of a list of milliseconds."""
    ordered = sorted(samples_ms)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "max": ordered[-1], "n": len(ordered)}


def timed(fn: Callable[[], Any], repeat: int, warmup: int = 10) -> list[float]:
    """Run ``fn`` ``warmup + repeat`` times; the last ``repeat`` durations in ms."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


class Server:
    """``newsevents``' app under uvicorn on 127.0.0.1 in its own process, as a browser sees it."""

    def __init__(self, db: str) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        code = (
            "import uvicorn; from newsevents.api.app import create_app; "
            f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={self.port}, "
            "log_level='warning', access_log=False)"
        )
        self.process = subprocess.Popen([sys.executable, "-c", code])
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.__exit__()
                raise RuntimeError("the API server did not start within 60 s")
            time.sleep(0.2)

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def cycle(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Endless round-robin over the parameter sets."""
    while True:
        yield from items


def analyze(path: str) -> None:
    """Give the planner its statistics, as the end of every ingest does (PRAGMA optimize)."""
    conn = connect(path)
    with conn:
        conn.execute("ANALYZE")
    conn.close()


def run(n_events: int, n_requests: int, db: str | None, analyzed: bool = False) -> dict[str, Any]:
    """Generate (or reuse) the store and time the API and SQL; returns the results."""
    folder = tempfile.TemporaryDirectory(prefix="bench-api-")
    path = db or str(Path(folder.name) / "bench.db")
    if not Path(path).exists():
        generate_store(path, n_events)
    connect(path).close()  # bring an older store's schema up to date, as serving it does
    if analyzed:
        analyze(path)
    params = filters()
    results: dict[str, Any] = {"events": n_events, "requests": n_requests, "analyzed": analyzed}

    conn = connect(path, readonly=True)
    it = cycle(params)
    timed(lambda: list_events(conn, to_filter(next(it)), limit=50), 10)  # warm the page cache
    cpu0 = time.process_time()
    results["sql_list_events"] = percentiles(
        timed(
            lambda: list_events(conn, to_filter(next(it)), limit=50, sort="-event_date"), n_requests, warmup=0
        )
    )
    results["sql_list_events_cpu_ms"] = (time.process_time() - cpu0) * 1000 / n_requests
    it = cycle(params)
    results["sql_event_points"] = percentiles(
        timed(lambda: event_points(conn, to_filter(next(it)), limit=5000), max(50, n_requests // 4))
    )
    it = cycle(params)
    results["sql_aggregates_week"] = percentiles(
        timed(lambda: aggregates(conn, to_filter(next(it)), by="week"), max(50, n_requests // 4))
    )
    results["matching_events_mean"] = statistics.mean(
        list_events(conn, to_filter(p), limit=1)[1] for p in params
    )
    conn.close()

    with Server(path) as server, httpx.Client(base_url=server.url, timeout=30) as client:

        def get(url: str, extra: dict[str, Any]) -> Callable[[], Any]:
            it = cycle(params)

            def call() -> Any:
                r = client.get(url, params={**next(it), **extra})
                r.raise_for_status()
                return r

            return call

        timed(get("/api/events", {"limit": 50}), 10)  # warm up the server
        cpu0 = server.cpu_seconds()
        results["http_events"] = percentiles(
            timed(get("/api/events", {"limit": 50, "sort": "-event_date"}), n_requests, warmup=0)
        )
        results["http_events_cpu_ms"] = (server.cpu_seconds() - cpu0) * 1000 / n_requests
        results["http_event_points"] = percentiles(
            timed(get("/api/events/points", {"limit": 5000}), max(50, n_requests // 4))
        )
        results["http_aggregates_week"] = percentiles(
            timed(get("/api/aggregates", {"by": "week"}), max(50, n_requests // 4))
        )
    folder.cleanup()
    return results


def main() -> int:
    """Command-line entry: run and print a table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--db", help="Reuse (or create) this store instead of a temporary one.")
    parser.add_argument("--json", dest="json_out", help="Also write the results to this file.")
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="Run ANALYZE on the generated store before timing (as ingest's PRAGMA optimize does).",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    results = run(args.events, args.requests, args.db, analyzed=args.analyze)
    print(
        f"{results['events']} events; filters match {results['matching_events_mean']:.0f} "
        "events on average (country + year + type + confidence >= 0.5)"
    )
    print(
        f"CPU per request: SQL {results['sql_list_events_cpu_ms']:.2f} ms, "
        f"HTTP server process {results['http_events_cpu_ms']:.2f} ms"
    )
    print(f"{'query':28} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'n':>5}")
    for key, value in results.items():
        if isinstance(value, dict):
            print(
                f"{key:28} {value['p50']:8.2f} {value['p95']:8.2f} {value['p99']:8.2f} "
                f"{value['max']:8.2f} {value['n']:5d}"
            )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
