"""What an article must have and may not exceed: junk too small to be one is rejected,
text too long for the annotator is split at paragraph boundaries."""

from __future__ import annotations

import logging
from dataclasses import replace

from newsevents.clean.ids import doc_id
from newsevents.models import Article

log = logging.getLogger(__name__)

# An article has at least this many letters: 1-10 bytes of scraper debris ("null", "N/A",
# "0", "}") are not news, while a one-sentence brief ("Police arrested 12 protesters in
# Lagos.") has over 30.
MIN_LETTERS = 12
# ... and letters make at least this share of its non-space characters: tables of numbers,
# base-16 dumps and symbol runs fall far below; prose in any script is above 60%.
MIN_LETTER_SHARE = 0.25

# Characters per article at most; longer texts are split at paragraph boundaries. spaCy
# refuses texts over 1,000,000 characters (error E088) and its parser needs about 1 GB of
# memory per 100,000 characters; the longest article in the clusters dev set has 51,726.
MAX_ARTICLE_CHARS = 100_000


def junk_reason(text: str) -> str | None:
    """Why a cleaned text is too small or too letter-poor to be an article, or None."""
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_LETTERS:
        noun = "letter" if letters == 1 else "letters"
        return f"too short for an article: {letters} {noun} (at least {MIN_LETTERS})"
    visible = sum(not c.isspace() for c in text)
    if letters < MIN_LETTER_SHARE * visible:
        share = round(100 * letters / visible)
        return (
            f"too few letters for an article: {share}% of its characters "
            f"(at least {round(100 * MIN_LETTER_SHARE)}%)"
        )
    return None


def split_long(article: Article, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """The article, or its parts of at most ``max_chars`` characters cut between paragraphs
    (a paragraph longer than that is cut at a space); each part is an article of its own,
    its record suffixed ``part N``."""
    if len(article.text) <= max_chars:
        return [article]
    chunks = _chunks(article.text, article.paragraphs, max_chars)
    log.warning(
        "%s: article of %d characters split into %d parts at paragraph boundaries (max_article_chars=%d)",
        f"{article.path}:{article.record}" if article.record else article.path,
        len(article.text),
        len(chunks),
        max_chars,
    )
    parts = []
    for n, (start, spans) in enumerate(chunks, start=1):
        end = spans[-1][1]
        text = article.text[start:end]
        record = f"{article.record} part {n}" if article.record else f"part {n}"
        parts.append(
            replace(
                article,
                id=doc_id(text),
                text=text,
                paragraphs=[(s - start, e - start) for s, e in spans],
                record=record,
                related=article.related if n == 1 else [],
            )
        )
    return parts


def _chunks(
    text: str, paragraphs: list[tuple[int, int]], max_chars: int
) -> list[tuple[int, list[tuple[int, int]]]]:
    """Group paragraph spans into runs of at most ``max_chars``: (start, spans) per run."""
    pieces: list[tuple[int, int]] = []
    for start, end in paragraphs or [(0, len(text))]:
        while end - start > max_chars:  # one paragraph too long: cut at the last space
            cut = text.rfind(" ", start + 1, start + max_chars)
            cut = cut if cut > start else start + max_chars
            pieces.append((start, cut))
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        if end > start:
            pieces.append((start, end))
    chunks: list[tuple[int, list[tuple[int, int]]]] = []
    for start, end in pieces:
        if chunks and end - chunks[-1][0] <= max_chars:
            chunks[-1][1].append((start, end))
        else:
            chunks.append((start, [(start, end)]))
    return chunks
