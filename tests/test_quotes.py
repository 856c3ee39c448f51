"""Quote extraction on hand-built articles: direct, indirect, mixed, speakers and cues."""

from __future__ import annotations

import pytest

from newsevents.models import Entity, Quote
from newsevents.nlp.model import load_nlp
from newsevents.nlp.quotes import extract_quotes

pytestmark = pytest.mark.slow

GHAZNI = "\n\n".join(
    [
        "Afghan government negotiators in Qatar have offered the Taliban a power-sharing deal in return "
        "for an end to fighting in the country, a government negotiating source told AFP on Thursday.",
        '"Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the '
        'Taliban to share power in return for a halt in violence in the country," the source said.',
        "The Taliban seized the strategic Afghan city of Ghazni Thursday, just 150 kilometres (95 miles) "
        "from Kabul, their most important gain in a lightning offensive that has seen them overrun 10 "
        "provincial capitals in a week.",
        "The interior ministry confirmed the fall of the city, which lies along the major Kabul-Kandahar "
        "highway and serves as a gateway between the capital and militant strongholds in the south.",
        '"The enemy took control," spokesman Mirwais Stanikzai said in a message to media, adding '
        "fighting and resistance was still going on.",
    ]
)


def _quotes(text: str, entities: list[Entity] | None = None) -> list[Quote]:
    return extract_quotes(load_nlp()(text), entities or [])


def _find(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.content]
    assert hits, f"no quote containing {fragment!r} in {[q.content for q in quotes]}"
    return hits[0]


def test_offsets_point_into_the_text() -> None:
    for q in _quotes(GHAZNI):
        assert GHAZNI[q.start : q.end] == q.content
        if q.speaker_start is not None and q.speaker_end is not None:
            assert GHAZNI[q.speaker_start : q.speaker_end] == q.speaker
        if q.cue_start is not None and q.cue_end is not None:
            assert GHAZNI[q.cue_start : q.cue_end] == q.cue


def test_sample_first_sentence_is_an_indirect_quote_told() -> None:
    q = _find(_quotes(GHAZNI), "power-sharing deal")
    assert q.kind == "indirect"
    assert q.cue == "told"
    assert q.speaker == "a government negotiating source"
    assert q.speaker_kind == "described"


def test_sample_the_source_resolves_to_the_described_source() -> None:
    q = _find(_quotes(GHAZNI), "Yes, the government has submitted a proposal")
    assert q.kind == "direct"
    assert q.content.startswith('"Yes,') and q.content.endswith('country,"')
    assert q.speaker == "the source"
    assert q.speaker_name == "a government negotiating source"
    assert q.cue == "said"


def test_sample_spokesman_quote() -> None:
    q = _find(_quotes(GHAZNI), "The enemy took control")
    assert q.content == '"The enemy took control,"'
    assert q.speaker_name == "Mirwais Stanikzai"
    assert q.speaker_kind == "named"
    assert q.cue == "said"


def test_sample_adding_clause_borrows_the_speaker() -> None:
    q = _find(_quotes(GHAZNI), "resistance was still going on")
    assert q.cue == "adding"
    assert q.speaker_name == "Mirwais Stanikzai"


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "“We will fight to the end,” said Colonel Ahmad Zia.",
            "“We will fight to the end,”",
            "Colonel Ahmad Zia",
            "said",
        ),
        (
            'Mr. Khan told reporters: "The army is ready to defend the city."',
            '"The army is ready to defend the city."',
            "Mr. Khan",
            "told",
        ),
        (
            "« Nous ne partirons pas », the mayor Anne Hidalgo said on Monday.",
            "« Nous ne partirons pas »",
            "the mayor Anne Hidalgo",
            "said",
        ),
        (
            "“The talks are over and nothing was agreed,” ― Jane Doe",
            "“The talks are over and nothing was agreed,”",
            "Jane Doe",
            "―",
        ),
    ],
)
def test_direct_quotes(text: str, content: str, speaker: str, cue: str) -> None:
    q = _find(_quotes(text), content.strip('“”«» "')[:10])
    assert q.content == content
    assert q.kind == "direct"
    assert q.speaker == speaker
    assert q.cue == cue


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "The ministry said that the army had retaken the district.",
            "that the army had retaken the district",
            "The ministry",
            "said",
        ),
        (
            "Police said three people were killed in the blast.",
            "three people were killed in the blast",
            "Police",
            "said",
        ),
        (
            "Two soldiers died in the attack, officials warned.",
            "Two soldiers died in the attack",
            "officials",
            "warned",
        ),
        (
            "The rebels withdrew overnight, according to local residents.",
            "The rebels withdrew overnight",
            "local residents",
            "according to",
        ),
    ],
)
def test_indirect_quotes(text: str, content: str, speaker: str, cue: str) -> None:
    q = _find(_quotes(text), content[:12])
    assert q.content == content
    assert q.kind == "indirect"
    assert q.speaker == speaker
    assert q.cue == cue


def test_mixed_quote_keeps_the_quoted_words() -> None:
    q = _find(_quotes("The senator said he would “introduce legislation next year.”"), "introduce")
    assert q.kind == "mixed"
    assert q.content == "he would “introduce legislation next year.”"
    assert q.speaker == "The senator"


def test_split_quote_is_one_quote() -> None:
    text = "“This is in their heads,” said Pat Caddell. “It is one of the things worrying them.”"
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].start == 0 and quotes[0].end == len(text)
    assert quotes[0].speaker == "Pat Caddell"


def test_pronoun_resolves_to_the_person_named_before() -> None:
    text = (
        "Governor Maria Lopez visited the flooded valley on Tuesday.\n\n"
        "“We will rebuild every house that was lost,” she said."
    )
    q = _find(_quotes(text), "rebuild")
    assert q.speaker == "she"
    assert q.speaker_kind == "pronoun"
    assert q.speaker_name == "Maria Lopez"


def test_surname_resolves_to_the_full_name() -> None:
    text = "Pat Caddell spoke on Sunday.\n\n“The polls have moved a lot this week,” Caddell said."
    q = _find(_quotes(text), "polls")
    assert q.speaker == "Caddell"
    assert q.speaker_name == "Pat Caddell"


def test_speaker_in_previous_sentence() -> None:
    text = "The commander spoke to AFP by telephone. He said:\n\n“We have lost many men in the valley.”"
    q = _find(_quotes(text), "lost many men")
    assert q.speaker == "He"
    assert q.cue == "said"


def test_quote_spanning_paragraphs() -> None:
    text = (
        "“The first part of the statement is here.\n\n"
        "“And the second part follows in a new paragraph,” the spokesman said."
    )
    q = _find(_quotes(text), "first part")
    assert q.end > text.index("second part")
    assert q.speaker == "the spokesman"


def test_unnamed_source_stays_described() -> None:
    q = _find(_quotes("The deal is close, a senior diplomatic source said."), "deal is close")
    assert q.speaker == "a senior diplomatic source"
    assert q.speaker_kind == "described"
    assert q.speaker_name is None


def test_scare_quotes_are_not_direct_quotes() -> None:
    quotes = _quotes('The government called the move a "provocation" and recalled its envoy.')
    assert not [q for q in quotes if q.kind == "direct"]


def test_entity_names_are_used_for_named_speakers() -> None:
    text = "“We are ready,” said Kabul police chief Ahmad Zia."
    ent = Entity(
        start=text.index("Ahmad"), end=len(text) - 1, text="Ahmad Zia", name="Ahmad Zia", kind="person"
    )
    q = _find(_quotes(text, [ent]), "ready")
    assert q.speaker_name == "Ahmad Zia"
    assert q.speaker_kind == "named"


@pytest.mark.parametrize(
    "text",
    ["", "   ", '"', "“", "”unbalanced", '"a" "b" "c', "He said.", "“\n\n“\n\n”", "said said said “"],
)
def test_odd_input_does_not_crash(text: str) -> None:
    for q in _quotes(text):
        assert 0 <= q.start <= q.end <= len(text)


def test_pronoun_prefers_the_person_who_was_the_subject() -> None:
    text = (
        "Governor Maria Lopez met Mayor John Smith on Tuesday.\n\n"
        "“We will rebuild every house that was lost,” she said."
    )
    q = _find(_quotes(text), "rebuild")
    assert q.speaker_name == "Maria Lopez"


def test_colon_clause_introduces_a_quote() -> None:
    text = "The general made the following statement:\n\n“Our troops will hold the bridge until dawn.”"
    q = _find(_quotes(text), "hold the bridge")
    assert q.speaker == "The general"
    assert q.kind == "direct"


def test_subject_inside_the_quote_is_not_the_speaker() -> None:
    text = (
        '"One of the brightest members of the entire Congress," Rep. Jane Roe (D-Md.) said in an interview.'
    )
    q = _find(_quotes(text), "brightest")
    assert q.speaker is not None and "Jane Roe" in q.speaker
