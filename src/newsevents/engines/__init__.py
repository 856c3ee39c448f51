"""Engines run the per-document work (read, clean, sign, annotate) locally or on a cluster.

The pipeline sees one small interface, ``Engine``: ``documents`` streams every input record
in input order, within the ingest limits, as a ``Reject`` (unreadable, or failed to clean) or
a ``Prepared`` article (several, in order, for a document split for length); ``annotate``
returns, batch by batch and in order, each chosen article's annotations or the reject of an
article the annotate stage failed on. An exception in one document's work never ends the run:
the engine turns it into that document's reject. The global work (dedup decisions, merge,
control, store) stays in the pipeline's single writer. Nothing outside this package imports an
engine's third-party library.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Protocol

from newsevents.engines.prepare import Prepared
from newsevents.limits import IngestLimits
from newsevents.models import Annotations, Reject

__all__ = ["Engine", "Prepared"]


class Engine(Protocol):
    """Runs the per-document stages; the pipeline does the rest."""

    def documents(
        self,
        paths: list[str],
        fmt: str | None,
        published: date | None,
        source: str | None,
        limits: IngestLimits,
    ) -> Iterator[Reject | Prepared]:
        """Every input record, in input order: a read reject or its prepared articles."""
        ...

    def annotate(self, batches: Iterable[list[Prepared]]) -> Iterator[list[Annotations | Reject]]:
        """For each batch, in order: one result per article, in the batch's order."""
        ...
