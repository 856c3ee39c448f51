"""Scoring quote attribution (source / cue / content spans) against gold annotations.

A predicted content span matches a gold one when their overlap covers at least half of the
shorter span's characters (gold ``fragments`` count as the gold characters when present).
Golds and predictions are paired one to one, largest overlap ratio first. The ``direct_*``
metrics apply the same scoring after keeping, on both sides, only spans whose text starts
with an opening and ends with a closing quotation mark (see ``is_direct``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.eval.io import PredictionWriter, read_jsonl

log = logging.getLogger(__name__)

QUOTE_CHARS = "\"'“”‘’«»„‟‹›"
MIN_OVERLAP = 0.5  # fixed by the evaluation format: half the shorter span's characters

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution reduced to what the scorer needs."""

    content: Spans
    content_text: str
    source: Spans | None


@dataclass(frozen=True, slots=True)
class PredAttribution:
    """One predicted quote reduced to what the scorer needs."""

    start: int
    end: int
    text: str
    speaker: tuple[int, int] | None


def is_direct(text: str) -> bool:
    """A content is direct when it starts with an opening and ends with a closing quote mark."""
    s = text.strip()
    return len(s) >= 2 and s[0] in QUOTE_CHARS and s[-1] in QUOTE_CHARS


def _spans_of(obj: dict[str, Any] | None) -> Spans | None:
    """The character spans of a gold ``{start, end, text, fragments?}`` object."""
    if not obj:
        return None
    frags = obj.get("fragments")
    if frags:
        return tuple((int(a), int(b)) for a, b in frags if int(b) > int(a))
    start, end = obj.get("start"), obj.get("end")
    if start is None or end is None or int(end) <= int(start):
        return None
    return ((int(start), int(end)),)


def gold_from_item(item: dict[str, Any]) -> list[GoldAttribution]:
    """Gold attributions of one evaluation item (those without content are skipped)."""
    out: list[GoldAttribution] = []
    for att in item.get("attributions") or []:
        content = _spans_of(att.get("content"))
        if content is None:
            continue
        out.append(
            GoldAttribution(
                content=content,
                content_text=str((att.get("content") or {}).get("text") or ""),
                source=_spans_of(att.get("source")),
            )
        )
    return out


def _overlap(start: int, end: int, spans: Spans) -> int:
    """Characters of ``[start, end)`` inside any of ``spans``."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def _length(spans: Spans) -> int:
    return sum(b - a for a, b in spans)


def content_match(pred: PredAttribution, gold: GoldAttribution) -> float:
    """Overlap as a fraction of the shorter span; 0 when below the matching threshold."""
    shorter = min(pred.end - pred.start, _length(gold.content))
    if shorter <= 0:
        return 0.0
    ratio = _overlap(pred.start, pred.end, gold.content) / shorter
    return ratio if ratio >= MIN_OVERLAP else 0.0


def speaker_match(pred: PredAttribution, gold: GoldAttribution) -> bool:
    """The predicted speaker span overlaps the gold source by at least one character."""
    if pred.speaker is None or gold.source is None:
        return False
    return _overlap(pred.speaker[0], pred.speaker[1], gold.source) > 0


def align(golds: Sequence[GoldAttribution], preds: Sequence[PredAttribution]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs, largest overlap ratio first."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            r = content_match(p, g)
            if r > 0:
                cands.append((r, gi, pi))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


@dataclass(slots=True)
class Counts:
    """Counts summed over documents."""

    n_gold: int = 0
    n_pred: int = 0
    matched: int = 0
    src_total: int = 0  # matched pairs whose gold has a source
    src_right: int = 0
    e2e_gold: int = 0  # golds with a source
    e2e_pred: int = 0  # predictions not matched to a source-less gold

    def add(self, golds: Sequence[GoldAttribution], preds: Sequence[PredAttribution]) -> None:
        """Add one document's counts."""
        pairs = align(golds, preds)
        self.n_gold += len(golds)
        self.n_pred += len(preds)
        self.matched += len(pairs)
        self.e2e_gold += sum(1 for g in golds if g.source is not None)
        to_sourceless = sum(1 for gi, _ in pairs if golds[gi].source is None)
        self.e2e_pred += len(preds) - to_sourceless
        for gi, pi in pairs:
            if golds[gi].source is None:
                continue
            self.src_total += 1
            if speaker_match(preds[pi], golds[gi]):
                self.src_right += 1


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _metrics(c: Counts, prefix: str) -> dict[str, float]:
    p, r = _div(c.matched, c.n_pred), _div(c.matched, c.n_gold)
    return {
        f"{prefix}content_precision": round(p, 4),
        f"{prefix}content_recall": round(r, 4),
        f"{prefix}content_f1": round(_f1(p, r), 4),
        f"{prefix}source_accuracy": round(_div(c.src_right, c.src_total), 4),
        f"{prefix}end_to_end_f1": round(_div(2 * c.src_right, c.e2e_gold + c.e2e_pred), 4),
    }


def score(
    golds: Sequence[Sequence[GoldAttribution]], preds: Sequence[Sequence[PredAttribution]]
) -> dict[str, Any]:
    """All quote metrics for parallel lists of per-document gold and predicted attributions."""
    if len(golds) != len(preds):
        raise ValueError(
            f"score() needs one prediction list per document: {len(golds)} gold, {len(preds)} predicted"
        )
    every, direct = Counts(), Counts()
    for g, p in zip(golds, preds, strict=True):
        every.add(g, p)
        direct.add([x for x in g if is_direct(x.content_text)], [x for x in p if is_direct(x.text)])
    out: dict[str, Any] = {"n": len(golds), "n_gold": every.n_gold, "n_predicted": every.n_pred}
    out.update(_metrics(every, ""))
    out.update(_metrics(direct, "direct_"))
    out["n_gold_direct"] = direct.n_gold
    return out


def _pred_of(q: Any, text: str) -> PredAttribution:
    """A pipeline ``Quote`` reduced for scoring."""
    speaker = None
    if q.speaker_start is not None and q.speaker_end is not None and q.speaker_end > q.speaker_start:
        speaker = (int(q.speaker_start), int(q.speaker_end))
    return PredAttribution(int(q.start), int(q.end), text[q.start : q.end], speaker)


def _quote_json(q: Any) -> dict[str, Any]:
    return {
        "start": q.start,
        "end": q.end,
        "content": q.content,
        "kind": q.kind,
        "speaker": q.speaker,
        "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
        "speaker_name": q.speaker_name,
        "speaker_kind": q.speaker_kind,
        "cue": q.cue,
    }


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Run the annotate stage on each item's text and score its quotes against the gold."""
    from newsevents.nlp.annotate import annotate_texts

    items = [it for it in read_jsonl(path, limit) if isinstance(it.get("text"), str)]
    golds = [gold_from_item(it) for it in items]
    preds: list[list[PredAttribution]] = []
    stream = ((str(it.get("id", i)), it["text"], None) for i, it in enumerate(items))
    with PredictionWriter(predictions) as writer:
        for it, ann in zip(items, annotate_texts(stream), strict=True):
            text = it["text"]
            preds.append([_pred_of(q, text) for q in ann.quotes])
            writer.write(it.get("id"), it.get("attributions"), [_quote_json(q) for q in ann.quotes])
    log.info("scored %d items from %s", len(items), path)
    return score(golds, preds)
