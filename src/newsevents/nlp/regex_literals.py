"""Literal strings a regular expression cannot match without: a cheap test that lets a scan be skipped.

``required_literals(p)`` returns a set of literals such that every non-empty match of ``p``
contains at least one of them, or ``None`` when no such set can be read off the pattern (a
character class, an optional part). A literal read inside a case-insensitive group is marked
caseless and looked for in ``caseless_view(text)``. ``"kill" in text`` is far cheaper than
running a long alternation, so a caller tests the literals first and runs the expression only
when one is present; the matches it then finds are exactly the ones a plain scan finds.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from newsevents.resolve.word_trie import trie_alternation

with warnings.catch_warnings():  # the parser module is internal; its old alias warns on import
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as _c
    import sre_parse as _p

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_CASELESS = re.IGNORECASE.value

Literal = tuple[str, bool]  # (the string, whether it matches case-insensitively)


# Non-ASCII characters a case-insensitive pattern takes for an ASCII letter (İ ı ſ and the Kelvin
# sign); tests/test_regex_literals.py recomputes the table from the regex engine.
ASCII_TWINS = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def caseless_view(text: str) -> str:
    """``text`` in which a caseless ASCII literal occurs whenever the regex engine would match it."""
    if text.isascii():
        return text.lower()
    return text.translate(ASCII_TWINS).lower()


def _best(cands: list[frozenset[Literal]]) -> frozenset[Literal] | None:
    """The most selective candidate set: longest shortest-literal, then fewest literals."""
    if not cands:
        return None
    return max(cands, key=lambda s: (min(len(x[0]) for x in s), -len(s)))


def _of_sequence(items: Any, caseless: bool) -> frozenset[Literal] | None:
    """Required literals of a parsed sequence (every item of it must match, in order)."""
    cands: list[frozenset[Literal]] = []
    run = ""

    def flush() -> None:
        # A caseless literal is only looked up in the ASCII-folded view, so it must be ASCII.
        if run and (not caseless or run.isascii()):
            cands.append(frozenset({(run.lower() if caseless else run, caseless)}))

    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        flush()
        run = ""
        found: frozenset[Literal] | None = None
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner = (caseless or bool(add_flags & _CASELESS)) and not del_flags & _CASELESS
            found = _of_sequence(sub, inner)
        elif op is _c.BRANCH:
            found = frozenset()
            for branch in av[1]:
                part = _of_sequence(branch, caseless)
                if part is None:
                    found = None
                    break
                found |= part
        elif op in _REPEATS and av[0] >= 1:
            found = _of_sequence(av[2], caseless)
        if found:
            cands.append(found)
    flush()
    return _best(cands)


def required_literals(pattern: str, flags: int = 0) -> frozenset[Literal] | None:
    """Literals of which every non-empty match of ``pattern`` contains one, or None if unknown."""
    parsed = _p.parse(pattern, flags)
    return _of_sequence(parsed, bool(parsed.state.flags & _CASELESS))


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")
MAX_SUBSETS = 4096  # compiled sub-alternations kept per family (a handful are common)


def _join(patterns: tuple[str, ...] | list[str]) -> str:
    """One ordered alternation of the patterns."""
    return "|".join(f"(?:{p})" for p in patterns)


class LiteralIndex:
    """Which of many literals occur in a text, found in one pass of a trie-shaped lookahead.

    At each position the trie finds the longest literal starting there; every other literal
    starting there is a prefix of that one, so the prefixes complete the set exactly.
    """

    def __init__(self, words: Iterable[str]) -> None:
        found = sorted({w for w in words if w})
        self._re = re.compile("(?=(" + trie_alternation(found) + "))") if found else None
        known = set(found)
        self._prefixes = {w: tuple(w[:k] for k in range(1, len(w) + 1) if w[:k] in known) for w in found}

    def present(self, text: str) -> set[str]:
        """The literals that occur in ``text``."""
        out: set[str] = set()
        if self._re is not None:
            for m in self._re.finditer(text):
                out.update(self._prefixes[m.group(1)])
        return out


class GateSet:
    """Which of many expressions can match a text, from one pass over their required literals."""

    def __init__(self, literals: list[frozenset[Literal] | None]) -> None:
        self.always = frozenset(i for i, lits in enumerate(literals) if lits is None)
        self.by_literal: dict[Literal, list[int]] = {}
        for i, lits in enumerate(literals):
            for lit in lits or ():
                self.by_literal.setdefault(lit, []).append(i)
        self._exact = LiteralIndex(w for w, caseless in self.by_literal if not caseless)
        self._caseless = LiteralIndex(w for w, caseless in self.by_literal if caseless)
        self._has_caseless = any(caseless for _w, caseless in self.by_literal)

    @classmethod
    def of_patterns(cls, patterns: list[re.Pattern[str]]) -> GateSet:
        """The gates of compiled expressions (always open for one with a backreference)."""
        return cls(
            [
                None if _BACKREF.search(p.pattern) else required_literals(p.pattern, p.flags & _CASELESS)
                for p in patterns
            ]
        )

    def admitted(self, text: str) -> set[int]:
        """Indexes of the expressions that may match in ``text``."""
        out = set(self.always)
        for w in self._exact.present(text):
            out.update(self.by_literal[(w, False)])
        if self._has_caseless:
            for w in self._caseless.present(caseless_view(text)):
                out.update(self.by_literal[(w, True)])
        return out


class GatedFamily:
    """Named ordered alternations (``(?:p1)|(?:p2)|...`` each) scanned with one literal pass.

    ``present(text)`` tells, per name, which alternatives can match in the text;
    ``finditer(name, text, keep)`` then runs only those, which yields the same spans as the
    full alternation (an alternative whose required literals are all absent cannot match;
    group numbers differ, callers read spans only).
    """

    def __init__(self, families: dict[str, list[str]]) -> None:
        self.patterns = {name: tuple(pats) for name, pats in families.items()}
        self.full = {name: re.compile(_join(pats)) for name, pats in self.patterns.items()}
        self._keys = [(name, i) for name, pats in self.patterns.items() for i in range(len(pats))]
        self._gates = GateSet(
            [
                None if _BACKREF.search(p) else required_literals(p)
                for p in (self.patterns[n][i] for n, i in self._keys)
            ]
        )
        self._subsets: dict[tuple[str, tuple[int, ...]], re.Pattern[str]] = {}

    def present(self, text: str) -> dict[str, tuple[int, ...]]:
        """Per name (in the order given), the alternatives that can match in ``text``."""
        keep: dict[str, list[int]] = {name: [] for name in self.patterns}
        for k in sorted(self._gates.admitted(text)):
            name, i = self._keys[k]
            keep[name].append(i)
        return {name: tuple(idx) for name, idx in keep.items()}

    def finditer(self, name: str, text: str, keep: tuple[int, ...]) -> Iterator[re.Match[str]]:
        """The matches of alternation ``name`` in ``text``, given its alternatives that can match."""
        if not keep:
            return iter(())
        if len(keep) == len(self.patterns[name]):
            return self.full[name].finditer(text)
        pat = self._subsets.get((name, keep))
        if pat is None:
            if len(self._subsets) >= MAX_SUBSETS:
                self._subsets.clear()
            pats = self.patterns[name]
            pat = self._subsets[(name, keep)] = re.compile(_join([pats[i] for i in keep]))
        return pat.finditer(text)
