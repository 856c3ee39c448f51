"""Shared state of quote extraction over one parsed document: tokens, quotes, what is taken."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsevents.models import Entity, QuoteKind
from newsevents.nlp.doctext import doc_text
from newsevents.nlp.quotes_cues import cue_classes
from newsevents.nlp.quotes_marks import ALL_DOUBLE, QuotedSpan, find_quoted, paragraphs

MIN_DIRECT_WORDS = 3  # shorter quoted stretches are titles or scare quotes unless a cue is adjacent
MAX_TAIL_TOKENS = 20  # '", Rep. Elijah E. Cummings (D-Md.) said' fits; longer tails are new clauses
MAX_PRE_TOKENS = 6  # 'Smith told reporters on Sunday: "' fits
MAX_GAP_TOKENS = 30  # between the two halves of a split quote ('"A," he said. "B."')
MAX_HEADLINE_SPEAKER_WORDS = 3  # 'Pence: ...', 'Top general: ...' in a title line
MAX_CONTINUATION_WORDS = 12  # the tail of the attributing sentence ('said in a phone interview')
DASHES = "―—–"
DASH_SPEAKER = re.compile(rf"\s*([{DASHES}])\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}})")
CLAUSE_END = ".!?"
TRIM_END = " \t\n,;:—–-."
COLON_SPEAKER = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})[ ]?:[ ]+(?=\S)")
HEADLINE_FUNCTION_WORDS = {"over", "of", "the", "and", "in", "on", "for", "to", "at", "with", "a", "an", "vs"}
NOT_SPEAKERS = {
    "read", "note", "update", "updated", "watch", "photo", "video", "related", "source",
    "sources", "editor", "advertisement", "share", "follow", "see", "also", "caption",
    "correction", "disclaimer", "image", "credit", "listen", "warning", "breaking",
}  # fmt: skip


@dataclass(slots=True)
class Found:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    kind: QuoteKind
    cue: tuple[int, int] | None
    speaker_tok: Token | None = None
    speaker_chars: tuple[int, int] | None = None
    confidence: float = 0.7


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and clause punctuation from both ends, keeping closing quote marks."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and text[end - 1] in TRIM_END:
        end -= 1
    return start, end


class ExtractorState:
    """The parsed document with its quoted spans and the attributions found so far."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.entities = entities
        self.starts = [t.idx for t in doc]
        self.quoted = find_quoted(self.text)
        self.paras = paragraphs(self.text)
        self.used_cues: set[int] = set()
        self.taken: list[tuple[int, int]] = []  # content already attributed
        self.found: list[Found] = []

    # token helpers -------------------------------------------------------------------------
    def _tok_from(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def _tok_before(self, pos: int) -> int:
        """Index of the last non-space token ending at or before ``pos`` (-1 when none)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and (self.doc[i].idx + len(self.doc[i].text) > pos or self.doc[i].is_space):
            i -= 1
        return i

    def _para_end(self, pos: int) -> int:
        for s, e in self.paras:
            if s <= pos <= e:
                return e
        return len(self.text)

    def _inside_quote(self, pos: int) -> bool:
        return any(q.start < pos < q.end - 1 for q in self.quoted)

    def _is_taken(self, start: int, end: int) -> bool:
        """Half of ``[start, end)`` is already attributed content."""
        size = max(1, end - start)
        return any(min(end, e) - max(start, s) >= size / 2 for s, e in self.taken)

    def _opens_clause(self, q: QuotedSpan) -> bool:
        """The quote starts a paragraph or clause rather than sitting inside a phrase."""
        before = self.text[: q.start].rstrip()
        if not before or self.text[len(before) : q.start].count("\n"):
            return True
        last = before[-1]
        if last in CLAUSE_END + ":," + DASHES or last in ALL_DOUBLE:
            return True
        k = self._tok_before(q.start)
        return k >= 0 and "speech" in cue_classes(self.doc[k])

    def _words(self, q: QuotedSpan) -> int:
        return len(self.text[q.start + 1 : q.end - 1].split())
