"""The ``lines`` format: one HTML fragment (or plain-text) document per line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO

from newsevents.errors import InputError
from newsevents.models import RawDoc, Reject
from newsevents.read.htmlpage import is_whole_page, page_to_rawdoc
from newsevents.read.options import ReadOptions
from newsevents.read.source import decode_bytes, iter_byte_lines, mb, sample_of

log = logging.getLogger(__name__)


def read_lines(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield one document per non-blank line; bad lines become rejects."""
    for lineno, raw in iter_byte_lines(fh, opts.max_doc_bytes):
        where = f"line {lineno}"
        if raw is None:
            yield Reject(path, where, f"document larger than the {mb(opts.max_doc_bytes)} limit")
            continue
        if not raw.strip():
            continue
        try:
            dec = decode_bytes(raw.rstrip(b"\r\n"))
        except InputError as exc:
            yield Reject(path, where, str(exc), sample=sample_of(raw))
            continue
        if dec.warning:
            log.warning("%s:%s: %s", path, where, dec.warning)
        if is_whole_page(dec.text):  # a dump of whole pages, one per line
            yield page_to_rawdoc(dec.text, path, where, opts)
            continue
        yield RawDoc(
            path=path,
            record=where,
            html=dec.text,
            published=opts.published,
            source=opts.source,
            fmt="lines",
        )
