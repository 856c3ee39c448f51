"""Ingest throughput of the engines on the same generated articles, in one run.

Run: .venv/bin/python benchmarks/bench_engines.py [--n 1000] [--workers 2] [--rounds 3]

Runs into fresh stores: ``--rounds`` rounds of the local engine with a pool of ``--workers``
processes and the Dask engine on a LocalCluster of ``--workers`` processes, their order
alternated between rounds so that a change in the machine's load during the run falls on both
alike; then the local engine in one process; then the single writer alone, replaying the
cluster's annotated results (collected in an untimed pass) into another fresh store. Every
engine starts with its resources loaded (``engines.work.warm_up``): the pool's workers are forked
from this process after it loaded them, the cluster is started once before the rounds (each
worker loads them) and its start is reported on its own. Each run prints its CPU seconds
(this process, and its worker processes: the pool's once they have exited, the cluster's as its
workers report them) beside the wall time, and the load average before and after, because on a
shared machine they say how much of the CPU the runs actually had. The last line is the
summary: the median speed of each engine over the rounds and the median of the rounds'
Dask/pool ratios.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

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


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its child processes that have exited."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def own_cpu_seconds() -> float:
    """CPU seconds of the calling process (run on each Dask worker)."""
    return cpu_seconds()[0]


def cluster_cpu_seconds(client: Any) -> float:
    """CPU seconds used so far by the cluster's worker processes."""
    return float(sum(client.run(own_cpu_seconds).values()))


def timed(
    label: str, n: int, run: object, workers_cpu: Callable[[], float] | None = None
) -> dict[str, object]:
    """Time one ingest and report articles/s (and the CPU the cluster's workers used, if given)."""
    before = load_average()
    w0 = workers_cpu() if workers_cpu else 0.0
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    summary = run()  # type: ignore[operator]
    seconds = time.perf_counter() - t0
    cpu1 = cpu_seconds()
    w1 = workers_cpu() if workers_cpu else 0.0
    print(f"# {label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return {
        "engine": label,
        "seconds": round(seconds, 1),
        "articles_per_s": round(n / seconds, 1),
        "annotated": summary.annotated,
        "events_touched": summary.events_touched,
        "cpu_s_main": round(cpu1[0] - cpu0[0], 1),
        "cpu_s_children": round(cpu1[1] - cpu0[1] + w1 - w0, 1),
        "load_before": before,
        "load_after": load_average(),
    }


class Replay:
    """An engine that plays back documents another engine prepared and annotated (writer only)."""

    def __init__(self, items: list[Reject | Prepared]) -> None:
        self.items = items

    def documents(self, *args: object) -> Iterator[Reject | Prepared]:
        """The recorded documents."""
        yield from self.items

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
    """Run the engines on the same input and print one JSON object per run, then the summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="articles to generate")
    parser.add_argument("--workers", type=int, default=2, help="processes for the pool and the cluster")
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds of the pool and the cluster")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps({"text": t}) + "\n" for t in articles(args.n)), encoding="utf-8")
        stores: list[str] = []

        def ingest(engine: object) -> object:
            stores.append(str(Path(tmp) / f"s{len(stores)}.db"))
            return ingest_paths([str(src)], stores[-1], published=PUBLISHED, engine=engine)  # type: ignore[arg-type]

        warm_up()
        runs: list[dict[str, object]] = []
        from newsevents.engines.dask import DaskEngine

        t0 = time.perf_counter()
        engine = DaskEngine(workers=args.workers, partition_bytes=PARTITION_BYTES)
        start_s = time.perf_counter() - t0
        pool_label = f"local, {args.workers} processes"
        dask_label = f"dask LocalCluster, {args.workers} workers"
        ratios: list[float] = []
        try:
            for round_no in range(args.rounds):
                order = [pool_label, dask_label] if round_no % 2 == 0 else [dask_label, pool_label]
                by_label: dict[str, dict[str, object]] = {}
                for label in order:
                    chosen = engine if label == dask_label else LocalEngine(args.workers)
                    run = timed(
                        label,
                        args.n,
                        lambda chosen=chosen: ingest(chosen),  # type: ignore[misc]
                        (lambda: cluster_cpu_seconds(engine.client)) if label == dask_label else None,
                    )
                    run["round"] = round_no
                    by_label[label] = run
                    runs.append(run)
                by_label[dask_label]["cluster_start_s"] = round(start_s, 1)
                ratios.append(
                    float(by_label[dask_label]["articles_per_s"])  # type: ignore[arg-type]
                    / float(by_label[pool_label]["articles_per_s"])  # type: ignore[arg-type]
                )
            recorded = list(engine.documents([str(src)], None, PUBLISHED, None))
        finally:
            engine.close()
        # Last, so that the pool's workers, forked from this process, inherit no caches filled
        # by annotating these very articles here (the cluster's workers start with none either).
        runs.append(timed("local, 1 process", args.n, lambda: ingest(LocalEngine(1))))
        replay = Replay(recorded)
        writer = timed("single writer only (annotated input)", args.n, lambda: ingest(replay))
        rows = stored_rows(stores[-1])
        writer["rows"] = rows
        writer["rows_per_s"] = round(rows / float(writer["seconds"]), 1)  # type: ignore[arg-type]
        runs.append(writer)

    def median_speed(label: str) -> float:
        return statistics.median(float(r["articles_per_s"]) for r in runs if r["engine"] == label)  # type: ignore[arg-type]

    for run in runs:
        print(json.dumps({"articles": args.n, **run}))
    summary = {
        "summary": True,
        "rounds": args.rounds,
        "local_1_articles_per_s": median_speed("local, 1 process"),
        "pool_articles_per_s_median": median_speed(pool_label),
        "dask_articles_per_s_median": median_speed(dask_label),
        "dask_over_pool_by_round": [round(r, 3) for r in ratios],
        "dask_over_pool_median": round(statistics.median(ratios), 3),
        "cluster_start_s": round(start_s, 1),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
