"""Story-level grouping: articles about the same story, not only copies of each other."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

# Average-linkage distance (1 - cosine) under which groups merge into one story. Swept in
# steps of 0.02 on ../shared/eval/dev/clusters_wikiref.jsonl, on the whole file and on random
# subsets of 20, 40 and 60 texts (the best cut must not depend on the batch size): 0.94 is
# best or within 0.01 of best at every size, B-cubed F1 0.97-1.00 (docs/quality/clusters.md).
STORY_DISTANCE = 0.94
# Words that start with a capital letter inside a sentence are mostly names: the people, places
# and organisations a story is about. They weigh this much more than other words.
NAME_WEIGHT = 2.0
MIN_TOKEN_CHARS = 3
_WORD = re.compile(r"\w+")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "this",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "been",
        "will",
        "would",
        "could",
        "should",
        "said",
        "says",
        "not",
        "but",
        "its",
        "his",
        "her",
        "their",
        "they",
        "them",
        "there",
        "than",
        "then",
        "also",
        "into",
        "about",
        "after",
        "over",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "how",
        "all",
        "any",
        "can",
        "may",
        "one",
        "two",
        "new",
        "our",
        "out",
        "you",
        "your",
        "just",
        "like",
        "very",
        "being",
        "because",
        "before",
        "during",
        "under",
        "again",
        "against",
        "between",
        "both",
        "each",
        "few",
        "here",
        "off",
        "own",
        "same",
        "too",
        "did",
        "does",
        "doing",
        "until",
        "upon",
        "these",
        "those",
        "via",
        "per",
        "yet",
        "nor",
        "mr",
        "mrs",
        "ms",
    ]
)


def _features(text: str) -> dict[str, float]:
    """Weighted term counts: lower-cased words, capitalised (name-like) ones counted more."""
    counts: dict[str, float] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        low = word.lower()
        if len(low) < MIN_TOKEN_CHARS or low in _STOP or low.isdigit():
            continue
        counts[low] = counts.get(low, 0.0) + (NAME_WEIGHT if word[0].isupper() else 1.0)
    return counts


def tfidf_matrix(texts: list[str]) -> sparse.csr_matrix:
    """Rows of L2-normalised TF-IDF vectors (sublinear tf, smoothed idf), sparse.

    Words found in one text only are kept in each vector's norm (they make a text less like
    the others) but left out of the matrix, where they could never add to a dot product.
    """
    feats = [_features(t) for t in texts]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    vocab = {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c > 1))}
    n = len(texts)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, f in enumerate(feats):
        weights = {w: (1.0 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1.0) for w, c in f.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for w, v in weights.items():
            col = vocab.get(w)
            if col is not None:
                rows.append(r)
                cols.append(col)
                vals.append(v / norm)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))


def cluster_stories(texts: list[str], distance: float = STORY_DISTANCE) -> list[int]:
    """A story label per text (0, 1, ... in order of first appearance)."""
    n = len(texts)
    if n == 0:
        return []
    if n == 1:
        return [0]
    mat = tfidf_matrix(texts)
    dist = np.clip(1.0 - (mat @ mat.T).toarray(), 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    raw = fcluster(tree, t=distance, criterion="distance")
    relabel: dict[int, int] = {}
    return [relabel.setdefault(int(c), len(relabel)) for c in raw]
