"""Benchmark the geoparsing step (extract_places over parsed Docs) against the bare spaCy pass.

Usage: python benchmarks/bench_geo.py [PATH.jsonl] [--limit N] [--repeat R]

PATH defaults to ../shared/eval/dev/geo_lgl.jsonl; any JSONL with a ``text`` field works.
Prints one JSON object: gazetteer load seconds, spaCy articles/s, geoparsing articles/s
(one core, excluding the spaCy pass), and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from newsevents.eval.io import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "eval" / "dev" / "geo_lgl.jsonl"


def main() -> None:
    """Parse the texts once, then time extract_places over the parsed Docs."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="geoparsing passes; the best counts")
    args = ap.parse_args()

    texts = [str(it.get("text") or "") for it in read_jsonl(args.path, limit=args.limit)]
    if not texts:
        raise SystemExit(f"no texts in {args.path}")

    from newsevents.resolve.gazetteer import get_gazetteer, load_index

    load_index()  # build the cache first if needed, so the next line times a warm load
    t0 = time.perf_counter()
    get_gazetteer()
    load_s = time.perf_counter() - t0

    from newsevents.nlp.model import load_nlp
    from newsevents.nlp.places import extract_places

    nlp = load_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - t0

    best = float("inf")
    n_places = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_places = sum(len(extract_places(doc, [])) for doc in docs)
        best = min(best, time.perf_counter() - t0)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    print(
        json.dumps(
            {
                "articles": len(docs),
                "chars_per_article": round(sum(map(len, texts)) / len(texts)),
                "gazetteer_load_s": round(load_s, 3),
                "spacy_articles_per_s": round(len(docs) / spacy_s, 1),
                "geoparse_articles_per_s": round(len(docs) / best, 1),
                "places": n_places,
                "peak_rss_mb": round(peak_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
