"""Cross-validated halves and error buckets of a geoparsing run, from its predictions file.

Usage:
    newsevents eval geo ../shared/eval/dev/geo_lgl.jsonl --predictions /tmp/lgl.jsonl
    .venv/bin/python scripts/geo_errors.py /tmp/lgl.jsonl [--list far|missed|extra]

Prints one JSON object: the metrics of the whole set and of each half (documents split by a
hash of their id, so a rule tuned on one half can be checked on the other), and how the gold
toponyms placed more than 161 km off or not found divide into buckets:

* ``same_entry_far``: our entry is the gold's (same GeoNames id) but its point is elsewhere;
* ``near_miss``: another entry, within 600 km (usually an area for its town, or the reverse);
* ``wrong_entry``: another entry farther away (a namesake);
* ``missed``: no predicted span overlaps the gold span; ``extra``: predictions no gold overlaps.

With ``--list`` it prints one line per error of that bucket instead (gold vs ours).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.eval.geo import ACC_KM, Span, error_km, match_spans, score

NEAR_KM = 600.0  # below this a wrong entry is usually the area of a town or the town of an area


def half(item_id: str) -> int:
    """The half a document belongs to: 0 or 1 from a hash of its id."""
    return int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 2


def _spans(rows: list[dict[str, Any]]) -> list[Span]:
    return [Span(int(r["start"]), int(r["end"]), r.get("lat"), r.get("lon")) for r in rows]


def analyse(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Metrics (whole, per half) and one record per error."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    golds = [_spans(it["gold"] or []) for it in items]
    preds = [_spans(it["predicted"] or []) for it in items]
    report: dict[str, Any] = {"all": score(golds, preds)}
    for h in (0, 1):
        keep = [k for k, it in enumerate(items) if half(str(it["id"])) == h]
        report[f"half_{h}"] = score([golds[k] for k in keep], [preds[k] for k in keep])
    errors: list[dict[str, Any]] = []
    for it, gold, pred in zip(items, golds, preds, strict=True):
        pairs = match_spans(gold, pred)
        for gi, g in enumerate(gold):
            gt = it["gold"][gi]
            if gi not in pairs:
                errors.append({"bucket": "missed", "id": it["id"], "gold": gt["name"]})
                continue
            p = it["predicted"][pairs[gi]]
            err = error_km(g, pred[pairs[gi]])
            if err is None or err <= ACC_KM:
                continue
            if gt.get("geonameid") and gt["geonameid"] == p.get("geonameid"):
                bucket = "same_entry_far"
            else:
                bucket = "near_miss" if err <= NEAR_KM else "wrong_entry"
            errors.append(
                {
                    "bucket": bucket,
                    "id": it["id"],
                    "gold": gt["name"],
                    "gold_geonameid": gt.get("geonameid"),
                    "ours": p.get("name"),
                    "ours_geonameid": p.get("geonameid"),
                    "feature": p.get("feature"),
                    "km": round(err),
                }
            )
        for pi in set(range(len(pred))) - set(pairs.values()):
            p = it["predicted"][pi]
            errors.append(
                {"bucket": "extra", "id": it["id"], "ours": p.get("text"), "feature": p.get("feature")}
            )
    report["buckets"] = dict(Counter(e["bucket"] for e in errors).most_common())
    return report, errors


def main(argv: list[str] | None = None) -> int:
    """Print the report (or the errors of one bucket) for a predictions file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("predictions", type=Path, help="file written by `newsevents eval geo ... --predictions`")
    ap.add_argument("--list", choices=["far", "missed", "extra"], help="print the errors of one bucket")
    args = ap.parse_args(argv)
    report, errors = analyse(args.predictions)
    if not args.list:
        print(json.dumps(report, indent=1))
        return 0
    wanted = {"far": ("same_entry_far", "near_miss", "wrong_entry")}.get(args.list, (args.list,))
    for e in errors:
        if e["bucket"] in wanted:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
