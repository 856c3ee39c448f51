"""Annotation that survives a bad article: a failing batch is retried one article at a time,
and only the article that fails alone is left out (and reported)."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from newsevents.errors import ConfigError, ResourceMissingError
from newsevents.models import Annotations

log = logging.getLogger(__name__)

Item = tuple[str, str, date | None]  # (article id, text, publication date)
AnnotateFn = Callable[..., Iterator[list[Annotations]]]  # annotate_batches(batches, workers=N)
ErrorFn = Callable[[Item, Exception], None]


# Errors that would fail every article alike (no model installed, a bad setting): they end the
# run with their own message instead of rejecting each article in turn.
NOT_AN_ARTICLES_FAULT = (ResourceMissingError, ConfigError)


class _SourceFailed(Exception):
    """The batch source itself raised (not the annotator): not an article's fault."""


def annotate_isolated(
    batches: Iterable[list[Item]], annotate: AnnotateFn, workers: int, on_error: ErrorFn
) -> Iterator[list[Annotations]]:
    """``annotate(batches, workers=workers)``, in order, where an exception costs one article.

    ``annotate`` must return results in submission order (every engine here does): when it
    raises, the oldest batch not yet returned is the one that failed. That batch is annotated
    again article by article in this process; the batches in flight behind it are resubmitted.
    """
    source = iter(batches)
    resubmit: deque[list[Item]] = deque()
    while True:
        sent: deque[list[Item]] = deque()

        def feed(sent: deque[list[Item]] = sent) -> Iterator[list[Item]]:
            while resubmit:
                sent.append(resubmit.popleft())
                yield sent[-1]
            while True:
                try:
                    batch = next(source)
                except StopIteration:
                    return
                except Exception as exc:
                    raise _SourceFailed from exc
                sent.append(batch)
                yield batch

        try:
            for result in annotate(feed(), workers=workers):
                sent.popleft()
                yield result
            return
        except _SourceFailed as exc:
            raise exc.__cause__ or exc from None
        except NOT_AN_ARTICLES_FAULT:
            raise
        except Exception as exc:
            if not sent:
                raise
            failed = sent.popleft()
            log.info(
                "a batch of %d articles failed to annotate (%s); retrying one by one",
                len(failed),
                type(exc).__name__,
            )
            resubmit.extend(sent)
            yield _one_by_one(failed, annotate, on_error)


def _one_by_one(batch: list[Item], annotate: AnnotateFn, on_error: ErrorFn) -> list[Annotations]:
    """Annotate each article alone; report those that still fail and leave them out."""
    done: list[Annotations] = []
    for item in batch:
        try:
            done.extend(ann for result in annotate([[item]], workers=1) for ann in result)
        except NOT_AN_ARTICLES_FAULT:
            raise
        except Exception as exc:
            on_error(item, exc)
    return done
