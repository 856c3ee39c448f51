"""Extraction scorer: snippet counting, token scores and the real page path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsevents.eval.extraction import (
    SnippetCounts,
    count_snippets,
    evaluate,
    extract_text,
    score,
    snippet_scores,
    token_scores,
)

TEXT = "The Taliban seized Ghazni on Thursday. Fighting went on near the airport."


def _shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.mark.parametrize(
    ("with_", "without", "expected"),
    [
        (["seized Ghazni", "near the airport"], ["Subscribe"], SnippetCounts(2, 0, 0, 1)),
        (["seized Kunduz"], ["Fighting went"], SnippetCounts(0, 1, 1, 0)),
        ([], [], SnippetCounts(0, 0, 0, 0)),
    ],
)
def test_snippets_are_counted_as_trafilatura_counts_them(
    with_: list[str], without: list[str], expected: SnippetCounts
) -> None:
    assert count_snippets(TEXT, with_, without) == expected


@pytest.mark.parametrize("result", [None, "", "too short"])
def test_missing_or_tiny_output_misses_every_with_snippet(result: str | None) -> None:
    assert count_snippets(result, ["a", "b"], ["c"]) == SnippetCounts(0, 2, 0, 1)


def test_snippet_scores_from_counts() -> None:
    s = snippet_scores(SnippetCounts(tp=3, fn=1, fp=1, tn=5))
    assert s == {"precision": 0.75, "recall": 0.75, "f1": 0.75, "accuracy": 0.8}


def test_snippet_scores_of_nothing_are_zero() -> None:
    assert snippet_scores(SnippetCounts()) == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "accuracy": 0.0,
    }


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("a b c d", "a b c d", (1.0, 1.0, 1.0)),
        ("a b c d", "a b x y", (0.5, 0.5, 0.5)),
        ("a b", "a b a b", (0.5, 1.0, 2 / 3)),
        ("a b", None, (0.0, 0.0, 0.0)),
    ],
)
def test_token_scores_are_bag_of_tokens(
    gold: str, pred: str | None, expected: tuple[float, float, float]
) -> None:
    assert token_scores(gold, pred) == pytest.approx(expected)


def test_score_averages_gold_text_pages() -> None:
    golds = [{"gold_text": "a b c d"}, {"gold_text": "a b"}]
    out = score(golds, ["a b c d", None])
    assert (out["precision"], out["recall"], out["f1"], out["n"]) == (0.5, 0.5, 0.5, 2)


def test_score_keeps_token_metrics_apart_when_both_kinds_are_present() -> None:
    golds = [{"with": ["seized Ghazni"], "without": []}, {"gold_text": "a b"}]
    out = score(golds, [TEXT, "a b"])
    assert out["recall"] == 1.0 and out["token_f1"] == 1.0


def test_page_goes_through_the_reader_and_cleaner() -> None:
    page = (
        "<html><head><title>T</title></head><body><nav>Home | World | Subscribe</nav><article>"
        + "".join(f"<p>{TEXT} Paragraph {i} adds detail on the roads.</p>" for i in range(5))
        + '<p>Also read: <a href="http://x/b">Kabul braces</a></p></article>'
        "<footer>Imprint</footer></body></html>"
    )
    text = extract_text(page)
    assert text is not None and "Paragraph 4" in text
    assert "Subscribe" not in text and "Kabul braces" not in text


def test_dev_set_scores_above_floor() -> None:
    path = _shared() / "eval" / "dev" / "extraction_trafilatura.jsonl.gz"
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (set NEWSEVENTS_SHARED)")
    out = evaluate(path, limit=30)
    assert out["n"] == 30 and out["f1"] >= 0.85
