"""The ``csv`` format: one document per row, with a header naming the fields."""

from __future__ import annotations

import csv
import io
import logging
import sys
from collections.abc import Iterator
from typing import IO

from newsevents.errors import InputError
from newsevents.models import RawDoc, Reject
from newsevents.read.options import ReadOptions
from newsevents.read.records import record_or_reject
from newsevents.read.source import SNIFF_BYTES, decode_bytes

log = logging.getLogger(__name__)


def read_csv(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield one document per row; row numbers count data rows from 1 (the header excluded)."""
    buffered = fh if isinstance(fh, io.BufferedReader) else io.BufferedReader(fh)  # type: ignore[type-var]
    head = buffered.peek(SNIFF_BYTES * 8)
    if b"\n" in head:  # never cut a multi-byte character in half
        head = head[: head.rindex(b"\n")]
    try:
        dec = decode_bytes(head)
    except InputError as exc:
        yield Reject(path, "", str(exc))
        return
    encoding = "utf-8-sig" if dec.encoding == "utf-8" else dec.encoding
    if dec.warning:
        log.warning("%s: %s", path, dec.warning)
    stream = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    csv.field_size_limit(min(sys.maxsize, opts.max_doc_bytes * 4 + 1))
    reader = csv.DictReader(stream)
    fields = reader.fieldnames or []
    if opts.text_field not in fields and opts.html_field not in fields:
        yield Reject(
            path,
            "row 0",
            f"missing text column: the header has no {opts.text_field!r} or "
            f"{opts.html_field!r} among [{', '.join(fields[:8])}]; pass --text-field/--html-field",
        )
        return
    rowno = 0
    while True:
        rowno += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(path, f"row {rowno}", f"malformed CSV: {exc}")
            continue
        yield record_or_reject(row, path, f"row {rowno}", opts, "csv")
