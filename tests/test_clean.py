"""Cleaning: paragraphs, entities, mojibake, promos and ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.clean import clean_document, doc_id
from newsevents.clean.promos import link_list_spans
from newsevents.models import Article, RawDoc, Reject
from newsevents.read import iter_inputs

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "afp_ghazni_2021-08-13.txt"


def _clean_html(html: str) -> Article:
    art = clean_document(RawDoc(path="t", record="line 1", html=html, fmt="lines"))
    assert isinstance(art, Article)
    return art


def _sample_article() -> Article:
    raw = next(d for d in iter_inputs([str(SAMPLE)]) if isinstance(d, RawDoc))
    art = clean_document(raw)
    assert isinstance(art, Article)
    return art


def test_sample_has_six_body_paragraphs() -> None:
    assert len(_sample_article().paragraphs) == 6


def test_sample_promo_moves_to_related_with_its_url() -> None:
    art = _sample_article()
    assert "Read |" not in art.text and "Afghan cities taken over" not in art.text
    (rel,) = art.related
    assert rel.text == "Afghan cities taken over or contested by Taliban"
    assert rel.url is not None and rel.url.endswith("contested-by-taliban-1018942.html")


def test_sample_has_no_stray_dots_between_paragraphs() -> None:
    art = _sample_article()
    assert all(not p.startswith(".") for p in art.text.split("\n\n"))


def test_paragraph_spans_point_into_text() -> None:
    art = _clean_html("<p>One  two.</p>.<p>Three\nfour.</p>")
    assert art.text == "One two.\n\nThree four."
    assert [art.text[s:e] for s, e in art.paragraphs] == ["One two.", "Three four."]


def test_entities_are_decoded() -> None:
    art = _clean_html("<p>&quot;We will fight,&quot; he said &amp; left &#8212; fast.</p>")
    assert art.text == '"We will fight," he said & left — fast.'


def test_double_escaped_entities_in_plain_text_are_decoded() -> None:
    art = clean_document(RawDoc(path="t", record="", text="&quot;Yes,&quot; the source said."))
    assert isinstance(art, Article) and art.text == '"Yes," the source said.'


def test_mojibake_is_repaired() -> None:
    art = _clean_html("<p>The governorâ€™s office said the cafÃ© was closed.</p>")
    assert art.text == "The governor’s office said the café was closed."


def test_curly_quotes_are_kept() -> None:
    art = _clean_html("<p>“The enemy took control,” he said.</p>")
    assert art.text.startswith("“The enemy")


def test_scripts_and_styles_are_dropped() -> None:
    art = _clean_html("<p>Body.</p><script>var x = 1;</script><style>p {}</style><p>More.</p>")
    assert art.text == "Body.\n\nMore."


@pytest.mark.parametrize(
    "promo",
    [
        '<p><strong>Read | <a href="http://x/a">Afghan cities fall</a></strong></p>',
        '<p>Also read: <a href="http://x/a">Afghan cities fall</a></p>',
        '<p>ALSO READ <a href="http://x/a">Afghan cities fall</a></p>',
        '<p>READ MORE: <a href="http://x/a">Afghan cities fall</a></p>',
        '<p>Read more: <a href="http://x/a">Afghan cities fall</a></p>',
        '<p>Related: <a href="http://x/a">Afghan cities fall</a></p>',
        '<p><a href="http://x/a">Afghan cities fall</a></p>',
        '<p>READ MORE</p><p><a href="http://x/a">Afghan cities fall</a></p>',
    ],
)
def test_promos_leave_the_body_and_keep_their_link(promo: str) -> None:
    art = _clean_html(f"<p>Kabul was calm.</p>{promo}<p>Ghazni fell.</p>")
    assert art.text == "Kabul was calm.\n\nGhazni fell."
    assert [(r.text, r.url) for r in art.related] == [("Afghan cities fall", "http://x/a")]


@pytest.mark.parametrize(
    "para",
    [
        '<p>Officials <a href="http://x/a">told reporters</a> the city had fallen to them.</p>',
        "<p>Readers were told the city had fallen.</p>",
        '<p>Write to <a href="mailto:desk@x.org">desk@x.org</a></p>',
        '<ul><li><a href="http://x/a">Ghazni</a></li></ul>',
    ],
)
def test_prose_with_links_stays_in_the_body(para: str) -> None:
    art = _clean_html(f"<p>Kabul was calm.</p>{para}")
    assert len(art.paragraphs) == 2 and not art.related


@pytest.mark.parametrize(
    "line",
    [
        "© 2021 Deccan Herald. All rights reserved.",
        "Copyright AFP 2021",
        "Photo: Reuters/Mohammad Ismail",
        "Tags",
        "Advertisement",
    ],
)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    art = _clean_html(f"<p>Kabul was calm.</p><p>{line}</p>")
    assert art.text == "Kabul was calm." and not art.related


@pytest.mark.parametrize(
    "promo",
    [
        "<p>À lire aussi : Kaboul se prépare</p>",
        "<p>VEA TAMBIÉN: Kabul se prepara</p>",
        "<p>Lesen Sie auch: Kabul bereitet sich vor</p>",
        "<p>Leia também: Cabul se prepara</p>",
    ],
)
def test_promo_cues_in_other_languages(promo: str) -> None:
    art = _clean_html(f"<p>Kabul was calm.</p>{promo}")
    assert art.text == "Kabul was calm." and len(art.related) == 1


def test_plain_text_paragraphs_split_on_blank_lines() -> None:
    text = "First line\ncontinues here.\n\nSecond paragraph.\n\nRead more: http://x/a\n"
    art = clean_document(RawDoc(path="t", record="", text=text))
    assert isinstance(art, Article)
    assert art.text == "First line continues here.\n\nSecond paragraph."
    assert art.related[0].url == "http://x/a"


@pytest.mark.parametrize("html", ["", "<script>x()</script>", "<p>.</p>.<p> </p>"])
def test_document_without_text_is_rejected_at_clean(html: str) -> None:
    out = clean_document(RawDoc(path="t", record="line 4", html=html))
    assert isinstance(out, Reject) and out.stage == "clean" and out.record == "line 4"


def test_id_ignores_case_and_spacing_but_not_content() -> None:
    assert doc_id("The Taliban  seized Ghazni.") == doc_id("the taliban seized\nghazni.")
    assert doc_id("The Taliban seized Ghazni.") != doc_id("The Taliban seized Kunduz.")
    assert len(doc_id("x")) == 16


def test_same_content_gets_the_same_article_id() -> None:
    a = _clean_html("<p>Ghazni fell.</p>")
    b = clean_document(RawDoc(path="u", record="", text="Ghazni fell."))
    assert isinstance(b, Article) and a.id == b.id


def test_one_line_pre_is_inline_code_not_a_paragraph() -> None:
    art = _clean_html("<ul><li>Install it in your <pre>Dockerfile</pre> first.</li></ul>")
    assert art.text == "Install it in your Dockerfile first."


def test_multi_line_pre_is_its_own_paragraph() -> None:
    art = _clean_html("<p>Run:</p><pre>make\nmake install</pre><p>Done.</p>")
    assert len(art.paragraphs) == 3


def test_text_is_used_when_the_html_field_has_no_text() -> None:
    raw = RawDoc(path="t", record="line 1", html="<div><img src=x></div>", text="Ghazni fell.")
    art = clean_document(raw)
    assert isinstance(art, Article) and art.text == "Ghazni fell."


def test_absurdly_deep_markup_is_read_as_text() -> None:
    art = _clean_html("<div>" * 6000 + "<script>x()</script>Deep text." + "</div>" * 6000)
    assert art.text == "Deep text."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("related stories: overnight massacre takes death toll to 158", "related stories: overnight"),
        ("Curfew was lifted. Related StoriesÂ mobs torch shops\nMore text.", "Related StoriesÂ mobs"),
        ("Also read - police fire tear gas at protesters", "Also read - police"),
        ("Readers related stories of the flood to the council on Monday.", None),
        ("Police said the related arrests were made on Monday.", None),
    ],
)
def test_a_link_list_in_plain_text_is_recognised(text: str, expected: str | None) -> None:
    spans = link_list_spans(text)
    if expected is None:
        assert not spans
    else:
        assert len(spans) == 1 and text[spans[0][0] : spans[0][1]].strip().startswith(expected)
