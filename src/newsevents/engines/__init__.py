"""Engines run the per-document work (read, clean, sign, annotate) locally or on a cluster.

The pipeline sees one small interface, ``Engine``: ``documents`` streams every input record
in input order, as a ``Reject`` (unreadable) or a ``Prepared`` document; ``annotate`` returns
the annotations of the canonical articles the pipeline chose, batch by batch, in order. The
global work (dedup decisions, merge, control, store) stays in the pipeline's single writer.
Nothing outside this package imports an engine's third-party library.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Protocol

from newsevents.engines.prepare import Prepared
from newsevents.models import Annotations, Reject

__all__ = ["Engine", "Prepared"]


class Engine(Protocol):
    """Runs the per-document stages; the pipeline does the rest."""

    def documents(
        self, paths: list[str], fmt: str | None, published: date | None, source: str | None
    ) -> Iterator[Reject | Prepared]:
        """Every input record, in input order: a read reject or a prepared document."""
        ...

    def annotate(self, batches: Iterable[list[Prepared]]) -> Iterator[list[Annotations]]:
        """The annotations of each batch's articles, batch by batch, in order."""
        ...
