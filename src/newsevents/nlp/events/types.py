"""Event taxonomy (ACLED types + political categories, mapped to PLOVER) and trigger cues."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsevents.errors import NewsEventsError
from newsevents.nlp.events.types_lexicon import merged_cues
from newsevents.nlp.regex_literals import GatedFamily

CueMatches = dict[str, list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class Typing:
    """The type decided for one event window, with the cue that triggered it."""

    event_type: str
    sub_event_type: str
    cue: str  # the cue class that decided ("shelling", "protest", ...)
    span: tuple[int, int]  # the triggering match, relative to the window text
    strength: float  # how specific the decisive cue is, in [0, 1]
    notes: list[str] = field(default_factory=list)


def _load(name: str) -> dict[str, Any]:
    """Read one of the package's JSON data files."""
    try:
        text = resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise NewsEventsError(
            f"data file {name!r} is missing from newsevents/data; reinstall the package"
        ) from exc
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, dict[str, dict[str, str]]]:
    """``{event_type: {sub_event_type: {"plover_event", "plover_mode"}}}``."""
    data = _load("event_taxonomy.json")["types"]
    return {t: v["sub_event_types"] for t, v in data.items()}


@lru_cache(maxsize=1)
def acled_event_types() -> frozenset[str]:
    """The six ACLED event types."""
    return frozenset(t for t, v in _load("event_taxonomy.json")["types"].items() if v["source"] == "acled")


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to (a readable error names the valid values)."""
    for etype, subs in taxonomy().items():
        if sub_event_type in subs:
            return etype
    valid = sorted(s for subs in taxonomy().values() for s in subs)
    raise NewsEventsError(f"unknown sub_event_type {sub_event_type!r}; valid values: {valid}")


def plover_of(sub_event_type: str, against_state: bool = False) -> tuple[str, str]:
    """PLOVER event type and mode for a sub-event type. ACLED's mob violence covers rioters against
    anyone; PLOVER codes rioting ``against_state`` forces as PROTEST (mode riot), like a violent
    demonstration, and a mob's violence against people as ASSAULT."""
    if sub_event_type == "Mob violence" and against_state:
        sub_event_type = "Violent demonstration"
    entry = taxonomy()[event_type_of(sub_event_type)][sub_event_type]
    return entry["plover_event"], entry["plover_mode"]


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[GatedFamily, GatedFamily]:
    """The non-event phrases, and one alternation per cue class, each scanned with a literal pass."""
    cues = merged_cues(_load("triggers.json")["cues"])
    nonevent = GatedFamily({"nonevent": cues["nonevent"]})
    return nonevent, GatedFamily({k: v for k, v in cues.items() if k != "nonevent"})


@lru_cache(maxsize=1)
def _note_prefixes() -> dict[str, tuple[str, str]]:
    """Labelled note prefixes ("Arrests: ...") → (event type, sub-event type)."""
    raw: dict[str, list[str]] = _load("triggers.json")["note_prefixes"]
    return {k: (v[0], v[1]) for k, v in raw.items()}


_PREFIX_RE = re.compile(r"^\s*([A-Za-z][A-Za-z /-]{2,40}):\s")


def note_prefix_type(text: str) -> tuple[str, str] | None:
    """The (type, sub-type) a labelled prefix such as "Security measures:" announces."""
    m = _PREFIX_RE.match(text)
    if not m:
        return None
    return _note_prefixes().get(m.group(1).strip().lower())


def find_cues(text: str) -> CueMatches:
    """All cue matches in a lower-cased window, by cue class (non-event phrases blanked)."""
    low = text.lower()
    nonevent, classes = _cue_patterns()
    for m in nonevent.finditer("nonevent", low, nonevent.present(low)["nonevent"]):
        low = low[: m.start()] + " " * (m.end() - m.start()) + low[m.end() :]
    found: CueMatches = {}
    for name, keep in classes.present(low).items():
        spans = [(m.start(), m.end()) for m in classes.finditer(name, low, keep) if m.end() > m.start()]
        if spans:
            found[name] = spans
    return found


def _first(cues: CueMatches, *names: str) -> tuple[str, tuple[int, int]] | None:
    """The earliest match among the given cue classes."""
    best: tuple[str, tuple[int, int]] | None = None
    for n in names:
        for span in cues.get(n, []):
            if best is None or span[0] < best[1][0]:
                best = (n, span)
    return best


def _t(sub: str, cues: CueMatches, names: tuple[str, ...], strength: float) -> Typing | None:
    """A Typing for ``sub`` anchored on the first match of ``names``."""
    hit = _first(cues, *names)
    if hit is None:
        return None
    return Typing(event_type_of(sub), sub, hit[0], hit[1], strength)


@dataclass(frozen=True, slots=True)
class Roles:
    """Which kinds of participant the window mentions (from the actor finder)."""

    armed_agent: bool = False  # a named armed group, military, police or unidentified gunmen
    state_agent: bool = False  # military / police / government forces
    nonstate_agent: bool = False  # a named or unidentified non-state armed group
    civilian_victim: bool = False  # civilians, villagers, a man ... as victims
    armed_target: bool = False  # soldiers, positions, checkpoints as targets
    crowd: bool = False  # locals, villagers, youths, a group acting together
    place_object: bool = False  # the trigger's object is a place (city, district, base)
    nonstate_armed: bool = False  # any named, unidentified or criminal armed group is mentioned
    civilian_party: bool = False  # unorganised people (villagers, supporters, workers) take part
    civilian_agent: bool = False  # unorganised people are the ones acting
    state_parties: int = 0  # how many distinct state forces (by country and branch) take part


def classify(text: str, roles: Roles, cues: CueMatches | None = None) -> Typing | None:
    """Decide ACLED type/sub-type for one window, or a political category, or None."""
    c = cues if cues is not None else find_cues(text)
    has = c.__contains__

    # "X claimed responsibility for the attack": the claim is the news, unless more is told.
    if has("claim") and _only_inside(c, "claim", ("attack", "clash", "ied", "shelling", "air")):
        return _t("Claim of responsibility", c, ("claim",), 0.6)

    # Explosions / remote violence, most specific weapon first; disrupted use before use.
    weapon = has("suicide") or has("grenade") or has("ied") or has("air") or has("shelling")
    if weapon and has("disrupted"):
        return _t("Disrupted weapons use", c, ("disrupted",), 0.8)
    if has("suicide"):
        return _t("Suicide bomb", c, ("suicide",), 0.9)
    if has("air") and not has("protest"):
        return _t("Air/drone strike", c, ("air",), 0.85)
    if has("grenade") and not has("shelling"):
        return _t("Grenade", c, ("grenade",), 0.85)
    if has("shelling") and not has("protest"):
        if _STRONG_CLASH.search(text.lower()):
            return _t("Armed clash", c, ("clash",), 0.7)
        return _t("Shelling/artillery/missile attack", c, ("shelling",), 0.85)
    if has("ied") and not has("protest") and not has("riot_violence"):
        if roles.state_agent and all(_BOMBED.fullmatch(text[s:e].lower()) for s, e in c["ied"]):
            return _t("Air/drone strike", c, ("ied",), 0.6)  # forces "bombed" targets: from the air
        return _t("Remote explosive/landmine/IED", c, ("ied",), 0.75)

    # Sexual violence and abduction are coded as such whoever the victims are.
    if has("sexual"):
        return _t("Sexual violence", c, ("sexual",), 0.9)
    if has("abduction") and not has("protest"):
        return _t("Abduction/forced disappearance", c, ("abduction",), 0.85)

    # Demonstrations: the demonstrators' own violence makes a riot; the state's force grades it.
    if has("protest"):
        by_others = roles.state_agent or roles.nonstate_armed
        harm = _harm_spans(text, c)
        # violence aimed at the demonstrators ("threw stones at the marchers") is done to them
        aimed = any(_inside(span, harm) for span in c.get("riot_violence", []))
        own_violence = any(not _inside(span, harm) for span in c.get("riot_violence", []))
        demo_riot = any(not _inside(m.span(), harm) for m in _DEMO_RIOT.finditer(text.lower()))
        demo_harmed = bool(harm) and (has("lethal") or by_others or aimed)
        if demo_harmed and not demo_riot:
            return _t("Excessive force against protesters", c, ("harm_to_demo",), 0.7)
        if own_violence or has("riot_words") or (has("loot") and not by_others):
            return _t("Violent demonstration", c, ("riot_violence", "riot_words", "loot", "protest"), 0.75)
        if has("lethal") and (by_others or _DEADLY.search(text.lower())):
            return _t("Excessive force against protesters", c, ("lethal",), 0.7)
        if has("intervention"):
            return _t("Protest with intervention", c, ("intervention",), 0.75)
        return _t("Peaceful protest", c, ("protest",), 0.7)
    if has("riot_words"):
        if has("riot_demo"):
            return _t("Violent demonstration", c, ("riot_words",), 0.65)
        return _t("Mob violence", c, ("riot_words",), 0.75)

    # Territory changes hands.
    if has("regain") and (roles.state_agent or roles.place_object):
        return _t("Government regains territory", c, ("regain",), 0.8)
    if has("transfer"):
        return _t("Non-violent transfer of territory", c, ("transfer",), 0.7)
    if has("overtake") and (roles.place_object or _strong_territory(text, c)):
        sub = (
            "Government regains territory"
            if roles.state_agent and not roles.nonstate_agent
            else ("Non-state actor overtakes territory")
        )
        return _t(sub, c, ("overtake",), 0.8)

    # A body found, with no fight or riot told: a killing (ACLED: attack on civilians).
    if has("body_found") and not (has("clash") or has("riot_violence") or has("riot_words")):
        return _t("Attack", c, ("body_found", "attack"), 0.6)

    # Violence by a crowd is mob violence; between armed parties a clash; on civilians an attack.
    violent = has("riot_violence") or has("attack") or has("clash")
    crude = bool(_RIOT_WEAPON.search(text.lower()))  # stones, bricks, sticks: not an armed group's arms
    unorganised = (
        roles.crowd or (roles.civilian_agent and not roles.armed_agent) or (crude and not roles.armed_agent)
    )
    feud = has("dispute") and not roles.state_agent
    if violent and not roles.nonstate_armed and (unorganised or feud):
        return _t("Mob violence", c, ("riot_violence", "clash", "attack"), 0.6)
    if has("clash") and not (has("attack") and _EXECUTION.search(text.lower())):
        if roles.civilian_party and not roles.nonstate_armed and roles.state_parties <= 1:
            return _t("Mob violence", c, ("clash",), 0.6)  # people against the police is a riot
        if roles.civilian_victim and not roles.armed_target and _only_weak_clash(text, c):
            return _t("Attack", c, ("attack", "clash"), 0.6)  # shots fired at a civilian
        return _t("Armed clash", c, ("clash",), 0.75)
    if has("attack"):
        if roles.armed_target and not roles.civilian_victim:
            return _t("Armed clash", c, ("attack",), 0.6)
        return _t("Attack", c, ("attack",), 0.65)
    if has("riot_violence") and not has("arrest"):
        if has("crowd_control") and not has("loot"):
            # tear gas or water cannon against stone-throwers: a riot, not property destruction
            return _t("Mob violence", c, ("riot_violence",), 0.5)
        if has("loot") or not has("lethal"):
            return _t("Looting/property destruction", c, ("loot", "riot_violence"), 0.5)
        return _t("Mob violence", c, ("riot_violence",), 0.5)

    # Tear gas, water cannon or a dispersed crowd used on unorganised people (supporters,
    # students), with no other cue: a demonstration broken up.
    if has("crowd_control") and not has("arrest") and (roles.crowd or roles.civilian_party):
        return _t("Protest with intervention", c, ("crowd_control",), 0.55)

    # Strategic developments.
    if has("disrupted"):
        return _t("Disrupted weapons use", c, ("disrupted",), 0.7)
    if has("arrest"):
        if roles.nonstate_agent and not roles.state_agent:
            # ACLED: detention by a non-state group is an abduction.
            return _t("Abduction/forced disappearance", c, ("arrest",), 0.6)
        return _t("Arrests", c, ("arrest",), 0.75)
    if has("loot") and not (roles.state_agent and not roles.nonstate_armed and _only_raids(text, c)):
        return _t("Looting/property destruction", c, ("loot",), 0.7)
    if has("hq"):
        return _t("Headquarters or base established", c, ("hq",), 0.7)
    if has("claim"):
        return _t("Claim of responsibility", c, ("claim",), 0.6)
    if (has("negotiation") and not has("agreement")) or (has("negotiation") and _proposal_first(c)):
        if _is_proposal(text, c):
            span = next((s, e) for s, e in c["negotiation"] if re.match(r"offer|propos", text[s:e].lower()))
            return Typing("Negotiation/proposal", "Proposal", "negotiation", span, 0.6)
        return _t("Negotiation", c, ("negotiation",), 0.6)
    if has("agreement"):
        return _t("Agreement", c, ("agreement",), 0.65)
    if has("change") and (_forces_in(text, roles) or not _only_everyday_change(text, c)):
        # a change in what armed or state forces do: anyone else who "left the party" or
        # "joined" a club changes nothing ACLED records (a curfew or a deployment needs no name)
        return _t("Change to group/activity", c, ("change",), 0.5)
    if has("displacement"):
        return _t("Other", c, ("displacement",), 0.45)
    if has("crime"):
        return _t("Crime", c, ("crime",), 0.5)
    if has("disaster"):
        return _t("Disaster", c, ("disaster",), 0.6)
    if has("statement"):
        return _t("Statement", c, ("statement",), 0.3)
    return None


_STRONG_CLASH = re.compile(
    r"clash|small arms|exchang\w* (of )?(fire|gunfire)|fire ?fight|gun ?battle|\bshots\b|bursts|fought|"
    r"\bfighting\b|gunfight|shoot-?out"
)
# Words that name armed forces themselves ("Houthi reinforcements", "the frontline units").
_FORCES = re.compile(
    r"\b(reinforcements?|troops?|forces|military|army|soldiers|fighters|militias?|militiamen|"
    r"frontlines?|battalions?|brigades?|paramilitar\w*|jawans?|commandos)\b",
    re.IGNORECASE,
)
# Change cues that are everyday verbs when no armed or state force does them.
_EVERYDAY_CHANGE = re.compile(
    r"(left the|joined|closed|training|visited|suspend\w*|merg\w*|recruit\w*|defect\w*)", re.IGNORECASE
)


def _forces_in(text: str, roles: Roles) -> bool:
    """Whether armed or state forces take part in the window (as actors or named by a word)."""
    return roles.armed_agent or roles.state_agent or roles.nonstate_armed or bool(_FORCES.search(text))


def _only_everyday_change(text: str, c: CueMatches) -> bool:
    """Whether every change cue of the window is an everyday verb ("joined", "left the")."""
    return all(_EVERYDAY_CHANGE.fullmatch(text[s:e]) for s, e in c.get("change", []))


_BOMBED = re.compile(r"bomb(ed|ing|s)?")
# Acts only demonstrators commit: with them a demonstration is violent whoever else was hurt.
_DEMO_RIOT = re.compile(
    r"stones?|rocks|pelt|molotov|petrol bomb|tyres|tires|vandal|ransack|loot|torch|set (on )?fire|"
    r"set ablaze|barricad|clash\w* with (the )?(police|security|forces|soldiers|troops)"
)
_RIOT_WEAPON = re.compile(
    r"\b(with|throwing|threw|hurled|hurling|pelted|pelting) (\w+ ){0,2}(stones|rocks|bricks|bottles|sticks|"
    r"rods|clubs|machetes|batons|petrol bombs?|molotov)"
)
_DEADLY = re.compile(
    r"\b(killed|died|shot dead|shot|live (fire|ammunition|rounds|bullets)|opened fire|fired upon|violently)\b"
)
# The codebook's means of crowd control: used on a peaceful crowd they are an intervention, not
# the lethal or grievous force that makes "Excessive force against protesters".
_CROWD_CONTROL_MEANS = re.compile(
    r"tear ?gas|water ?cannons?|rubber (bullets?|pellets?)|plastic bullets?|pepper spray|stun grenades?|"
    r"smoke (grenades?|bombs?)|sound bombs?|\bbatons?\b|\blathis?\b"
)


def _harm_spans(text: str, cues: CueMatches) -> list[tuple[int, int]]:
    """Where the window tells of harm done to demonstrators by other means than crowd control
    ("fired on the protesters", "threw stones at the marchers", not "fired tear gas at the crowd")."""
    low = text.lower()
    return [(s, e) for s, e in cues.get("harm_to_demo", []) if not _CROWD_CONTROL_MEANS.search(low[s:e])]


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether a span lies within one of ``spans``."""
    return any(s <= span[0] and span[1] <= e for s, e in spans)


_EXECUTION = re.compile(r"execut|summarily|massacre|beheaded|tortur")
_STRONG_TERRITORY = re.compile(r"took control|taken control|take control|fell to|fall of|overr[au]n")


def _strong_territory(text: str, c: CueMatches) -> bool:
    """A territorial phrase that needs no place word ("the enemy took control")."""
    return any(_STRONG_TERRITORY.match(text[s:e].lower()) for s, e in c.get("overtake", []))


_RAID = re.compile(r"raid")


def _only_raids(text: str, c: CueMatches) -> bool:
    """Whether every looting cue is a raid on homes or shops: by the police, a search, not looting."""
    return all(_RAID.match(text[s:e].lower()) for s, e in c.get("loot", []))


# Mere shooting, or storming a place: one side's assault, a clash only when armed men are its target.
_WEAK_CLASH = re.compile(r"\bshots\b|gunfire|fired|machine ?guns?|sniper|\bstorm(ed|ing|s)?\b")


def _only_weak_clash(text: str, c: CueMatches) -> bool:
    """Whether every clash cue is mere shooting or storming ("fired shots at a politician",
    "gunmen stormed a village, killing eleven people")."""
    return all(_WEAK_CLASH.search(text[s:e].lower()) for s, e in c.get("clash", []))


def _only_inside(c: CueMatches, outer: str, inner: tuple[str, ...]) -> bool:
    """Whether every match of the ``inner`` classes lies inside a match of ``outer``."""
    spans = c.get(outer, [])
    return all(any(s <= a and b <= e for s, e in spans) for name in inner for a, b in c.get(name, []))


def _is_proposal(text: str, c: CueMatches) -> bool:
    """Whether the negotiation cue is an offer or proposal rather than talks."""
    return any(re.match(r"offer|propos", text[s:e].lower()) for s, e in c.get("negotiation", []))


def _proposal_first(c: CueMatches) -> bool:
    """An offer/proposal that precedes any agreement word ("offered a deal")."""
    neg = min(s for s, _ in c["negotiation"])
    agr = min(s for s, _ in c["agreement"])
    return neg < agr


@lru_cache(maxsize=1)
def verbal_sub_event_types() -> frozenset[str]:
    """Sub-event types that report words or political measures rather than physical happenings."""
    data = _load("event_taxonomy.json")["types"]
    return frozenset(
        sub for v in data.values() for sub, entry in v["sub_event_types"].items() if entry.get("verbal")
    )


def is_verbal(sub_event_type: str) -> bool:
    """Whether a sub-event type is a statement or political measure (ranked below physical events)."""
    return sub_event_type in verbal_sub_event_types()


# Verbal and political cue classes → the sub-event type they announce, with the strength of the cue
# (chosen below the ACLED cues' 0.5-0.9 so that a physical reading of a sentence keeps the lead).
VERBAL_CUES: dict[str, tuple[str, float]] = {
    "v_promise": ("Promise", 0.45),
    "v_threat": ("Threat", 0.55),
    "v_demand": ("Demand", 0.5),
    "v_reject": ("Rejection", 0.55),
    "v_disapprove": ("Condemnation", 0.5),
    "v_support": ("Endorsement", 0.45),
    "v_concede": ("Concession", 0.5),
    "v_aid": ("Aid", 0.5),
    "v_investigate": ("Investigation", 0.5),
    "v_sanction": ("Sanction", 0.55),
    "v_restrict": ("Restriction", 0.5),
    "v_cooperate": ("Cooperation", 0.45),
    "v_consult": ("Consultation", 0.4),
}
# Political or low-specificity readings a verbal cue may replace when it comes first
# ("rejected the proposal", "threatened to pull out of the agreement").
SOFT_SUBS = frozenset(
    {"Statement", "Negotiation", "Proposal", "Change to group/activity", "Other", "Crime", "Disaster"}
)
# Verbal cues too common to outrank a physical reading that follows them ("met", "welcomed").
WEAK_VERBAL = frozenset({"v_consult", "v_cooperate", "v_support", "v_aid", "v_promise"})
_ACCUSING = ("accus", "blam", "alleg")
# Connectives after which violence is the background or reason of a statement or measure.
_BACKGROUND = re.compile(
    r"\b(after|following|in the wake of|over|for|against|about|in response to|in retaliation for|"
    r"despite|because of|to end|to stop|imposed|where|which|when)\b"
)
# Only words that negate or condition an agreement replace it ("rejected the ceasefire").
AGREEMENT_OVERRIDES = frozenset({"v_reject", "v_threat", "v_demand", "v_disapprove", "v_sanction"})
# Protest cues that are only words of demanding or denouncing ("demanded", "denounced"): alone,
# with a verbal cue at the same place, they announce a statement rather than a demonstration.
# "to demand" and a bare "demanding" / "denouncing" describe a demonstration's aim and stay protests.
_VERBAL_PROTEST = re.compile(r"demanded|demands|denounced|denounces")
_WORD = re.compile(r"\w+")
_PROGRESSIVE = re.compile(r"\b(is|are|was|were|been|kept|keep) $")
_THREAT_FRAME = re.compile(r"threat\w* to|vow\w* to|sworn to|prepared to|would")
# "threatened (on Monday) to break relations": the threat governs what follows.
_THREAT_TO = re.compile(
    r"\s+(?:(?:on \w+|today|yesterday|again|also|now|repeatedly|publicly|openly)\s+)?to\s+\w"
    r"|\s+(further|military|retaliatory|punitive) (action|measures)"
)


def classify_verbal(cues: CueMatches) -> Typing | None:
    """The statement or political measure the earliest verbal cue announces, or None."""
    best: tuple[int, int, str] | None = None
    for name in VERBAL_CUES:
        for s, e in cues.get(name, []):
            if best is None or (s, -e) < (best[0], -best[1]):
                best = (s, e, name)
    if best is None:
        return None
    s, e, name = best
    return _verbal_typing(name, (s, e))


def _verbal_typing(cue: str, span: tuple[int, int]) -> Typing:
    """The statement or political measure a verbal cue names, at its span."""
    sub, strength = VERBAL_CUES[cue]
    return Typing(event_type_of(sub), sub, cue, span, strength)


def _only_verbal_protest(text: str, cues: CueMatches) -> bool:
    """Whether every protest cue is a finite verb of demanding or denouncing ("X demanded that")."""
    low = text.lower()
    for s, e in cues.get("protest", []):
        whole = _WORD.match(low, s)
        word = low[s:e] if " " in low[s:e] or whole is None else whole.group(0)
        if _VERBAL_PROTEST.fullmatch(word):
            continue
        if word in ("demanding", "denouncing") and _PROGRESSIVE.search(low[:s]):
            continue
        return False
    return True


def type_window(text: str, roles: Roles, cues: CueMatches | None = None) -> Typing | None:
    """The window's type: the physical (ACLED) reading, or a statement / political measure."""
    c = cues if cues is not None else find_cues(text)
    base = classify(text, roles, c)
    verbal = classify_verbal(c)
    if verbal is None:
        return base
    if base is None:
        return verbal
    first = verbal.span[0] <= base.span[0]
    if base.sub_event_type == "Statement":
        return verbal  # "announced it would prohibit all aid": the content says what was stated
    if base.sub_event_type in SOFT_SUBS:
        return verbal if first else base
    if base.sub_event_type == "Agreement":
        return verbal if first and verbal.cue in AGREEMENT_OVERRIDES else base
    if verbal.cue == "v_threat" and first and base.event_type not in ("Riots", "Protests"):
        # a crowd's threats during a riot or demonstration are part of it
        low = text.lower()
        frame = low[verbal.span[0] : max(base.span[0], verbal.span[1])]
        governs = _THREAT_FRAME.search(frame) or _THREAT_TO.match(low[verbal.span[1] :])
        return verbal if governs else base
    if first and verbal.cue not in WEAK_VERBAL and base.event_type not in ("Protests", "Riots"):
        low = text.lower()
        accusation = low.startswith(_ACCUSING, verbal.span[0])  # "accused soldiers of raping": the act
        if not accusation and _BACKGROUND.search(low[verbal.span[1] : base.span[0]]):
            return verbal  # "halted aid to Serbia ... to end the fighting": violence is the reason
    if base.sub_event_type == "Peaceful protest" and _only_verbal_protest(text, c) and not roles.crowd:
        # "X, backed by Y, has demanded his rights": the demand is the statement, whatever
        # verbal cue comes first
        said = _said_at(c, base.span)
        if said is not None:
            return said
    return base


def _said_at(cues: CueMatches, span: tuple[int, int]) -> Typing | None:
    """The demand or denunciation whose cue covers a protest cue's words, if any."""
    for name in ("v_demand", "v_disapprove"):
        for s, e in cues.get(name, []):
            if s <= span[0] < e or span[0] <= s < span[1]:
                return _verbal_typing(name, (s, e))
    return None
