"""Reading inputs: files, directories or stdin in several formats, streamed as ``RawDoc``s.

A bad input never raises: it becomes a ``Reject`` naming the file, the record and the reason.
Only a bad configuration (an unknown explicit format) raises ``ConfigError``.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from newsevents.errors import ConfigError
from newsevents.models import RawDoc, Reject
from newsevents.read.csvrows import read_csv
from newsevents.read.htmlpage import read_html
from newsevents.read.jsonl import read_jsonl
from newsevents.read.lines import read_lines
from newsevents.read.options import ReadOptions
from newsevents.read.source import MAX_DOC_BYTES, SNIFF_BYTES, is_binary, open_binary
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

__all__ = ["FORMATS", "MAX_DOC_BYTES", "ReadOptions", "detect_format", "iter_inputs"]


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
) -> Iterator[RawDoc | Reject]:
    """Stream the documents of files, directories (recursively, sorted) or stdin (``-``)."""
    if fmt is not None and fmt not in READERS:
        raise ConfigError("format", fmt, "one of " + ", ".join(FORMATS))
    if max_doc_bytes <= 0:
        raise ConfigError("max_doc_bytes", max_doc_bytes, "a positive number of bytes")
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
    )
    for path in _walk(paths):
        if isinstance(path, Reject):
            yield path
            continue
        yield from read_file(path, fmt, opts)


def _walk(paths: list[str]) -> Iterator[str | Reject]:
    """Expand directories into their files, recursively in sorted order."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root, f) for f in files if _is_candidate(f))
            yield from (str(f) for f in sorted(found))
        elif path.is_file():
            yield p
        else:
            yield Reject(p, "", "no such file or directory")


# Files a directory walk passes over: hidden files and databases (the store often lives in the
# directory being ingested). Given explicitly, such a file is still read or rejected.
_NOT_INPUTS = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3")


def _is_candidate(name: str) -> bool:
    """True for a file a directory walk should read."""
    return not name.startswith(".") and not name.lower().endswith(_NOT_INPUTS)


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
    """Stream one file (or stdin), rejecting empty, binary and unreadable inputs."""
    chosen = fmt or detect_format(path)
    if chosen is None and path != "-":
        ext = os.path.splitext(path)[1] or "(none)"
        yield Reject(
            path,
            "",
            f"unknown format for extension {ext}; pass a format, one of {', '.join(FORMATS)}",
        )
        return
    try:
        raw = open_binary(path)
    except OSError as exc:
        yield Reject(path, "", f"cannot open: {exc.strerror or exc}")
        return
    try:
        fh = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[type-var]
        if chosen != "warc":
            head = fh.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            if not head.strip() and len(head) < SNIFF_BYTES:
                yield Reject(path, "", "empty file")
                return
            if is_binary(head):
                yield Reject(path, "", "binary file (NUL or control bytes), not a text format")
                return
            if chosen is None:
                chosen = _sniff(head)
            elif chosen == "text" and fmt is None:
                chosen = _sniff_text(head)
        yield from READERS[chosen](fh, path, opts)
    except Exception as exc:  # a corrupt stream (gzip, WARC) must not end the run
        log.warning("%s: read error", path, exc_info=True)
        yield Reject(path, "", f"read error: {type(exc).__name__}: {exc}")
    finally:
        if path != "-":
            raw.close()


def _sniff_text(head: bytes) -> str:
    """A ``.txt`` file whose first line is markup is one HTML fragment per line (or a page)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        return "html" if _looks_like_page(start) else "lines"
    return "text"
