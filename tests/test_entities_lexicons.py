"""The project's name lists and name normalisation (no model needed)."""

from __future__ import annotations

import pytest

from newsevents.models import EntityKind
from newsevents.nlp.entities import normalise_name
from newsevents.nlp.entity_lexicons import country_names, lexicon_entry, load_lexicons


@pytest.mark.parametrize(
    ("alias", "name", "kind"),
    [
        ("Taliban", "Taliban", "armed_group"),
        ("Taleban", "Taliban", "armed_group"),
        ("ISIS", "Islamic State", "armed_group"),
        ("Daesh", "Islamic State", "armed_group"),
        ("islamic state", "Islamic State", "armed_group"),
        ("Hizbollah", "Hezbollah", "armed_group"),
        ("Ansar Allah", "Houthis", "armed_group"),
        ("al-Shabab", "al-Shabaab", "armed_group"),
        ("Wagner", "Wagner Group", "armed_group"),
        ("Agence France-Presse", "AFP", "news_agency"),
        ("Associated Press", "AP", "news_agency"),
        ("Press Trust of India", "PTI", "news_agency"),
        ("dpa", "dpa", "news_agency"),
    ],
)
def test_alias_maps_to_canonical_name(alias: str, name: str, kind: EntityKind) -> None:
    entry = lexicon_entry(alias)
    assert entry is not None
    assert (entry.name, entry.kind) == (name, kind)


@pytest.mark.parametrize("word", ["ap", "let", "Ap", "Uni", "Jem", "Reuterss"])
def test_acronyms_match_only_as_written(word: str) -> None:
    assert lexicon_entry(word) is None


@pytest.mark.parametrize("alias", ["Wagner", "Fars", "Petra", "ETA"])
def test_ambiguous_aliases_are_not_matched_free_standing(alias: str) -> None:
    assert alias not in {a for a, _, _ in load_lexicons().phrases}


def test_no_alias_names_two_different_entities() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for alias, entry, case_sensitive in load_lexicons().phrases:
        key = alias if case_sensitive else alias.lower()
        if seen.setdefault(key, entry.name) != entry.name:
            clashes.append(alias)
    assert clashes == []


def test_government_lexicon_has_phrases_and_ministry_topics() -> None:
    lex = load_lexicons()
    assert "security forces" in lex.gov_phrases
    assert "interior" in lex.ministry_topics


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("the interior ministry", "government", "Interior Ministry"),
        ("ministry of defence", "government", "Ministry of Defence"),
        ("The Interior Ministry", "government", "Interior Ministry"),
        ("Taliban's", "armed_group", "Taliban"),
        ("Kabul,", "place", "Kabul"),
        ("Mirwais  Stanikzai", "person", "Mirwais Stanikzai"),
        ("NATO", "organisation", "NATO"),
        ("the police", "government", "Police"),
        ("CPI (Maoist)", "armed_group", "CPI (Maoist)"),
        ("(Reuters", "news_agency", "Reuters"),
    ],
)
def test_normalise_name(text: str, kind: EntityKind, name: str) -> None:
    assert normalise_name(text, kind) == name


@pytest.mark.parametrize("name", ["afghanistan", "qatar", "britain", "sri lanka"])
def test_country_names_known(name: str) -> None:
    assert name in country_names()
