"""The ``jsonl`` format: one JSON object per line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import IO

from newsevents.errors import InputError
from newsevents.models import RawDoc, Reject
from newsevents.read.options import ReadOptions
from newsevents.read.records import record_to_rawdoc
from newsevents.read.source import decode_bytes, iter_byte_lines, mb, sample_of

log = logging.getLogger(__name__)


def read_jsonl(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield one document per JSON object line; malformed lines become rejects."""
    for lineno, raw in iter_byte_lines(fh, opts.max_doc_bytes):
        where = f"line {lineno}"
        if raw is None:
            yield Reject(path, where, f"document larger than the {mb(opts.max_doc_bytes)} limit")
            continue
        if not raw.strip():
            continue
        try:
            dec = decode_bytes(raw)
            obj = json.loads(dec.text)
        except InputError as exc:
            yield Reject(path, where, str(exc), sample=sample_of(raw))
            continue
        except json.JSONDecodeError as exc:
            yield Reject(
                path, where, f"malformed JSON: {exc.msg} at column {exc.colno}", sample=sample_of(raw)
            )
            continue
        if dec.warning:
            log.warning("%s:%s: %s", path, where, dec.warning)
        if not isinstance(obj, dict):
            yield Reject(
                path, where, f"expected a JSON object, got {type(obj).__name__}", sample=sample_of(raw)
            )
            continue
        yield record_to_rawdoc(obj, path, where, opts, "jsonl")
