"""Scoring named entities against CoNLL-2003-style column files (token ... IOB tag).

Each document (``-DOCSTART-`` line) is detokenised by joining its tokens with single spaces
(sentences with a newline), run through the annotate stage, and our entities are mapped to
CoNLL types (``KIND_TO_CONLL``) and snapped to the tokens they cover. Entity-level scoring is
exact: a prediction counts only when its first token, last token and type equal a gold entity's.
Entities whose text has no capital letter ("the police", "the government") are common-noun
mentions, which CoNLL does not annotate, so they are not scored.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.eval.io import PredictionWriter, open_text
from newsevents.models import Entity, EntityKind

log = logging.getLogger(__name__)

TYPES = ("PER", "ORG", "LOC", "MISC")
KIND_TO_CONLL: dict[EntityKind, str] = {
    "person": "PER",
    "organisation": "ORG",
    "armed_group": "ORG",
    "government": "ORG",
    "news_agency": "ORG",
    "place": "LOC",
    "nationality": "MISC",
    "other": "MISC",
}
DOCSTART = "-DOCSTART-"
# A file without -DOCSTART- lines is cut into documents of about this many tokens at sentence
# ends, so no text exceeds what the model reads at once (CoNLL articles average ~250 tokens).
MAX_DOC_TOKENS = 5000

# (first token, end token exclusive, type)
Chunk = tuple[int, int, str]


@dataclass(slots=True)
class ConllDoc:
    """One document of a CoNLL file: its tokens, gold tags and sentence starts."""

    id: str
    tokens: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)


def read_conll(path: Path, limit: int | None = None) -> Iterator[ConllDoc]:
    """Yield the documents of a CoNLL column file (.gz accepted); the tag is the last column.
    Documents start at ``-DOCSTART-`` lines; over-long ones are cut at a sentence end."""
    n = 0
    doc = ConllDoc(id="1")
    new_sentence = True
    with open_text(path) as fh:
        for lineno, raw in enumerate(fh, start=1):
            cols = raw.split()
            too_long = new_sentence and cols and len(doc.tokens) >= MAX_DOC_TOKENS
            if (cols and cols[0] == DOCSTART) or too_long:
                if doc.tokens:
                    yield doc
                    n += 1
                    if limit is not None and n >= limit:
                        return
                doc = ConllDoc(id=str(n + 1))
                new_sentence = True
                if cols[0] == DOCSTART:
                    continue
            if not cols:
                new_sentence = True
                continue
            if len(cols) < 2:
                log.error("%s:line %d: expected 'token ... tag' columns; skipped", path, lineno)
                continue
            if new_sentence:
                doc.sentence_starts.append(len(doc.tokens))
                new_sentence = False
            doc.tokens.append(cols[0])
            doc.tags.append(cols[-1])
    if doc.tokens and (limit is None or n < limit):
        yield doc


def chunks_from_tags(tags: Sequence[str]) -> set[Chunk]:
    """Entity chunks of an IOB1/IOB2 tag sequence, as conlleval delimits them."""
    out: set[Chunk] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if prefix not in ("B", "I") or not typ:
            prefix, typ = "O", ""
        begins = prefix == "B" or (prefix == "I" and typ != kind)
        if start is not None and (prefix == "O" or begins):
            out.add((start, i, kind))
            start = None
        if begins or (prefix == "I" and start is None):
            start, kind = i, typ
        if prefix == "O":
            kind = ""
    return out


def detokenise(doc: ConllDoc) -> tuple[str, list[int], list[int]]:
    """The document text and each token's start and end character offsets."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    sentence_starts = set(doc.sentence_starts)
    for i, tok in enumerate(doc.tokens):
        if i > 0:
            sep = "\n" if i in sentence_starts else " "
            parts.append(sep)
            pos += 1
        starts.append(pos)
        parts.append(tok)
        pos += len(tok)
        ends.append(pos)
    return "".join(parts), starts, ends


def is_common_noun(ent: Entity, text: str) -> bool:
    """A mention CoNLL would not annotate: no capital, or a rule-found body capitalised only
    because it opens a sentence ("Police said ...")."""
    if not any(c.isupper() for c in ent.text):
        return True
    if ent.label != "RULE" or ent.kind != "government" or any(c.isupper() for c in ent.text[1:]):
        return False
    before = text[: ent.start].rstrip()
    return not before or before[-1] in ".!?\"'”’\n" or text[ent.start - 1 : ent.start] == "\n"


def to_chunks(entities: Iterable[Entity], starts: list[int], ends: list[int], text: str = "") -> set[Chunk]:
    """Our entities as CoNLL chunks over the tokens they cover (common nouns left out)."""
    out: set[Chunk] = set()
    for ent in entities:
        typ = KIND_TO_CONLL.get(ent.kind)
        if typ is None or is_common_noun(ent, text):
            continue
        first = bisect_right(ends, ent.start)  # first token ending after the entity starts
        last = bisect_left(starts, ent.end)  # tokens starting before the entity ends
        if first < last and (starts[first] < ent.start or ends[last - 1] > ent.end):
            typ = "MISC"  # part of a token: "Bergamo-based", "pro-Moscow" are MISC in CoNLL
        if first < last:
            out.add((first, last, typ))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(golds: Sequence[set[Chunk]], preds: Sequence[set[Chunk]]) -> dict[str, Any]:
    """Entity-level exact-match precision, recall and F1, overall and per CoNLL type."""
    if len(golds) != len(preds):
        raise ValueError(
            f"score() needs one prediction set per document: {len(golds)} golds, {len(preds)} predictions"
        )
    types = sorted({c[2] for g in golds for c in g} | set(TYPES))
    counts = {t: [0, 0, 0] for t in types}  # tp, pred, gold
    for gold, pred in zip(golds, preds, strict=True):
        for c in pred:
            counts.setdefault(c[2], [0, 0, 0])[1] += 1
        for c in gold:
            counts[c[2]][2] += 1
        for c in gold & pred:
            counts[c[2]][0] += 1
    tp = sum(v[0] for v in counts.values())
    n_pred = sum(v[1] for v in counts.values())
    n_gold = sum(v[2] for v in counts.values())
    p, r, f = _prf(tp, n_pred, n_gold)
    out: dict[str, Any] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    for t in sorted(counts):
        tp_t, pred_t, gold_t = counts[t]
        pt, rt, ft = _prf(tp_t, pred_t, gold_t)
        out[f"{t}_precision"] = round(pt, 4)
        out[f"{t}_recall"] = round(rt, 4)
        out[f"{t}_f1"] = round(ft, 4)
        out[f"{t}_n"] = gold_t
    out["n_gold"] = n_gold
    out["n_predicted"] = n_pred
    out["n"] = len(golds)
    return out


def evaluate(path: Path, limit: int | None = None, predictions: Path | None = None) -> dict[str, Any]:
    """Score the annotate stage's entities on a CoNLL file; ``n`` counts documents."""
    from newsevents.nlp.annotate import annotate_texts  # the scoring math stays importable alone

    docs = list(read_conll(path, limit))
    texts = [detokenise(d) for d in docs]
    golds: list[set[Chunk]] = []
    preds: list[set[Chunk]] = []
    items = ((d.id, t[0], None) for d, t in zip(docs, texts, strict=True))
    with PredictionWriter(predictions) as writer:
        for doc, (text, starts, ends), ann in zip(docs, texts, annotate_texts(items), strict=True):
            gold = chunks_from_tags(doc.tags)
            pred = to_chunks(ann.entities, starts, ends, text)
            golds.append(gold)
            preds.append(pred)
            writer.write(
                doc.id,
                [_show(c, doc.tokens) for c in sorted(gold)],
                [_show(c, doc.tokens) for c in sorted(pred)],
            )
    return score(golds, preds)


def _show(chunk: Chunk, tokens: Sequence[str]) -> dict[str, Any]:
    """A chunk as a readable record for the predictions file."""
    start, end, typ = chunk
    return {"start": start, "end": end, "type": typ, "text": " ".join(tokens[start:end])}
