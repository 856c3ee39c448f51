"""Ingest throughput of the engines on the same generated articles, in one run.

Run: .venv/bin/python benchmarks/bench_engines.py [--n 1000] [--workers 2]

Three runs into fresh stores: the local engine in one process, the local engine with a pool of
``--workers`` processes, and the Dask engine on a LocalCluster of ``--workers`` processes. The
local single-process run starts with the model loaded; the pool and the cluster pay for starting
their processes (each loads spaCy) inside their timing, and the cluster's start is also reported
on its own. The load average before and after is printed because on a shared machine it says
how much of the CPU the runs actually had.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import articles

from newsevents.engines.local import LocalEngine
from newsevents.engines.prepare import Prepared
from newsevents.engines.shards import attached_annotations
from newsevents.engines.work import warm_up
from newsevents.models import Annotations, Reject
from newsevents.pipeline import ingest_paths
from newsevents.store.schema import connect

PUBLISHED = date(2024, 5, 6)
# 32 KB partitions: 1,000 generated articles (about 1.6 MB of JSONL) make ~50 partitions, 300 make
# ~15: enough for two workers to stay busy while the in-order writer keeps up.
PARTITION_BYTES = 32 * 1024


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def timed(label: str, n: int, run: object) -> dict[str, object]:
    """Time one ingest and report articles/s."""
    before = load_average()
    t0 = time.perf_counter()
    summary = run()  # type: ignore[operator]
    seconds = time.perf_counter() - t0
    print(f"# {label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return {
        "engine": label,
        "seconds": round(seconds, 1),
        "articles_per_s": round(n / seconds, 1),
        "annotated": summary.annotated,
        "events_touched": summary.events_touched,
        "load_before": before,
        "load_after": load_average(),
    }


class Replay:
    """An engine that records another engine's documents, then plays them back (writer only)."""

    def __init__(self, engine: object) -> None:
        self.engine = engine
        self.items: list[Reject | Prepared] = []

    def documents(self, *args: object) -> Iterator[Reject | Prepared]:
        """The wrapped engine's documents the first time, the recorded ones afterwards."""
        if self.engine is None:
            yield from self.items
            return
        for item in self.engine.documents(*args):  # type: ignore[attr-defined]
            self.items.append(item)
            yield item
        self.engine = None

    def annotate(self, batches: Iterable[list[Prepared]]) -> Iterator[list[Annotations]]:
        """The attached annotations."""
        yield from (attached_annotations(batch) for batch in batches)


def stored_rows(db: str) -> int:
    """Rows in the store's tables (the work the single writer does)."""
    conn = connect(db)
    try:
        tables = (
            "articles",
            "mentions",
            "entities",
            "places",
            "times",
            "quotes",
            "quantities",
            "events",
            "event_reports",
            "evidence",
            "control",
            "rejects",
        )
        return sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)
    finally:
        conn.close()


def main() -> None:
    """Run the three engines on the same input and print one JSON object per run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="articles to generate")
    parser.add_argument("--workers", type=int, default=2, help="processes for the pool and the cluster")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps({"text": t}) + "\n" for t in articles(args.n)), encoding="utf-8")
        warm_up()
        runs = [
            timed(
                "local, 1 process",
                args.n,
                lambda: ingest_paths(
                    [str(src)], str(Path(tmp) / "l1.db"), published=PUBLISHED, engine=LocalEngine(1)
                ),
            ),
            timed(
                f"local, {args.workers} processes",
                args.n,
                lambda: ingest_paths(
                    [str(src)],
                    str(Path(tmp) / "l2.db"),
                    published=PUBLISHED,
                    engine=LocalEngine(args.workers),
                ),
            ),
        ]
        from newsevents.engines.dask import DaskEngine

        t0 = time.perf_counter()
        engine = DaskEngine(workers=args.workers, partition_bytes=PARTITION_BYTES)
        start_s = time.perf_counter() - t0
        replay = Replay(engine)
        try:
            dask_run = timed(
                f"dask LocalCluster, {args.workers} workers",
                args.n,
                lambda: ingest_paths([str(src)], str(Path(tmp) / "d.db"), published=PUBLISHED, engine=replay),
            )
        finally:
            engine.close()
        writer = timed(
            "single writer only (annotated input)",
            args.n,
            lambda: ingest_paths([str(src)], str(Path(tmp) / "w.db"), published=PUBLISHED, engine=replay),
        )
        rows = stored_rows(str(Path(tmp) / "w.db"))
        writer["rows"] = rows
        writer["rows_per_s"] = round(rows / float(writer["seconds"]), 1)  # type: ignore[arg-type]
        dask_run["cluster_start_s"] = round(start_s, 1)
        total = float(dask_run["seconds"]) + start_s  # type: ignore[arg-type]
        dask_run["articles_per_s_with_start"] = round(args.n / total, 1)
        runs += [dask_run, writer]
    for run in runs:
        print(json.dumps({"articles": args.n, **run}))


if __name__ == "__main__":
    main()
