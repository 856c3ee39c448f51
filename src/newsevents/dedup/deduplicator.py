"""Exact and near-duplicate detection over a stream of articles, resumable from stored state."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHashLSH

from newsevents.clean.ids import content_hash
from newsevents.dedup.minhash import NUM_PERM, from_bytes, jaccard, minhash, to_bytes
from newsevents.errors import ConfigError
from newsevents.models import Article

log = logging.getLogger(__name__)

# Estimated Jaccard similarity of 5-word shingles at or above which two articles are copies.
# Measured on ../shared/eval/dev/clusters_wikiref.jsonl (docs/input-formats.md): different
# articles on the same story score at most 0.12; a copy with a promo, a byline or one edited
# word inserted scores 0.91 or more; a copy missing one paragraph scores 0.94 in the median
# (95% >= 0.8). 0.8 keeps every kind of copy while leaving updated versions that add or drop
# several paragraphs (0.6-0.8, new facts) as articles of their own.
NEAR_DUP_THRESHOLD = 0.8
# LSH only proposes candidates; each is then checked against NEAR_DUP_THRESHOLD. Banding tuned
# for 0.8 itself (9 bands of 13 rows) proposes a pair at similarity 0.8 only 40% of the time;
# tuned for 0.6 (18 bands of 7 rows) it proposes it 98.6% of the time and a pair at 0.3 only
# 0.4% of the time, so copies are found and the extra checks stay rare.
LSH_CANDIDATE_THRESHOLD = 0.6


def exact_hash(article: Article) -> str:
    """The exact-duplicate key of an article (hash of its normalised text)."""
    return content_hash(article.text)


def signature(article: Article) -> bytes:
    """The serialised MinHash of an article, to keep in the store for later runs."""
    return to_bytes(minhash(article.text))


class Deduplicator:
    """Remembers canonical articles and says whether a new one copies one of them."""

    def __init__(self, threshold: float = NEAR_DUP_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError("dedup threshold", threshold, "a Jaccard similarity in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_CANDIDATE_THRESHOLD), num_perm=num_perm)
        self._by_hash: dict[str, str] = {}
        self._sigs: dict[str, LeanMinHash] = {}
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    @classmethod
    def load(
        cls,
        items: Iterable[tuple[str, str | None, bytes | None]],
        threshold: float = NEAR_DUP_THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> Deduplicator:
        """A deduplicator that knows stored ``(article id, exact hash, signature)`` triples."""
        dd = cls(threshold, num_perm)
        for article_id, exact, sig in items:
            try:
                dd.add(article_id, exact, from_bytes(sig) if sig else None)
            except ValueError as exc:
                log.warning("article %s: stored signature ignored (%s)", article_id, exc)
                dd.add(article_id, exact, None)
        return dd

    def add(self, article_id: str, exact: str | None, sig: LeanMinHash | None) -> None:
        """Register a canonical article (its hash and signature may be missing)."""
        if article_id in self._ids:
            return
        self._ids.add(article_id)
        if exact:
            self._by_hash.setdefault(exact, article_id)
        if sig is not None and len(sig.hashvalues) == self.num_perm:
            self._lsh.insert(article_id, sig)
            self._sigs[article_id] = sig

    def find(self, article: Article, sig: LeanMinHash | None = None) -> tuple[str | None, LeanMinHash]:
        """The canonical id ``article`` duplicates (or None), and its signature.

        ``sig`` is the article's signature when it was computed elsewhere (on a worker).
        """
        if sig is None or len(sig.hashvalues) != self.num_perm:
            sig = minhash(article.text, self.num_perm)
        if article.id in self._ids:
            return article.id, sig
        exact = self._by_hash.get(exact_hash(article))
        if exact is not None:
            return exact, sig
        best: tuple[float, str] | None = None
        for cand in self._lsh.query(sig):
            sim = jaccard(sig, self._sigs[cand])
            if sim >= self.threshold and (best is None or (sim, cand) > best):
                best = (sim, cand)
        return (best[1] if best else None), sig

    def check_and_add(self, article: Article, sig: LeanMinHash | None = None) -> str | None:
        """The canonical id if ``article`` duplicates a known one; else register it, None."""
        canonical, sig = self.find(article, sig)
        if canonical is None:
            self.add(article.id, exact_hash(article), sig)
        return canonical

    def signature_of(self, article_id: str) -> bytes | None:
        """The serialised signature of a registered article, for the store."""
        sig = self._sigs.get(article_id)
        return to_bytes(sig) if sig is not None else None
