"""Markup made safe to parse: caps checked before any HTML parser sees a page.

Both HTML parsers we use (lexbor, and lxml under trafilatura) slow down quadratically on some
shapes of markup: one tag with 200,000 attributes (3 MB) stalls each of them for minutes, and
nesting tens of thousands of levels deep costs seconds. These caps are far above anything a
real page has and are checked with one linear scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Attributes in one tag at most: parsers check each new attribute against the others
# (quadratic). Real tags carry a few dozen; in the 990 pages of the extraction dev set no tag
# outside a script comes near 256.
MAX_ATTRIBUTES = 256
# Characters of one tag's attributes at most: the largest tag in the extraction dev set is
# 228 KB (inline data: images and styles).
MAX_TAG_CHARS = 512 * 1024
# Markup nested deeper than this is not a real page (real pages stay under a few hundred
# levels) and the HTML parser slows down quadratically with depth (measured: 0.35 s at 8,000
# levels, 5.8 s at 32,000), so such markup is read as text with its tags stripped.
MAX_NESTING = 5000

_VOID_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"]
)
# One tag. ``[^<>]*`` stops at the next ``<``, so a failed match never rescans the text and the
# whole scan stays linear even on hostile input ("<a<a<a..." with no ``>``).
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^<>]*)>")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
# Below this many characters a tag cannot hold MAX_ATTRIBUTES attributes (each needs two).
_SHORT_TAG = 2 * MAX_ATTRIBUTES


@dataclass(slots=True)
class Guarded:
    """Markup after the caps: attribute-stuffed tags reduced to their names, and its depth."""

    html: str
    depth: int  # an upper bound of how deep the markup nests (unclosed tags count as open)
    tags_reduced: int = 0  # tags whose attributes were dropped

    @property
    def too_deep(self) -> bool:
        """True when no HTML parser should see this markup (read it as text instead)."""
        return self.depth > MAX_NESTING


def _oversized(attrs: str) -> bool:
    """True when a tag's attribute text is over the size or count cap."""
    if len(attrs) <= _SHORT_TAG:
        return False
    return len(attrs) > MAX_TAG_CHARS or len(_QUOTED.sub("", attrs).split()) > MAX_ATTRIBUTES


def guard_markup(html: str) -> Guarded:
    """Measure nesting and drop the attributes of tags over the caps, in one linear pass."""
    depth = deepest = reduced = 0
    for m in _TAG.finditer(html):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if _oversized(attrs):
            reduced += 1
        if name in _VOID_TAGS or attrs.endswith("/"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    if reduced:
        html = _TAG.sub(_reduce, html)
    return Guarded(html, deepest, reduced)


def _reduce(m: re.Match[str]) -> str:
    """A tag over the caps as its bare name; other tags unchanged."""
    if not _oversized(m.group(3)):
        return m.group(0)
    return f"<{m.group(1)}{m.group(2)}>"


_SCRIPT_OPEN = re.compile(r"<(script|style)\b", re.I)


def strip_tags(html: str) -> str:
    """Text of markup too deep to parse: scripts and styles removed, tags become line breaks."""
    from html import unescape

    pieces: list[str] = []
    pos = 0
    lower = html.lower()
    while True:  # scripts and styles cut with str.find: linear, unlike a lazy regex
        m = _SCRIPT_OPEN.search(html, pos)
        if m is None:
            pieces.append(html[pos:])
            break
        pieces.append(html[pos : m.start()])
        close = lower.find(f"</{m.group(1).lower()}", m.end())
        if close < 0:
            break
        end = html.find(">", close)
        pos = len(html) if end < 0 else end + 1
    return unescape(_TAG.sub("\n", " ".join(pieces)))
