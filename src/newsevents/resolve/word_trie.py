"""Word lists as one trie-shaped regular expression, for lexicons of thousands of names.

``"|".join(words)`` makes the regex engine try every word at every position of the text. The
trie form shares prefixes, so at each position only the words that start there are followed.
With the longer continuation always tried first it prefers, at any position, the longest word
that fits, exactly as the plain alternation of the words sorted longest first does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]
_END = ""  # key marking that a word ends at this node


def trie_alternation(words: Iterable[str]) -> str:
    """A pattern matching the same text as the longest-first alternation of ``words``."""
    root: _Node = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _emit(root) or "(?!)"


def _emit(node: _Node) -> str:
    """The pattern for the words below ``node``; an optional tail lets a shorter word end here."""
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body
