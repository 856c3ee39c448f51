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
    s = _ARTICLE.sub("", fold(name))
    s = _H_AFTER.sub("", s)
    s = _VOWELS.sub("a", s)
    return _DOUBLE.sub(r"\1", s.replace("-", " ")).strip()
