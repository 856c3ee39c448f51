"""Spelling-insensitive keys for transliterated place names."""

from __future__ import annotations

import re

from newsevents.resolve.geo_build import fold

# Spellings of one transliterated name differ in these ("Nassriya"/"Nasiriya", "Ein Issa"/"Ain Aissa").
_ARTICLE = re.compile(r"\b(?:al|el|ar|as|ash|ad|at|an|az|ed|es|er)[ -]")
_H_AFTER = re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h|(?<=[aeiouy])h\b")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(name: str) -> str:
    """A spelling-insensitive form of a place name: no articles, vowels as one, no doubled letters."""
    return skeleton_of_folded(fold(name))


def skeleton_of_folded(folded: str) -> str:
    """:func:`skeleton` of a name already passed through ``fold``."""
    s = _ARTICLE.sub("", folded)
    s = _H_AFTER.sub("", s)
    s = _VOWELS.sub("a", s)
    return _DOUBLE.sub(r"\1", s.replace("-", " ")).strip()
