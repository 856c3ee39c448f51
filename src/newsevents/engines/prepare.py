"""The per-document work every engine runs: hash the record, clean it, sign it for dedup."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from newsevents.clean import clean_document
from newsevents.dedup import signature
from newsevents.models import Annotations, Article, RawDoc, Reject

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Prepared:
    """One input document after the per-document work, ready for the single writer.

    ``article`` is the cleaned article or the reason cleaning rejected the document.
    ``signature`` (the serialised MinHash) and ``annotations`` are filled by engines that
    compute them next to the reading; the writer computes what is missing.
    """

    article: Article | Reject
    raw_hash: str
    signature: bytes | None = None
    annotations: Annotations | None = None


def raw_hash(raw: RawDoc) -> str:
    """A hash of one input record as read (content plus where it says it comes from)."""
    h = hashlib.sha1()
    for part in (raw.html, raw.text, raw.url, raw.source, raw.title):
        h.update((part or "").encode("utf-8", "replace"))
        h.update(b"\x00")
    return h.hexdigest()


def prepare(raw: RawDoc, sign: bool = False) -> Prepared:
    """Clean one document (and compute its dedup signature when ``sign``)."""
    article = clean_document(raw)
    prepared = Prepared(article, raw_hash(raw))
    if sign and isinstance(article, Article):
        prepared.signature = signature(article)
    return prepared


def prepare_safely(raw: RawDoc, sign: bool = False) -> Prepared:
    """``prepare``, with a crash in the cleaning code turned into a reject of this document."""
    try:
        return prepare(raw, sign)
    except Exception as exc:
        log.warning("%s:%s: cleaning failed", raw.path, raw.record, exc_info=True)
        sample = (raw.html or raw.text or "")[:80]
        reason = f"cleaning failed: {type(exc).__name__}: {exc}"
        return Prepared(Reject(raw.path, raw.record, reason, stage="clean", sample=sample), raw_hash(raw))
