"""The ``text`` format: one plain-text article per file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO

from newsevents.errors import InputError
from newsevents.models import RawDoc, Reject
from newsevents.read.options import ReadOptions
from newsevents.read.source import decode_bytes, read_limited, sample_of

log = logging.getLogger(__name__)


def read_text(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield the whole file as one plain-text document."""
    try:
        data = read_limited(fh, opts.max_doc_bytes)
        dec = decode_bytes(data)
    except InputError as exc:
        yield Reject(path, "", str(exc))
        return
    if dec.warning:
        log.warning("%s: %s", path, dec.warning)
    if not dec.text.strip():
        yield Reject(path, "", "empty file", sample=sample_of(data))
        return
    yield RawDoc(
        path=path, record="", text=dec.text, published=opts.published, source=opts.source, fmt="text"
    )
