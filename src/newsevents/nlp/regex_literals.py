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
from collections.abc import Iterator
from typing import Any

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


class LiteralGate:
    """Whether a text can hold a match of an expression, from the literals every match contains."""

    def __init__(self, literals: frozenset[Literal] | None) -> None:
        self.always = literals is None
        words = literals or frozenset()
        self.exact = _minimal({w for w, caseless in words if not caseless})
        self.caseless = _minimal({w for w, caseless in words if caseless})

    def admits(self, text: str, view: list[str]) -> bool:
        """Whether ``text`` may match; ``view`` caches its caseless view across gates ([] at first)."""
        if self.always or any(w in text for w in self.exact):
            return True
        if not self.caseless:
            return False
        if not view:
            view.append(caseless_view(text))
        return any(w in view[0] for w in self.caseless)


def gate_of(pattern: re.Pattern[str]) -> LiteralGate:
    """The literal gate of a compiled expression (always open when its literals are unknown)."""
    return LiteralGate(required_literals(pattern.pattern, pattern.flags & _CASELESS))


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
        lits = [required_literals(p) if gated else None for p in patterns]
        self.gates = [LiteralGate(x) for x in lits]
        union: set[Literal] = set()
        for x in lits:
            union |= x or set()
        # Any match needs one of these; always open when an alternative has no required literal.
        self.any_of = LiteralGate(None if any(x is None for x in lits) else frozenset(union))
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of the full alternation in ``text``."""
        view: list[str] = []
        if not self.any_of.admits(text, view):
            return iter(())
        keep = tuple(i for i, gate in enumerate(self.gates) if gate.admits(text, view))
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
