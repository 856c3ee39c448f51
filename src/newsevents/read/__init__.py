"""Reading inputs: files, directories or stdin in several formats, streamed as ``RawDoc``s.

A bad input never raises: it becomes a ``Reject`` naming the file, the record and the reason.
Only a bad configuration (an unknown explicit format) raises ``ConfigError``.
"""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from newsevents.errors import ConfigError, one_line
from newsevents.models import RawDoc, Reject
from newsevents.read.csvrows import read_csv
from newsevents.read.htmlpage import read_html
from newsevents.read.jsonl import read_jsonl
from newsevents.read.limits import (
    MAX_DOCS_PER_FILE,
    MAX_FILE_BYTES,
    BoundedReader,
    LimitExceeded,
    Utf8Recoder,
    gzip_position,
)
from newsevents.read.lines import read_lines
from newsevents.read.options import ReadOptions
from newsevents.read.source import (
    MAX_DOC_BYTES,
    SNIFF_BYTES,
    SNIFF_WINDOWS,
    bom_encoding,
    is_binary_file,
    open_binary,
    safe_path,
)
from newsevents.read.text import read_text
from newsevents.read.warc import read_warc

log = logging.getLogger(__name__)

Reader = Callable[[IO[bytes], str, ReadOptions], Iterator[RawDoc | Reject]]

READERS: dict[str, Reader] = {
    "lines": read_lines,
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "text": read_text,
    "warc": read_warc,
}
FORMATS = tuple(READERS)

EXTENSIONS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".txt": "text",  # or "lines" when the file starts with markup: see _sniff_text
    ".text": "text",
    ".warc": "warc",
}

__all__ = [
    "FORMATS",
    "MAX_DOCS_PER_FILE",
    "MAX_DOC_BYTES",
    "MAX_FILE_BYTES",
    "ReadOptions",
    "detect_format",
    "iter_inputs",
]

# Formats with one record per line, judged binary line by line.
LINE_FORMATS = frozenset({"lines", "jsonl", "csv"})
# Bytes of a file's start looked at before choosing its reader (several sniff windows).
HEAD_BYTES = SNIFF_BYTES * SNIFF_WINDOWS


def iter_inputs(
    paths: list[str],
    fmt: str | None = None,
    published: date | None = None,
    source: str | None = None,
    text_field: str = "text",
    html_field: str = "html",
    url_field: str = "url",
    title_field: str = "title",
    published_field: str = "published",
    source_field: str = "source",
    max_doc_bytes: int = MAX_DOC_BYTES,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_docs_per_file: int = MAX_DOCS_PER_FILE,
) -> Iterator[RawDoc | Reject]:
    """Stream the documents of files, directories (recursively, sorted) or stdin (``-``)."""
    if fmt is not None and fmt not in READERS:
        raise ConfigError("format", fmt, "one of " + ", ".join(FORMATS))
    for name, value in (
        ("max_doc_bytes", max_doc_bytes),
        ("max_file_bytes", max_file_bytes),
        ("max_docs_per_file", max_docs_per_file),
    ):
        if value <= 0:
            raise ConfigError(name, value, "a positive number")
    opts = ReadOptions(
        published=published,
        source=source,
        text_field=text_field,
        html_field=html_field,
        url_field=url_field,
        title_field=title_field,
        published_field=published_field,
        source_field=source_field,
        max_doc_bytes=max_doc_bytes,
        max_file_bytes=max_file_bytes,
        max_docs_per_file=max_docs_per_file,
    )
    for path in _walk(paths):
        if isinstance(path, Reject):
            yield path
            continue
        yield from read_file(path, fmt, opts)


def _walk(paths: list[str]) -> Iterator[str | Reject]:
    """Expand directories into their files, recursively in sorted order.

    A sub-directory that cannot be listed becomes a reject; what is not a regular file is
    rejected by ``read_file``.
    """
    for p in paths:
        if p == "-":
            yield p
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(p).st_mode)
        except FileNotFoundError:
            yield Reject(safe_path(p), "", "no such file or directory")
            continue
        except OSError as exc:
            yield Reject(safe_path(p), "", f"cannot open: {exc.strerror or exc}")
            continue
        if not is_dir:
            yield p
            continue
        yield from _walk_dir(p)


def _walk_dir(top: str) -> Iterator[str | Reject]:
    """The candidate files under ``top`` in sorted order, after rejects for unlistable folders."""
    found: list[Path] = []
    errors: list[Reject] = []

    def unreadable(exc: OSError) -> None:
        where = safe_path(str(exc.filename or top))
        errors.append(Reject(where, "", f"cannot read directory: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f) for f in files if _is_candidate(f))
    yield from errors
    yield from (str(f) for f in sorted(found))


# Files a directory walk passes over: hidden files and databases (the store often lives in the
# directory being ingested). Given explicitly, such a file is still read or rejected.
_NOT_INPUTS = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3", ".db.lock")


def _is_candidate(name: str) -> bool:
    """True for a file a directory walk should read."""
    return not name.startswith(".") and not name.lower().endswith(_NOT_INPUTS)


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


def _not_regular(path: str) -> str | None:
    """Why ``path`` is not a regular file to read (a FIFO would block forever), or None."""
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"not a regular file ({kind}); only regular files are read"


def detect_format(path: str) -> str | None:
    """The format named by a file's extension (``.gz`` looked through), or None."""
    name = path.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    return EXTENSIONS.get(os.path.splitext(name)[1])


def _sniff(head: bytes) -> str:
    """The format of a stream with no usable extension, from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        return "html" if _looks_like_page(start) else "lines"
    return "text"


def _looks_like_page(start: bytes) -> bool:
    """True when the first bytes open a whole page (doctype or ``<html>``)."""
    return start[:15].lower().startswith((b"<!doctype", b"<html", b"<?xml"))


def read_file(path: str, fmt: str | None, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Stream one file (or stdin), rejecting empty, binary, unreadable and runaway inputs.

    Documents and rejects name the file by ``safe_path`` (undecodable bytes as ``\\xNN``).
    """
    shown = safe_path(path)
    chosen = fmt or detect_format(path)
    if chosen is None and path != "-":
        ext = safe_path(os.path.splitext(path)[1]) or "(none)"
        yield Reject(
            shown,
            "",
            f"unknown format for extension {ext}; pass a format, one of {', '.join(FORMATS)}",
        )
        return
    try:
        why = None if path == "-" else _not_regular(path)
        raw = open_binary(path) if why is None else None
    except OSError as exc:
        yield Reject(shown, "", f"cannot open: {exc.strerror or exc}")
        return
    if raw is None:
        yield Reject(shown, "", why or "not a regular file")
        return
    try:
        yield from _read_stream(raw, shown, chosen, fmt, opts)
    except LimitExceeded as exc:
        yield Reject(shown, "", str(exc))
    except Exception as exc:  # a corrupt stream (gzip, WARC) must not end the run
        log.debug("%s: read error", shown, exc_info=True)
        yield Reject(shown, "", f"read error: {one_line(exc)}")
    finally:
        if path != "-":
            raw.close()


def _read_stream(
    raw: IO[bytes], shown: str, chosen: str | None, fmt: str | None, opts: ReadOptions
) -> Iterator[RawDoc | Reject]:
    """Sniff an open stream and run its reader, within the per-file limits."""
    bounded = BoundedReader(raw, opts.max_file_bytes, gzip_position(raw), opts.max_gzip_ratio)
    fh: io.BufferedReader[io.RawIOBase] = io.BufferedReader(bounded, buffer_size=HEAD_BYTES)
    if chosen != "warc":
        head = fh.peek(HEAD_BYTES)[:HEAD_BYTES]
        encoding = bom_encoding(head)
        if encoding is not None and encoding != "utf-8":
            fh = io.BufferedReader(Utf8Recoder(fh, encoding), buffer_size=HEAD_BYTES)
            head = fh.peek(HEAD_BYTES)[:HEAD_BYTES]
        if not head.strip() and len(head) < SNIFF_BYTES:
            yield Reject(shown, "", "empty file")
            return
        if is_binary_file(head, by_lines=chosen in LINE_FORMATS):
            yield Reject(shown, "", "binary file (NUL or control bytes), not a text format")
            return
        if chosen is None:
            chosen = _sniff(head)
        elif chosen == "text" and fmt is None:
            chosen = _sniff_text(head)
    for count, item in enumerate(READERS[chosen](fh, shown, opts), start=1):
        if count > opts.max_docs_per_file:
            yield Reject(
                shown,
                item.record,
                f"more than {opts.max_docs_per_file} documents in one file (max_docs_per_file); "
                "the rest of the file is skipped",
            )
            return
        yield item


def _sniff_text(head: bytes) -> str:
    """A ``.txt`` file whose first line is markup is one HTML fragment per line (or a page)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        return "html" if _looks_like_page(start) else "lines"
    return "text"
