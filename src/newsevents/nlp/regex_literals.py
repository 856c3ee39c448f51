"""Literal strings a regular expression cannot match without: a cheap test that lets a scan be skipped.

``required_literals(p)`` returns a set of strings such that every non-empty match of ``p`` contains
at least one of them, or ``None`` when no such set can be read off the pattern (a character
class, an optional part, a case-insensitive group). ``"kill" in text`` is far cheaper than running
a long alternation, so a caller tests the literals first and runs the expression only when one is
present; the matches it then finds are exactly the ones a plain scan finds.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

with warnings.catch_warnings():  # the parser module is internal; its old alias warns on import
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as _c
    import sre_parse as _p

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_CASELESS = re.IGNORECASE.value


def _best(cands: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate set: longest shortest-literal, then fewest literals."""
    if not cands:
        return None
    return max(cands, key=lambda s: (min(len(x) for x in s), -len(s)))


def _of_sequence(items: Any) -> frozenset[str] | None:
    """Required literals of a parsed sequence (every item of it must match, in order)."""
    cands: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            cands.append(frozenset({run}))
            run = ""
        found: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            found = None if add_flags & _CASELESS else _of_sequence(sub)
        elif op is _c.BRANCH:
            found = frozenset()
            for branch in av[1]:
                part = _of_sequence(branch)
                if part is None:
                    found = None
                    break
                found |= part
        elif op in _REPEATS and av[0] >= 1:
            found = _of_sequence(av[2])
        if found:
            cands.append(found)
    if run:
        cands.append(frozenset({run}))
    return _best(cands)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings of which every non-empty match of ``pattern`` contains one, or None if unknown."""
    parsed = _p.parse(pattern)
    if parsed.state.flags & _CASELESS:
        return None
    return _of_sequence(parsed)


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")
MAX_SUBSETS = 4096  # compiled sub-alternations kept per expression (a handful are common)


class GatedAlternation:
    """``(?:p1)|(?:p2)|...`` that, for each text, runs only the alternatives that can match in it.

    An alternative whose required literals are all absent from the text cannot match anywhere in
    it, and dropping it from an ordered alternation changes no match: ``finditer`` yields the same
    spans as the full alternation (group numbers differ; callers read spans only).
    """

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = tuple(patterns)
        self.full = re.compile(_join(self.patterns))
        gated = not any(_BACKREF.search(p) for p in patterns)
        self.literals = [required_literals(p) if gated else None for p in patterns]
        words: set[str] = set()
        for lits in self.literals:
            words |= lits or set()
        # Any match needs one of these; None when an alternative has no required literal.
        self.any_of = None if any(x is None for x in self.literals) else _minimal(words)
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of the full alternation in ``text``."""
        if self.any_of is not None and not any(w in text for w in self.any_of):
            return iter(())
        keep = tuple(
            i for i, lits in enumerate(self.literals) if lits is None or any(w in text for w in lits)
        )
        if len(keep) == len(self.patterns):
            return self.full.finditer(text)
        pat = self._subsets.get(keep)
        if pat is None:
            if len(self._subsets) >= MAX_SUBSETS:
                self._subsets.clear()
            pat = self._subsets[keep] = re.compile(_join([self.patterns[i] for i in keep]))
        return pat.finditer(text)


def _join(patterns: tuple[str, ...] | list[str]) -> str:
    """One ordered alternation of the patterns."""
    return "|".join(f"(?:{p})" for p in patterns)


def _minimal(words: set[str]) -> tuple[str, ...]:
    """The words none of the others is part of (a text holding a longer one holds the shorter)."""
    return tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))
