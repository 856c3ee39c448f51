"""Attribution cues: the cue-verb lexicon and the dependency patterns around a cue."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Token

from newsevents.errors import ResourceMissingError

LEXICON = "cue_verbs.txt"
CLASSES = ("speech", "report", "intent", "object", "prep")
SUBJECT_DEPS = ("nsubj",)
INHERIT_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep")  # verbs that borrow their head's subject
OBJECT_TAIL_DEPS = ("oprd", "xcomp", "ccomp", "prep", "dative")  # 'called [Oz] [a quack]'
MAX_INHERIT = 3  # levels climbed to find a borrowed subject; deeper chains were never right


@lru_cache(maxsize=1)
def _read_lexicon() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Cue lemmas with their classes, and the prepositions of the ``prep`` class."""
    try:
        raw = files("newsevents.data").joinpath(LEXICON).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceMissingError(
            f"cue lexicon {LEXICON!r} missing from newsevents/data; reinstall the package"
        ) from exc
    classes: dict[str, set[str]] = {}
    preps: dict[str, set[str]] = {}
    for line in raw.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) < 2 or parts[1] not in CLASSES:
            continue
        classes.setdefault(parts[0].lower(), set()).add(parts[1])
        if parts[1] == "prep" and len(parts) == 3:
            preps.setdefault(parts[0].lower(), set()).update(parts[2].split(","))
    return (
        {k: frozenset(v) for k, v in classes.items()},
        {k: frozenset(v) for k, v in preps.items()},
    )


def cue_lexicon() -> dict[str, frozenset[str]]:
    """Cue lemmas with their classes (speech / report / intent / object / prep)."""
    return _read_lexicon()[0]


def is_verb(tok: Token) -> bool:
    """A verb by part of speech or fine tag (headline verbs are often mis-tagged)."""
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def cue_classes(tok: Token) -> frozenset[str]:
    """The lexicon classes of a verb token, empty for anything else."""
    if not is_verb(tok):
        return frozenset()
    return cue_lexicon().get(tok.lemma_.lower(), frozenset())


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, borrowed from the governing verb for "..., adding ..." and the like."""
    tok = verb
    for _ in range(MAX_INHERIT + 1):
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if tok.dep_ not in INHERIT_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def clause_complement(verb: Token) -> Token | None:
    """The clausal complement of a cue verb (``ccomp``, or a clause parsed as its object)."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:  # 'Fireworks on Friday: Republicans said they ...' - the clause after the verb wins
        return next((c for c in comps if c.i > verb.i), comps[0])
    for child in verb.children:
        if (
            child.dep_ in ("dobj", "xcomp")
            and child.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children)
        ):
            return child
    return None


def intent_complement(verb: Token) -> Token | None:
    """The to-infinitive complement of an intent verb ("vowed to fight")."""
    if "intent" not in cue_classes(verb):
        return None
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > verb.i and any(g.lower_ == "to" for g in child.lefts):
            return child
    return None


def object_complement(verb: Token) -> tuple[Token, Token] | None:
    """First and last token of an attributed object: 'cited [the figure]', 'called [Oz a quack]',
    'called for [more school investment]'."""
    classes = cue_classes(verb)
    first: Token | None = None
    if "object" in classes:
        first = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if first is None and "prep" in classes:
        allowed = _read_lexicon()[1].get(verb.lemma_.lower(), frozenset())
        for child in verb.rights:
            if child.dep_ == "prep" and child.lower_ in allowed:
                first = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                break
    if first is None:
        return None
    last = first.right_edge
    for sib in verb.rights:
        if sib.i <= last.i or sib.dep_ not in OBJECT_TAIL_DEPS:
            continue
        if sib.dep_ == "prep" and sib.lower_ not in ("as", "for"):
            continue
        if any(t.text in ",;" for t in verb.doc[last.i + 1 : sib.i]):
            break
        last = sib.right_edge
    return first.left_edge, last


def cue_extent(verb: Token) -> tuple[int, int]:
    """Characters of the cue: the verb with its particle ("point out")."""
    start, end = verb.idx, verb.idx + len(verb.text)
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end = child.idx + len(child.text)
    return start, end
