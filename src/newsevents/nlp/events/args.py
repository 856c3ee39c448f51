"""Event participants: actor mentions in a window, their roles, and actor1/actor2 by sub-type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsevents.models import Actor, Entity, EntityKind
from newsevents.nlp.doctext import doc_text
from newsevents.nlp.events.types import Roles, find_cues
from newsevents.resolve.actors import (
    ActorClass,
    acled_name,
    countries_in,
    country_of,
    criminal_words,
    generic_words,
    groups_in,
    normalise_actor_name,
)

ARMED: frozenset[ActorClass] = frozenset({"group", "military", "police", "unidentified", "gang"})
STATE: frozenset[ActorClass] = frozenset({"military", "police", "government"})
PROTEST_SUBS = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
RIOT_SUBS = frozenset({"Violent demonstration", "Mob violence"})
CIVILIAN_TARGET_SUBS = frozenset({"Attack", "Sexual violence", "Abduction/forced disappearance", "Arrests"})
TERRITORY_SUBS = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)
# One person acting is not a crowd (a man who beats a nurse commits an attack, not mob violence).
_SINGULAR = (
    "man woman boy girl child person resident villager farmer trader student driver passenger "
    "shopkeeper businessman activist worker teacher journalist"
)
SINGULAR_PEOPLE = frozenset(_SINGULAR.split())
FIGHTING_SUBS = frozenset(
    {
        "Armed clash",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
        "Air/drone strike",
    }
)
KIND_OF: dict[ActorClass, EntityKind] = {
    "group": "armed_group",
    "government": "government",
    "military": "government",
    "police": "government",
    "unidentified": "armed_group",
    "gang": "armed_group",
    "protesters": "other",
    "rioters": "other",
    "civilians": "other",
}


@dataclass(slots=True)
class Mention:
    """A participant mentioned in the text, with its class and grammatical role."""

    start: int
    end: int
    text: str
    cls: ActorClass
    country: str | None = None
    name: str | None = None  # lexicon name for named groups
    role: str = "other"  # "agent", "patient" or "other"


@lru_cache(maxsize=1)
def _generic_re() -> dict[str, re.Pattern[str]]:
    """One whole-word pattern per generic actor class."""
    out = {}
    for cls, words in generic_words().items():
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out[cls] = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)
    return out


_REPORTING = "say tell confirm report announce state claim add deny allege accuse note warn quote cite"
REPORTING_VERBS = frozenset(_REPORTING.split())
_GOVERNMENT_RE = re.compile(
    r"(?<![\w-])(?:government|regime|authorities|administration|ministry|cabinet)(?![\w-])",
    re.IGNORECASE,
)
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")
_STATE_HINT = re.compile(
    r"(?:government|governmental|regime|state|pro-government|security|national)\s*$", re.IGNORECASE
)


# Cue classes of remote violence, whose noun names its side: "a coalition air raid", "an IS
# landmine", "army shelling". A patrol or an attack named so may be the target ("a military
# patrol was ambushed", "repulsed Afghan forces attacks").
REMOTE_CUES = frozenset({"air", "shelling", "ied", "suicide", "grenade"})


def _owns_happening(doc: Doc, tok: Token) -> bool:
    """Whether a mention modifies the noun of remote violence it carries out ("a coalition air
    raid", "the army's shelling"), not a casualty word ("civilian deaths") or a person ("police
    officials")."""
    head = tok.head
    if tok.dep_ not in ("compound", "nmod", "poss", "amod") or head.pos_ != "NOUN" or head.i <= tok.i:
        return False
    words = doc[tok.i + 1 : head.i + 1].text
    return any(
        end == len(words) for cls, spans in find_cues(words).items() if cls in REMOTE_CUES for _, end in spans
    )


# Nouns that a force's name modifies to name an office, not the force itself: "figures available
# at the police control room" (as objects of a preposition). Not the force's posts and stations,
# which are its positions when fired at.
FACILITY_HEADS = frozenset({"room"})


# Verbs whose subject undergoes what is told, not does it.
UNDERGOING_VERBS = frozenset({"die", "perish", "succumb", "drown", "suffer", "sustain"})


def _role(doc: Doc, start: int, end: int) -> str:
    """Agent (subject / by-phrase) or patient (object / passive subject) of the mention."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "other"
    tok: Token = span.root
    if _owns_happening(doc, tok):
        return "agent"  # whose happening it is: "a coalition air raid", "the army's shelling"
    # A conjunct takes the role of its first conjunct; a compound or modifier its head's
    # ("Iraqi police and hospital officials said": the police are among those who say).
    modifier = tok.dep_ in ("compound", "amod", "nmod")
    while tok.dep_ in ("conj", "compound", "amod", "appos", "nmod", "poss") and tok.head.i != tok.i:
        tok = tok.head
    if modifier and tok.lemma_.lower() in FACILITY_HEADS and tok.dep_ == "pobj":
        return "other"  # "at the police control room": where figures come from, not a target
    head = tok.head
    while head.dep_ in ("prep", "agent", "pcomp") and head.head.i != head.i:
        head = head.head
    if head.lemma_.lower() in REPORTING_VERBS and tok.dep_ not in ("nsubjpass", "dobj"):
        return "source"  # who reports, confirms or says, not who acts (nor what is reported)
    if tok.dep_ in ("nsubj",):
        # who dies or suffers undergoes the happening: "more than 100 people have died"
        return "patient" if head.lemma_.lower() in UNDERGOING_VERBS else "agent"
    if tok.dep_ in ("nsubjpass", "dobj", "attr"):
        return "patient"
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.dep_ == "agent" or prep.lower_ == "by":
            return "agent"
        if prep.lower_ in ("on", "at", "against", "targeting", "to"):
            return "patient"
    return "other"


def find_mentions(
    doc: Doc, start: int, end: int, entities: list[Entity], country: str | None
) -> list[Mention]:
    """Participants mentioned in ``doc.text[start:end]``, earliest first, overlaps removed."""
    full = doc_text(doc)  # Doc.text joins every token on each access: read it once
    text = full[start:end]
    found: list[Mention] = []
    for s, e, group in groups_in(text):
        found.append(Mention(start + s, start + e, text[s:e], "group", group.country, group.name))
    for ent in entities:
        if ent.start >= start and ent.end <= end and ent.kind == "armed_group":
            name = normalise_actor_name(ent.text)
            found.append(Mention(ent.start, ent.end, ent.text, "group", None, name or ent.name))
    demonyms = countries_in(text)
    for cls, pat in _generic_re().items():
        for m in pat.finditer(text):
            found.append(Mention(start + m.start(), start + m.end(), m.group(0), cls))  # type: ignore[arg-type]
    for m in _GOVERNMENT_RE.finditer(text):
        found.append(Mention(start + m.start(), start + m.end(), m.group(0), "government"))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Mention] = []
    for men in found:
        if kept and men.start < kept[-1].end:
            continue
        # "Turkish forces", "Afghan government": a demonym right before names the country.
        before = full[max(start, men.start - 40) : men.start]
        for _ds, de, ctry in demonyms:
            if start + de <= men.start and not full[start + de : men.start].strip(" -'s"):
                men.country = ctry
            elif start + de <= men.start and len(full[start + de : men.start].split()) <= 2:
                men.country = men.country or ctry
        after = _OF_COUNTRY.match(full[men.end : men.end + 40])
        if after and men.cls in ("military", "police", "government"):
            men.country = country_of(after.group(1)) or men.country
        if men.cls in ("protesters", "rioters", "civilians") and _STATE_HINT.search(before):
            continue
        if men.cls == "military" and re.search(r"\bpolice\s*$", before, re.IGNORECASE):
            men.cls = "police"
        men.country = men.country or (country if men.cls != "group" else men.country)
        men.role = _role(doc, men.start, men.end)
        kept.append(men)
    return kept


def roles_from(mentions: list[Mention], text_lower: str) -> Roles:
    """Summarise which kinds of participant a window has, for the type decision."""
    agents = [m for m in mentions if m.role == "agent"] or [m for m in mentions[:1] if m.role != "patient"]
    patients = [m for m in mentions if m.role == "patient"]
    armed_agent = any(m.cls in ARMED for m in agents)
    forces = [m for m in mentions if m.cls in ("military", "police")]
    state_agent = any(m.role == "agent" for m in forces) or (
        bool(forces) and not any(m.role == "agent" and m.cls in ARMED for m in mentions)
    )
    nonstate_agent = any(m.cls in ("group", "unidentified") for m in agents)
    civilian_victim = any(m.cls in ("civilians", "protesters") for m in patients) or any(
        m.cls == "civilians" for m in mentions if m.role != "agent"
    )
    armed_target = any(m.cls in ("military", "police", "group") for m in patients) or bool(
        re.search(
            r"\b(checkpoints?|check points?|positions?|bases?|posts?|convoys?|outposts?|barracks|"
            r"gang members?|drug (dealers?|traffickers?)|traffickers?|involved in a gang|fronts?)\b",
            text_lower,
        )
        or re.search(
            r"\b(soldiers?|troops|policem[ae]n|militia members?|militiam[ae]n|officers?|fighters?|"
            r"servicem[ae]n)\b (\w+ ){0,2}(was|were|had been) (killed|wounded|injured|shot)",
            text_lower,
        )
    )
    crowd = any(m.cls == "rioters" for m in agents) or bool(
        re.search(
            r"\b(mob|locals|villagers|youths|residents|crowd)\b.{0,40}\b(beat|lynch|attack|assault|torch|burn)",
            text_lower,
        )
    )
    nonstate_armed = any(m.cls in ("group", "unidentified", "gang") for m in mentions)
    state_parties = len({m.country for m in forces})  # army and police of one state are one side
    civilian_party = any(m.cls in ("civilians", "rioters", "protesters") for m in mentions)
    civilian_agent = any(
        m.cls in ("civilians", "rioters") and m.role == "agent" and m.text.lower() not in SINGULAR_PEOPLE
        for m in mentions
    ) or bool(
        re.search(
            r"\b(between|among)\b.{0,60}\b(supporters|villagers|residents|families|groups|"
            r"communities|students|workers|youths?|members|accomplices|locals)\b",
            text_lower,
        )
        or re.search(r"\bgroups of\b", text_lower)
        or (
            re.search(
                r"\bgroup of (\w+ ){0,4}(people|residents|villagers|locals|youths|men|women|"
                r"persons|citizens|neighbours|neighbors)\b",
                text_lower,
            )
            and not re.search(r"\barmed (men|group)|gunmen", text_lower)
        )
    )
    place_object = bool(
        re.search(
            r"\b(city|town|village|district|province|area|base|capital|capitals|territory|"
            r"headquarters|airport|checkpoint|region|county|municipality|outpost|hill|post)\b",
            text_lower,
        )
    )
    return Roles(
        armed_agent=armed_agent,
        state_agent=state_agent,
        nonstate_agent=nonstate_agent,
        civilian_victim=civilian_victim,
        armed_target=armed_target,
        crowd=crowd,
        place_object=place_object,
        nonstate_armed=nonstate_armed,
        civilian_party=civilian_party or civilian_agent,
        civilian_agent=civilian_agent,
        state_parties=state_parties,
    )


def _actor(m: Mention, cls: ActorClass | None = None) -> Actor:
    """The Actor record for a mention, named as ACLED would."""
    c = cls or m.cls
    return Actor(name=acled_name(c, m.country, m.name), text=m.text, kind=KIND_OF[c], country=m.country)


def _generic(cls: ActorClass, country: str | None) -> Actor:
    """An actor the sub-type implies without a mention (e.g. protesters of a protest)."""
    return Actor(name=acled_name(cls, country), text="", kind=KIND_OF[cls], country=country)


def criminal_context(text: str) -> bool:
    """Whether the text speaks of crime (drive-by shootings, drugs, gangs, cartels)."""
    low = text.lower()
    return any(w in low for w in criminal_words())


def assign_actors(
    sub: str, mentions: list[Mention], country: str | None, criminal: bool = False
) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 following ACLED's conventions for the sub-event type."""
    # Unknown perpetrators of criminal violence are a gang, otherwise an armed group.
    unknown: ActorClass = "gang" if criminal else "unidentified"
    armed = [m for m in mentions if m.cls in ARMED]
    # who only reports the event ("the U.S. military confirmed the attack") did not do it
    agents = [m for m in armed if m.role == "agent"] + [m for m in armed if m.role not in ("agent", "source")]
    state = [m for m in mentions if m.cls in ("military", "police")]
    if sub in PROTEST_SUBS:
        demonstrators = _generic("protesters", country)
        if sub == "Peaceful protest":
            return demonstrators, None
        return demonstrators, _actor(state[0]) if state else _generic("police", country)
    if sub in RIOT_SUBS:
        rioters = _generic("rioters", country)
        if state:
            return rioters, _actor(state[0])
        victims = [m for m in mentions if m.cls == "civilians" and m.role == "patient"]
        if sub == "Mob violence":
            return rioters, _actor(victims[0], "civilians") if victims else _generic("civilians", country)
        return rioters, None
    if sub in CIVILIAN_TARGET_SUBS:
        default: ActorClass = "police" if sub == "Arrests" else unknown
        perpetrator = _actor(agents[0]) if agents else _generic(default, country)
        return perpetrator, _generic("civilians", country)
    if sub in ("Disrupted weapons use",):
        finder = _actor(state[0]) if state else (_actor(agents[0]) if agents else None)
        others = [m for m in agents if finder is None or acled_name(m.cls, m.country, m.name) != finder.name]
        return finder, _actor(others[0]) if others else _generic(unknown, country)
    parties = [m for m in mentions if m.cls in ARMED or m.cls == "government"]
    ordered = [m for m in parties if m.role == "agent"]
    if sub not in TERRITORY_SUBS:
        ordered += [m for m in parties if m.role not in ("agent", "patient", "source")]
    a1: Actor | None = _actor(ordered[0]) if ordered else None
    if a1 is None and sub in FIGHTING_SUBS:
        a1 = _generic(unknown, country)  # "a roadside bomb killed four soldiers": perpetrator unknown
    a2: Actor | None = None
    if a1 is not None:
        rest = [m for m in parties if not ordered or m is not ordered[0]]
        rest += [m for m in mentions if m.cls == "civilians" and m.role == "patient"]
        for m in rest:
            cand = _actor(m)
            if cand.name != a1.name:
                a2 = cand
                break
    return a1, a2
