"""Cost per article as the store grows: the whole ingest, or the store stage alone.

Run (whole pipeline, one growing store, bare spaCy pass on the same texts alongside):
    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,4000,16000] [--per-day 50]

Run (store stage only: a pool annotated once, then varied copies stored):
    .venv/bin/python benchmarks/bench_scale.py --store-only [--sizes 1000,10000,50000]
        [--pool 200] [--window 1000]

Pipeline mode ingests the generated articles in segments (0..1000, 1000..4000, ...) into one
store and prints, per segment, articles/s and ms per article per stage (prepare = read, clean,
dedup; annotate = spaCy and the extractors; store = everything the writer does, of which merge
and control), next to ``nlp.pipe`` over the same segment's texts in the same run.

Store-only mode copies annotated articles under new ids, publication dates and places (each copy
of a pool article moves its places to one of ``--regions`` shifted variants and its dates by
whole days), so the store reaches 50,000 articles without running spaCy 50,000 times. At each
size it prints the ms per stored article over the last ``--window`` articles.

Each line carries the load average of the machine, which is shared: compare runs taken under
similar load only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import articles

import newsevents.pipeline as pipeline_module
import newsevents.store.writer as writer_module
from newsevents.models import Annotations, Article, Event, Place
from newsevents.store.schema import connect
from newsevents.store.writer import StoreWriter

FIRST_DAY = date(2024, 1, 1)
BATCH = 32  # the pipeline's BATCH_SIZE, so store-only batches commit like an ingest does


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` prints them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def published_on(index: int, per_day: int) -> date:
    """The publication date of the index-th article: ``per_day`` a day, or all on one day."""
    return FIRST_DAY + timedelta(days=index // per_day) if per_day > 0 else date(2024, 5, 6)


class Timers:
    """Seconds spent per stage, filled by wrappers around the pipeline's functions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        """Count ``seconds`` to ``stage``."""
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def timed(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` counting its time to ``stage``."""

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - t0)

        return wrapper

    def annotate_wrapper(self, real: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        """``annotate_batches`` splitting its time into preparing input and annotating it."""

        def counted_input(batches: Iterable[Any]) -> Iterator[Any]:
            it = iter(batches)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.add("prepare", time.perf_counter() - t0)
                    return
                self.add("prepare", time.perf_counter() - t0)
                yield item

        def wrapper(batches: Iterable[Any], workers: int = 1) -> Iterator[Any]:
            it = real(counted_input(batches), workers=workers)
            while True:
                before = self.seconds.get("prepare", 0.0)
                t0 = time.perf_counter()
                try:
                    out = next(it)
                except StopIteration:
                    spent = time.perf_counter() - t0
                    self.add("annotate", spent - (self.seconds.get("prepare", 0.0) - before))
                    return
                spent = time.perf_counter() - t0
                self.add("annotate", spent - (self.seconds.get("prepare", 0.0) - before))
                yield out

        return wrapper


def run_pipeline(args: argparse.Namespace) -> None:
    """Ingest growing segments of generated articles into one store; one JSON line per size."""
    from newsevents.nlp.model import load_nlp

    sizes = sorted(args.sizes)
    texts = list(articles(sizes[-1]))
    timers = Timers()
    pipeline_module.annotate_batches = timers.annotate_wrapper(pipeline_module.annotate_batches)
    StoreWriter.save_annotations = timers.timed("merge", StoreWriter.save_annotations)  # type: ignore[method-assign]
    writer_module.rebuild_control = timers.timed("control", writer_module.rebuild_control)
    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "scale.db")
        done = 0
        for size in sizes:
            segment = range(done, size)
            src = Path(tmp) / f"seg{size}.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for i in segment:
                    day = published_on(i, args.per_day).isoformat()
                    fh.write(json.dumps({"text": texts[i], "published": day}) + "\n")
            t0 = time.perf_counter()
            for _ in nlp.pipe((texts[i] for i in segment), batch_size=32):
                pass
            spacy_s = time.perf_counter() - t0
            timers.seconds.clear()
            t0 = time.perf_counter()
            summary = pipeline_module.ingest_paths([str(src)], db)
            wall = time.perf_counter() - t0
            n = len(segment)
            stages = dict(timers.seconds)
            store_s = wall - stages.get("prepare", 0.0) - stages.get("annotate", 0.0)
            print(
                json.dumps(
                    {
                        "mode": "pipeline",
                        "stored": size,
                        "segment": n,
                        "per_day": args.per_day,
                        "spacy_articles_per_s": round(n / spacy_s, 1),
                        "ingest_articles_per_s": round(n / wall, 1),
                        "ms_per_article": {
                            "spacy_pass": round(1000 * spacy_s / n, 2),
                            "ingest": round(1000 * wall / n, 2),
                            "prepare": round(1000 * stages.get("prepare", 0.0) / n, 2),
                            "annotate": round(1000 * stages.get("annotate", 0.0) / n, 2),
                            "store": round(1000 * store_s / n, 2),
                            "store_merge": round(1000 * stages.get("merge", 0.0) / n, 2),
                            "store_control": round(1000 * stages.get("control", 0.0) / n, 2),
                        },
                        "annotated": summary.annotated,
                        "peak_rss_mb": round(peak_rss_mb(), 1),
                        "load": load(),
                    }
                ),
                flush=True,
            )
            done = size


def shifted_place(place: Place | None, region: int) -> Place | None:
    """The place moved to one of the shifted regions (region 0 is the place itself)."""
    if place is None or region == 0:
        return place
    lat = None if place.lat is None else max(-80.0, min(80.0, place.lat + 3.0 * (region % 7) - 9.0))
    lon = None if place.lon is None else (place.lon + 3.0 * (region // 7) + 180.0) % 360.0 - 180.0

    def tag(name: str | None) -> str | None:
        return f"{name} {region}" if name else name

    return replace(
        place, lat=lat, lon=lon, name=f"{place.name} {region}", admin1=tag(place.admin1),
        admin2=tag(place.admin2),
        geonameid=None if place.geonameid is None else place.geonameid + region * 100_000_000,
    )  # fmt: skip


def copy_annotations(
    article: Article, ann: Annotations, new_id: str, days: int, region: int
) -> tuple[Article, Annotations]:
    """The article and its annotations under a new id, ``days`` later, in another region."""
    shift = timedelta(days=days)

    def moved(d: date | None) -> date | None:
        return d + shift if d is not None else None

    def event(e: Event) -> Event:
        return replace(
            e, article_id=new_id, date=moved(e.date), end_date=moved(e.end_date),
            place=shifted_place(e.place, region),
            evidence=[replace(v, article_id=new_id) for v in e.evidence],
        )  # fmt: skip

    new_article = replace(article, id=new_id, published=moved(article.published))
    new_ann = replace(
        ann,
        article_id=new_id,
        places=[p for p in (shifted_place(p, region) for p in ann.places) if p is not None],
        times=[replace(t, date=moved(t.date), end_date=moved(t.end_date)) for t in ann.times],
        events=[event(e) for e in ann.events],
    )
    return new_article, new_ann


def run_store_only(args: argparse.Namespace) -> None:
    """Store varied copies of a pool of annotated articles; one JSON line per size."""
    from newsevents.clean import clean_document
    from newsevents.models import RawDoc
    from newsevents.nlp.annotate import annotate_texts

    pool_articles: list[Article] = []
    for i, text in enumerate(articles(args.pool)):
        cleaned = clean_document(RawDoc(text=text, path="bench", record=str(i), published=FIRST_DAY))
        assert isinstance(cleaned, Article), cleaned
        pool_articles.append(cleaned)
    t0 = time.perf_counter()
    pool = list(annotate_texts([(a.id, a.text, a.published) for a in pool_articles]))
    annotate_s = time.perf_counter() - t0
    print(
        json.dumps(
            {"mode": "store-only", "pool": args.pool, "annotate_pool_s": round(annotate_s, 1),
             "events_per_article": round(sum(len(a.events) for a in pool) / args.pool, 2),
             "load": load()}
        ),
        flush=True,
    )  # fmt: skip
    sizes = sorted(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(str(Path(tmp) / "store.db"))
        writer = StoreWriter(conn)
        window: list[tuple[float, float]] = []  # (wall, cpu) seconds per article
        k = 0
        for size in sizes:
            while k < size:
                stop = min(size, k + BATCH)
                t0, c0 = time.perf_counter(), time.process_time()
                with writer.batch():
                    for j in range(k, stop):
                        src = pool_articles[j % args.pool]
                        days = j // args.per_day if args.per_day > 0 else 0
                        region = (j // args.pool) % args.regions
                        art, ann = copy_annotations(src, pool[j % args.pool], f"s{j:08d}", days, region)
                        writer.add_article(art, None, None)
                        writer.save_annotations(art, ann)
                n = stop - k
                per = ((time.perf_counter() - t0) / n, (time.process_time() - c0) / n)
                window.extend([per] * n)
                window = window[-args.window :]
                k = stop
            events = conn.execute("SELECT count(*), max(n_sources) FROM events").fetchone()
            print(
                json.dumps(
                    {
                        "mode": "store-only",
                        "stored": size,
                        "per_day": args.per_day,
                        "ms_per_article_last_window": round(
                            1000 * sum(w for w, _ in window) / len(window), 2
                        ),
                        "cpu_ms_per_article_last_window": round(
                            1000 * sum(c for _, c in window) / len(window), 2
                        ),
                        "window": len(window),
                        "events": events[0],
                        "max_sources": events[1],
                        "peak_rss_mb": round(peak_rss_mb(), 1),
                        "load": load(),
                    }
                ),
                flush=True,
            )
        conn.close()


def main() -> None:
    """Parse the options and run one mode."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
        help="store sizes to report at (default 1000,4000,16000; store-only 1000,10000,50000)",
    )  # fmt: skip
    parser.add_argument(
        "--per-day", type=int, default=50,
        help="articles published per day (0: all on one day, as bench_ingest.py)",
    )  # fmt: skip
    parser.add_argument("--store-only", action="store_true", help="time the store stage alone")
    parser.add_argument("--pool", type=int, default=200, help="store-only: articles annotated")
    parser.add_argument("--regions", type=int, default=20, help="store-only: place variants")
    parser.add_argument("--window", type=int, default=1000, help="store-only: articles averaged")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.store_only:
        args.sizes = args.sizes or [1000, 10000, 50000]
        run_store_only(args)
    else:
        args.sizes = args.sizes or [1000, 4000, 16000]
        run_pipeline(args)


if __name__ == "__main__":
    main()
