"""Scorer for story grouping: ``newsevents eval clusters PATH``.

Texts go through the real path (clean, then exact/near-duplicate detection, then story
grouping of the canonical articles); duplicates take their canonical's story.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.clean import clean_document
from newsevents.dedup import Deduplicator, cluster_stories
from newsevents.eval.io import PredictionWriter, read_jsonl
from newsevents.models import Article, RawDoc

log = logging.getLogger(__name__)


def _pairs(n: np.ndarray) -> float:
    """Sum of n choose 2 over an array of counts."""
    return float((n * (n - 1) / 2).sum())


def adjusted_rand_index(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labelings of the same items."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but pred has {len(pred)}")
    n = len(gold)
    if n < 2:
        return 1.0
    g_ids = {g: i for i, g in enumerate(dict.fromkeys(gold))}
    p_ids = {p: i for i, p in enumerate(dict.fromkeys(pred))}
    table = np.zeros((len(g_ids), len(p_ids)))
    for g, p in zip(gold, pred, strict=True):
        table[g_ids[g], p_ids[p]] += 1
    index = _pairs(table)
    a, b = _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    expected = a * b / (n * (n - 1) / 2)
    maximum = (a + b) / 2
    if maximum == expected:  # both labelings trivial (all one group or all singletons)
        return 1.0 if index == maximum else 0.0
    return (index - expected) / (maximum - expected)


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin), averaged over items."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but pred has {len(pred)}")
    n = len(gold)
    if n == 0:
        return 0.0, 0.0, 0.0
    both = Counter(zip(gold, pred, strict=True))
    g_size, p_size = Counter(gold), Counter(pred)
    prec = sum(both[(g, p)] / p_size[p] for g, p in zip(gold, pred, strict=True)) / n
    rec = sum(both[(g, p)] / g_size[g] for g, p in zip(gold, pred, strict=True)) / n
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def score(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, Any]:
    """All clustering metrics for one labeling against gold."""
    prec, rec, f1 = bcubed(gold, pred)
    out: dict[str, Any] = {
        "ari": adjusted_rand_index(gold, pred) if gold else 0.0,
        "bcubed_precision": prec,
        "bcubed_recall": rec,
        "bcubed_f1": f1,
        "n_clusters_predicted": len(set(pred)),
        "n_clusters_gold": len(set(gold)),
        "n": len(gold),
    }
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def group_texts(texts: list[str], source: str = "") -> list[int]:
    """Story labels for texts as ingest would group them: clean, dedup, then cluster."""
    dedup = Deduplicator()
    canon_of: list[int] = []  # index of the canonical text for each text
    first_index: dict[str, int] = {}
    canon_texts: list[str] = []
    canon_slot: dict[int, int] = {}
    for i, text in enumerate(texts):
        art = clean_document(RawDoc(path=source, record=f"item {i + 1}", text=text))
        if not isinstance(art, Article):
            art = Article(id=f"raw-{i}", text=text)  # nothing to clean: still group it
        dup = dedup.check_and_add(art)
        if dup is None or dup not in first_index:
            first_index.setdefault(art.id, i)
            canon_slot[i] = len(canon_texts)
            canon_texts.append(art.text)
            canon_of.append(i)
        else:
            canon_of.append(first_index[dup])
    labels = cluster_stories(canon_texts)
    return [labels[canon_slot[c]] for c in canon_of]


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Group the file's texts into stories and score against the gold clusters."""
    items = list(read_jsonl(path, limit))
    gold = [str(it.get("cluster")) for it in items]
    pred = group_texts([str(it.get("text") or "") for it in items], str(path))
    with PredictionWriter(predictions) as writer:
        for it, g, p in zip(items, gold, pred, strict=True):
            writer.write(it.get("id"), g, p)
    return score(gold, pred)
