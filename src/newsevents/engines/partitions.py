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
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from newsevents.clean import MAX_ARTICLE_CHARS
from newsevents.errors import ConfigError, one_line
from newsevents.models import RawDoc, Reject
from newsevents.read import (
    FORMATS,
    MAX_DOCS_PER_FILE,
    MAX_FILE_BYTES,
    READERS,
    ReadOptions,
    detect_format,
    read_file,
)
from newsevents.read import _walk as walk_inputs  # the same order as a local run
from newsevents.read.source import SNIFF_BYTES, bom_encoding, is_binary

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
# The suffix ``split_long`` gives the first article of a document split for length.
_FIRST_PART = re.compile(r"(?:^| )part 1$")


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
    max_chars: int = MAX_ARTICLE_CHARS  # longer articles are split between paragraphs

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
    max_docs_per_file: int = MAX_DOCS_PER_FILE,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_chars: int = MAX_ARTICLE_CHARS,
    text_field: str = "text",
    html_field: str = "html",
) -> list[Partition]:
    """The partitions of the inputs in input order (a missing path: a partition of one reject).

    The per-file limits travel in each partition's read options and the article length limit
    with the partition, so workers read and clean within them as a local run does.
    """
    if fmt is not None and fmt not in READERS:
        raise ConfigError("format", fmt, "one of " + ", ".join(FORMATS))
    if partition_bytes <= 0:
        raise ConfigError("partition size", partition_bytes, "a positive number of bytes")
    for name, value in (("max_docs_per_file", max_docs_per_file), ("max_file_bytes", max_file_bytes)):
        if value <= 0:
            raise ConfigError(name, value, "a positive number")
    opts = ReadOptions(
        published=published,
        source=source,
        max_docs_per_file=max_docs_per_file,
        max_file_bytes=max_file_bytes,
        text_field=text_field,
        html_field=html_field,
    )
    out: list[Partition] = []
    for path in walk_inputs(paths):
        if isinstance(path, Reject):
            out.append(Partition(len(out), path.path, fmt, opts, records=(path,)))
        elif path == "-":
            out.extend(_inline_partitions(path, fmt, opts, len(out), partition_bytes))
        else:
            out.extend(_file_partitions(path, fmt, opts, partition_bytes, len(out)))
    return [replace(p, max_chars=max_chars) for p in out]


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
    if (
        chosen not in SPLITTABLE
        or path.endswith(".gz")
        or size <= partition_bytes
        or size > opts.max_file_bytes  # read whole, so the reader stops at the limit
        or _binary(path)
    ):
        yield Partition(first, path, fmt, opts, location=os.path.abspath(path))
        return
    for i, (start, end, line) in enumerate(line_ranges(path, size, partition_bytes)):
        yield Partition(
            first + i,
            path,
            chosen,
            opts,
            start=start,
            end=end,
            first_line=line,
            location=os.path.abspath(path),
        )


def _binary(path: str) -> bool:
    """True when the file starts like binary data (the whole-file reader rejects it), or in a
    UTF-16/32 encoding (the whole-file reader re-encodes it; byte ranges would cut characters)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return True
    encoding = bom_encoding(head)
    return is_binary(head) or (encoding is not None and encoding != "utf-8")


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
    try:
        for item in READERS[part.fmt](io.BytesIO(data), part.path, part.options):
            item.record = _LINE.sub(lambda m: f"line {int(m.group(1)) + shift}", item.record, count=1)
            yield item
    except Exception as exc:  # a reader crash ends this range with a reject, not the run
        log.debug("%s: read error", part.describe(), exc_info=True)
        yield Reject(part.path, f"line {part.first_line}", f"read error: {one_line(exc)}")


def cap_per_file(items: Iterator[Any], max_docs: int) -> Iterator[Any]:
    """The records of a stream in input order, at most ``max_docs`` per file.

    A file cut into line ranges is read in pieces, none of which sees the whole file's count;
    this counts across them as ``read_file`` does for a whole file (documents and rejected
    records; the further articles of a split document are not counted) and ends the file with
    the same reject. A whole file already ended that way gives the same reject here.
    """
    counts: dict[str, int] = {}
    over: set[str] = set()
    for item in items:
        path, record, part = _where(item)
        if path in over:
            continue
        if part == 0 and not (isinstance(item, Reject) and not record):  # a whole-file reject: no record
            counts[path] = counts.get(path, 0) + 1
            if counts[path] > max_docs:
                over.add(path)
                yield Reject(
                    path,
                    record,
                    f"more than {max_docs} documents in one file (max_docs_per_file); "
                    "the rest of the file is skipped",
                )
                continue
        yield item


def _where(item: Any) -> tuple[str, str, int]:
    """(path, record, part) of a stream item: a reject, or a prepared document."""
    if isinstance(item, Reject):
        return item.path, item.record, 0
    article = item.article
    record = article.record
    if item.part == 0 and not isinstance(article, Reject):  # the record as read, not "... part 1"
        record = _FIRST_PART.sub("", record)
    return article.path, record, item.part
