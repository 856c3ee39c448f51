"""How much one ingest accepts and where records keep their text: what every engine hands to its
readers and cleaner."""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.clean.limits import MAX_ARTICLE_CHARS
from newsevents.read.limits import MAX_DOCS_PER_FILE, MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class IngestLimits:
    """How much one ingest accepts, and how long it waits for another writer."""

    max_article_chars: int = MAX_ARTICLE_CHARS  # longer texts are split between paragraphs
    max_docs_per_file: int = MAX_DOCS_PER_FILE  # the rest of a file past this is rejected
    max_file_bytes: int = MAX_FILE_BYTES  # decompressed bytes read from one file
    lock_timeout: float | None = None  # seconds to wait for another ingest (None: no limit)
    text_field: str = "text"  # the JSONL field / CSV column holding an article's plain text
    html_field: str = "html"  # ... or its HTML
