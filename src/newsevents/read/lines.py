"""The ``lines`` format: one HTML fragment (or plain-text) document per line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO

from newsevents.models import RawDoc, Reject
from newsevents.read.htmlpage import is_whole_page, page_or_reject
from newsevents.read.options import ReadOptions
from newsevents.read.source import iter_text_lines

log = logging.getLogger(__name__)


def read_lines(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield one document per non-blank line; bad lines become rejects."""
    for item in iter_text_lines(fh, path, opts.max_doc_bytes):
        if isinstance(item, Reject):
            yield item
            continue
        where, text, _raw = item
        if is_whole_page(text):  # a dump of whole pages, one per line
            yield page_or_reject(text, path, where, opts)
            continue
        yield RawDoc(
            path=path,
            record=where,
            html=text,
            published=opts.published,
            source=opts.source,
            fmt="lines",
        )
