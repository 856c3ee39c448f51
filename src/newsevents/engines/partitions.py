"""Inputs cut into partitions: whole files, line ranges of big JSONL files, chunks of records.

Workers read whole files and line ranges themselves; stdin and big CSV files (whose quoted
fields may hold newlines, so they cannot be cut by bytes) are read by the client and their
records sent in chunks.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from newsevents.errors import ConfigError
from newsevents.models import RawDoc, Reject
from newsevents.read import FORMATS, READERS, ReadOptions, detect_format, read_file
from newsevents.read import _walk as walk_inputs  # the same order as a local run
from newsevents.read.source import SNIFF_BYTES, is_binary

log = logging.getLogger(__name__)

# Formats with one document per line: a big file of these is cut at line boundaries.
SPLITTABLE = ("jsonl", "lines")
# 8 MB per partition: about 5,000 JSONL news articles, a few minutes of annotation for one core.
# Small enough that a lost partition costs little, big enough that per-task overhead (a few ms
# on the scheduler) disappears.
PARTITION_BYTES = 8 * 1024 * 1024
# Records per partition when the client reads the input itself (stdin, big CSV files).
INLINE_RECORDS = 2000
_LINE = re.compile(r"line (\d+)")


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: a file, a line range of a file, or records carried inline."""

    index: int  # position in input order; results are written in this order
    path: str
    fmt: str | None
    options: ReadOptions
    start: int = 0
    end: int | None = None  # byte range [start, end) of a splittable file; None: the whole file
    first_line: int = 1  # line number of the byte at ``start``
    records: tuple[RawDoc | Reject, ...] | None = None  # read by the client (stdin)
    only: tuple[int, int] | None = None  # process only these record positions (crash isolation)
    location: str = ""  # the absolute path workers open (their working directory may differ)

    @property
    def name(self) -> str:
        """A stable name for this partition's shard: position plus a hash of what it covers."""
        h = hashlib.sha1(f"{self.path}\0{self.start}\0{self.end}\0{self.fmt}".encode())
        if self.records is not None:
            for r in self.records:
                h.update(f"{r.path}\0{r.record}\0".encode())
        return f"part-{self.index:06d}-{h.hexdigest()[:12]}"

    def describe(self) -> str:
        """Where this partition's records come from, for messages."""
        if self.end is None:
            return self.path
        return f"{self.path} bytes {self.start}-{self.end}"


def plan_partitions(
    paths: list[str],
    fmt: str | None = None,
    published: date | None = None,
    source: str | None = None,
    partition_bytes: int = PARTITION_BYTES,
) -> list[Partition]:
    """The partitions of the inputs in input order (a missing path: a partition of one reject)."""
    if fmt is not None and fmt not in READERS:
        raise ConfigError("format", fmt, "one of " + ", ".join(FORMATS))
    if partition_bytes <= 0:
        raise ConfigError("partition size", partition_bytes, "a positive number of bytes")
    opts = ReadOptions(published=published, source=source)
    out: list[Partition] = []
    for path in walk_inputs(paths):
        if isinstance(path, Reject):
            out.append(Partition(len(out), path.path, fmt, opts, records=(path,)))
        elif path == "-":
            out.extend(_inline_partitions(path, fmt, opts, len(out), partition_bytes))
        else:
            out.extend(_file_partitions(path, fmt, opts, partition_bytes, len(out)))
    return out


def _inline_partitions(
    path: str, fmt: str | None, opts: ReadOptions, first: int, partition_bytes: int
) -> Iterator[Partition]:
    """An input read here (stdin, CSV whose rows may span lines), sent in chunks of records."""
    chunk: list[RawDoc | Reject] = []
    index, size = first, 0
    for item in read_file(path, fmt, opts):
        chunk.append(item)
        if isinstance(item, RawDoc):
            size += len(item.html or "") + len(item.text or "")
        if len(chunk) >= INLINE_RECORDS or size >= partition_bytes:
            yield Partition(index, path, fmt, opts, records=tuple(chunk))
            index, chunk, size = index + 1, [], 0
    if chunk or index == first:
        yield Partition(index, path, fmt, opts, records=tuple(chunk))


def _file_partitions(
    path: str, fmt: str | None, opts: ReadOptions, partition_bytes: int, first: int
) -> Iterator[Partition]:
    """One partition per file, or per line range when a one-document-per-line file is big."""
    chosen = fmt or detect_format(path)
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    if chosen == "csv" and size > partition_bytes:
        yield from _inline_partitions(path, fmt, opts, first, partition_bytes)
        return
    if chosen not in SPLITTABLE or path.endswith(".gz") or size <= partition_bytes or _binary(path):
        yield Partition(first, path, fmt, opts, location=os.path.abspath(path))
        return
    for i, (start, end, line) in enumerate(line_ranges(path, size, partition_bytes)):
        yield Partition(
            first + i, path, chosen, opts, start=start, end=end, first_line=line,
            location=os.path.abspath(path),
        )


def _binary(path: str) -> bool:
    """True when the file starts like binary data (the whole-file reader rejects it)."""
    try:
        with open(path, "rb") as fh:
            return is_binary(fh.read(SNIFF_BYTES))
    except OSError:
        return True


def line_ranges(path: str, size: int, partition_bytes: int) -> Iterator[tuple[int, int, int]]:
    """``(start, end, first line number)`` of chunks of about ``partition_bytes``, cut after a newline."""
    start, line = 0, 1
    with open(path, "rb") as fh:
        while start < size:
            end = start + partition_bytes
            if end >= size:
                end = size
            else:
                fh.seek(end - 1)
                while True:  # to the end of the line the cut falls in
                    piece = fh.readline(1 << 20)
                    if not piece or piece.endswith(b"\n"):
                        break
                end = fh.tell()
            fh.seek(start)
            newlines, left = 0, end - start
            while left > 0:
                block = fh.read(min(left, 1 << 20))
                if not block:
                    break
                newlines += block.count(b"\n")
                left -= len(block)
            yield start, end, line
            start, line = end, line + newlines


def read_partition(part: Partition) -> Iterator[RawDoc | Reject]:
    """The records of one partition, numbered as a read of the whole file numbers them."""
    if part.records is not None:
        yield from part.records
        return
    location = part.location or part.path
    if part.end is None:
        for item in read_file(location, part.fmt, part.options):
            if item.path == location:  # records name the path as the user gave it
                item.path = part.path
            yield item
        return
    assert part.fmt is not None  # set by plan_partitions for every line range
    with open(location, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    shift = part.first_line - 1
    for item in READERS[part.fmt](io.BytesIO(data), part.path, part.options):
        item.record = _LINE.sub(lambda m: f"line {int(m.group(1)) + shift}", item.record, count=1)
        yield item
