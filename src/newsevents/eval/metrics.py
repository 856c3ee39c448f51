"""Metric helpers shared by the scorers."""

from __future__ import annotations


def macro_f1(pairs: list[tuple[str, str | None]]) -> float:
    """Macro F1 over the gold labels present; a missing prediction is a miss."""
    labels = sorted({g for g, _ in pairs})
    if not labels:
        return 0.0
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)
