"""Quotation-mark scanning: typographic, straight, doubled and unbalanced marks."""

from __future__ import annotations

import pytest

from newsevents.nlp.quotes_marks import find_quoted, paragraphs


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Yes," the source said.', ['"Yes,"']),
        ("“The enemy took control,” he said.", ["“The enemy took control,”"]),
        ("« Nous resterons », a-t-il dit.", ["« Nous resterons »"]),
        (
            "''Hopefully,'' the president said, ''this museum can help.''",
            ["''Hopefully,''", "''this museum can help.''"],
        ),
        ("It's Tom's car, isn't it?", []),  # apostrophes are not quotes
        ("“He said “no” to me,” she recalled.", ["“He said “no” to me,”"]),  # nested typographic
        ('“He called it "madness" twice,” she said.', ['“He called it "madness" twice,”']),  # nested straight
        ("”Wrong mark first.” ― Jane Doe", ["”Wrong mark first.”"]),  # a closing mark used to open
        ('"Mixed styles,” he said.', ['"Mixed styles,”']),
    ],
)
def test_quoted_spans(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quote_continues_into_a_paragraph_that_opens_with_a_mark() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” he said."
    quoted = find_quoted(text)
    assert len(quoted) == 1
    assert text[quoted[0].start : quoted[0].end] == text[: text.index("”") + 1]
    assert quoted[0].paragraphs == 2


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = 'He said "this never closes\n\nA new paragraph without marks.'
    quoted = find_quoted(text)
    assert len(quoted) == 1
    assert not quoted[0].closed
    assert text[quoted[0].start : quoted[0].end] == '"this never closes'


@pytest.mark.parametrize("text", ['"', "“", "”", '""', "“”", "'' ''", '" x " y "', "\n\n“\n\n“\n\n"])
def test_degenerate_marks_do_not_crash(text: str) -> None:
    for q in find_quoted(text):
        assert 0 <= q.start < q.end <= len(text)


def test_paragraphs_are_trimmed_lines() -> None:
    assert paragraphs("  a b \n\n c\n") == [(2, 5), (9, 10)]
