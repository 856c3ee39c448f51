"""``RawDoc`` to ``Article``: parse, repair, drop promos, lay out paragraphs, compute the id."""

from __future__ import annotations

import logging
import re

from newsevents.clean.blocks import html_blocks, text_blocks
from newsevents.clean.ids import doc_id
from newsevents.clean.limits import MAX_ARTICLE_CHARS, MIN_LETTERS, junk_reason, split_long
from newsevents.clean.normalise import normalise_paragraph
from newsevents.clean.promos import split_promos
from newsevents.clean.published import infer_published
from newsevents.models import Article, RawDoc, Reject

log = logging.getLogger(__name__)

PARAGRAPH_SEP = "\n\n"


def layout(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join paragraphs with blank lines and return the text with each paragraph's span."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        spans.append((pos, pos + len(para)))
        pos += len(para) + len(PARAGRAPH_SEP)
    return PARAGRAPH_SEP.join(paragraphs), spans


def clean_document(raw: RawDoc) -> Article | Reject:
    """Clean one document; a document with no text left is rejected (stage ``clean``)."""
    blocks = html_blocks(raw.html) if raw.html and raw.html.strip() else []
    if not blocks and raw.text and raw.text.strip():  # no markup, or markup without text
        blocks = text_blocks(raw.text)
    body, related = split_promos(blocks)
    if not body:
        sample = (raw.html or raw.text or "")[:80]
        return Reject(
            raw.path, raw.record, "no article text left after cleaning", stage="clean", sample=sample
        )
    text, spans = layout([b.text for b in body])
    title = normalise_paragraph(raw.title) if raw.title else None
    return Article(
        id=doc_id(text),
        text=text,
        paragraphs=spans,
        title=title or None,
        url=raw.url,
        published=raw.published or infer_published(raw.url, text),
        source=raw.source,
        related=related,
        path=raw.path,
        record=raw.record,
    )


def clean_article(raw: RawDoc, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article] | Reject:
    """Clean one document for the pipeline: junk too small to be an article is rejected and a
    text longer than ``max_chars`` becomes several articles cut between paragraphs."""
    tiny = _tiny_reason(raw)
    if tiny is not None:  # not worth parsing and repairing
        return Reject(raw.path, raw.record, tiny, stage="clean", sample=(raw.text or raw.html or "")[:80])
    article = clean_document(raw)
    if isinstance(article, Reject):
        return article
    junk = junk_reason(article.text)
    if junk is not None:
        return Reject(raw.path, raw.record, junk, stage="clean", sample=article.text[:80])
    return split_long(article, max_chars)


_MARKUP = re.compile(r"<[^<>]*>")


def _tiny_reason(raw: RawDoc) -> str | None:
    """Why a document is too small to hold an article before cleaning it: fewer characters
    than an article has letters (entities aside, which cleaning may turn into letters)."""
    content = (raw.text or "") + (raw.html or "")
    if len(content) >= MIN_LETTERS or "&" in content:
        return None
    return junk_reason(_MARKUP.sub(" ", content))
