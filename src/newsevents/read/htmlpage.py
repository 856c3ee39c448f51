"""The ``html`` format: whole web pages, main text found by trafilatura."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from html import escape as html_escape
from typing import IO

from newsevents.clean.markup import MAX_NESTING, guard_markup
from newsevents.errors import InputError, one_line
from newsevents.logs import relogged
from newsevents.models import RawDoc, Reject
from newsevents.read.options import ReadOptions
from newsevents.read.source import declared_charset, decode_bytes, parse_date, read_limited

log = logging.getLogger(__name__)

# Links are kept in the extracted HTML so the cleaner can tell promo links from the body and
# keep their URLs (measured cost on the extraction dev set: docs/quality/extraction.md).
KEEP_LINKS = True
# A fragment or field holds a whole page (to run main-text extraction on) when it has these.
# Loggers of the extraction libraries, whose lines are re-logged naming the file they concern.
_EXTRACTOR_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
_WHOLE_PAGE = re.compile(r"<(?:!doctype|html|body|head)\b", re.I)


def is_whole_page(html: str) -> bool:
    """True when the markup is a whole page rather than an article fragment."""
    return bool(_WHOLE_PAGE.search(html[:4096]))


def main_content(html: str, url: str | None = None, where: str = "") -> tuple[str | None, dict[str, str]]:
    """The page's main content as HTML, and the metadata trafilatura found (title, date, url).

    ``where`` (file and record) prefixes the extractor's own log lines.
    """
    import trafilatura

    guarded = guard_markup(html)
    if guarded.too_deep:
        log.info("%s: markup nested over %d levels; read as text", where, MAX_NESTING)
        return None, {}
    try:
        with relogged(_EXTRACTOR_LOGGERS, where):
            out = trafilatura.extract(
                guarded.html,
                url=url,
                output_format="html",
                with_metadata=True,
                include_links=KEEP_LINKS,
                include_tables=True,
                include_comments=False,  # reader comments are not the article
            )
    except Exception as exc:  # trafilatura fails on some malformed trees; fall back below
        log.warning("%s: main-text extraction failed (%s)", where, one_line(exc))
        return None, {}
    if not out:
        return None, {}
    return out, _metadata(out)


def _metadata(out: str) -> dict[str, str]:
    """The ``<meta name=... content=...>`` pairs of trafilatura's HTML output."""
    from selectolax.lexbor import LexborHTMLParser

    head = out.split("<body", 1)[0]
    meta: dict[str, str] = {}
    for node in LexborHTMLParser(head).css("meta[name]"):
        name, content = node.attributes.get("name"), node.attributes.get("content")
        if name and content:
            meta[name] = content
    return meta


# The page's own summary (<meta name="description">) is added as a lead paragraph when the
# extracted body lacks it: main-text extraction often drops the standfirst that news pages set
# apart from the body, and the description usually repeats it. On the extraction dev set this
# found 58 of 173 missed snippets for 4 new false positives (docs/quality/extraction.md).
LEAD_MIN_WORDS = 8  # shorter descriptions are site blurbs ("News from X since 1901")
# Skip it when this share of its words is already in the body's first 1500 characters: it is
# a copy of the first paragraph.
LEAD_COPY_OVERLAP = 0.8
# Skip it when less than this share of its words occurs anywhere in the body: off topic.
LEAD_TOPIC_OVERLAP = 0.2
_WORDS = re.compile(r"\w+")
_BODY_OPEN = re.compile(r"<body[^>]*>", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*(?=\s|$)")


def _word_set(text: str) -> set[str]:
    """Lower-cased words of a text."""
    return {w.lower() for w in _WORDS.findall(text)}


def _complete_sentences(text: str) -> str:
    """A truncated summary ("... and the") cut back to its last complete sentence."""
    if not text.endswith(("…", "...", "[…]", "[...]")):
        return text
    text = text.rstrip(".…[] ")
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return text[: ends[-1]] if ends else ""


def add_lead(content: str, description: str | None) -> str:
    """The extracted HTML with the page's description as first paragraph, when it adds text."""
    from selectolax.lexbor import LexborHTMLParser

    if not description:
        return content
    lead = _complete_sentences(" ".join(description.split()))
    words = _word_set(lead)
    if len(lead.split()) < LEAD_MIN_WORDS or not words:
        return content
    tree = LexborHTMLParser(content)
    body = " ".join((tree.body.text(separator=" ") if tree.body else "").split())
    if lead in body:
        return content
    if len(words & _word_set(body[:1500])) >= LEAD_COPY_OVERLAP * len(words):
        return content
    if len(words & _word_set(body)) < LEAD_TOPIC_OVERLAP * len(words):
        return content
    para = f"<p>{html_escape(lead)}</p>"
    m = _BODY_OPEN.search(content)
    return content[: m.end()] + para + content[m.end() :] if m else para + content


def page_to_rawdoc(
    html: str,
    path: str,
    record: str,
    opts: ReadOptions,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
) -> RawDoc:
    """Turn a whole page into a ``RawDoc`` holding its main content; metadata the page has wins
    only where the caller passed none."""
    content, meta = main_content(html, url, f"{path}:{record}" if record else path)
    if content is None:
        log.info("%s:%s: no main text found; cleaning the whole page", path, record)
        content = html
    else:
        content = add_lead(content, meta.get("description"))
    if published is None and meta.get("date"):
        try:
            published = parse_date(meta["date"])
        except ValueError as exc:
            log.warning("%s:%s: %s", path, record, exc)
    return RawDoc(
        path=path,
        record=record,
        html=content,
        url=url or meta.get("url"),
        title=title or meta.get("title"),
        published=published or opts.published,
        source=source or meta.get("sitename") or opts.source,
        fmt="html",
    )


def page_or_reject(html: str, path: str, record: str, opts: ReadOptions) -> RawDoc | Reject:
    """``page_to_rawdoc``, with any failure on this one page turned into its reject."""
    try:
        return page_to_rawdoc(html, path, record, opts)
    except Exception as exc:
        log.debug("%s:%s: unreadable page", path, record, exc_info=True)
        return Reject(path, record, f"unreadable page: {one_line(exc)}")


def read_html(fh: IO[bytes], path: str, opts: ReadOptions) -> Iterator[RawDoc | Reject]:
    """Yield the page in the file as one document."""
    try:
        data = read_limited(fh, opts.max_doc_bytes)
        dec = decode_bytes(data, declared_charset(data))
    except InputError as exc:
        yield Reject(path, "", str(exc))
        return
    if dec.warning:
        log.warning("%s: %s", path, dec.warning)
    if not dec.text.strip():
        yield Reject(path, "", "empty file")
        return
    yield page_or_reject(dec.text, path, "", opts)
