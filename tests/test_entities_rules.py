"""Entity rules over the model's output: lexicons, government bodies, span and kind fixes."""

from __future__ import annotations

import itertools

import pytest
from spacy.tokens import Span

from newsevents.models import Entity
from newsevents.nlp.entities import extract_entities
from newsevents.nlp.model import load_nlp

pytestmark = pytest.mark.slow


def entities(text: str) -> list[Entity]:
    return extract_entities(load_nlp()(text))


def found(text: str) -> set[tuple[str, str]]:
    return {(e.name, e.kind) for e in entities(text)}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Officials said security forces killed five Islamic State fighters.",
            "Islamic State",
            "armed_group",
        ),
        ("Daesh claimed the attack on Friday.", "Islamic State", "armed_group"),
        ("Al-Shabaab militants attacked a base.", "al-Shabaab", "armed_group"),
        ("The Houthis fired missiles at Riyadh.", "Houthis", "armed_group"),
        ("Boko Haram abducted 20 girls.", "Boko Haram", "armed_group"),
        ("The attack was reported by Reuters.", "Reuters", "news_agency"),
        ("He told the Associated Press on Monday.", "AP", "news_agency"),
        ("Officials told Xinhua news agency the toll rose.", "Xinhua", "news_agency"),
    ],
)
def test_lexicon_names_found_with_canonical_name(text: str, name: str, kind: str) -> None:
    assert (name, kind) in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The interior ministry confirmed the attack.", "Interior Ministry"),
        ("A statement from the ministry of defence followed.", "Ministry of Defence"),
        ("Security forces surrounded the building.", "Security Forces"),
        ("The government has offered talks.", "Government"),
        ("The police said three people died.", "Police"),
    ],
)
def test_government_bodies_found_by_rule(text: str, name: str) -> None:
    assert (name, "government") in found(text)


@pytest.mark.parametrize(
    "text",
    ["The blast hit a police station.", "Army bases were shelled.", "They discussed a government proposal."],
)
def test_government_word_used_as_modifier_is_not_an_entity(text: str) -> None:
    assert not any(e.kind == "government" for e in entities(text))


def test_hyphenated_place_pair_gives_two_places() -> None:
    assert {("Aleppo", "place"), ("Damascus", "place")} <= found(
        "Fighting erupted along the Aleppo-Damascus road."
    )


def test_weekday_glued_to_a_place_is_cut_off() -> None:
    ents = entities("The Taliban seized the strategic Afghan city of Ghazni Thursday, officials said.")
    ghazni = [e for e in ents if e.name == "Ghazni"]
    assert [(e.text, e.kind) for e in ghazni] == [("Ghazni", "place")]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ('"We took control," spokesman Mirwais Stanikzai said.', "Mirwais Stanikzai", "spokesman"),
        ("Hezbollah leader Hassan Nasrallah spoke.", "Hassan Nasrallah", "Hezbollah leader"),
    ],
)
def test_person_role_kept_out_of_the_name(text: str, name: str, role: str) -> None:
    person = next(e for e in entities(text) if e.kind == "person")
    assert (person.name, person.text, person.role) == (name, name, role)


def test_surname_mention_gets_the_full_name() -> None:
    ents = entities("Interior Minister Ahmad Massoud spoke. Later Massoud said he would resign.")
    assert [e.name for e in ents if e.kind == "person"] == ["Ahmad Massoud", "Ahmad Massoud"]


def test_repeated_name_missed_once_is_propagated() -> None:
    doc = load_nlp()("Cofinec said it would buy the plant. Analysts expect Cofinec to lose.")
    doc.ents = [Span(doc, 0, 1, label="ORG")]  # the model found only the first mention
    ents = extract_entities(doc)
    assert [(e.text, e.kind) for e in ents] == [("Cofinec", "organisation")] * 2


def test_short_form_of_a_company_is_an_organisation() -> None:
    text = "Magna International Inc said its profit rose. Magna shares gained 2 percent."
    assert {e.kind for e in entities(text) if e.text == "Magna"} == {"organisation"}


def test_trailing_scores_and_dates_are_cut_from_names() -> None:
    assert not any(
        any(c.isdigit() for c in e.text) for e in entities("Somerset 83 and 174 ( P. Simmons 4-38 )")
    )


def test_capitalised_headline_is_read_truecased() -> None:
    text = "BELGRADE 1996-08-30\n\nRed Star Belgrade beat Partizan in Belgrade on Friday."
    assert ("BELGRADE", "place") in {(e.text, e.kind) for e in entities(text)}


def test_country_tagged_as_organisation_becomes_a_place() -> None:
    ents = entities("Lithuania - Danius Gleveckas 2. Romania beat Lithuania 3-0 in a qualifier.")
    assert {e.kind for e in ents if e.name == "Lithuania"} == {"place"}


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban seized Ghazni, just 150 kilometres from Kabul, officials in Kabul said.",
        "Interior Minister Ahmad Massoud said Massoud and the police chief met AFP reporters.",
        "SOMALIA: AL-SHABAAB KILLS 10 IN MOGADISHU\n\nMogadishu was calm on Sunday.",
    ],
)
def test_entities_never_overlap_and_offsets_hold(text: str) -> None:
    ents = entities(text)
    for e in ents:
        assert text[e.start : e.end] == e.text
    for a, b in itertools.pairwise(ents):
        assert a.end <= b.start


def test_names_joined_by_a_score_are_split() -> None:
    assert {"Pohang", "Ulsan", "Seoul"} <= {e.name for e in entities("Pohang 3 Ulsan 1 in Seoul on Sunday.")}


def test_model_span_joined_by_at_is_split() -> None:
    doc = load_nlp()("Yorkshire at Headingley drew.")
    doc.ents = [Span(doc, 0, 3, label="ORG")]
    assert [e.text for e in extract_entities(doc)] == ["Yorkshire", "Headingley"]


def test_initial_and_surname_are_a_person() -> None:
    ents = entities("Bowling: K. Curran 4-38, A. Smith 2-20.")
    assert {(e.text, e.kind) for e in ents} >= {("K. Curran", "person"), ("A. Smith", "person")}


def test_us_abbreviation_is_not_an_initial() -> None:
    assert not any(e.kind == "person" for e in entities("U.S. Treasury bonds rose on Friday."))


@pytest.mark.parametrize(
    "text", ["He won the UEFA Cup in 1996.", "She reached the final of the Hong Kong Open."]
)
def test_competitions_are_other_not_organisations(text: str) -> None:
    assert {e.kind for e in entities(text) if any(w in e.name for w in ("Cup", "Open"))} == {"other"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("On 4 May, in Feira de Santana, Bahia, teachers staged a protest.", "Bahia"),
        ("Traders staged a sit-in in Tirunelveli city on Monday.", "Tirunelveli"),
        ("Fighting was reported in Rakhine State on Monday.", "Rakhine State"),
        ("In Bello, Antioquia department, a body was found.", "Antioquia"),
    ],
)
def test_names_in_place_context_are_places(text: str, name: str) -> None:
    assert (name, "place") in found(text)


def test_person_after_a_fronted_place_stays_a_person() -> None:
    assert ("Ahmad Zia", "person") in found("In Kabul, Ahmad Zia said the talks had failed.")


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Donbass People's Militia fired at the village.", "Donbass People's Militia", "armed_group"),
        ("Ukrainian forces fired at positions near Donetsk.", "Ukrainian", "nationality"),
        ("Schools closed as COVID-19 spread.", "COVID-19", "other"),
    ],
)
def test_kind_corrections(text: str, name: str, kind: str) -> None:
    assert (name, kind) in found(text)


def test_capitalised_name_takes_the_documents_spelling() -> None:
    ents = entities("KABUL, Aug 13 (AFP)\n\nThe Taliban advanced on Kabul. NATO said little.")
    assert {(e.text, e.name) for e in ents} >= {("KABUL", "Kabul"), ("NATO", "NATO"), ("AFP", "AFP")}
