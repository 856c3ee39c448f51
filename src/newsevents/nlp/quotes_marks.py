"""Finding quoted stretches of text from quotation marks, typographic or straight."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«„‟"
CLOSERS = "”»"
STRAIGHT = '"'
ALL_DOUBLE = OPENERS + CLOSERS + STRAIGHT
_LINE = re.compile(r"[^\n]+")


@dataclass(slots=True)
class QuotedSpan:
    """A stretch between an opening and a closing quotation mark (marks included)."""

    start: int
    end: int
    closed: bool = True  # False when the paragraph ended before a closing mark
    paragraphs: int = 1  # how many paragraphs the quote runs over


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of the text as ``(start, end)`` spans, whitespace trimmed."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The double quotation mark at ``i`` (``''`` counts as one straight mark) and its width."""
    c = text[i]
    if c in ALL_DOUBLE:
        return c, 1
    if c == "'" and i + 1 < len(text) and text[i + 1] == "'":
        return STRAIGHT, 2
    return "", 0


def _opens_here(text: str, i: int, width: int, lo: int) -> bool:
    """A straight or misused mark opens when it starts a word: space or start before, word after."""
    before = text[i - 1] if i > lo else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _scan_paragraph(text: str, lo: int, hi: int, open_at: int | None) -> tuple[list[QuotedSpan], int | None]:
    """Quoted spans closed inside ``[lo, hi)``; returns the start of a quote still open at ``hi``."""
    spans: list[QuotedSpan] = []
    start = open_at
    depth = 1 if open_at is not None else 0  # typographic nesting depth
    straight = False  # the open quote began with a straight mark
    inner_straight = False  # a straight-quoted stretch nested inside a typographic quote
    i = lo
    while i < hi:
        mark, width = _mark_at(text, i)
        if not width:
            i += 1
            continue
        if start is None:
            if mark in OPENERS or _opens_here(text, i, width, lo):
                start, depth, straight = i, 1, mark == STRAIGHT
        elif straight:
            if mark == STRAIGHT or mark in CLOSERS:
                spans.append(QuotedSpan(start, i + width))
                start, depth = None, 0
        elif mark == STRAIGHT:
            if inner_straight:
                inner_straight = False
            elif _opens_here(text, i, width, lo):
                inner_straight = True
            elif depth == 1:  # a typographic quote closed by a straight mark
                spans.append(QuotedSpan(start, i + width))
                start, depth = None, 0
        elif mark in OPENERS and _opens_here(text, i, width, lo):
            depth += 1
        elif mark in CLOSERS or mark in OPENERS:  # an opener in closing position is a typo
            depth -= 1
            if depth <= 0:
                spans.append(QuotedSpan(start, i + width))
                start, depth, inner_straight = None, 0, False
        i += width
    return spans, start


def find_quoted(text: str) -> list[QuotedSpan]:
    """Quoted spans of the text; a quote left open at a paragraph end continues into the next
    paragraph when that one opens with a quotation mark, and is closed at the paragraph end
    otherwise."""
    out: list[QuotedSpan] = []
    paras = paragraphs(text)
    open_at: int | None = None
    n_paras = 1
    for k, (lo, hi) in enumerate(paras):
        if open_at is not None:
            lo += _mark_at(text, lo)[1]  # the repeated opening mark of a continued quote
        spans, open_at = _scan_paragraph(text, lo, hi, open_at)
        for sp in spans:
            if out and sp.start < out[-1].end:
                continue
            sp.paragraphs = n_paras if sp.start < lo else 1
            out.append(sp)
            n_paras = 1
        if open_at is None:
            continue
        nxt = paras[k + 1][0] if k + 1 < len(paras) else None
        if nxt is not None and _mark_at(text, nxt)[1]:
            n_paras += 1
            continue
        out.append(QuotedSpan(open_at, hi, closed=False, paragraphs=n_paras))
        open_at, n_paras = None, 1
    return out
