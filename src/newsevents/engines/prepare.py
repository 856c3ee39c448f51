"""The per-document work every engine runs: hash the record, clean it, sign it for dedup.

Cleaning may split one long document into several articles: each becomes its own
``Prepared`` (``part`` 0, 1, ...), in order, so the single writer registers them exactly as
a local run does. Any exception in this work becomes a reject of that document alone.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from newsevents.clean import MAX_ARTICLE_CHARS, clean_article
from newsevents.dedup import signature
from newsevents.errors import one_line
from newsevents.models import Annotations, Article, RawDoc, Reject

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Prepared:
    """One input document after the per-document work, ready for the single writer.

    ``article`` is the cleaned article or the reason cleaning rejected the document.
    ``part`` numbers the articles one long document was split into (0: the document's first,
    the only one counted as a document read). ``signature`` (the serialised MinHash) and
    ``annotations`` are filled by engines that compute them next to the reading; the writer
    computes what is missing. ``failure`` is the reject of an article the annotate stage
    failed on next to the reading (the article itself is still registered, as locally).
    """

    article: Article | Reject
    raw_hash: str
    signature: bytes | None = None
    annotations: Annotations | None = None
    part: int = 0
    failure: Reject | None = None


def raw_hash(raw: RawDoc) -> str:
    """A hash of one input record as read (content plus where it says it comes from)."""
    h = hashlib.sha1()
    for part in (raw.html, raw.text, raw.url, raw.source, raw.title):
        h.update((part or "").encode("utf-8", "replace"))
        h.update(b"\x00")
    return h.hexdigest()


def prepare(raw: RawDoc, sign: bool = False, max_chars: int = MAX_ARTICLE_CHARS) -> list[Prepared]:
    """Clean one document into its articles (with their dedup signatures when ``sign``)."""
    rhash = raw_hash(raw)
    cleaned = clean_article(raw, max_chars)
    if isinstance(cleaned, Reject):
        return [Prepared(cleaned, rhash)]
    out = [Prepared(article, rhash, part=n) for n, article in enumerate(cleaned)]
    if sign:
        for p in out:
            assert isinstance(p.article, Article)
            p.signature = signature(p.article)
    return out


def prepare_safely(raw: RawDoc, sign: bool = False, max_chars: int = MAX_ARTICLE_CHARS) -> list[Prepared]:
    """``prepare``, with any exception turned into a reject of this document (stage ``clean``).

    The reason is the exception's one-line summary; the traceback is logged at debug level.
    """
    try:
        return prepare(raw, sign, max_chars)
    except Exception as exc:
        log.debug("%s:%s: clean failed", raw.path, raw.record, exc_info=True)
        reject = failed_reject(raw.path, raw.record, "clean", exc, raw.html or raw.text or "")
        return [Prepared(reject, raw_hash(raw))]


def failed_reject(path: str, record: str, stage: str, exc: BaseException, text: str = "") -> Reject:
    """The reject of a record whose processing raised at ``stage``, with a one-line reason."""
    return Reject(path, record, f"{stage} failed: {one_line(exc)}", stage=stage, sample=text[:80])
