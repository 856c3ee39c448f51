"""The ``warc`` format: HTML responses of a web archive, each read as a whole page."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO

from newsevents.errors import InputError, one_line
from newsevents.models import RawDoc, Reject
from newsevents.read.htmlpage import page_to_rawdoc
from newsevents.read.options import ReadOptions
from newsevents.read.source import declared_charset, decode_bytes, mb

log = logging.getLogger(__name__)


def _charset(content_type: str) -> str | None:
    """The charset parameter of an HTTP Content-Type header."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def read_warc(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield one document per HTML response record; other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator

    records = pages = 0
    for n, rec in enumerate(ArchiveIterator(fh), start=1):
        records = n
        where = f"record {n}"
        if rec.rec_type != "response" or rec.http_headers is None:
            continue
        ctype = rec.http_headers.get_header("Content-Type") or ""
        if "html" not in ctype.lower():
            log.debug("%s:%s: skipped non-HTML response (%s)", path, where, ctype)
            continue
        pages += 1
        data = rec.content_stream().read(opts.max_doc_bytes + 1)
        if len(data) > opts.max_doc_bytes:
            yield Reject(path, where, f"document larger than the {mb(opts.max_doc_bytes)} limit")
            continue
        if not data.strip():
            yield Reject(path, where, "empty HTML response")
            continue
        declared = _charset(ctype) or declared_charset(data)
        try:
            dec = decode_bytes(data, declared)
        except (InputError, LookupError) as exc:
            yield Reject(path, where, str(exc))
            continue
        if dec.warning:
            log.warning("%s:%s: %s", path, where, dec.warning)
        url = rec.rec_headers.get_header("WARC-Target-URI")
        yield _page(dec.text, path, where, opts, url)
    if records == 0:
        yield Reject(path, "", "empty file: no WARC records")
    elif pages == 0:
        yield Reject(path, "", f"no HTML response among {records} WARC records")


def _page(html: str, path: str, where: str, opts: ReadOptions, url: str | None) -> RawDoc | Reject:
    """One HTML response as a document; a failure on it rejects only this record."""
    try:
        return page_to_rawdoc(html, path, where, opts, url=url)
    except Exception as exc:
        log.debug("%s:%s: unreadable page", path, where, exc_info=True)
        return Reject(path, where, f"unreadable page: {one_line(exc)}")
