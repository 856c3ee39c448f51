"""Cleaning: HTML or plain text to an ``Article`` with paragraphs, promos set aside."""

from newsevents.clean.document import clean_article, clean_document
from newsevents.clean.ids import content_hash, doc_id, normalise_for_id
from newsevents.clean.limits import MAX_ARTICLE_CHARS, split_long

__all__ = [
    "MAX_ARTICLE_CHARS",
    "clean_article",
    "clean_document",
    "content_hash",
    "doc_id",
    "normalise_for_id",
    "split_long",
]
