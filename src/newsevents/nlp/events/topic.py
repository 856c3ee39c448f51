"""What a demonstration is about is not how it went.

"Students marched to protest the riots", "a dharna calling for an end to the communal violence",
"slogans against the killings": the violence named there is the cause the demonstrators speak
of, a happening already known, not something they did. A sentence with a demonstration cue is
typed with the words of its topic set aside, so that the topic's violence does not turn a
peaceful demonstration into a riot (or its victims into protesters harmed by force).

The topic is read from the parse: the object of a verb of protesting, condemning or demanding;
the complement of "against", "over" or "about"; what is called or appealed "for"; what is
to come to "an end"; and what someone is blamed "for" or accused "of".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.nlp.events.types import find_cues

# Verbs whose object is what the demonstrators or speakers are against or ask for.
TOPIC_VERBS = frozenset(
    {"protest", "condemn", "denounce", "decry", "deplore", "mourn", "oppose", "demand", "seek", "criticise"}
)
TOPIC_PREPOSITIONS = frozenset({"against", "over", "about"})
# "calling for", "appealed for", "pressing for": what follows is asked for.
ASKING_VERBS = frozenset({"call", "appeal", "press", "plead", "clamour", "clamor", "agitate"})
# "an end to the violence": what is to stop.
ENDING_NOUNS = frozenset({"end", "halt", "stop"})
# "slammed the governor for the killing", "accused the police of firing": what one is blamed for.
BLAMING_VERBS = frozenset(
    {"slam", "blame", "criticise", "criticize", "accuse", "fault", "castigate", "lambast", "condemn", "hold"}
)
BLAME_PREPOSITIONS = frozenset({"for", "of"})
OBJECTS = frozenset({"dobj", "obj", "pobj", "ccomp", "xcomp"})


def _subtree_span(tok: Token, sent: Span) -> tuple[int, int]:
    """A token's subtree as character offsets relative to the sentence."""
    sub = list(tok.subtree)
    start = min(t.idx for t in sub) - sent.start_char
    end = max(t.idx + len(t.text) for t in sub) - sent.start_char
    return max(0, start), min(len(sent.text), end)


def _is_topic_head(tok: Token) -> bool:
    """Whether a token opens a topic phrase (its subtree is what is protested or asked for)."""
    head = tok.head
    if tok.dep_ == "prep" and tok.lower_ in TOPIC_PREPOSITIONS:
        return True
    if tok.dep_ == "prep" and tok.lower_ == "for" and head.lemma_.lower() in ASKING_VERBS:
        return True
    if tok.dep_ == "prep" and tok.lower_ == "to" and head.lower_ in ENDING_NOUNS:
        return True
    if tok.dep_ == "prep" and tok.lower_ in BLAME_PREPOSITIONS:
        if head.lemma_.lower() in BLAMING_VERBS:  # blames someone for something
            return any(c.dep_ in ("dobj", "obj") for c in head.children)
        # the blamed one carries the preposition: "slammed [shastri for the killing]"
        return head.pos_ in ("PROPN", "NOUN", "PRON") and head.head.lemma_.lower() in BLAMING_VERBS
    return tok.dep_ in OBJECTS and head.pos_ == "VERB" and head.lemma_.lower() in TOPIC_VERBS


def topic_spans(sent: Span) -> list[tuple[int, int]]:
    """Character spans (relative to the sentence) of the sentence's topic phrases, outermost only."""
    spans: list[tuple[int, int]] = []
    for tok in sent:
        if tok.i == tok.head.i or not _is_topic_head(tok):
            continue
        start, end = _subtree_span(tok, sent)
        if any(s <= start and end <= e for s, e in spans):
            continue
        spans = [(s, e) for s, e in spans if not (start <= s and e <= end)]
        spans.append((start, end))
    return sorted(spans)


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans (topics, references) blanked, offsets kept."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


# Nouns whose complement names a happening already known, not a new one: "an inquiry into the
# riots", "victims of the blast", "in connection with the bombing", "riot victims", "the
# aftermath of the attack", "a suspect in the bombings", "issues of sexual violence" (a subject
# spoken of). A hyphenated modifier names one too
# ("riot-hit areas").
REFERENCE_HEADS = frozenset(
    {
        "inquiry",
        "probe",
        "investigation",
        "trial",
        "case",
        "victim",
        "connection",
        "wake",
        "aftermath",
        "anniversary",
        "memory",
        "compensation",
        "relief",
        "commission",
        "accused",
        "suspect",
        "issue",
    }
)
# People known by their part in a happening: "a suspect in the bombings", "the accused in the case".
PEOPLE_BY_HAPPENING = frozenset({"suspect", "accused"})
# Verbs whose object is a happening already known: "sent agents to investigate the bombings".
REFERENCE_VERBS = frozenset({"investigate", "probe"})


# The second half of a hyphenated modifier that describes by a happening ("riot-hit areas",
# "the violence-ravaged state", "bomb-making material", "war-weary voters"): a participle or an
# adjective.
DESCRIBING_TAGS = frozenset({"VBN", "VBD", "VBG", "JJ"})
# Words for strife in general, which no single cue names ("violence-hit", "war-torn").
CONFLICT_NOUNS = frozenset({"violence", "war", "conflict", "strife", "terror", "insurgency", "unrest"})


def _describing_compound(tok: Token, sent: Span) -> tuple[int, int] | None:
    """The span of a hyphenated modifier whose first half is ``tok`` ("riot-hit"), if any."""
    i = tok.i - sent.start
    if tok.whitespace_ or i + 2 >= len(sent):
        return None
    hyphen, second = sent[i + 1], sent[i + 2]
    if hyphen.text != "-" or hyphen.whitespace_ or second.tag_ not in DESCRIBING_TAGS:
        return None
    if tok.pos_ != "NOUN" or (i > 0 and sent[i - 1].text == "-"):
        return None
    if tok.lemma_.lower() not in CONFLICT_NOUNS and not find_cues(tok.text):
        return None  # no happening in the first half ("gang-raped", "pot-banging")
    # it must describe a thing, not the happening itself ("a pot-banging protest")
    described = second.head
    if second.dep_ not in ("amod", "compound") or described.pos_ not in ("NOUN", "PROPN"):
        return None
    if described.i < second.i or find_cues(described.text):
        return None
    return tok.idx - sent.start_char, second.idx + len(second.text) - sent.start_char


# Pronouns that open a relative clause describing the noun before them.
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})


def _relative_clause(verb: Token) -> bool:
    """Whether a verb heads a relative clause that describes the happening named ("three cases of
    riots …, which claimed 12 lives"): it tells more of the known happening, not a new one."""
    return verb.dep_ == "relcl" and any(c.lower_ in RELATIVE_PRONOUNS for c in verb.children)


# Prepositions that date something by a happening: "two weeks after the riots", "following the
# violence", "since the bombing". A definite happening named after them is known, not reported.
TEMPORAL_PREPOSITIONS = frozenset({"after", "following", "since", "before", "until"})
# ... and those that give it as a cause, by the word that opens them: "a major hit due to the riots",
# "closed because of the violence", "in the wake of the clashes", "in the aftermath of the bombing".
CAUSAL_PREPOSITIONS: dict[str, frozenset[str]] = {
    "to": frozenset({"due", "owing", "thanks"}),
    "of": frozenset({"because", "wake", "aftermath", "result"}),
}
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def definite(noun: Token) -> bool:
    """Whether a noun is named as known: with a definite determiner or a possessive ("the riots",
    "last week's march")."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) for c in noun.children
    )


def _relating(tok: Token) -> bool:
    """Whether a token is a preposition that dates by or gives the cause of what it names."""
    if tok.dep_ == "prep" and tok.lower_ in TEMPORAL_PREPOSITIONS:
        return True
    opens = CAUSAL_PREPOSITIONS.get(tok.lower_)
    return opens is not None and tok.dep_ in ("prep", "pcomp") and tok.head.lower_ in opens


def _dated_by(tok: Token, sent: Span) -> list[tuple[int, int]]:
    """The span of a definite happening that a preposition dates by or gives as a cause, if any."""
    if not _relating(tok):
        return []
    out = []
    # "because of the violence" may hang the object on "because", "of" being its complement
    objects = [*tok.children, *(tok.head.children if tok.dep_ == "pcomp" else ())]
    for obj in objects:
        if obj.dep_ != "pobj" or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        clause = any(t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") for t in obj.subtree)
        if definite(obj) and not clause:
            out.append(_subtree_span(obj, sent))
    return out


def reference_spans(sent: Span) -> list[tuple[int, int]]:
    """Character spans (relative to the sentence) that name a known happening by reference."""
    spans: list[tuple[int, int]] = []
    for tok in sent:
        dated = _dated_by(tok, sent)
        if dated:
            spans.extend(dated)
            continue
        compound = _describing_compound(tok, sent)
        if compound is not None:
            spans.append(compound)
            continue
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REFERENCE_VERBS:
            spans.extend(_subtree_span(c, sent) for c in tok.children if c.dep_ in ("dobj", "obj"))
            continue
        if tok.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or tok.lemma_.lower() not in REFERENCE_HEADS:
            continue
        for child in tok.children:
            if child.dep_ not in ("prep", "compound", "amod", "nmod"):
                continue
            # a clause, not a name for a happening ("victims of X protested ..."); what follows a
            # suspect's happening only tells who they are ("a suspect in the bombings identified
            # as X, who had lived in Sudan")
            people = tok.lemma_.lower() in PEOPLE_BY_HAPPENING
            if not people and any(
                t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") and not _relative_clause(t)
                for t in child.subtree
            ):
                continue
            spans.append(_subtree_span(child, sent))
    return sorted(set(spans))
