"""The hostile corpus end to end: every kind of bad input at full size, valid articles mixed in,
ingested by the command line in a separate process; reports crashes, hangs and lost articles.

The corpus comes from ``tests/hostile/generators.py`` (full sizes) plus ``--valid`` valid
articles spread over JSONL, CSV, text and HTML files. Without ``--model`` the annotate stage is
replaced by a model-free one that refuses what spaCy refuses (texts over 1,000,000 characters),
so the run measures reading, cleaning and storing in minutes; ``--model`` uses spaCy.

Example: python benchmarks/hostile.py --valid 820 --out /tmp/hostile
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

from hostile.checks import input_files, outcome  # noqa: E402
from hostile.generators import GENERATORS, Expected, valid_mix  # noqa: E402

# The ingest as a user runs it, optionally with the model-free annotator patched in.
RUNNER = """
import sys
if sys.argv[1] == "fake":
    from robust_fixtures import fake_annotate_batches
    from newsevents import pipeline
    pipeline.annotate_batches = fake_annotate_batches
from newsevents.cli import app
sys.argv = ["newsevents", "ingest", *sys.argv[2:]]
app()
"""


def build(out: Path, valid: int, seed: int) -> tuple[Expected, dict[str, int]]:
    """Write the corpus under ``out``; what must come out, and the hostile files per kind."""
    rng = random.Random(seed)
    expected = Expected()
    per_kind: dict[str, int] = {}
    for kind, generate in GENERATORS.items():
        folder = out / kind
        folder.mkdir(parents=True)
        part = generate(folder, rng, True)
        part.rejects = {f"{kind}/{name}": reason for name, reason in part.rejects.items()}
        expected.add(part)
        per_kind[kind] = len(input_files(folder))
    folder = out / "valid"
    folder.mkdir()
    expected.add(valid_mix(folder, rng, valid))
    return expected, per_kind


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, help="folder for the corpus and the store (default: temporary)")
    parser.add_argument("--valid", type=int, default=820, help="valid articles mixed in")
    parser.add_argument("--model", action="store_true", help="annotate with the spaCy model")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before the run counts as hung")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="hostile-"))
    corpus, db = out / "corpus", str(out / "store.db")
    started = time.perf_counter()
    expected, per_kind = build(corpus, args.valid, args.seed)
    built = time.perf_counter() - started
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    cmd = [sys.executable, "-c", RUNNER, "model" if args.model else "fake", str(corpus), "--db", db, "-q"]
    started = time.perf_counter()
    hung = False
    with open(out / "stderr.log", "wb") as log:
        try:
            code = subprocess.run(cmd, env=env, stderr=log, stdout=log, timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            hung, code = True, -1
    seconds = time.perf_counter() - started
    stderr = (out / "stderr.log").read_text(errors="replace")
    problems = outcome(db, corpus, expected)
    files = input_files(corpus)
    report = {
        "input_files": len(files),
        "files_per_kind": per_kind,  # hostile files, plus the few valid ones mixed into them
        "hostile_files_with_expected_reject": len(expected.rejects),
        "valid_articles": len(expected.valid),
        "crashed": code != 0 or "Traceback" in stderr,
        "exit_code": code,
        "hung": hung,
        "lost_valid_articles": len(problems["lost"]),
        "wrong_or_missing_rejects": len(problems["wrong_reject"]),
        "files_neither_stored_nor_rejected": len(problems["unaccounted"]),
        "summary_line": next((ln for ln in stderr.splitlines() if "documents read" in ln), ""),
        "build_seconds": round(built, 1),
        "ingest_seconds": round(seconds, 1),
        "annotator": "spaCy" if args.model else "model-free",
    }
    print(json.dumps(report, indent=2))
    for kind, items in problems.items():
        for item in items[:10]:
            print(f"{kind}: {item}", file=sys.stderr)


if __name__ == "__main__":
    main()
