"""A trigger word in its everyday sense reports no event (loads the model)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import subtypes
from newsevents.nlp.events.sense import in_event_sense
from newsevents.nlp.events.types import Roles, classify, find_cues
from newsevents.nlp.model import load_nlp

DAY = date(2002, 3, 4)


def _sense(text: str, cue: str, word: str) -> bool:
    sent = next(iter(load_nlp()(text).sents))
    match = re.search(rf"\b{re.escape(word)}", sent.text)
    assert match is not None
    return in_event_sense(sent, cue, match.span())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "word", "expected"),
    [
        # detention holds people
        ("Police arrested five opposition activists in Lagos on Tuesday.", "arrest", "arrested", True),
        ("A local journalist was held by soldiers at a checkpoint for two days.", "arrest", "held", True),
        ("The two men were held at the border post overnight.", "arrest", "held", True),
        (
            "The joint press conference held by the ministry drew dozens of reporters.",
            "arrest",
            "held",
            False,
        ),
        ("He was not fit to occupy the post currently held by him.", "arrest", "held", False),
        ("The express train was detained at the junction for three hours.", "arrest", "detained", False),
        ("Customs officers detained a consignment of rice at the port.", "arrest", "detained", False),
        ("Twelve students were detained after the march.", "arrest", "detained", True),
        ("The suspect was taken into custody on Friday.", "arrest", "custody", True),
        (
            "The court watch comes after the most bitter charges yet in the custody battle.",
            "arrest",
            "custody",
            False,
        ),
        ("Child custody lawyers said the ruling was appropriate.", "arrest", "custody", False),
        # a strike by workers, not by aircraft
        ("Bus drivers went on a strike over unpaid wages.", "protest", "strike", True),
        ("The strikes closed schools across the province on Monday.", "protest", "strikes", True),
        (
            "The president said he had ordered the strikes on the terrorist camps.",
            "protest",
            "strikes",
            False,
        ),
        ("Angry opposition members staged a walkout in the assembly.", "protest", "walkout", False),
        ("Nurses staged a walkout at the city hospital over pay.", "protest", "walkout", True),
        ("The VHP leader began an indefinite hunger-strike on Sunday.", "protest", "hunger", True),
        # chanting in worship is no protest
        ("Devotees chanting hymns took out the procession on Tuesday.", "protest", "chanting", False),
        ("Students chanting slogans marched to the ministry on Tuesday.", "protest", "chanting", True),
        # what was staged decides the sense of "staged"
        ("Congress members staged a walkout in the assembly on Monday.", "protest", "staged", False),
        ("Hundreds of workers staged a protest outside the factory on Monday.", "protest", "staged", True),
        # a protest is a gathering, not a letter or a group
        ("Thousands joined the protest march in the capital on Sunday.", "protest", "protest", True),
        ("The protest drew thousands to the square on Sunday.", "protest", "protest", True),
        ("A week of protest closed the university.", "protest", "protest", True),
        ("A protest performance was held outside the restaurant.", "protest", "protest", True),
        ("The family sent letters of protest to the ministry.", "protest", "protest", False),
        ("Protest groups have campaigned against the law for years.", "protest", "Protest", False),
        ("The embassy delivered a protest note to the foreign ministry.", "protest", "protest", False),
        # agreeing to something, not that something is so
        ("The two sides agreed to a ceasefire on Sunday.", "agreement", "agreed", True),
        ("The rebels agreed that the war had to end.", "agreement", "agreed", False),
        # striving is not fighting
        ("Rebels and soldiers were fighting in the hills on Monday.", "clash", "fighting", True),
        ("His relatives are fighting to keep the boy in the country.", "clash", "fighting", False),
        ("The wounded guard was fighting for his life in hospital.", "clash", "fighting", False),
        # a blow needs someone or something to deal it
        ("A rocket hit the school on Monday.", "attack", "hit", True),
        ("The mob hit the driver with sticks.", "attack", "hit", True),
        ("The ayodhya impasse has hit the lucknowites hard.", "attack", "hit", False),
        ('"Why should the police stop us," the priest shot back.', "attack", "shot", False),
        ("Rebels rocketed the airport overnight.", "shelling", "rocketed", True),
        ("Since the closure the prices have sky rocketed.", "shelling", "rocketed", False),
        # territory is ground
        ("Rebels seized the town of Ndele on Monday.", "overtake", "seized", True),
        ("Officers seized 1,248 bags of heroin in raids in the city.", "overtake", "seized", False),
        # agreements settle conflicts
    ],
)
def test_trigger_sense(text: str, cue: str, word: str, expected: bool) -> None:
    assert _sense(text, cue, word) is expected


def _subtypes(text: str) -> set[str]:
    return subtypes(text, DAY)


@pytest.mark.slow
def test_everyday_senses_give_no_event() -> None:
    assert "Arrests" not in _subtypes(
        "BEIJING: At a joint press conference held by the Ministry of Health on Monday, officials "
        "said the spread of the disease could be controlled."
    )
    assert "Agreement" not in _subtypes("Several consultants agreed on Monday that the case was delicate.")


@pytest.mark.slow
def test_one_person_demanding_is_a_statement_not_a_demonstration() -> None:
    for text in (
        "But Gonzalez, backed by Castro, has demanded his rights as the boy's sole surviving parent.",
    ):
        subs = _subtypes(text)
        assert "Peaceful protest" not in subs and "Demand" in subs, text
    assert "Peaceful protest" in _subtypes(
        "Hundreds of villagers marched to the district office on Monday, demanding drinking water."
    )


@pytest.mark.slow
def test_a_second_trigger_still_types_the_sentence() -> None:
    # the everyday "held by" is set aside; the arrest in the same sentence remains
    assert "Arrests" in _subtypes(
        "LAGOS: After a meeting held by the governor on Monday, police arrested twelve student activists."
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("tourists visiting the old town", False),
        ("a sit-in outside the ministry", True),
        ("the Protestant church", False),
        ("the protesters gathered", True),
        ("the company's chief executive", False),
        ("the rebels executed two men", True),
        ("firefighters put out the blaze", False),
        ("a firefight broke out", True),
        ("the hospitality industry", False),
        ("the People's Liberation Army", False),
        ("the liberation of the city", True),
    ],
)
def test_cues_match_whole_words(text: str, found: bool) -> None:
    cues = find_cues(text)
    assert bool({k: v for k, v in cues.items() if k not in ("v_consult", "statement")}) is found


@pytest.mark.slow
def test_agreements_outside_a_conflict_are_diplomacy() -> None:
    assert "Agreement" in _subtypes(
        "KHARTOUM: The army and the rebels signed a ceasefire agreement on Sunday."
    )
    trade = _subtypes("HELSINKI: The government and the creditors agreed on Monday to form a new company.")
    assert "Accord" in trade and "Agreement" not in trade


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("After he left the party with his friends, they stopped at a gas station.", False),
        ("She joined the club in 2019.", False),
        ("Government troops left the town on Monday.", True),
        ("Curfew was clamped in the town at 2 pm.", True),
        ("Patrolling was intensified along the canal.", True),
    ],
)
def test_everyday_change_verbs_need_armed_or_state_forces(text: str, change: bool) -> None:
    typing = classify(text, Roles())
    assert (typing is not None and typing.sub_event_type == "Change to group/activity") is change
