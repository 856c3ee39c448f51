"""Who marches? State forces that march with nothing to protest are showing force.

A "flag march" is always one: the term names the forces' show of strength in a tense town.

"Army jawans staged a flag march", "para-military forces conducted a massive flag march": the
marchers are troops, the sentence names no crowd and nothing protested, and ACLED codes no
demonstration. Police who protest over pay name what they protest ("over unpaid salaries") and
stay demonstrators; forces that act on a demonstration ("police dispersed the protest") are not
its subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from newsevents.nlp.events.args import Mention
from newsevents.nlp.events.sense import STAGING_VERBS

CROWD = frozenset({"protesters", "rioters", "civilians"})
# A crowd anywhere in the sentence that may be the one marching; people the march is for ("to
# instil confidence among people") are not.
DEMONSTRATORS = frozenset({"protesters", "rioters"})
FORCES = frozenset({"military", "police"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Verbs whose object is a demonstration its subject holds ("staged a march", "took out a rally").
STAGING = frozenset({"stage", "hold", "conduct", "take", "carry", "organise", "organize", "lead", "launch"})


def _tokens(sent: Span, start: int, end: int) -> list[Token]:
    """The sentence's tokens overlapping a span of sentence-relative characters."""
    lo, hi = sent.start_char + start, sent.start_char + end
    return [t for t in sent if t.idx < hi and t.idx + len(t.text) > lo]


def _subject_bounds(head: Token) -> list[tuple[int, int]]:
    """Document character bounds of a clause's subjects (a relative pronoun stands for its noun)."""
    out = []
    for subj in (c for c in head.children if c.dep_ in SUBJECTS):
        if subj.lower_ in RELATIVE and head.dep_ == "relcl":
            subj = head.head
        out.append((subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)))
    return out


# "a flag march", "staged the flag-march": the parse often splits the term, so it is read off the
# words of the trigger and the few after it.
_FLAG_MARCH = re.compile(r"^\W*(?:\w+\W+){0,3}?flag[- ]?march", re.IGNORECASE)


def _flag_march(sent: Span, trigger: tuple[int, int]) -> bool:
    """Whether a demonstration trigger is, or stages, a flag march."""
    return bool(_FLAG_MARCH.match(sent.text[trigger[0] :]))


def _marcher_bounds(tok: Token) -> list[tuple[int, int]]:
    """Who holds the demonstration: the subjects of its clause, or the noun a participle clause
    describes ("15,000 para-military forces staging a flag march")."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in cur.children):
            return _subject_bounds(cur)
        if cur.pos_ == "VERB" and cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            noun = cur.head
            return [(noun.left_edge.idx, noun.idx + len(noun.text))]
        if cur.head is cur:
            break
        cur = cur.head
    return _subject_bounds(cur)


def _has(mentions: Sequence[Mention], classes: frozenset[str], bounds: list[tuple[int, int]]) -> bool:
    return any(m.cls in classes and m.start < hi and m.end > lo for m in mentions for lo, hi in bounds)


def state_show_of_force(
    sent: Span, mentions: Sequence[Mention], trigger: tuple[int, int], has_topic: bool
) -> bool:
    """Whether a demonstration trigger (sentence-relative span) is held by state forces, with no
    demonstrators in the sentence, no crowd among its subjects and nothing protested."""
    if has_topic or any(m.cls in DEMONSTRATORS for m in mentions):
        return False
    toks = _tokens(sent, *trigger)
    if not toks:
        return False
    tok = toks[-1]
    if _flag_march(sent, trigger):
        return True  # a flag march is the forces' show of force, whoever the sentence names
    # "staged" by its form too: the lemmatizer reads it as "stag"
    staged = tok.dep_ == "dobj" and (tok.head.lemma_.lower() in STAGING or tok.head.lower_ in STAGING_VERBS)
    if tok.pos_ != "VERB" and not staged:
        return False  # "police dispersed the protest": the forces act on a demonstration
    bounds = _marcher_bounds(tok)
    return bool(bounds) and _has(mentions, FORCES, bounds) and not _has(mentions, CROWD, bounds)
