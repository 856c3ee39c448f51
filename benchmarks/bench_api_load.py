"""API under load: many concurrent clients against a server in its own process.

Generates (or reuses) a synthetic store, starts uvicorn in a subprocess, and has ``--clients``
concurrent clients, each on its own keep-alive connection, send ``--requests`` requests in all,
a mix of what the web UI sends (filtered event pages, map points, weekly aggregates, one
event, facets, article search). Prints requests/s, p50/p95/p99 latency, errors (connection
resets, non-2xx answers) and the load average before and after.

The client is a small HTTP/1.1 client on asyncio streams, so that on a small machine the
client's own CPU does not hide the server's capacity (an httpx client costs about ten times
more per request).

Example: python benchmarks/bench_api_load.py --events 100000 --clients 200 --requests 20000
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import analyze, filters, generate_store

log = logging.getLogger("bench_api_load")


def request_mix(n_events: int, seed: int = 5) -> list[str]:
    """Request targets in the proportions the UI sends them, shuffled."""
    rng = random.Random(seed)
    targets: list[str] = []
    for params in filters(n=40):
        targets += [f"/api/events?{urlencode({**params, 'limit': 50})}"] * 4
        targets.append(f"/api/events/points?{urlencode({**params, 'limit': 5000})}")
        targets.append(f"/api/aggregates?{urlencode({**params, 'by': 'week'})}")
    targets += [f"/api/events/ev{rng.randrange(n_events):07d}" for _ in range(40)]
    targets += ["/api/facets"] * 4
    # Article search for a report's number: the synthetic texts repeat the same few actor names,
    # so a name matches every article, which no real search does.
    n_articles = max(1, n_events // 4)
    targets += [f"/api/articles?{urlencode({'q': f'Report {rng.randrange(n_articles)}'})}" for _ in range(8)]
    rng.shuffle(targets)
    return targets


@dataclass(slots=True)
class Tally:
    """What the clients saw."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        """Count one failed request by kind."""
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 response; its status and whether the server keeps the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    keep = headers.get("connection", "").lower() != "close"
    return status, keep


async def client(
    host: str, port: int, targets: itertools.cycle[str], budget: list[int], tally: Tally, timeout: float
) -> None:
    """One client: a keep-alive connection sending requests until the shared budget is spent."""
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while budget[0] > 0:
        budget[0] -= 1
        target = next(targets)
        t0 = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            assert reader is not None
            writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            await writer.drain()
            status, keep = await asyncio.wait_for(read_response(reader), timeout)
        except (ConnectionError, asyncio.IncompleteReadError, OSError) as exc:
            tally.error(type(exc).__name__)
            writer = None
            continue
        except TimeoutError:
            tally.error("client timeout")
            writer = None
            continue
        tally.latencies_ms.append((time.perf_counter() - t0) * 1000)
        if not 200 <= status < 300:
            tally.error(f"HTTP {status}")
        if not keep and writer is not None:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def load(port: int, targets: list[str], clients: int, requests: int, timeout: float) -> Tally:
    """Run ``clients`` clients until ``requests`` requests have been sent."""
    tally = Tally()
    budget = [requests]
    shared = itertools.cycle(targets)
    await asyncio.gather(*(client("127.0.0.1", port, shared, budget, tally, timeout) for _ in range(clients)))
    return tally


class Server:
    """The API under uvicorn in its own process (``workers`` processes on one socket)."""

    def __init__(self, db: str, workers: int) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        code = (
            "from newsevents.api.server import run; "
            f"run({db!r}, host='127.0.0.1', port={self.port}, workers={workers})"
        )
        self.process = subprocess.Popen([sys.executable, "-c", code])

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    if b" 200 " in s.recv(100):
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("the API server did not start within 60 s")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of a list of milliseconds."""
    q = statistics.quantiles(sorted(samples_ms), n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "max": max(samples_ms)}


def main() -> int:
    """Command-line entry: generate or reuse a store, serve it, load it, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2, help="Server processes (default 2).")
    parser.add_argument("--timeout", type=float, default=30.0, help="Client timeout per request (s).")
    parser.add_argument("--db", help="Reuse (or create) this store instead of a temporary one.")
    parser.add_argument("--json", dest="json_out", help="Also write the results to this file.")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    folder = tempfile.TemporaryDirectory(prefix="bench-api-load-")
    path = args.db or str(Path(folder.name) / "bench.db")
    if not Path(path).exists():
        generate_store(path, args.events)
        analyze(path)
    targets = request_mix(args.events)
    with Server(path, args.workers) as server:
        asyncio.run(load(server.port, targets, min(args.clients, 20), 200, args.timeout))  # warm up
        load_before = os.getloadavg()
        t0 = time.perf_counter()
        tally = asyncio.run(load(server.port, targets, args.clients, args.requests, args.timeout))
        elapsed = time.perf_counter() - t0
        load_after = os.getloadavg()
    folder.cleanup()

    n_errors = sum(tally.errors.values())
    results: dict[str, Any] = {
        "events": args.events,
        "clients": args.clients,
        "requests": args.requests,
        "workers": args.workers,
        "seconds": elapsed,
        "requests_per_s": args.requests / elapsed,
        "latency_ms": percentiles(tally.latencies_ms) if tally.latencies_ms else {},
        "errors": n_errors,
        "errors_by_kind": tally.errors,
        "load_before": load_before,
        "load_after": load_after,
    }
    lat = results["latency_ms"]
    print(
        f"{args.events} events, {args.clients} clients, {args.requests} requests, "
        f"{args.workers} server worker(s): {results['requests_per_s']:.0f} requests/s in {elapsed:.1f} s"
    )
    if lat:
        print(
            f"latency ms: p50 {lat['p50']:.1f}  p95 {lat['p95']:.1f}  p99 {lat['p99']:.1f}  "
            f"max {lat['max']:.1f}"
        )
    print(f"errors: {n_errors} {tally.errors or ''}")
    print(
        "load average (1, 5, 15 min): before "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after "
        + ", ".join(f"{x:.2f}" for x in load_after)
    )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2))
    return 1 if n_errors else 0


if __name__ == "__main__":
    sys.exit(main())
