"""Modality of an event mention: asserted, claimed, hypothetical, risk, denied or future."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Span, Token

from newsevents.models import Modality, Quote
from newsevents.nlp.events.topic import definite

# What may follow a risk or future cue inside its clause: a comma or bracket ends the clause
# ("... likely to be either A, B or C) raped", "where the summit will be held, burned it"), the
# separators inside numbers ("25,000") do not.
_CLAUSE_REST = r"(?:[^.;,()]|(?<=\d)[.,](?=\d))"

# Words before the trigger (same clause) that change its status; order matters: the first
# matching class wins. Chosen by reading conflict reporting, not tuned on a dev set.
_RISK = re.compile(
    r"\b(at risk of|in danger of|risk of|threat of|on the verge of|poised to|threatens? to|"
    r"threatened to|could soon|likely to|fears? of|feared(?! (dead|killed|drowned|to have)))\b"
    + _CLAUSE_REST
    + "*$",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(will|shall|plans? to|planned|planning to|intends? to|going to|scheduled to|set to|"
    r"to be held|would hold|announced (a|an|that)|call(ed|s)? for|vowed to|upcoming|expected to)\b"
    + _CLAUSE_REST
    + "{0,60}$",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(if|unless|could|might|may|would|should|in case|whether)\b[^.;,]{0,50}$", re.IGNORECASE
)
# Signs and rumours of a happening are no report of it: "there are signs that the regime is taking
# hostages", "rumours that troops had fired on the crowd".
_SPECULATED = re.compile(
    r"\b(signs?|indications?|speculation|rumou?rs?|suspicions?|hints?)\s+that\b[^.;]{0,80}$", re.IGNORECASE
)
_DENIED = re.compile(
    r"\b(denied|deny|denies|dismissed reports|rejected claims|refuted|no (one|one was)|did not|"
    r"didn't|never|false reports)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_CLAIMED = re.compile(
    r"\b(claimed|claims|allegedly|alleged|according to|purportedly|said (that )?)\b",
    re.IGNORECASE,
)


# The month "May" next to a day number or capitalised inside a sentence is not the modal verb
# ("On 5 May 2020 workers protested"); it is blanked before the hypothetical cues are read.
_MONTH_MAY = re.compile(r"\b\d{1,2}(st|nd|rd|th)? May\b|\bMay \d{1,2}\b|(?<=\w )May\b")


def _without_month_may(text: str) -> str:
    """``text`` with the month name May blanked (same length)."""
    return _MONTH_MAY.sub(lambda m: " " * (m.end() - m.start()), text)


def _negated(tok: Token | None) -> bool:
    """Whether the trigger verb carries a negation ("did not attack")."""
    return tok is not None and any(c.dep_ == "neg" for c in tok.children)


# Verbs and nouns that ask for, order, allow, decide, plan or call off what they govern: "asked the
# government to arrest the minister", "orders to arrest anyone violating", "decided to observe a
# protest day", "urged people to make the bandh a success", "postponed their demonstration". What
# they govern is wanted or planned, not reported as done.
_DIRECTIVE_VERBS_WORDS = (
    "ask urge order direct instruct grant allow permit authorise authorize want seek demand call "
    "appeal request decide plan intend propose threaten vow pledge promise prepare aim hope expect "
    "schedule postpone cancel defer refuse fail"
)
DIRECTIVE_VERBS = frozenset(_DIRECTIVE_VERBS_WORDS.split())
# "called a strike", "called a bandh": often the day it happens; only "to ..." after them is asked for.
NAMING_VERBS = frozenset({"call"})
OBJECT_DIRECTIVE_VERBS = DIRECTIVE_VERBS - NAMING_VERBS
_DIRECTIVE_NOUNS_WORDS = "order orders call appeal demand plan plans decision bid warrant directive"
DIRECTIVE_NOUNS = frozenset(_DIRECTIVE_NOUNS_WORDS.split())
# Verbs that bring a happening about: in the infinitive ("to create riots", "to incite violence")
# the happening is an aim; "to quell the riots" presupposes riots that happened.
CAUSING_VERBS = frozenset(
    {"create", "incite", "spark", "provoke", "trigger", "foment", "instigate", "engineer", "cause", "stoke"}
)
_INFINITIVE_DEPS = frozenset({"xcomp", "acl", "advcl", "ccomp", "relcl"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})


def _infinitive(tok: Token) -> bool:
    """Whether a verb stands in the infinitive with "to" ("to arrest")."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _phrase_head(tok: Token) -> Token:
    """The head noun of the phrase a noun modifies or is part of ("protest" in "protest march")."""
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head is not tok:
        tok = tok.head
    return tok


def _first_conjunct(tok: Token) -> Token:
    """The first of the verbs a verb is joined to ("to keep a watch and apprehend": "keep")."""
    while tok.dep_ == "conj" and tok.head is not tok and tok.head.pos_ == "VERB":
        tok = tok.head
    return tok


def directed(trigger_token: Token | None) -> bool:
    """Whether the trigger is what someone asks for, orders, allows, decides, plans or sets out to cause."""
    tok = trigger_token
    if tok is None:
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        tok = _phrase_head(tok)
        if tok.dep_ not in _OBJECT_DEPS:
            return False
        tok = tok.head  # the verb that takes the happening as its object
        if tok.lemma_.lower() in OBJECT_DIRECTIVE_VERBS:
            return True
        if tok.lemma_.lower() in CAUSING_VERBS and _infinitive(tok):
            return True  # "it was to create communal riots": an aim, not a happening
    else:
        tok = _first_conjunct(tok)  # "directed them to keep a watch and apprehend troublemakers"
        if not _infinitive(tok):
            return False
    for _ in range(3):  # up through the infinitives: "decided to observe", "granted 20 days to arrest"
        if not (_infinitive(tok) or tok.pos_ in ("NOUN", "PROPN")) or tok.head is tok:
            return False
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in _OBJECT_DEPS:
            return False
        if tok.pos_ not in ("NOUN", "PROPN") and tok.dep_ not in _INFINITIVE_DEPS:
            return False
        tok = tok.head
        lemma = tok.lemma_.lower()
        if lemma in DIRECTIVE_VERBS or (tok.pos_ == "NOUN" and lemma in DIRECTIVE_NOUNS):
            return True
    return False


# Words that make what follows them in the infinitive a rule, a right or a power rather than a
# happening: "made it a crime to attack or blockade a clinic", "the right to protest", "illegal to
# demonstrate", "an offence to hold a rally", "the power to arrest".
_NORM_WORDS = (
    "crime offence offense illegal unlawful legal lawful right rights freedom duty obligation power powers "
    "permission licence license punishable forbidden prohibited"
)
NORM_WORDS = frozenset(_NORM_WORDS.split())


def _infinitive_of(trigger_token: Token) -> Token | None:
    """The infinitive the trigger is or is the object of ("to protest", "to hold a rally"), if any;
    a verb joined to an infinitive ("to attack or blockade") shares it."""
    tok = trigger_token
    if tok.pos_ in ("NOUN", "PROPN"):
        tok = _phrase_head(tok)
        if tok.dep_ not in _OBJECT_DEPS:
            return None
        tok = tok.head
    tok = _first_conjunct(tok)
    return tok if _infinitive(tok) else None


def normative(trigger_token: Token | None) -> bool:
    """Whether the trigger is what a rule forbids or allows, or a right or power ("the right to
    protest", "made it illegal to protest"): it says what may or may not be done, not that it was."""
    if trigger_token is None:
        return False
    inf = _infinitive_of(trigger_token)
    if inf is None:
        return False
    around = [inf.head] + [c for c in inf.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(t.lemma_.lower() in NORM_WORDS and t.pos_ in ("NOUN", "ADJ") for t in around)


# From a trigger up through the noun phrase it sits in ("a protest march", "arrangements for detaining").
_NOMINAL_DEPS = frozenset(
    {"det", "pobj", "pcomp", "prep", "compound", "amod", "nmod", "conj", "appos", "dobj"}
)
_FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
# Verbs that tell a happening's occurrence or onset, not what it leads to ("could spread").
_ONSET_VERBS = frozenset({"take", "begin", "start", "happen", "occur", "commence", "kick", "go", "resume"})
_EXPECTING_VERBS = frozenset({"expect", "schedule", "set", "plan", "slate", "due"})
# Passives that tell a happening's own occurrence: "the march will be held on Friday" is still to
# come even when it is known; "the arrest of the leader will be challenged" is not.
_HELD_VERBS = frozenset({"hold", "stage", "organise", "organize", "conduct", "launch", "observe", "carry"})


def subject_modality(trigger_token: Token | None) -> Modality | None:
    """The modality a clause lends a happening named in its subject: future or hypothetical when
    the clause is a modal passive ("arrangements for detaining them are to be made", "preventive
    actions, including arrest, can be considered"; a definite, known happening only when the verb
    tells its occurrence: "the march will be held on Friday"), when it says in the future that the
    happening takes place or begins ("the rally will take place on Friday"), or when it is expected
    or scheduled ("the march is expected to draw thousands"; "the attack was planned abroad" tells
    of an attack that happened). Other active clauses tell what a
    happening may lead to, not whether it happened ("protests by farmers could spread")."""
    tok = trigger_token
    if tok is None:
        return None
    for _ in range(6):
        if tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ not in _NOMINAL_DEPS or tok.head is tok:
            break
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    known = definite(tok)
    verb = tok.head
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    modals = [c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"]
    future = bool(modals) and all(m in _FUTURE_MODALS for m in modals)
    if modals and passive and (not known or lemma in _HELD_VERBS):
        return "future" if future else "hypothetical"
    if future and lemma in _ONSET_VERBS:
        return "future"  # "the rally will take place on Friday", "a strike will begin on Monday"
    present = any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    if present and lemma in _EXPECTING_VERBS:
        return "future"  # "the march is expected to draw thousands", "is scheduled for Friday"
    if known:
        return None
    to_be = lemma == "be" and any(
        c.dep_ == "xcomp"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        and any(a.dep_ == "auxpass" for a in c.children)
        for c in verb.children
    )
    return "future" if to_be else None


def modality_of(sent: Span, trigger_start: int, trigger_token: Token | None, quotes: list[Quote]) -> Modality:
    """The modality of the trigger at ``trigger_start`` inside sentence ``sent``."""
    before = sent.text[: max(0, trigger_start - sent.start_char)]
    if _RISK.search(before):
        return "risk"
    if _DENIED.search(before) or _negated(trigger_token):
        return "denied"
    if _HYPOTHETICAL.search(_without_month_may(before)) or _SPECULATED.search(before):
        return "hypothetical"
    if normative(trigger_token):
        return "hypothetical"
    if _FUTURE.search(before) or directed(trigger_token):
        return "future"
    lent = subject_modality(trigger_token)
    if lent is not None:
        return lent
    if any(q.start <= trigger_start < q.end for q in quotes):
        return "claimed"
    if _CLAIMED.search(before):
        return "claimed"
    return "asserted"


# Words before the trigger that say it did not happen at all ("police did not arrest anyone", "no one
# was hurt"), as against a party's denial ("the army denied shelling the village"), which disputes a
# happening others report.
_DISPUTE = re.compile(r"\b(denied|deny|denies|dismissed|rejected|refuted|false)\b", re.IGNORECASE)
_NOT_HAPPENED = re.compile(r"\b(no (one|one was)|did not|didn't|never|not)\b[^.;,]{0,40}$", re.IGNORECASE)


def counted_as_none(tok: Token | None) -> bool:
    """Whether the happening is counted as none: "no riots are taking place", "no incidents of
    violence were reported" (the determiner "no" on the trigger noun or on what it is an
    instance of)."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    nouns = [tok]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        nouns.append(tok.head.head)  # "incidents of violence"
    return any(c.dep_ == "det" and c.lower_ == "no" for n in nouns for c in n.children)


# "without violence", "sans violence": what the preposition's object names did not happen.
WITHOUT = frozenset({"without", "sans"})


def absent_spans(sent: Span, cues: Mapping[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Sentence-relative spans of cue words whose happening the sentence says did not take
    place: "marched peacefully, with no violence reported", "passed off without violence". The
    march is still reported; the violence does not make it a riot."""
    found = [span for spans in cues.values() for span in spans]
    if not found:
        return []
    out = []
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        if not counted_as_none(tok) and not (tok.dep_ == "pobj" and tok.head.lower_ in WITHOUT):
            continue
        lo, hi = tok.idx - sent.start_char, tok.idx - sent.start_char + len(tok.text)
        if any(s < hi and lo < e for s, e in found):
            out.append((lo, hi))
    return out


def did_not_happen(sent: Span, trigger_start: int, trigger_token: Token | None) -> bool:
    """Whether the sentence says the trigger's happening did not take place."""
    before = sent.text[: max(0, trigger_start - sent.start_char)]
    if _negated(trigger_token) or counted_as_none(trigger_token):
        return True
    return bool(_NOT_HAPPENED.search(before) and not _DISPUTE.search(before))


EMITTED: frozenset[Modality] = frozenset({"asserted", "claimed", "denied"})
"""Modalities stored as events; risk, hypothetical and future mentions are not events."""
