"""Markup caps: checked in one linear pass before any HTML parser sees a page."""

from __future__ import annotations

import time

import pytest

from newsevents.clean.blocks import html_blocks
from newsevents.clean.markup import MAX_ATTRIBUTES, MAX_NESTING, guard_markup, strip_tags
from newsevents.read.htmlpage import main_content

BODY = "<p>Police arrested 12 protesters in Lagos on Monday, officials said.</p>"


def _stuffed(n: int) -> str:
    return "<div " + " ".join(f"a{i}=x" for i in range(n)) + ">" + BODY + "</div>"


def test_tag_with_too_many_attributes_keeps_only_its_name() -> None:
    guarded = guard_markup(_stuffed(MAX_ATTRIBUTES + 1))
    assert guarded.tags_reduced == 1 and guarded.html == "<div>" + BODY + "</div>"


def test_ordinary_tags_are_left_alone() -> None:
    html = '<a href="https://example.org/x" class="link" title="a b c">x</a>' + _stuffed(20)
    assert guard_markup(html).html == html


def test_quoted_values_with_spaces_are_not_counted_as_attributes() -> None:
    html = '<img alt="' + "word " * 2000 + '">' + BODY
    assert guard_markup(html).tags_reduced == 0


@pytest.mark.parametrize(
    "html",
    [
        _stuffed(200_000),  # 2 MB in one tag: minutes in both parsers before the cap
        "<a" * 500_000,  # tags that never close
        "<script>" * 100_000,
        "<" * 1_000_000,
        "<div>" * 50_000 + BODY,
    ],
    ids=["attributes", "unclosed", "scripts", "brackets", "nesting"],
)
def test_hostile_markup_is_cleaned_in_seconds(html: str) -> None:
    started = time.perf_counter()
    html_blocks(html)
    main_content(html)
    assert time.perf_counter() - started < 10


def test_text_of_attribute_stuffed_page_is_kept() -> None:
    (block,) = html_blocks(_stuffed(200_000))
    assert block.text.startswith("Police arrested 12 protesters")


def test_depth_over_the_cap_is_flagged() -> None:
    assert guard_markup("<div>" * (MAX_NESTING + 1)).too_deep
    assert not guard_markup("<div>" * 10 + "<br><img src=x>").too_deep


def test_strip_tags_drops_scripts_and_keeps_text() -> None:
    assert "evil" not in strip_tags("<p>kept</p><script>evil()</script><p>too</p>")
    assert "kept" in strip_tags("<p>kept</p><script>never closed")
