"""Scorer for main-text extraction: ``newsevents eval extraction PATH``.

Each page goes through the same path a user's HTML input takes (``read`` main-text extraction,
then ``clean``). Pages with ``with``/``without`` snippets are counted as trafilatura's own
evaluation counts them; pages with ``gold_text`` get bag-of-tokens scores averaged over pages.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.clean import clean_document
from newsevents.eval.io import PredictionWriter, read_jsonl
from newsevents.models import Reject
from newsevents.read.htmlpage import page_to_rawdoc
from newsevents.read.options import ReadOptions

log = logging.getLogger(__name__)

# trafilatura's evaluation treats an output shorter than this as no output at all.
MIN_RESULT_CHARS = 10
_TOKEN = re.compile(r"\w+")


@dataclass(slots=True)
class SnippetCounts:
    """Confusion counts over snippets."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __iadd__(self, other: SnippetCounts) -> SnippetCounts:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn
        return self


def count_snippets(result: str | None, with_: list[str], without: list[str]) -> SnippetCounts:
    """Found ``with`` = TP, missing = FN; found ``without`` = FP, missing = TN."""
    if result is None or len(result) < MIN_RESULT_CHARS:
        return SnippetCounts(0, len(with_), 0, len(without))
    c = SnippetCounts()
    for s in with_:
        if s in result:
            c.tp += 1
        else:
            c.fn += 1
    for s in without:
        if s in result:
            c.fp += 1
        else:
            c.tn += 1
    return c


def _ratio(num: float, den: float) -> float:
    """num / den, 0 when den is 0."""
    return num / den if den else 0.0


def snippet_scores(c: SnippetCounts) -> dict[str, float]:
    """Precision, recall, F1 and accuracy from snippet counts."""
    return {
        "precision": _ratio(c.tp, c.tp + c.fp),
        "recall": _ratio(c.tp, c.tp + c.fn),
        "f1": _ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
        "accuracy": _ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
    }


def tokens(text: str) -> Counter[str]:
    """Bag of lower-cased word tokens."""
    return Counter(t.lower() for t in _TOKEN.findall(text))


def token_scores(gold: str, predicted: str | None) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of one page."""
    g, p = tokens(gold), tokens(predicted or "")
    common = sum((g & p).values())
    prec = _ratio(common, sum(p.values()))
    rec = _ratio(common, sum(g.values()))
    return prec, rec, _ratio(2 * prec * rec, prec + rec)


def extract_text(html: str, url: str | None = None, item_id: str = "") -> str | None:
    """The article text a user would get for this page (read then clean), or None."""
    raw = page_to_rawdoc(html, item_id, "", ReadOptions(), url=url)
    art = clean_document(raw)
    if isinstance(art, Reject):
        return None
    return art.text


def score(golds: list[dict[str, Any]], preds: list[str | None]) -> dict[str, Any]:
    """All metrics from gold items (``with``/``without`` or ``gold_text``) and extracted texts."""
    counts = SnippetCounts()
    n_snip = 0
    tok: list[tuple[float, float, float]] = []
    for gold, pred in zip(golds, preds, strict=True):
        if gold.get("gold_text") is not None:
            tok.append(token_scores(gold["gold_text"], pred))
        if gold.get("with") is not None or gold.get("without") is not None:
            n_snip += 1
            counts += count_snippets(pred, gold.get("with") or [], gold.get("without") or [])
    out: dict[str, Any] = {"n": len(golds)}
    token_metrics = {}
    if tok:
        token_metrics = {
            "precision": sum(t[0] for t in tok) / len(tok),
            "recall": sum(t[1] for t in tok) / len(tok),
            "f1": sum(t[2] for t in tok) / len(tok),
        }
    if n_snip:
        out.update(snippet_scores(counts))
        out.update(tp=counts.tp, fn=counts.fn, fp=counts.fp, tn=counts.tn, n_snippet_pages=n_snip)
        # both kinds in one file: the token scores keep their own names
        out.update({f"token_{k}": v for k, v in token_metrics.items()})
    else:
        out.update(token_metrics)
    out["n_gold_text_pages"] = len(tok)
    out["n_empty"] = sum(1 for p in preds if not p)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Extract every page of the file and score it."""
    golds: list[dict[str, Any]] = []
    preds: list[str | None] = []
    with PredictionWriter(predictions) as writer:
        for item in read_jsonl(path, limit):
            html = item.get("html") or ""
            text = extract_text(html, item.get("url"), str(item.get("id", ""))) if html else None
            gold = {k: item.get(k) for k in ("with", "without", "gold_text")}
            golds.append(gold)
            preds.append(text)
            found = {
                "with_missing": [s for s in gold["with"] or [] if not text or s not in text],
                "without_found": [s for s in gold["without"] or [] if text and s in text],
            }
            writer.write(item.get("id"), gold, text, **found)
    return score(golds, preds)
