"""Fit the event confidence model (src/newsevents/data/event_confidence.json) on labelled news articles.

Usage:
    .venv/bin/python scripts/fit_event_confidence.py NEWS.jsonl [--write] [--features FILE]

NEWS.jsonl is a file of the `news` evaluation format (whole articles with document-level gold).
Every candidate event of an ACLED type is labelled 1 when its type is among the article's gold
types and 0 otherwise; borderline articles are left out. The script reports, on held-out halves
(articles split by id, each half scored by a model fitted on the other), the `news` metrics, the
AUC and a reliability table, then fits the model on all articles and, with --write, saves it.
Do not fit on ACLED data: its terms do not allow shipping what is trained on it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression

from newsevents.eval.event_common import published_of
from newsevents.eval.io import read_jsonl
from newsevents.eval.news import NewsGold, NewsPrediction, gold_of, roc_auc, score
from newsevents.nlp.annotate import annotate_doc
from newsevents.nlp.events.calibration import FEATURE_SIGNS, FEATURES, MODEL_FILE, ConfidenceModel
from newsevents.nlp.events.extract import candidate_events
from newsevents.nlp.events.relevance import RELEVANCE_FILE, WORD, RelevanceModel, words
from newsevents.nlp.events.reporting import reported
from newsevents.nlp.events.types import acled_event_types, plover_of
from newsevents.nlp.model import load_nlp

log = logging.getLogger("fit_event_confidence")
DATA = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data"
C = 0.3  # L2 strength of the event model: few positives, so a strongly regularised model
RELEVANCE_C = 10.0  # L2 strength of the article words model (tf-idf rows are unit length)
MIN_DF = 3  # a word must occur in this many articles to be weighed
FOLDS = 2


def candidates(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every candidate event of an ACLED type of each article, with its features."""
    nlp = load_nlp()
    acled = acled_event_types()
    rows: list[dict[str, Any]] = []
    stream = ((str(it.get("text") or ""), it) for it in items)
    for k, (doc, item) in enumerate(nlp.pipe(stream, as_tuples=True, batch_size=16)):
        pub = published_of(item.get("published"))
        ann = annotate_doc(doc, str(item.get("id")), pub)
        for cand in candidate_events(doc, ann, pub):
            ev = cand.event
            if ev.event_type not in acled or ev.aggregate:
                continue
            rows.append(
                {
                    "item": k,
                    "event_type": ev.event_type,
                    "sub_event_type": ev.sub_event_type,
                    "features": cand.features,
                    "evidence": ev.evidence[0].text[:200] if ev.evidence else "",
                }
            )
        if (k + 1) % 50 == 0:
            log.info("annotated %d/%d articles", k + 1, len(items))
    return rows


def lengths_of(items: list[dict[str, Any]]) -> list[int]:
    """Each article's length in characters, which sets the bar its main event must reach."""
    return [len(str(it.get("text") or "")) for it in items]


def fold_of(item_id: str, salt: str = "") -> int:
    """A stable fold for an article, from its id."""
    return int(hashlib.sha1((salt + item_id).encode()).hexdigest(), 16) % FOLDS


def vocabulary(texts: list[str]) -> list[str]:
    """Words in at least MIN_DF articles, mostly written in lower case, that are not stop words."""
    df: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for t in texts:
        df.update(set(words(t)))
        for w in WORD.findall(t):
            total[w.lower()] += 1
            lower[w.lower()] += w.islower()
    return sorted(
        w for w, n in df.items() if n >= MIN_DF and lower[w] >= 0.5 * total[w] and w not in ENGLISH_STOP_WORDS
    )


def fit_relevance(texts: list[str], labels: np.ndarray) -> RelevanceModel:
    """Tf-idf logistic regression of whether an article reports an ACLED-scope event."""
    vocab = vocabulary(texts)
    index = {w: i for i, w in enumerate(vocab)}
    counts = [words(t) for t in texts]
    df = np.zeros(len(vocab))
    for c in counts:
        for w in c:
            if w in index:
                df[index[w]] += 1
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    x = np.zeros((len(texts), len(vocab)))
    for r, c in enumerate(counts):
        for w, n in c.items():
            if w in index:
                x[r, index[w]] = (1.0 + math.log(n)) * idf[index[w]]
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    lr = LogisticRegression(C=RELEVANCE_C, max_iter=5000, class_weight="balanced")
    lr.fit(x, labels)
    coef = lr.coef_[0]
    return RelevanceModel(
        idf={w: float(idf[i]) for i, w in enumerate(vocab)},
        coef={w: float(coef[i]) for i, w in enumerate(vocab)},
        intercept=float(lr.intercept_[0]),
    )


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> ConfidenceModel:
    """A standardised L2 logistic model whose coefficients keep the sign known in advance
    (`FEATURE_SIGNS`: evidence for an event may not count against it, nor exclusions for it)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w = weight / weight.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        b, coef = theta[0], theta[1:]
        margin = b + z @ coef
        p = 1.0 / (1.0 + np.exp(-margin))
        nll = float(np.sum(w * (np.logaddexp(0.0, margin) - y * margin)))
        penalty = 0.5 * float(coef @ coef) / (C * len(y))
        grad_m = w * (p - y)
        grad = np.concatenate([[grad_m.sum()], z.T @ grad_m + coef / (C * len(y))])
        return nll + penalty, grad

    bounds = [(None, None)] + [
        (0.0, None)
        if FEATURE_SIGNS.get(f, 0) > 0
        else (None, 0.0)
        if FEATURE_SIGNS.get(f, 0) < 0
        else (None, None)
        for f in FEATURES
    ]
    res = minimize(loss, np.zeros(len(FEATURES) + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return ConfidenceModel(
        features=FEATURES,
        means=tuple(float(v) for v in mean),
        scales=tuple(float(v) for v in scale),
        coefs=tuple(float(v) for v in res.x[1:]),
        intercept=float(res.x[0]),
        report_threshold=0.5,
    )


def reliability(probs: list[float], labels: list[int]) -> list[dict[str, Any]]:
    """Observed share of right events in confidence bins."""
    bins = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    out = []
    for lo, hi in bins:
        sel = [y for p, y in zip(probs, labels, strict=True) if lo <= p < hi]
        inside = [p for p in probs if lo <= p < hi]
        out.append(
            {
                "bin": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "n": len(sel),
                "mean_confidence": round(float(np.mean(inside)), 3) if inside else None,
                "observed": round(sum(sel) / len(sel), 3) if sel else None,
            }
        )
    return out


TYPE_KEYS = ("type_precision", "type_recall", "type_micro_f1", "sub_type_micro_f1", "confidence_auc")


def news_metrics(
    golds: list[NewsGold],
    rows: list[dict[str, Any]],
    probs: list[float],
    threshold: float,
    lengths: list[int],
    relative: float = 0.0,
) -> dict[str, Any]:
    """The `news` metrics when the events the extractor would report at ``threshold`` (the article
    bar of `reporting.reported`, from each article's length in ``lengths``) and at or above
    ``relative`` times the article's most probable event are reported with these confidences."""
    by_item: dict[int, list[int]] = {}
    for k, row in enumerate(rows):
        by_item.setdefault(row["item"], []).append(k)
    preds: list[list[NewsPrediction]] = [[] for _ in golds]
    for item, ks in by_item.items():
        ps = [probs[k] for k in ks]
        floor = relative * max(ps)
        for k, ok in zip(ks, reported(ps, lengths[item], threshold), strict=True):
            if ok and probs[k] >= floor:
                row = rows[k]
                preds[item].append(NewsPrediction(row["event_type"], row["sub_event_type"], probs[k]))
    return score(golds, preds)


DOC_KEYS = ("doc_precision", "doc_recall", "false_events_per_100_none", "type_micro_f1")
SWEEP = (0.05, 0.07, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def sweep(
    golds: list[NewsGold],
    rows: list[dict[str, Any]],
    probs: list[float],
    threshold: float,
    lengths: list[int],
) -> dict[str, Any]:
    """The `news` metrics at ``threshold``, the event AUC before it, and a threshold sweep."""
    labels = [r["event_type"] in golds[r["item"]].types for r in rows]
    return {
        "at_threshold": news_metrics(golds, rows, probs, threshold, lengths),
        "candidate_auc": round(roc_auc(list(zip(probs, labels, strict=True))), 4),
        "thresholds": {
            f"{t:.2f}": {
                k: v for k, v in news_metrics(golds, rows, probs, t, lengths).items() if k in DOC_KEYS
            }
            for t in SWEEP
        },
    }


# PLOVER codings as extra single-sentence training texts: violence and protest are in ACLED's scope,
# statements and diplomacy are not; agreements, coercion, mobilisation and retreats may be either.
PLOVER_IN_SCOPE = frozenset({"PROTEST", "FIGHT", "ASSAULT"})
PLOVER_OUT_OF_SCOPE = frozenset(
    {
        "DEMAND",
        "REJECT",
        "THREATEN",
        "DISAPPROVE",
        "SUPPORT",
        "CONCEDE",
        "CONSULT",
        "AID",
        "INVESTIGATE",
        "COOPERATE",
        "SANCTION",
    }
)


CUT = 6000  # the `news` set cuts articles at about this many characters, at a paragraph end


def _cut(text: str) -> str:
    """The article cut as the `news` set cuts them."""
    if len(text) <= CUT:
        return text
    end = text.rfind("\n", 0, CUT)
    return text[: end if end > CUT // 3 else CUT]


def _conll_documents(path: Path) -> dict[str, tuple[str, str | None]]:
    """The CoNLL documents as plain text (tokens joined, one sentence a line), by position."""
    docs: list[list[str]] = []
    sentence: list[str] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if current:
                docs.append(current)
            current = []
            continue
        if not line.strip():
            if sentence:
                current.append(" ".join(sentence))
                sentence = []
            continue
        sentence.append(line.split(" ")[0])
    if sentence:
        current.append(" ".join(sentence))
    if current:
        docs.append(current)
    out = {}
    for i, doc in enumerate(docs):
        text = re.sub(r" ([.,;:!?'\")])", r"\1", "\n".join(doc)).replace("( ", "(").replace(" 's", "'s")
        out[f"conll-dev-{i:03d}"] = (_cut(text), None)
    return out


def _web_pages(path: Path, wanted: set[str]) -> dict[str, tuple[str, str | None]]:
    """The main text of the labelled web pages (trafilatura), by id."""
    import trafilatura

    out = {}
    for it in read_jsonl(path):
        key = str(it.get("id"))
        if key in wanted:
            text = trafilatura.extract(str(it.get("html") or ""), url=it.get("url")) or ""
            out[key] = (_cut(text), it.get("date") or None)
    return out


def extra_articles(labels: Path, dev: Path) -> list[dict[str, Any]]:
    """Labelled articles in the `news` format, their texts read from the dev sets by id."""
    wanted = {str(lab.get("id")) for lab in read_jsonl(labels)}
    texts: dict[str, tuple[str, str | None]] = {}
    for name in ("geo_lgl.jsonl", "geo_geovirus.jsonl"):
        for it in read_jsonl(dev / name):
            texts[str(it["id"])] = (_cut(str(it.get("text") or "")), None)
    for it in read_jsonl(dev / "dates_tbaq.jsonl"):
        texts[str(it["id"])] = (_cut(str(it.get("text") or "")), it.get("dct"))
    sentences: dict[str, list[str]] = {}
    published: dict[str, str | None] = {}
    for it in read_jsonl(dev / "events_indiapolice_sents.jsonl"):
        key = f"indiapolice-{it.get('doc_id')}"
        sentences.setdefault(key, []).append(str(it.get("text") or "").strip())
        published[key] = it.get("published")
    for key, parts in sentences.items():
        texts[key] = (_cut(" ".join(p for p in parts if p)), published[key])
    for name in ("quotes_polnear.jsonl", "clusters_wikiref.jsonl"):
        for it in read_jsonl(dev / name):
            texts[str(it["id"])] = (_cut(str(it.get("text") or "")), None)
    texts.update(_conll_documents(dev / "ner_conllpp_dev.txt"))
    texts.update(_web_pages(dev / "extraction_trafilatura.jsonl.gz", wanted))
    out = []
    for lab in read_jsonl(labels):
        key = str(lab.get("id"))
        if key not in texts:
            log.warning("%s: no text for %s in %s; skipped", labels, key, dev)
            continue
        text, pub = texts[key]
        gold = {"scope": lab.get("scope"), "events": lab.get("events") or []}
        out.append({"id": key, "text": text, "published": pub, "gold": gold})
    return out


@dataclass
class Corpus:
    """Training texts with their labels: whole news articles and, optionally, PLOVER sentences."""

    texts: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    in_scope: list[int | None] = field(default_factory=list)  # article label for the words model
    fold: list[int] = field(default_factory=list)  # -1: always in training (not a news article)
    rows: list[dict[str, Any]] = field(default_factory=list)  # candidate events, "text" = corpus index
    labels: list[int] = field(default_factory=list)


def add_articles(
    items: list[dict[str, Any]],
    golds: list[NewsGold],
    rows: list[dict[str, Any]],
    corpus: Corpus,
    held_out: bool,
) -> dict[int, int]:
    """Add labelled articles (borderline ones left out) and their candidates' labels; with
    ``held_out`` each article gets its fold, else it is always in training. Returns item index ->
    corpus index."""
    index: dict[int, int] = {}
    for k, (it, g) in enumerate(zip(items, golds, strict=True)):
        if g.scope == "borderline":
            continue
        index[k] = len(corpus.texts)
        corpus.texts.append(str(it.get("text") or ""))
        corpus.ids.append(str(it.get("id")))
        corpus.in_scope.append(int(g.scope == "event"))
        corpus.fold.append(fold_of(str(it.get("id"))) if held_out else -1)
    for r in rows:
        if r["item"] in index:
            corpus.rows.append({**r, "text": index[r["item"]]})
            corpus.labels.append(int(r["event_type"] in golds[r["item"]].types))
    return index


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("news", type=Path, help="labelled articles in the `news` format")
    ap.add_argument("--plover", type=Path, help="PLOVER-coded sentences, added to the training data")
    ap.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="more articles labelled by the `news` rules (ids and labels only; texts are read from the "
        "dev folder beside the news file), added to the training data; may be given more than once",
    )
    ap.add_argument(
        "--score-extra",
        action="store_true",
        help="split the --extra articles in halves too and report their held-out metrics (`held_out_extra`)",
    )
    ap.add_argument(
        "--evaluate",
        type=Path,
        action="append",
        default=[],
        help="labelled articles (as --extra) scored by the model fitted on everything else and never "
        "trained on (`evaluated`); may be given more than once",
    )
    ap.add_argument("--write", action="store_true", help=f"save the models fitted on all data to {DATA}")
    ap.add_argument("--features", type=Path, help="cache of the candidates' features (read if present)")
    ap.add_argument("--dump", type=Path, help="write each news candidate with its held-out probability")
    ap.add_argument("--threshold", type=float, default=0.5, help="report events at or above this probability")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)

    items = list(read_jsonl(args.news))
    golds = [gold_of(it) for it in items]
    plover = list(read_jsonl(args.plover)) if args.plover else []
    extra = [it for path in args.extra for it in extra_articles(path, args.news.parent)]
    extra_golds = [gold_of(it) for it in extra]
    evaluate = [it for path in args.evaluate for it in extra_articles(path, args.news.parent)]
    evaluate_golds = [gold_of(it) for it in evaluate]
    if args.features and args.features.exists():
        cached = json.loads(args.features.read_text(encoding="utf-8"))
        news_rows, plover_rows, extra_rows = cached["news"], cached["plover"], cached.get("extra", [])
        evaluate_rows = cached.get("evaluate", [])
        if evaluate and not evaluate_rows:
            evaluate_rows = candidates(evaluate)
    else:
        news_rows, plover_rows, extra_rows = candidates(items), candidates(plover), candidates(extra)
        evaluate_rows = candidates(evaluate)
        if args.features:
            cache = {"news": news_rows, "plover": plover_rows, "extra": extra_rows, "evaluate": evaluate_rows}
            args.features.write_text(json.dumps(cache), encoding="utf-8")

    news_len = lengths_of(items)
    corpus = Corpus()
    index = add_articles(items, golds, news_rows, corpus, held_out=True)
    n_news_rows = len(corpus.rows)
    plover_index: dict[int, int] = {}
    for k, it in enumerate(plover):
        gold = str(it.get("plover_event") or "")
        plover_index[k] = len(corpus.texts)
        corpus.texts.append(str(it.get("text") or ""))
        corpus.ids.append(str(it.get("id")))
        corpus.in_scope.append(1 if gold in PLOVER_IN_SCOPE else 0 if gold in PLOVER_OUT_OF_SCOPE else None)
        corpus.fold.append(-1)
    for r in plover_rows:
        corpus.rows.append({**r, "text": plover_index[r["item"]]})
        corpus.labels.append(int(plover_of(r["sub_event_type"])[0] == plover[r["item"]].get("plover_event")))
    n_before_extra = len(corpus.rows)
    extra_index = add_articles(extra, extra_golds, extra_rows, corpus, held_out=args.score_extra)

    plover_ids = {str(it.get("id")) for it in plover}
    x = np.array([[r["features"][f] for f in FEATURES] for r in corpus.rows], dtype=float)
    y = np.array(corpus.labels)
    row_text = np.array([r["text"] for r in corpus.rows])
    text_fold = np.array(corpus.fold)
    row_fold = text_fold[row_text]
    is_news = row_fold >= 0
    # Whole articles and single coded sentences weigh the same in total: the model serves both.
    is_sentence = np.array([corpus.ids[t] in plover_ids for t in row_text])
    weight = np.where(is_sentence, (~is_sentence).sum() / max(1, is_sentence.sum()), 1.0)
    logit_col = FEATURES.index("words_logit")
    log.info(
        "%d candidate events (%d right): %d in %d news articles; %d PLOVER sentences, %d more articles",
        len(y),
        int(y.sum()),
        int(is_news.sum()),
        len(index),
        len(plover),
        len(extra_index),
    )

    def words_model(train: np.ndarray) -> RelevanceModel:
        keep = [i for i in train if corpus.in_scope[i] is not None]
        return fit_relevance([corpus.texts[i] for i in keep], np.array([corpus.in_scope[i] for i in keep]))

    def oof(train: np.ndarray, salt: str) -> dict[int, float]:
        """Words log-odds of each training text from a model fitted without its half."""
        inner = np.array([fold_of(corpus.ids[i], salt) for i in train])
        out: dict[int, float] = {}
        for f in range(FOLDS):
            model = words_model(train[inner != f])
            out.update({int(i): model.logit(corpus.texts[i]) for i in train[inner == f]})
        return out

    held_out = np.zeros(len(y))
    art_logit: dict[int, float] = {}
    all_texts = np.arange(len(corpus.texts))
    for f in range(FOLDS):
        train_t = all_texts[text_fold != f]
        test_t = all_texts[text_fold == f]
        words_f = words_model(train_t)
        logits = oof(train_t, "inner")
        for i in test_t:
            logits[int(i)] = art_logit[int(i)] = words_f.logit(corpus.texts[i])
        xf = x.copy()
        xf[:, logit_col] = [logits[int(t)] for t in row_text]
        train_r = row_fold != f
        model = fit(xf[train_r], y[train_r], weight[train_r])
        for i in np.where(~train_r)[0]:
            held_out[i] = model.probability(dict(zip(FEATURES, xf[i], strict=True)))

    news_pos = np.where(is_news)[0]
    news_pos = news_pos[news_pos < n_news_rows]
    news_rows_k = [corpus.rows[i] for i in news_pos]
    probs = [float(held_out[i]) for i in news_pos]
    labels = [int(y[i]) for i in news_pos]
    arts = sorted(art_logit)
    report: dict[str, Any] = {
        "held_out_article_auc": round(roc_auc([(art_logit[i], bool(corpus.in_scope[i])) for i in arts]), 4),
        "held_out_auc": round(roc_auc(list(zip(probs, [bool(v) for v in labels], strict=True))), 4),
        "held_out_news": news_metrics(golds, news_rows_k, probs, args.threshold, news_len),
        "held_out_reliability": reliability(probs, labels),
        "held_out_thresholds": {
            f"{t:.2f}": {
                k: v for k, v in news_metrics(golds, news_rows_k, probs, t, news_len).items() if k in DOC_KEYS
            }
            for t in SWEEP
        },
        "held_out_relative": {
            f"{r:.2f}": {
                k: v
                for k, v in news_metrics(golds, news_rows_k, probs, args.threshold, news_len, r).items()
                if k in TYPE_KEYS
            }
            for r in (0.0, 0.25, 0.4, 0.5, 0.6, 0.75)
        },
    }
    if args.score_extra:
        extra_pos = np.arange(n_before_extra, len(corpus.rows))
        extra_k = [corpus.rows[i] for i in extra_pos]
        extra_p = [float(held_out[i]) for i in extra_pos]
        report["held_out_extra"] = sweep(extra_golds, extra_k, extra_p, args.threshold, lengths_of(extra))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for r, p, lab in zip(news_rows_k, probs, labels, strict=True):
                item = items[r["item"]]
                row = {"id": item.get("id"), "scope": golds[r["item"]].scope, "right": lab, "p": round(p, 3)}
                fh.write(json.dumps({**row, "sub": r["sub_event_type"], "evidence": r["evidence"]}) + "\n")
    inverse = {c: k for k, c in index.items()}
    for f in range(FOLDS):
        in_half = {inverse[i] for i in all_texts[text_fold == f] if i in inverse}
        sub_golds = [g if k in in_half else NewsGold("borderline", ()) for k, g in enumerate(golds)]
        report[f"held_out_half_{f}"] = news_metrics(sub_golds, news_rows_k, probs, args.threshold, news_len)

    words_all = words_model(all_texts)
    logits = oof(all_texts, "final")
    x[:, logit_col] = [logits[int(t)] for t in row_text]
    final = replace(fit(x, y, weight), report_threshold=args.threshold)
    if evaluate:
        evaluate_p = []
        for r in evaluate_rows:
            feats = {
                **r["features"],
                "words_logit": words_all.logit(str(evaluate[r["item"]].get("text") or "")),
            }
            evaluate_p.append(final.probability(feats))
        report["evaluated"] = sweep(
            evaluate_golds, evaluate_rows, evaluate_p, args.threshold, lengths_of(evaluate)
        )
    report["coefficients"] = {f: round(c, 3) for f, c in zip(FEATURES, final.coefs, strict=True)}
    print(json.dumps(report, indent=1))
    if args.write:
        meta = {
            "fitted_on": [p.name for p in (args.news, args.plover, *args.extra) if p],
            "n_texts": len(corpus.texts),
            "n_in_scope": sum(1 for v in corpus.in_scope if v),
        }
        (DATA / MODEL_FILE).write_text(
            final.to_json(**meta, n_events=len(y), n_right=int(y.sum())), encoding="utf-8"
        )
        (DATA / RELEVANCE_FILE).write_text(words_all.to_json(**meta), encoding="utf-8")
        log.info("wrote %s and %s", DATA / MODEL_FILE, DATA / RELEVANCE_FILE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
