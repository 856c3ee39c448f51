"""The entities the sample AFP story must yield."""

from __future__ import annotations

import itertools

import pytest

from newsevents.models import Entity
from newsevents.nlp.entities import extract_entities
from newsevents.nlp.model import load_nlp

# The cleaned text of the sample story: its paragraphs, HTML decoded, the "Read | ..." promo
# removed, joined by blank lines.
SAMPLE_PARAGRAPHS = [
    "Afghan government negotiators in Qatar have offered the Taliban a power-sharing deal in "
    "return for an end to fighting in the country, a government negotiating source told AFP on "
    "Thursday.",
    '"Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the '
    'Taliban to share power in return for a halt in violence in the country," the source said.',
    "The Taliban seized the strategic Afghan city of Ghazni Thursday, just 150 kilometres "
    "(95 miles) from Kabul, their most important gain in a lightning offensive that has seen them "
    "overrun 10 provincial capitals in a week.",
    "The interior ministry confirmed the fall of the city, which lies along the major "
    "Kabul-Kandahar highway and serves as a gateway between the capital and militant strongholds "
    "in the south.",
    '"The enemy took control," spokesman Mirwais Stanikzai said in a message to media, adding '
    "fighting and resistance was still going on.",
    "The government has now effectively lost most of northern and western Afghanistan and is left "
    "holding a scattered archipelago of contested cities also dangerously at risk of falling to "
    "the Taliban.",
]
SAMPLE_TEXT = "\n\n".join(SAMPLE_PARAGRAPHS)


@pytest.fixture(scope="module")
def sample_entities() -> list[Entity]:
    return extract_entities(load_nlp()(SAMPLE_TEXT))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Afghan", "nationality"),
        ("Afghanistan", "place"),
        ("Qatar", "place"),
        ("Taliban", "armed_group"),
        ("AFP", "news_agency"),
        ("Ghazni", "place"),
        ("Kabul", "place"),
        ("Kandahar", "place"),
        ("Mirwais Stanikzai", "person"),
        ("Interior Ministry", "government"),
        ("Government", "government"),
    ],
)
def test_sample_entity_found_with_kind(sample_entities: list[Entity], name: str, kind: str) -> None:
    kinds = {e.kind for e in sample_entities if e.name == name}
    assert kinds == {kind}


@pytest.mark.slow
def test_sample_offsets_point_at_the_text(sample_entities: list[Entity]) -> None:
    for e in sample_entities:
        assert SAMPLE_TEXT[e.start : e.end] == e.text


@pytest.mark.slow
def test_sample_entities_do_not_overlap(sample_entities: list[Entity]) -> None:
    spans = sorted((e.start, e.end) for e in sample_entities)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start


@pytest.mark.slow
def test_sample_weekday_is_not_part_of_the_place(sample_entities: list[Entity]) -> None:
    assert not any("Thursday" in e.text for e in sample_entities)


@pytest.mark.slow
def test_sample_spokesman_role_kept(sample_entities: list[Entity]) -> None:
    person = next(e for e in sample_entities if e.name == "Mirwais Stanikzai")
    assert person.text == "Mirwais Stanikzai"
    assert person.role == "spokesman"


@pytest.mark.slow
def test_sample_taliban_found_every_time(sample_entities: list[Entity]) -> None:
    assert sum(e.name == "Taliban" for e in sample_entities) == 4
