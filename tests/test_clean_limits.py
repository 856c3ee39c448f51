"""Article limits: junk is too small to be an article; long texts are split between paragraphs."""

from __future__ import annotations

import pytest

from newsevents.clean import clean_article, split_long
from newsevents.clean.document import layout
from newsevents.clean.limits import junk_reason
from newsevents.models import Article, RawDoc, Reject

SENTENCE = "Police arrested 12 protesters in Lagos on Monday, officials said."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("x", "too short"),
        ("null", "too short"),
        ("N/A 0 }", "too short"),
        ("3.14 2.71 1.41 1.73 " * 20 + "some words here", "too few letters"),
        ("== -- ## ** 12 34 56 78 90 " * 10 + "abcdefghijklmnop", "too few letters"),
    ],
)
def test_junk_is_rejected_with_a_reason(text: str, reason: str) -> None:
    found = junk_reason(text)
    assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        "Афганские талибы захватили Газни.",
        "塔利班武装周四占领了加兹尼市区的大部分地区并控制了警察总部",
    ],
)
def test_short_real_news_is_an_article(text: str) -> None:
    assert junk_reason(text) is None


def test_clean_article_rejects_junk_at_the_clean_stage() -> None:
    rej = clean_article(RawDoc(path="f", record="line 2", text="ok ."))
    assert isinstance(rej, Reject) and rej.stage == "clean" and rej.reason.startswith("too short")


def _article(paragraphs: list[str]) -> Article:
    text, spans = layout(paragraphs)
    return Article("x", text, spans, path="f.txt", record="line 1")


def test_long_article_is_split_between_paragraphs() -> None:
    paras = [f"{n} {SENTENCE}" for n in range(100)]
    parts = split_long(_article(paras), max_chars=1000)
    assert len(parts) > 1 and all(len(p.text) <= 1000 for p in parts)
    assert [t for p in parts for t in p.text.split("\n\n")] == paras  # nothing lost, nothing cut
    assert [p.record for p in parts[:2]] == ["line 1 part 1", "line 1 part 2"]
    assert len({p.id for p in parts}) == len(parts)
    for p in parts:
        assert [p.text[s:e] for s, e in p.paragraphs] == p.text.split("\n\n")


def test_one_huge_paragraph_is_cut_at_spaces() -> None:
    words = [f"w{n}" for n in range(3000)]
    parts = split_long(_article([" ".join(words)]), max_chars=1000)
    assert all(len(p.text) <= 1000 for p in parts)
    assert [w for p in parts for w in p.text.split()] == words


def test_short_article_is_left_whole() -> None:
    article = _article([SENTENCE])
    assert split_long(article) == [article]
