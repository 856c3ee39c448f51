"""Ingest throughput and peak memory next to a bare spaCy pass over the same texts.

Run: .venv/bin/python benchmarks/bench_ingest.py [--n 1000] [--workers 1]

Peak memory is the process's own (the main process; with --workers the pool's processes each
hold their own model and gazetteer on top).
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import articles

from newsevents.nlp.model import load_nlp
from newsevents.pipeline import ingest_paths


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run the baseline and the pipeline, print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="articles to generate")
    parser.add_argument("--workers", type=int, default=1, help="annotate processes for the ingest run")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    texts = list(articles(args.n))
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for t in texts:
                fh.write(json.dumps({"text": t}) + "\n")
        nlp = load_nlp()
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        spacy_s = time.perf_counter() - t0
        spacy_peak = peak_rss_mb()
        t0 = time.perf_counter()
        summary = ingest_paths(
            [str(src)], str(Path(tmp) / "bench.db"), published=date(2024, 5, 6), workers=args.workers
        )
        ingest_s = time.perf_counter() - t0
        ingest_peak = peak_rss_mb()
    print(
        json.dumps(
            {
                "articles": args.n,
                "workers": args.workers,
                "words": words,
                "spacy_articles_per_s": round(args.n / spacy_s, 1),
                "ingest_articles_per_s": round(args.n / ingest_s, 1),
                "ingest_vs_spacy": round(spacy_s / ingest_s, 3),
                "peak_rss_mb_after_spacy": round(spacy_peak, 1),
                "peak_rss_mb_after_ingest": round(ingest_peak, 1),
                "events_touched": summary.events_touched,
                "annotated": summary.annotated,
            }
        )
    )


if __name__ == "__main__":
    main()
