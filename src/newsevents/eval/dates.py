"""The `dates` scorer: TempEval-3 style detection and TIMEX3 normalisation scores.

A predicted expression matches a gold one when their character spans overlap (relaxed) or are
identical (strict); matching is one-to-one, each gold taking the unmatched prediction it overlaps
most. ``value_f1`` counts a match only when the normalised values agree (after padding week
numbers, ``2000-W7`` = ``2000-W07``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.eval.io import PredictionWriter, read_jsonl
from newsevents.nlp.annotate import annotate_texts

log = logging.getLogger(__name__)

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Timex:
    """A span with its TIMEX3 type and value, gold or predicted."""

    start: int
    end: int
    type: str
    value: str


def canonical_value(value: str | None) -> str:
    """A value in a comparable form: upper case, week numbers padded to two digits."""
    v = (value or "").strip().upper()
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)


def match(golds: Sequence[Timex], preds: Sequence[Timex], strict: bool = False) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs: overlap (or identical spans if strict)."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(golds):
        best, best_overlap = -1, 0
        for pi, p in enumerate(preds):
            if pi in used:
                continue
            if strict:
                overlap = g.end - g.start if (p.start, p.end) == (g.start, g.end) else 0
            else:
                overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > best_overlap:
                best, best_overlap = pi, overlap
        if best >= 0:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(golds: Sequence[Sequence[Timex]], preds: Sequence[Sequence[Timex]]) -> dict[str, Any]:
    """Scores over documents (``golds[i]`` and ``preds[i]`` belong to the same document)."""
    if len(golds) != len(preds):
        raise ValueError(
            f"score() needs one prediction list per gold document: {len(golds)} gold vs {len(preds)}"
        )
    n_gold = sum(len(g) for g in golds)
    n_pred = sum(len(p) for p in preds)
    matched = strict = same_value = same_type = 0
    per_type: dict[str, dict[str, int]] = {
        t: {"gold": 0, "pred": 0, "gold_hit": 0, "pred_hit": 0, "gold_val": 0, "pred_val": 0} for t in TYPES
    }
    for g_doc, p_doc in zip(golds, preds, strict=True):
        strict += len(match(g_doc, p_doc, strict=True))
        pairs = match(g_doc, p_doc)
        matched += len(pairs)
        for g in g_doc:
            if g.type in per_type:
                per_type[g.type]["gold"] += 1
        for p in p_doc:
            if p.type in per_type:
                per_type[p.type]["pred"] += 1
        for gi, pi in pairs:
            g, p = g_doc[gi], p_doc[pi]
            ok = canonical_value(g.value) == canonical_value(p.value)
            same_value += ok
            same_type += g.type == p.type
            if g.type in per_type:
                per_type[g.type]["gold_hit"] += 1
                per_type[g.type]["gold_val"] += ok
            if p.type in per_type:
                per_type[p.type]["pred_hit"] += 1
                per_type[p.type]["pred_val"] += ok
    sp, sr, sf = _prf(matched, n_pred, matched, n_gold)
    xp, xr, xf = _prf(strict, n_pred, strict, n_gold)
    vp, vr, vf = _prf(same_value, n_pred, same_value, n_gold)
    out: dict[str, Any] = {
        "span_precision": sp, "span_recall": sr, "span_f1": sf,
        "strict_span_precision": xp, "strict_span_recall": xr, "strict_span_f1": xf,
        "value_precision": vp, "value_recall": vr, "value_f1": vf,
        "value_accuracy": same_value / matched if matched else 0.0,
        "type_accuracy": same_type / matched if matched else 0.0,
    }  # fmt: skip
    for t, c in per_type.items():
        out[f"{t}_span_f1"] = _prf(c["pred_hit"], c["pred"], c["gold_hit"], c["gold"])[2]
        out[f"{t}_value_f1"] = _prf(c["pred_val"], c["pred"], c["gold_val"], c["gold"])[2]
        out[f"{t}_n_gold"] = c["gold"]
    out["n_gold"] = n_gold
    out["n_predicted"] = n_pred
    out["n"] = len(golds)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def _gold_timexes(item: dict[str, Any]) -> list[Timex]:
    out = []
    for t in item.get("timexes") or []:
        try:
            out.append(
                Timex(int(t["start"]), int(t["end"]), str(t.get("type") or ""), str(t.get("value") or ""))
            )
        except (KeyError, TypeError, ValueError):
            log.warning("item %s: timex without usable start/end skipped: %r", item.get("id"), t)
    return out


def _dct(item: dict[str, Any]) -> date | None:
    raw = item.get("dct") or item.get("published")
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw)[:10])
    except ValueError:
        log.warning("item %s: unreadable dct %r; scored without a creation time", item.get("id"), raw)
        return None


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Run the annotate stage over a `dates` file and score its time expressions."""
    items = [it for it in read_jsonl(path, limit) if isinstance(it.get("text"), str)]
    golds = [_gold_timexes(it) for it in items]
    stream = ((str(it.get("id", i)), it["text"], _dct(it)) for i, it in enumerate(items))
    preds: list[list[Timex]] = []
    with PredictionWriter(predictions) as writer:
        for item, ann in zip(items, annotate_texts(stream), strict=True):
            doc_preds = [Timex(t.start, t.end, t.type, t.value) for t in ann.times]
            preds.append(doc_preds)
            writer.write(
                item.get("id"),
                item.get("timexes"),
                [
                    {
                        "start": t.start,
                        "end": t.end,
                        "text": t.text,
                        "type": t.type,
                        "value": t.value,
                        "precision": t.precision,
                        "date": t.date,
                        "end_date": t.end_date,
                    }
                    for t in ann.times
                ],
                dct=item.get("dct"),
            )
    return score(golds, preds)
