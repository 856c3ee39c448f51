"""Speaker spans of quotes and their resolution to a named person or a described source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsevents.models import Entity
from newsevents.nlp.doctext import doc_text

SpeakerKind = Literal["named", "described", "pronoun", "unknown"]
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "i", "we"}
GROUP_PRONOUNS = {"they", "it"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
NAMED_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
PERSON_KINDS = {"person"}
PRONOUN_CANDIDATES = 3  # recent person mentions weighed for a pronoun; subjects win among them


@dataclass(slots=True)
class Speaker:
    """A speaker mention with its resolution."""

    start: int
    end: int
    text: str
    kind: SpeakerKind
    name: str | None
    head: str  # lower-cased head word, used to match later descriptions ("the source")


def _trim_span(span: Span) -> Span:
    """Drop leading and trailing punctuation tokens."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return doc[s:e]


def noun_phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its subtree, cut before a relative clause."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl") and child.i > tok.i:
            right = min(right, child.left_edge.i)
            break
    for k in range(left, tok.i):  # a subject never runs across a line break (headlines, datelines)
        if "\n" in doc[k].whitespace_ or doc[k].is_space:
            left = k + 1
    for k in range(tok.i, right - 1):
        if "\n" in doc[k].whitespace_ or doc[k + 1].is_space:
            right = k + 1
            break
    return _trim_span(doc[left:right])


def _overlapping(entities: list[Entity], start: int, end: int) -> Entity | None:
    for ent in entities:
        if ent.start < end and start < ent.end:
            return ent
    return None


def _person_mentions(doc: Doc, entities: list[Entity]) -> list[tuple[int, int, str]]:
    """Person mentions ``(start, end, name)`` from the entity list, else from the model's NER."""
    found = [(e.start, e.end, e.name or e.text) for e in entities if e.kind in PERSON_KINDS]
    if not found:
        found = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    return sorted(found)


def _full_name(short: str, before: int, persons: list[tuple[int, int, str]]) -> str:
    """Expand a surname ("Caddell") to the fullest earlier name ending with it ("Pat Caddell")."""
    last = short.split()[-1].lower() if short.split() else ""
    best = short
    for s, _, name in persons:
        if s >= before:
            break
        words = name.split()
        if words and words[-1].lower() == last and len(name) > len(best):
            best = name
    return best


class SpeakerResolver:
    """Resolves speaker mentions of one document, remembering earlier speakers."""

    def __init__(self, doc: Doc, entities: list[Entity], quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.entities = entities
        self.persons = _person_mentions(doc, entities)
        self.quoted = quoted
        self.history: list[Speaker] = []

    def _in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def _last_person(self, before: int) -> str | None:
        """The person a pronoun points back to: the latest one named as a subject among the last
        few mentions outside quotation marks, else simply the latest."""
        recent = [
            (s, e, name) for s, e, name in reversed(self.persons) if s < before and not self._in_quote(s)
        ][:PRONOUN_CANDIDATES]
        if not recent:
            return None
        chosen = recent[0]
        for s, e, name in recent:
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                chosen = (s, e, name)
                break
        return _full_name(chosen[2], chosen[0], self.persons)

    def _name_in(self, span: Span) -> str | None:
        """A named entity inside the speaker span (its normalised name when known)."""
        ent = _overlapping(self.entities, span.start_char, span.end_char)
        if ent is not None and ent.kind not in ("place", "nationality"):
            return _full_name(ent.name or ent.text, ent.start, self.persons)
        for e in span.ents:
            if e.label_ in NAMED_LABELS - {"GPE", "NORP"}:
                return _full_name(e.text, e.start_char, self.persons)
        return None

    def _described(self, head: Token, before: int) -> str | None:
        """An earlier speaker or person introduced with the same description."""
        word = head.lower_
        for sp in reversed(self.history):
            if sp.start < before and sp.head == word:
                return sp.name or sp.text
        for s, _, name in reversed(self.persons):
            if s >= before:
                continue
            prev = self.doc.char_span(max(0, s - len(word) - 1), s, alignment_mode="expand")
            if prev is not None and word in prev.text.lower().split():
                return _full_name(name, s, self.persons)
        return None

    def resolve(self, tok: Token) -> Speaker:
        """A speaker from its head token (a subject, an inverted subject or a pobj)."""
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            antecedent: Token | None = tok.head.head
        else:
            antecedent = None
        span = noun_phrase(tok) if antecedent is None else tok.doc[tok.i : tok.i + 1]
        if len(span) == 0:
            span = tok.doc[tok.i : tok.i + 1]
        start, end = span.start_char, span.end_char
        lower = tok.lower_
        kind: SpeakerKind
        name: str | None
        if antecedent is not None:
            ant = noun_phrase(antecedent)
            kind, name = "pronoun", self._name_in(ant) or ant.text
        elif tok.pos_ == "PRON" or lower in PERSONAL_PRONOUNS | GROUP_PRONOUNS:
            kind = "pronoun"
            name = self._last_person(start) if lower in PERSONAL_PRONOUNS else self._last_speaker(start)
        else:
            name = self._name_in(span)
            if name is not None or tok.pos_ == "PROPN":
                kind, name = "named", name or span.text
            else:
                kind = "described"
                name = self._described(tok, start) if tok.i > 0 and span[0].lower_ == "the" else None
        sp = Speaker(start, end, span.text, kind, name, tok.lower_)
        self.history.append(sp)
        return sp

    def _last_speaker(self, before: int) -> str | None:
        """The latest non-person speaker before a group pronoun ("they", "it")."""
        for sp in reversed(self.history):
            if sp.start < before and sp.kind in ("named", "described") and sp.name:
                return sp.name
        return None

    def from_chars(self, start: int, end: int) -> Speaker:
        """A speaker given by characters (a dash or colon attribution)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        text = doc_text(self.doc)[start:end]
        name = self._name_in(span) if span is not None else None
        head = text.split()[-1].lower() if text.split() else ""
        sp = Speaker(start, end, text, "named", name or text, head)
        self.history.append(sp)
        return sp
