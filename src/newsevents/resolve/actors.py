"""Actor names: named groups, countries and demonyms, and ACLED-style generic names."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from newsevents.resolve.word_trie import trie_alternation

ActorClass = Literal[
    "group",  # a named organisation or armed group
    "government",
    "military",
    "police",
    "unidentified",
    "gang",
    "protesters",
    "rioters",
    "civilians",
]


@dataclass(frozen=True, slots=True)
class NamedGroup:
    """A named actor of the lexicon."""

    name: str
    kind: str
    country: str | None


def _load(name: str) -> dict[str, Any]:
    """Read one of the package's JSON data files."""
    text = resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Lower-cased country names, aliases and demonyms → the country as ACLED names it."""
    out: dict[str, str] = {}
    for name, info in _load("countries.json")["countries"].items():
        out[name.lower()] = name
        for word in [*info.get("aliases", []), *info.get("demonyms", [])]:
            out[word.lower()] = name
    return out


@lru_cache(maxsize=1)
def _country_re() -> re.Pattern[str]:
    """Whole-word alternation over every country word, longest first."""
    words = sorted(country_words(), key=len, reverse=True)
    # Short upper-case aliases ("US", "UK") only match in their exact case.
    parts = [w for w in words if len(w) > 3 or (w.isalpha() and w not in {"us", "uk"})]
    return re.compile(r"(?<![\w-])(?:" + trie_alternation(parts) + r")(?![\w-])", re.IGNORECASE)


def countries_in(text: str) -> list[tuple[int, int, str]]:
    """Country mentions (names, aliases, demonyms) in ``text`` as (start, end, country)."""
    out = []
    for m in _country_re().finditer(text):
        country = country_words().get(m.group(0).lower())
        if country:
            out.append((m.start(), m.end(), country))
    return out


def country_of(word: str) -> str | None:
    """The country a name, alias or demonym denotes ("Afghan" → "Afghanistan")."""
    return country_words().get(word.strip().lower())


@lru_cache(maxsize=1)
def named_groups() -> dict[str, NamedGroup]:
    """Lower-cased alias → named group."""
    out: dict[str, NamedGroup] = {}
    for g in _load("actors.json")["groups"]:
        group = NamedGroup(g["name"], g["kind"], g.get("country"))
        out[g["name"].lower()] = group
        for alias in g["aliases"]:
            out[alias.lower()] = group
    return out


@lru_cache(maxsize=1)
def _group_re() -> re.Pattern[str]:
    """Whole-word alternation over group aliases; short acronyms must be upper case."""
    long_aliases: list[str] = []
    acronyms: list[str] = []
    for alias in sorted(named_groups(), key=len, reverse=True):
        (acronyms if len(alias) <= 4 and alias.isalpha() else long_aliases).append(alias)
    long_part = trie_alternation(long_aliases)
    short_part = trie_alternation(a.upper() for a in acronyms)
    return re.compile(rf"(?<![\w-])(?:(?i:{long_part})|{short_part})(?![\w-])")


def groups_in(text: str) -> list[tuple[int, int, NamedGroup]]:
    """Named groups mentioned in ``text`` as (start, end, group)."""
    out = []
    for m in _group_re().finditer(text):
        group = named_groups().get(m.group(0).lower())
        if group:
            out.append((m.start(), m.end(), group))
    return out


@lru_cache(maxsize=1)
def generic_words() -> dict[str, list[str]]:
    """Generic actor words by class (military, police, unidentified, ...)."""
    data: dict[str, list[str]] = _load("actors.json")["generic"]
    return data


@lru_cache(maxsize=1)
def criminal_words() -> tuple[str, ...]:
    """Lower-cased words that mark criminal rather than political violence."""
    return tuple(_load("actors.json").get("criminal_context", []))


def acled_name(cls: ActorClass, country: str | None, name: str | None = None) -> str:
    """The ACLED-style name of an actor of a class in a country."""
    where = country or "International"
    if cls == "group" and name:
        return name
    if cls == "government":
        return f"Government of {where}"
    if cls == "military":
        return f"Military Forces of {where}"
    if cls == "police":
        return f"Police Forces of {where}"
    if cls == "unidentified":
        return f"Unidentified Armed Group ({where})"
    if cls == "gang":
        return f"Unidentified Gang ({where})"
    if cls == "protesters":
        return f"Protesters ({where})"
    if cls == "rioters":
        return f"Rioters ({where})"
    if cls == "civilians":
        return f"Civilians ({where})"
    return name or f"Unidentified Armed Group ({where})"


_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_PUNCT = re.compile(r"[^\w\s]")


def compare_key(name: str | None) -> str:
    """Case- and punctuation-insensitive key without a trailing parenthetical."""
    if not name:
        return ""
    text = _TRAILING_PAREN.sub("", name.strip())
    text = _PUNCT.sub(" ", text.lower())
    return " ".join(text.split())


_DETERMINERS = re.compile(r"^(the|a|an|some|several|suspected|alleged|armed)\s+", re.IGNORECASE)
_GROUP_SUFFIX = re.compile(
    r"\s+(militants?|fighters?|insurgents?|members?|forces|rebels?|gunmen|group|movement)$",
    re.IGNORECASE,
)


def normalise_actor_name(text: str) -> str:
    """A surface mention reduced to its lexicon name ("the Taliban militants" → "Taliban")."""
    bare = _DETERMINERS.sub("", text.strip())
    group = named_groups().get(bare.lower())
    if group:
        return group.name
    stripped = _GROUP_SUFFIX.sub("", bare)
    group = named_groups().get(stripped.lower())
    if group:
        return group.name
    found = groups_in(bare)
    if found:
        return found[0][2].name
    return stripped or bare
