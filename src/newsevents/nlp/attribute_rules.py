"""The model's attribute-ruler patterns applied through a dict index instead of spaCy's Matcher.

en_core_web_sm's ``attribute_ruler`` maps fine tags to coarse POS and morphology (and fixes a few
lemmas) with 179 one- and two-token patterns. The Matcher tries every pattern at every token,
which cost a fifth of the whole spaCy pass. Here each pattern is filed under the LOWER or TAG
value its first token requires, so a token is tested only against the few patterns that can
start on it. The matches are then applied exactly as the ruler applies them (in pattern order,
later patterns winning), so POS, morphology and lemmas are identical (``tests/test_attribute_rules.py``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

log = logging.getLogger(__name__)

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

# One test on one token: (column, kind, value); kind is "eq", "in", "not_in" or "regex".
_Test = tuple[int, str, Any]
_Entry = tuple[int, tuple[tuple[_Test, ...], ...]]  # (pattern key, tests per token)


class UnsupportedPatternError(ValueError):
    """A ruler pattern uses an attribute or predicate this index does not implement."""


class AttributeRules:
    """A ``Doc -> Doc`` function equivalent to a loaded :class:`AttributeRuler`."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.strings = ruler.vocab.strings
        self.by_lower: dict[int, list[_Entry]] = {}
        self.by_tag: dict[int, list[_Entry]] = {}
        self.anywhere: list[_Entry] = []
        for key in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(key))[1]:
                self._file(key, pattern)

    def _file(self, key: int, pattern: list[dict[str, Any]]) -> None:
        """Index one Matcher pattern under the values its first token requires."""
        entry: _Entry = (key, tuple(self._tests(spec) for spec in pattern))
        first = pattern[0]
        for attr, index in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
            value = first.get(attr)
            values = [value] if isinstance(value, str) else None
            if isinstance(value, dict) and set(value) == {"IN"}:
                values = list(value["IN"])
            if values is not None:
                for v in values:
                    index.setdefault(self.strings.add(v), []).append(entry)
                return
        self.anywhere.append(entry)

    def _tests(self, spec: dict[str, Any]) -> tuple[_Test, ...]:
        """The tests one token of a pattern makes, on hashed attribute values."""
        tests: list[_Test] = []
        for attr, value in spec.items():
            col = _COLUMNS.get(attr)
            if col is None:
                raise UnsupportedPatternError(
                    f"attribute {attr!r} in {spec!r}; supported: {sorted(_COLUMNS)}"
                )
            if attr == "IS_SPACE":
                if not isinstance(value, bool):
                    raise UnsupportedPatternError(f"IS_SPACE must be true or false in {spec!r}")
                tests.append((col, "eq", int(value)))
            elif isinstance(value, str):
                tests.append((col, "eq", self.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN"):
                    tests.append((col, op.lower(), frozenset(self.strings.add(v) for v in arg)))
                elif op == "REGEX":
                    tests.append((col, "regex", re.compile(arg)))
                else:
                    raise UnsupportedPatternError(
                        f"predicate {op!r} in {spec!r}; supported: IN, NOT_IN, REGEX"
                    )
            else:
                raise UnsupportedPatternError(f"value {value!r} of {attr!r} in {spec!r}")
        return tuple(tests)

    def _holds(self, tests: tuple[_Test, ...], row: list[int]) -> bool:
        """Whether one token's attribute row passes every test."""
        for col, kind, value in tests:
            got = row[col]
            if kind == "eq":
                if got != value:
                    return False
            elif kind == "in":
                if got not in value:
                    return False
            elif kind == "not_in":
                if got in value:
                    return False
            elif not value.search(self.strings[got]):  # regex: the Matcher searches the string
                return False
        return True

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(pattern key, start, end)`` of every match, in the order the ruler applies them."""
        rows: list[list[int]] = doc.to_array(_ARRAY_ATTRS).tolist() if len(doc) else []
        n = len(rows)
        found: set[tuple[int, int, int]] = set()
        for i, row in enumerate(rows):
            for entries in (self.by_lower.get(row[1]), self.by_tag.get(row[0]), self.anywhere):
                for key, tests in entries or ():
                    end = i + len(tests)
                    if end <= n and all(self._holds(t, rows[i + j]) for j, t in enumerate(tests)):
                        found.add((key, i, end))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on ``doc`` in place and return it."""
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for key, start, end in self.matches(doc):
            index = indices[key]
            set_token_attrs(doc[start + index] if index >= 0 else doc[end + index], attrs[key])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        """Apply to a stream of docs (``batch_size`` is accepted for the pipeline's sake)."""
        for doc in docs:
            yield self(doc)
