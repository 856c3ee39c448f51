"""Duplicate detection (exact, near, persisted) and story grouping."""

from __future__ import annotations

import pytest

from newsevents.clean import doc_id
from newsevents.dedup import Deduplicator, cluster_stories, exact_hash, signature
from newsevents.errors import ConfigError
from newsevents.models import Article

BASE = [
    "The Taliban seized the strategic Afghan city of Ghazni on Thursday, officials said.",
    "The interior ministry confirmed the fall of the city on the Kabul-Kandahar highway.",
    "Government negotiators in Qatar offered the insurgents a power-sharing deal.",
    "The militants have overrun ten provincial capitals in a week of fighting.",
    "Fighting and resistance were still going on, a spokesman said in a message.",
    "The government has lost most of the north and west of the country this month.",
    "Residents fled towards the capital as the offensive moved closer to Kabul.",
    "Diplomats in Doha urged both sides to return to talks and agree a ceasefire.",
    "Aid agencies warned that thousands of families had been displaced by the war.",
    "The United States said it would send troops to help evacuate its embassy staff.",
]


def _article(paragraphs: list[str]) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(id=doc_id(text), text=text)


def test_first_article_is_registered_as_canonical() -> None:
    dd = Deduplicator()
    assert dd.check_and_add(_article(BASE)) is None and len(dd) == 1


def test_exact_copy_returns_the_canonical_id() -> None:
    dd = Deduplicator()
    first = _article(BASE)
    dd.check_and_add(first)
    copy = Article(id="other-id", text=first.text.upper())
    assert dd.check_and_add(copy) == first.id


def test_near_copy_with_one_changed_sentence_is_a_duplicate() -> None:
    dd = Deduplicator()
    first = _article(BASE)
    dd.check_and_add(first)
    edited = [*BASE[:-1], "Read more on our live page."]
    assert dd.check_and_add(_article(edited)) == first.id


def test_copies_with_a_few_edited_words_are_all_found() -> None:
    long_text = [f"{s} Paragraph {i} of the report." for i, s in enumerate(BASE * 3)]
    dd = Deduplicator()
    first = _article(long_text)
    dd.check_and_add(first)
    misses = 0
    for k in range(30):  # each copy edits one word in 8 of 30 paragraphs: Jaccard 0.875
        copy = list(long_text)
        for j in range(8):
            idx = (k + j * 7) % 30
            words = copy[idx].split()
            words[len(words) // 2] = f"x{k}"
            copy[idx] = " ".join(words)
        misses += dd.check_and_add(_article(copy)) != first.id
    assert misses <= 1


def test_different_article_on_the_same_story_is_not_a_duplicate() -> None:
    dd = Deduplicator()
    dd.check_and_add(_article(BASE))
    other = _article(BASE[:3] + [s.replace("the", "a") + " Later." for s in BASE[3:]])
    assert dd.check_and_add(other) is None and len(dd) == 2


def test_loaded_state_detects_copies_from_an_earlier_run() -> None:
    first = _article(BASE)
    dd = Deduplicator.load([(first.id, exact_hash(first), signature(first))])
    near = _article([*BASE[:-1], "Updated at noon."])
    assert dd.check_and_add(near) == first.id


def test_loaded_state_without_hash_still_matches_by_signature() -> None:
    first = _article(BASE)
    dd = Deduplicator.load([(first.id, None, signature(first))])
    assert dd.check_and_add(Article(id="x", text=first.text)) == first.id


def test_bad_stored_signature_is_ignored() -> None:
    dd = Deduplicator.load([("a1", "h1", b"not a signature")])
    assert "a1" in dd and dd.check_and_add(_article(BASE)) is None


def test_signature_of_registered_article_round_trips() -> None:
    dd = Deduplicator()
    first = _article(BASE)
    dd.check_and_add(first)
    assert dd.signature_of(first.id) == signature(first)


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_threshold_out_of_range_is_a_config_error(threshold: float) -> None:
    with pytest.raises(ConfigError, match="threshold"):
        Deduplicator(threshold=threshold)


AIR = [
    "Search ships looking for the missing Malaysia Airlines flight MH370 detected new signals "
    "in the Indian Ocean, Australian officials leading the search said on {d}.",
    "Malaysia Airlines flight MH370 vanished with 239 people aboard; investigators in Kuala "
    "Lumpur said the Boeing search in the Indian Ocean would widen on {d}.",
    "Relatives of passengers on Malaysia Airlines MH370 demanded answers as the Indian Ocean "
    "search for the Boeing resumed on {d}, Australian officials said.",
]
FOOT = [
    "Chelsea beat Arsenal in the Premier League on {d}, with the striker scoring twice as the "
    "manager praised his defence after the match at Stamford Bridge.",
    "Arsenal manager said the Premier League title race was open after Chelsea won at Stamford "
    "Bridge on {d}, the striker again scoring twice.",
    "Premier League leaders Chelsea host Arsenal at Stamford Bridge on {d}; the manager said "
    "his striker was fit and the defence ready for the match.",
]


def test_stories_separate_two_topics() -> None:
    texts = [t.format(d="Monday") for t in AIR] + [t.format(d="Sunday") for t in FOOT]
    labels = cluster_stories(texts)
    assert labels[:3] == [labels[0]] * 3 and labels[3:] == [labels[3]] * 3
    assert labels[0] != labels[3]


@pytest.mark.parametrize(("texts", "labels"), [([], []), (["only one"], [0])])
def test_stories_of_tiny_inputs(texts: list[str], labels: list[int]) -> None:
    assert cluster_stories(texts) == labels
