"""Event typing rules: ACLED sub-event types and political categories from cue words."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import subtypes
from newsevents.errors import NewsEventsError
from newsevents.nlp.events.types import (
    Roles,
    acled_event_types,
    classify,
    event_type_of,
    find_cues,
    is_verbal,
    note_prefix_type,
    plover_of,
    taxonomy,
    type_window,
)

NONE = Roles()
STATE = Roles(state_agent=True, armed_agent=True)
NONSTATE = Roles(nonstate_agent=True, armed_agent=True, nonstate_armed=True)
CITY = Roles(nonstate_agent=True, armed_agent=True, nonstate_armed=True, place_object=True)
CROWD = Roles(crowd=True, civilian_agent=True, civilian_party=True)


@pytest.mark.parametrize(
    ("text", "roles", "sub"),
    [
        ("Hundreds of teachers staged a protest outside the ministry.", NONE, "Peaceful protest"),
        (
            "Workers marched to the port; police fired tear gas to disperse them.",
            STATE,
            "Protest with intervention",
        ),
        (
            "Security forces opened fire on protesters, killing three.",
            STATE,
            "Excessive force against protesters",
        ),
        # the codebook's crowd control (tear gas, water cannon, rubber bullets, batons) on a
        # peaceful crowd is an intervention; live fire or beatings are excessive force
        (
            "Police fired tear gas at hundreds of demonstrators in the capital.",
            STATE,
            "Protest with intervention",
        ),
        (
            "Police fired rubber bullets and water cannon at the protesters near parliament.",
            STATE,
            "Protest with intervention",
        ),
        ("Police fired on the protesters near parliament.", STATE, "Excessive force against protesters"),
        ("Soldiers beat the demonstrators with rifle butts.", STATE, "Excessive force against protesters"),
        ("Demonstrators threw stones at police and burned tyres.", STATE, "Violent demonstration"),
        # violence aimed at the demonstrators is done to them, not by them
        (
            "During the march, militia members threw stones at the demonstrators, injuring five.",
            NONSTATE,
            "Excessive force against protesters",
        ),
        (
            "Unknown men assaulted the protesters outside the ministry.",
            NONE,
            "Excessive force against protesters",
        ),
        ("A mob lynched a suspected thief in the market.", CROWD, "Mob violence"),
        # rioters outside any demonstration are a mob, whoever they fight (the codebook's mob
        # violence includes rioters against armed actors); blocking or slogans make it a demonstration
        ("Rioters clashed with security forces in the old town after the funeral.", STATE, "Mob violence"),
        ("Rioters blocked the highway and clashed with security forces.", STATE, "Violent demonstration"),
        ("Gunmen shot dead a farmer in his field.", NONSTATE, "Attack"),
        ("Rebels clashed with the army near the border.", NONSTATE, "Armed clash"),
        ("Artillery shells hit the outskirts of the town.", NONE, "Shelling/artillery/missile attack"),
        ("A drone strike hit a compound used by the group.", NONE, "Air/drone strike"),
        ("A roadside bomb exploded under a police vehicle.", NONE, "Remote explosive/landmine/IED"),
        (
            "The bombings at the embassies have killed more than 200 people.",
            NONE,
            "Remote explosive/landmine/IED",
        ),
        ("A suicide bomber blew himself up at the checkpoint.", NONE, "Suicide bomb"),
        ("Attackers threw a grenade into the crowd.", NONE, "Grenade"),
        ("Gunmen kidnapped two aid workers on the highway.", NONSTATE, "Abduction/forced disappearance"),
        ("Soldiers raped two women in the village.", STATE, "Sexual violence"),
        ("Police arrested the opposition leader at his home.", STATE, "Arrests"),
        ("The army defused an IED planted on the road.", STATE, "Disrupted weapons use"),
        ("Militants looted shops and burned houses.", NONSTATE, "Looting/property destruction"),
        (
            "The Taliban seized the city after government forces withdrew.",
            CITY,
            "Non-state actor overtakes territory",
        ),
        ("The army recaptured the town from the rebels.", STATE, "Government regains territory"),
        ("The two sides signed a ceasefire agreement.", NONE, "Agreement"),
        ("The government offered the rebels a power-sharing deal.", NONE, "Proposal"),
        ("The group claimed responsibility for the attack.", NONE, "Claim of responsibility"),
        ("A strong earthquake struck the region.", NONE, "Disaster"),
    ],
)
def test_classify_sub_event_type(text: str, roles: Roles, sub: str) -> None:
    typing = classify(text, roles)
    assert typing is not None
    assert typing.sub_event_type == sub


@pytest.mark.parametrize(
    "text",
    [
        "The weather was mild and the market was busy.",
        "The minister will visit the region next month.",
    ],
)
def test_classify_no_event(text: str) -> None:
    assert classify(text, NONE) is None


def test_end_to_fighting_is_not_a_clash() -> None:
    cues = find_cues("They offered a deal in return for an end to fighting.")
    assert "clash" not in cues


def test_protest_about_an_arrest_is_not_an_intervention() -> None:
    text = "Journalists protested against the unjust arrest of their editor."
    typing = classify(text, NONE)
    assert typing is not None and typing.sub_event_type == "Peaceful protest"


def test_state_force_bombing_is_air_strike() -> None:
    typing = classify("The military bombed militant camps in the hills.", STATE)
    assert typing is not None and typing.sub_event_type == "Air/drone strike"


def test_detention_by_armed_group_is_abduction() -> None:
    typing = classify("Militants arrested six civilians in the village.", NONSTATE)
    assert typing is not None and typing.sub_event_type == "Abduction/forced disappearance"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arrests: On 4 May 2020, police detained five men.", ("Strategic developments", "Arrests")),
        (
            "Security measures: troops closed the crossing.",
            ("Strategic developments", "Change to group/activity"),
        ),
        ("Police: five men detained.", None),
        ("On 4 May 2020, police detained five men.", None),
    ],
)
def test_note_prefix_type(text: str, expected: tuple[str, str] | None) -> None:
    assert note_prefix_type(text) == expected


def test_taxonomy_covers_acled() -> None:
    assert acled_event_types() == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    n_acled_subs = sum(len(taxonomy()[t]) for t in acled_event_types())
    assert n_acled_subs == 25


@pytest.mark.parametrize(
    ("sub", "etype", "plover"),
    [
        ("Armed clash", "Battles", "FIGHT"),
        ("Peaceful protest", "Protests", "PROTEST"),
        ("Arrests", "Strategic developments", "COERCE"),
        ("Proposal", "Negotiation/proposal", "CONSULT"),
        ("Demand", "Statement", "DEMAND"),
        ("Promise", "Statement", "AGREE"),
        ("Threat", "Statement", "THREATEN"),
        ("Rejection", "Statement", "REJECT"),
        ("Condemnation", "Statement", "DISAPPROVE"),
        ("Endorsement", "Statement", "SUPPORT"),
        ("Consultation", "Diplomacy", "CONSULT"),
        ("Cooperation", "Diplomacy", "COOPERATE"),
        ("Sanction", "Political measure", "SANCTION"),
        ("Aid", "Political measure", "AID"),
        ("Investigation", "Political measure", "INVESTIGATE"),
        ("Concession", "Political measure", "CONCEDE"),
        ("Restriction", "Political measure", "COERCE"),
    ],
)
def test_type_and_plover_mapping(sub: str, etype: str, plover: str) -> None:
    assert event_type_of(sub) == etype
    assert plover_of(sub)[0] == plover


def test_unknown_sub_event_type_names_valid_values() -> None:
    with pytest.raises(NewsEventsError, match="valid values"):
        event_type_of("Picnic")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("The ministry demanded that the neighbouring state hand over the suspects.", "Demand"),
        ("The president threatened on Monday to expel the ambassador.", "Threat"),
        ("The rebels rejected the government's offer of talks.", "Rejection"),
        ("The opposition party condemned the new electoral law.", "Condemnation"),
        ("The foreign minister praised the reform programme.", "Endorsement"),
        ("The government promised to hold free elections next year.", "Promise"),
        ("The two foreign ministers met in the capital to discuss trade.", "Consultation"),
        ("Both governments have cooperated closely on border security.", "Cooperation"),
        ("The council imposed sanctions on the ruling party's leaders.", "Sanction"),
        ("The government sent humanitarian aid to the flooded province.", "Aid"),
        ("A judicial commission will investigate the deaths.", "Investigation"),
        ("Authorities lifted the night curfew in the capital.", "Concession"),
        ("The interior ministry banned the opposition newspaper.", "Restriction"),
    ],
)
def test_type_window_political_categories(text: str, sub: str) -> None:
    typing = type_window(text, NONE)
    assert typing is not None and typing.sub_event_type == sub
    assert is_verbal(sub)


@pytest.mark.parametrize(
    ("text", "roles", "sub"),
    [
        ("Hundreds of workers gathered outside the office to demand unpaid wages.", NONE, "Peaceful protest"),
        ("Villagers took to the streets demanding electricity.", CROWD, "Peaceful protest"),
        ("Gunmen shot dead a trader and threatened his family.", NONSTATE, "Attack"),
        ("A mob threatened to set the police station on fire.", CROWD, "Mob violence"),
        (
            "Rebels shelled the town after officials rejected their demands.",
            NONSTATE,
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_physical_reading_wins_over_words(text: str, roles: Roles, sub: str) -> None:
    typing = type_window(text, roles)
    assert typing is not None and typing.sub_event_type == sub
    assert not is_verbal(sub)


def test_acled_types_are_never_verbal() -> None:
    assert not any(is_verbal(sub) for t in acled_event_types() for sub in taxonomy()[t])


@pytest.mark.parametrize(
    "text",
    [
        "Police lobbed 20 tear-gas shells to disperse the stone-pelting mob.",
        "Police burst teargas shells and used water cannon on the rioting mob.",
    ],
)
def test_crowd_control_munitions_are_no_shelling(text: str) -> None:
    cues = find_cues(text)
    assert "shelling" not in cues
    assert "crowd_control" in cues


def test_shells_fired_by_artillery_stay_shelling() -> None:
    assert "shelling" in find_cues("The army shelled the town and tank shells hit the village.")


@pytest.mark.parametrize(
    ("text", "protest"),
    [
        ("The visit was designed to demonstrate U.S. resolve.", False),
        ("The results demonstrate that the vaccine works.", False),
        ("Thousands demonstrated in the capital on Friday.", True),
        ("Students demonstrated against the fee rise.", True),
    ],
)
def test_demonstrate_with_an_object_means_show(text: str, protest: bool) -> None:
    assert ("protest" in find_cues(text)) is protest


def test_a_police_raid_on_homes_is_no_looting() -> None:
    text = "Police raided two homes and searched for a suspect in the bombings."
    typing = classify(text, Roles(state_agent=True))
    assert typing is None or typing.sub_event_type != "Looting/property destruction"
    raiders = classify(
        "Gunmen raided homes in the village and carried off cattle.", Roles(nonstate_armed=True)
    )
    assert raiders is not None and raiders.sub_event_type == "Looting/property destruction"


@pytest.mark.slow
def test_rioting_against_the_state_is_plover_protest() -> None:
    """PLOVER codes riots against the authorities as PROTEST (mode riot), a mob's violence against
    people as ASSAULT, while ACLED calls both mob violence outside a demonstration."""
    from newsevents.nlp.annotate import annotate_text

    events = annotate_text("Rioters clashed with security forces in Srinagar on Monday.").events
    assert [(e.sub_event_type, e.plover_event) for e in events] == [("Mob violence", "PROTEST")]
    events = annotate_text("A mob lynched a suspected thief in Dhaka on Monday.").events
    assert [(e.sub_event_type, e.plover_event) for e in events] == [("Mob violence", "ASSAULT")]


@pytest.mark.slow
def test_storming_a_village_and_killing_its_people_is_an_attack() -> None:
    day = date(2007, 10, 1)
    assert subtypes("Gunmen stormed a village near Isiolo on Monday, killing eleven people.", day) == {
        "Attack"
    }
    assert "Armed clash" in subtypes(
        "Troops stormed the rebel base near Isiolo on Monday, killing eleven rebels.", day
    )
    assert subtypes("Cattle rustlers killed eleven people near Isiolo on Monday.", day) == {"Attack"}
