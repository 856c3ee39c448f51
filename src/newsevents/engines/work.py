"""The work of one partition, as a worker runs it: read, clean, sign, annotate."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import date

from newsevents.engines.partitions import Partition, read_partition
from newsevents.engines.prepare import Prepared, failed_reject, prepare_safely, raw_hash
from newsevents.failsafe import NOT_AN_ARTICLES_FAULT
from newsevents.models import Article, Reject
from newsevents.nlp.annotate import annotate_text, annotate_texts
from newsevents.resolve.areas import get_areas
from newsevents.resolve.gazetteer import rows_in

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
        """Records that were documents (not unreadable input, nor the further parts of one)."""
        return sum(isinstance(i, Prepared) and i.part == 0 for i in self.items)


def warm_up() -> None:
    """Load every resource the annotate stage needs, once per process: the model, lexicons and
    gazetteer (through one short article), and what that article does not reach but a worker's
    first partition of news would, inside its first task: the gazetteer's entries by area and the
    district areas with their spellings index."""
    annotate_text(WARM_UP_TEXT)
    rows_in("")  # any lookup builds the index of entries by area
    get_areas().index_spellings()


def run_partition(part: Partition, annotate: bool = True) -> PartitionResult:
    """Read, clean, sign and (when ``annotate``) annotate the records of one partition."""
    started = time.perf_counter()
    result = PartitionResult(part.index)
    for i, raw in enumerate(read_partition(part)):
        if part.only is not None and not part.only[0] <= i < part.only[1]:
            continue
        if isinstance(raw, Reject):
            result.items.append(raw)
        else:
            result.items.extend(prepare_safely(raw, sign=True, max_chars=part.max_chars))
    if annotate:
        annotate_firsts([i for i in result.items if isinstance(i, Prepared)])
    result.seconds = time.perf_counter() - started
    return result


def annotate_firsts(items: list[Prepared]) -> None:
    """Annotate the first copy of each article in place; later copies are never annotated.

    A batch that fails is annotated again one article at a time; an article that still fails
    carries its reject in ``failure`` (every copy of it), for the writer to report once the
    article is registered, as a local run does.
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
    except NOT_AN_ARTICLES_FAULT:
        raise
    except Exception as exc:
        log.info(
            "a batch of %d articles failed to annotate (%s); retrying one by one",
            len(todo),
            type(exc).__name__,
        )
    failed: dict[str, Reject] = {}
    for p in todo:
        article = p.article
        assert isinstance(article, Article)
        try:
            p.annotations = next(annotate_texts([_item(article)]))
        except NOT_AN_ARTICLES_FAULT:
            raise
        except Exception as exc:
            log.debug("%s:%s: annotate failed", article.path, article.record, exc_info=True)
            failed[article.id] = failed_reject(article.path, article.record, "annotate", exc, article.text)
    for p in items:
        article = p.article
        if isinstance(article, Article) and article.id in failed:
            p.failure = replace(failed[article.id], path=article.path, record=article.record)
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
