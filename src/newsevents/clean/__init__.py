"""Cleaning: HTML or plain text to an ``Article`` with paragraphs, promos set aside."""

from newsevents.clean.document import clean_document
from newsevents.clean.ids import content_hash, doc_id, normalise_for_id

__all__ = ["clean_document", "content_hash", "doc_id", "normalise_for_id"]
