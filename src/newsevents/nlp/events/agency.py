"""Does the sentence name the participants its kind of event needs?

A trigger word alone is weak evidence ("a guided missile destroyer", "beat Hollywood movies",
"letters of protest"). An ACLED event has an agent or victim of the right kind: a demonstration
has a crowd, a battle or an explosion an armed actor, violence against civilians an armed
perpetrator or a civilian victim, a strategic development an armed or state actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from newsevents.nlp.events.args import ARMED, Mention
from newsevents.resolve.actors import generic_words

CROWD_CLASSES = frozenset({"protesters", "rioters", "civilians"})
STATE_OR_ARMED = ARMED | {"government"}
_CROWD_SIZE = re.compile(
    r"\b(hundreds|thousands|dozens|scores|tens of thousands|a crowd|crowds|a mob|\d[\d,]*\+?)\s+"
    r"(of\s+)?(\w+\s+){0,2}?(people|persons|protesters|demonstrators|supporters|residents|workers|"
    r"students|members|activists|villagers|farmers|women|men|youths?)\b",
    re.IGNORECASE,
)


def needed_classes(event_type: str) -> frozenset[str]:
    """The participant classes an ACLED event type needs (empty for other categories)."""
    if event_type in ("Protests", "Riots"):
        return CROWD_CLASSES
    if event_type in ("Battles", "Explosions/Remote violence"):
        return frozenset(ARMED)
    if event_type == "Violence against civilians":
        return frozenset(ARMED) | {"civilians"}
    if event_type == "Strategic developments":
        return frozenset(STATE_OR_ARMED)
    return frozenset()


def fits_type(event_type: str, mentions: Sequence[Mention], text: str) -> bool:
    """Whether the sentence names a participant of the kind the event type needs."""
    needed = needed_classes(event_type)
    if any(m.cls in needed for m in mentions):
        return True
    return event_type in ("Protests", "Riots") and bool(_CROWD_SIZE.search(text))


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause a trigger belongs to (the trigger itself when it is a verb)."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    return verb


def verbal_trigger(tok: Token | None) -> bool:
    """Whether the trigger is told as a verb ("militants attacked") rather than named as a noun
    ("the attack", "letters of protest"), which is how background and figures of speech mostly go."""
    return tok is not None and tok.pos_ in ("VERB", "AUX")


def agent_fits(event_type: str, tok: Token | None, mentions: Sequence[Mention]) -> bool:
    """Whether the subject of the trigger's clause is a participant of the kind the type needs.

    A demonstration's subject may also be any plural group of people ("medical interns protested").
    """
    if tok is None:
        return False
    verb = _clause_verb(tok)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    if not subjects:
        return False
    needed = needed_classes(event_type)
    for subj in subjects:
        lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
        if any(m.cls in needed and m.start < hi and m.end > lo for m in mentions):
            return True
        if event_type in ("Protests", "Riots") and subj.tag_ == "NNS" and not subj.ent_type_:
            return True
    return False


# Who makes a happening political: an armed or political group, a party, a crowd, a public
# figure. ACLED's arrests and attacks on civilians are political when such a one is the target or
# the perpetrator; the arrest of "a suspect" or the killing of "a man" alone is ordinary crime.
_POLITICAL = re.compile(
    r"\b(activists?|opposition|party|parties|leaders?|journalists?|reporters?|dissidents?|"
    r"militants?|rebels?|insurgents?|separatists?|guerrillas?|protesters?|protestors?|"
    r"demonstrators?|unions?|politicians?|lawmakers?|legislators?|mps?|candidates?|councillors?|"
    r"mayors?|ministers?|officials?|soldiers?|troops|militia\w*|extremists?|terrorists?|jihadists?|"
    r"cadres?|volunteers?|supporters?|students?|clerics?|human rights)\b",
    re.IGNORECASE,
)
POLITICAL_CLASSES = frozenset({"group", "military", "protesters", "rioters", "government"})


def political(mentions: Sequence[Mention], text: str) -> bool:
    """Whether the sentence names a political or armed actor, or a public figure."""
    return any(m.cls in POLITICAL_CLASSES for m in mentions) or bool(_POLITICAL.search(text))


# Common nouns that can act: who makes statements and takes measures. A noun outside these and
# the actor lexicon ("move", "piece", "plan") is no actor; names and entities always may be.
_AGENT_WORDS = """
    official spokesman spokeswoman spokesperson minister president premier leader chief head
    government authority administration ministry cabinet parliament council committee court
    party union agency commission board mayor governor senator lawmaker legislator diplomat
    envoy ambassador embassy army military police force group coalition alliance movement
    opposition rebel militant insurgent organisation organization federation association state
    regime junta prosecutor judge
"""
AGENT_NOUNS = frozenset(_AGENT_WORDS.split())


@lru_cache(maxsize=1)
def lexicon_nouns() -> frozenset[str]:
    """Every generic actor word of the lexicon, lower-cased, one word at a time."""
    return frozenset(
        w for words in generic_words().values() for phrase in words for w in phrase.lower().split()
    )


def can_act(tok: Token) -> bool:
    """Whether a noun phrase head can name an actor."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    return lemma in AGENT_NOUNS or tok.lower_ in lexicon_nouns() or lemma in lexicon_nouns()
