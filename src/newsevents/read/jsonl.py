"""The ``jsonl`` format: one JSON object per line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import IO

from newsevents.models import RawDoc, Reject
from newsevents.read.options import ReadOptions
from newsevents.read.records import record_or_reject
from newsevents.read.source import iter_text_lines, sample_of

log = logging.getLogger(__name__)


def read_jsonl(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield one document per JSON object line; malformed lines become rejects."""
    for item in iter_text_lines(fh, path, opts.max_doc_bytes):
        if isinstance(item, Reject):
            yield item
            continue
        where, text, raw = item
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Reject(
                path, where, f"malformed JSON: {exc.msg} at column {exc.colno}", sample=sample_of(raw)
            )
            continue
        except RecursionError:
            yield Reject(path, where, "JSON nested too deeply to read", sample=sample_of(raw))
            continue
        if not isinstance(obj, dict):
            yield Reject(
                path, where, f"expected a JSON object, got {type(obj).__name__}", sample=sample_of(raw)
            )
            continue
        yield record_or_reject(obj, path, where, opts, "jsonl")
