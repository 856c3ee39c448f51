"""Turning one structured record (a JSON object, a CSV row) into a ``RawDoc``."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from newsevents.errors import one_line
from newsevents.models import RawDoc, Reject
from newsevents.read.htmlpage import is_whole_page, page_to_rawdoc
from newsevents.read.limits import LimitExceeded
from newsevents.read.options import ReadOptions
from newsevents.read.source import drop_controls, drop_surrogates, mb, parse_date, sample_of

log = logging.getLogger(__name__)


def _str(value: Any) -> str | None:
    """A field value as a non-empty string, or None."""
    if value is None:
        return None
    s = value if isinstance(value, str) else str(value)
    s = drop_controls(drop_surrogates(s))  # JSON may escape lone surrogates and NUL bytes
    return s if s.strip() else None


def record_or_reject(
    row: Mapping[str, Any], path: str, where: str, opts: ReadOptions, fmt: str
) -> RawDoc | Reject:
    """``record_to_rawdoc``, with any failure on this one record turned into its reject."""
    try:
        return record_to_rawdoc(row, path, where, opts, fmt)
    except LimitExceeded:
        raise
    except Exception as exc:
        log.debug("%s:%s: unreadable record", path, where, exc_info=True)
        return Reject(path, where, f"unreadable record: {one_line(exc)}")


def record_to_rawdoc(
    row: Mapping[str, Any], path: str, where: str, opts: ReadOptions, fmt: str
) -> RawDoc | Reject:
    """Map a record's fields to a document; a record without text or HTML is rejected."""
    text = _str(row.get(opts.text_field))
    html = _str(row.get(opts.html_field))
    if text is None and html is None:
        keys = ", ".join(sorted(str(k) for k in row)[:8])
        return Reject(
            path,
            where,
            f"missing text field: no {opts.text_field!r} or {opts.html_field!r} among "
            f"[{keys}]; pass --text-field/--html-field",
            sample=sample_of(str(dict(row))),
        )
    size = max(len(text or ""), len(html or ""))
    if size > opts.max_doc_bytes:
        return Reject(path, where, f"document larger than the {mb(opts.max_doc_bytes)} limit")
    published = None
    raw_date = row.get(opts.published_field)
    if raw_date not in (None, ""):
        try:
            published = parse_date(raw_date)
        except ValueError as exc:
            log.warning("%s:%s: %s; document kept without it", path, where, exc)
    url = _str(row.get(opts.url_field))
    title = _str(row.get(opts.title_field))
    source = _str(row.get(opts.source_field))
    if html is not None and text is None and is_whole_page(html):
        return page_to_rawdoc(html, path, where, opts, url, title, published, source)
    return RawDoc(
        path=path,
        record=where,
        text=text,
        html=html,
        url=url,
        title=title,
        published=published or opts.published,
        source=source or opts.source,
        fmt=fmt,
    )
