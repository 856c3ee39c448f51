"""A trie-shaped word pattern matches exactly what the longest-first alternation matches."""

from __future__ import annotations

import re

import pytest

from newsevents.resolve.word_trie import trie_alternation

WORDS = ["al", "al qaeda", "al qaeda in iraq", "al-shabaab", "isis", "is", "islamic state", "x.y"]


@pytest.mark.parametrize(
    "text",
    [
        "Al Qaeda in Iraq and al-Shabaab; ISIS, IS and the Islamic State",
        "al qaeda in iran; alqaeda; x.y xzy",
        "",
    ],
)
def test_trie_matches_longest_first_alternation(text: str) -> None:
    plain = "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True))
    wrap = r"(?<![\w-])(?:{})(?![\w-])"
    expected = [m.span() for m in re.finditer(wrap.format(plain), text, re.I)]
    found = [m.span() for m in re.finditer(wrap.format(trie_alternation(WORDS)), text, re.I)]
    assert found == expected


def test_empty_word_list_matches_nothing() -> None:
    assert re.search(trie_alternation([]), "anything") is None
