"""The work of one partition, as a worker runs it: read, clean, sign, annotate."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date

from newsevents.engines.partitions import Partition, read_partition
from newsevents.engines.prepare import Prepared, prepare_safely, raw_hash
from newsevents.models import Article, Reject
from newsevents.nlp.annotate import annotate_text, annotate_texts

log = logging.getLogger(__name__)

Item = Reject | Prepared

# A short text that touches every resource the annotate stage loads (model, lexicons,
# gazetteer, areas), annotated once when a worker starts.
WARM_UP_TEXT = "Taliban fighters seized Ghazni, Afghanistan, on Thursday, a spokesman said."


@dataclass(slots=True)
class PartitionResult:
    """What one partition produced: its records in input order, and what that cost."""

    index: int
    items: list[Item] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        """Records that were documents (not unreadable input)."""
        return sum(isinstance(i, Prepared) for i in self.items)


def warm_up() -> None:
    """Load every resource the annotate stage needs, once per process."""
    annotate_text(WARM_UP_TEXT)


def run_partition(part: Partition, annotate: bool = True) -> PartitionResult:
    """Read, clean, sign and (when ``annotate``) annotate the records of one partition."""
    started = time.perf_counter()
    result = PartitionResult(part.index)
    for i, raw in enumerate(read_partition(part)):
        if part.only is not None and not part.only[0] <= i < part.only[1]:
            continue
        result.items.append(raw if isinstance(raw, Reject) else prepare_safely(raw, sign=True))
    if annotate:
        annotate_firsts([i for i in result.items if isinstance(i, Prepared)])
    result.seconds = time.perf_counter() - started
    return result


def annotate_firsts(items: list[Prepared]) -> None:
    """Annotate the first copy of each article in place; later copies are never annotated.

    A document the annotate stage fails on is turned into a reject (every copy of it).
    """
    firsts: dict[str, Prepared] = {}
    for p in items:
        if isinstance(p.article, Article):
            firsts.setdefault(p.article.id, p)
    todo = list(firsts.values())
    try:
        batch = [_item(p.article) for p in todo]
        for p, ann in zip(todo, annotate_texts(batch), strict=True):
            p.annotations = ann
        return
    except Exception:
        log.warning("annotating a batch failed; annotating its %d documents one by one", len(todo))
    failed: dict[str, str] = {}
    for p in todo:
        try:
            p.annotations = next(annotate_texts([_item(p.article)]))
        except Exception as exc:
            failed[p.article.id] = f"annotation failed: {type(exc).__name__}: {exc}"  # type: ignore[union-attr]
    for p in items:
        article = p.article
        if isinstance(article, Article) and article.id in failed:
            p.article = Reject(
                article.path, article.record, failed[article.id], stage="annotate",
                sample=article.text[:80],
            )
            p.annotations = None


def _item(article: Article | Reject) -> tuple[str, str, date | None]:
    """``(id, text, published)`` of an article."""
    assert isinstance(article, Article)
    return article.id, article.text, article.published


def record_stubs(part: Partition, reason: str) -> list[Item]:
    """The partition's records as rejects with ``reason`` (read rejects kept as they are).

    Used when a record keeps killing the workers that process it: it is kept with the reason,
    like any bad record, and the rest of its partition goes on.
    """
    stubs: list[Item] = []
    for raw in read_partition(part):
        if isinstance(raw, Reject):
            stubs.append(raw)
            continue
        sample = (raw.html or raw.text or "")[:80]
        reject = Reject(raw.path, raw.record, reason, stage="worker", sample=sample)
        stubs.append(Prepared(reject, raw_hash(raw)))
    return stubs
