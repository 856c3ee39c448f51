"""What an ingest run will read: directories expanded, documentation passed over, work estimated."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.read import _sniff_text, _walk, detect_format
from newsevents.read.source import SNIFF_BYTES

log = logging.getLogger(__name__)

# File names (any extension, any case) that document a folder of inputs rather than being one.
DOC_STEMS = frozenset(
    {"readme", "license", "licence", "copying", "notice", "changelog", "changes", "history",
     "contributing", "authors", "code_of_conduct"}
)  # fmt: skip
# Extensions of documentation files: no reader takes them, so without this they were rejected.
DOC_EXTENSIONS = frozenset({".md", ".markdown", ".rst"})
# Line-based inputs larger than this in all are not pre-counted for the progress bar: counting
# reads every byte once more, about a second per gigabyte from the page cache.
MAX_COUNT_BYTES = 1 << 30
_CHUNK = 1 << 20


@dataclass(slots=True)
class Inputs:
    """The paths to hand to the reader, the documentation files passed over, the work ahead."""

    paths: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    documents: dict[str, int | None] = field(default_factory=dict)  # expected documents per path

    def total(self) -> int | None:
        """Documents expected in all, or None when some input cannot be counted ahead (stdin, gzip, WARC)."""
        counts = list(self.documents.values())
        if not counts or any(c is None for c in counts):
            return None
        return sum(c for c in counts if c is not None)


def is_documentation(name: str) -> bool:
    """True for a README, LICENSE, CHANGELOG... or a Markdown/reStructuredText file."""
    base = os.path.basename(name).lower()
    stem, ext = os.path.splitext(base)
    return stem in DOC_STEMS or base in DOC_STEMS or ext in DOC_EXTENSIONS


def expand_inputs(paths: list[str], fmt: str | None = None, count: bool = False) -> Inputs:
    """Expand directories (recursively, sorted, as the reader walks them) without their documentation.

    A file named explicitly is always kept, documentation or not. With ``count``, the documents of
    each file are estimated for a progress bar (one per line for line-based formats, one per page).
    """
    found = Inputs()
    for p in paths:
        if p == "-" or not Path(p).is_dir():
            found.paths.append(p)
            continue
        for item in _walk([p]):
            name = str(item) if isinstance(item, str) else item.path
            if is_documentation(name):
                log.debug("skipping %s: documentation, not an input (name it explicitly to read it)", name)
                found.skipped.append(name)
            else:
                found.paths.append(name)
    if count:
        budget = MAX_COUNT_BYTES
        for path in found.paths:
            estimate = expected_documents(path, fmt, budget)
            found.documents[path] = estimate
            if estimate is None:
                break
            budget -= _size(path)
    return found


def _size(path: str) -> int:
    """A file's size in bytes (0 when it cannot be read)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def expected_documents(path: str, fmt: str | None, budget: int = MAX_COUNT_BYTES) -> int | None:
    """How many documents reading ``path`` should give, or None when only reading it would tell."""
    if path == "-" or path.endswith(".gz"):
        return None
    chosen = fmt or detect_format(path)
    if chosen is None or not os.path.isfile(path):
        return 0  # rejected whole: no reader for it, or missing
    if chosen == "text" and fmt is None:
        chosen = _sniff_text(_head(path))  # as the reader decides: a page, fragments per line, or text
    if chosen in ("html", "text"):
        return 1
    if chosen == "warc" or _size(path) > budget:
        return None
    lines = _count_lines(path)
    return max(lines - 1, 0) if chosen == "csv" else lines


def _head(path: str) -> bytes:
    """The first bytes of a file (empty when it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except OSError:
        return b""


def _count_lines(path: str) -> int:
    """Lines in a file (a last line without a newline counts), read in 1 MB chunks."""
    n = 0
    last = b"\n"
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                n += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 0
    return n + (last != b"\n")
