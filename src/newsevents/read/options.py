"""Options shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsevents.read.limits import MAX_DOCS_PER_FILE, MAX_FILE_BYTES, MAX_GZIP_RATIO
from newsevents.read.source import MAX_DOC_BYTES


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the readers need besides the bytes: metadata defaults, field names and limits."""

    published: date | None = None  # publication date for documents that carry none
    source: str | None = None  # source name for documents that carry none
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    title_field: str = "title"
    published_field: str = "published"
    source_field: str = "source"
    max_doc_bytes: int = MAX_DOC_BYTES
    max_file_bytes: int = MAX_FILE_BYTES  # decompressed bytes read from one file
    max_docs_per_file: int = MAX_DOCS_PER_FILE  # documents and rejected records per file
    max_gzip_ratio: float = MAX_GZIP_RATIO  # decompressed / compressed size of a .gz
