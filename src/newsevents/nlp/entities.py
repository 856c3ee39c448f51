"""Named entities with normalised names and kinds."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from newsevents.models import Entity, EntityKind
from newsevents.nlp.doctext import doc_text
from newsevents.nlp.entity_case import TRUECASE_DISABLED, case_memory, recase, shouting_lines, truecase
from newsevents.nlp.entity_lexicons import country_names, lexicon_entry, matchers
from newsevents.nlp.model import load_nlp

log = logging.getLogger(__name__)

# spaCy labels we keep and the kind each maps to before the lexicons and fixes apply.
MODEL_KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "nationality",
    "EVENT": "other",
    "LAW": "other",
    "LANGUAGE": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
}

# Confidence by source: lexicon hits are near-certain, model entities get the model's usual
# precision on news (about 0.8 on CoNLL-style text, measured with `newsevents eval ner`).
CONF_LEXICON = 0.95
CONF_RULE = 0.85
CONF_MODEL = 0.8
CONF_PROPAGATED = 0.7  # a repeat of a name the model found elsewhere in the same document
MIN_PROPAGATE = 3  # shorter names ("US", "UK") are left to the model: too many false repeats

# Overlap priority: lexicon names and hyphenated place pairs beat everything; model entities and
# common-noun government phrases compete on length (the longer wins; a tie goes to the rule).
PRIO_LEXICON = 2
PRIO_DEFAULT = 1

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
TIME_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "today", "yesterday", "tomorrow", "tonight", "morning", "evening", "night", "afternoon",
    }
)  # fmt: skip
# Titles and roles the model sometimes includes in a PERSON span; they become the role.
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "president", "vice", "prime", "minister", "premier", "chancellor", "king", "queen",
        "prince", "princess", "pope", "general", "gen", "lieutenant", "lt", "colonel", "col",
        "major", "maj", "captain", "capt", "commander", "sergeant", "sgt", "admiral", "governor",
        "gov", "senator", "sen", "rep", "representative", "mayor", "judge", "justice", "sheikh",
        "ayatollah", "spokesman", "spokeswoman", "spokesperson", "chief", "secretary", "deputy",
        "foreign", "interior", "defence", "defense", "finance", "ambassador", "envoy", "leader",
        "chairman", "chairwoman", "director", "officer", "police", "army", "commissioner",
        "rev", "reverend", "father", "bishop", "cardinal", "imam", "mullah", "maulvi", "emir",
    }
)  # fmt: skip
# Head nouns that make a model ORG entity a government body ("the Afghan Interior Ministry").
GOV_HEADS = frozenset(
    {
        "ministry", "ministries", "government", "police", "army", "military", "forces",
        "parliament", "cabinet", "presidency", "senate", "assembly", "gendarmerie", "navy",
        "department", "court", "commission", "guard", "guards",
    }
)  # fmt: skip
# Government heads that stay in a span even when written in lower case ("interior ministry").
GOV_KEEP = GOV_HEADS - {"department", "court", "commission", "guard", "guards", "assembly"}
# Nouns a government phrase may modify and still name the body ("police officers said").
GOV_PEOPLE_HEADS = frozenset(
    {
        "officers", "officials", "official", "personnel", "troops", "soldiers", "forces",
        "negotiators", "delegation", "spokesman", "spokeswoman", "spokesperson", "sources",
        "source", "commanders", "commander", "chief", "units", "unit", "convoy", "patrol",
    }
)  # fmt: skip
# Words after "X-Y" that mark both sides as places ("the Kabul-Kandahar highway").
ROUTE_WORDS = frozenset(
    {
        "highway", "road", "route", "motorway", "expressway", "railway", "railroad", "rail",
        "border", "frontier", "pipeline", "corridor", "axis", "line", "flight", "flights",
        "bus", "train", "talks", "crossing", "bridge", "boundary",
    }
)  # fmt: skip
LEADING_TIME_WORDS = TIME_WORDS | frozenset(
    {
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
# Lower-case words that belong to names ("Aravinda de Silva", "Osama bin Laden").
NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "di", "du", "del", "della", "van", "von", "der", "den",
     "ter", "le", "la", "al", "el", "bin", "ben", "ibn", "abu", "bint", "y", "e", "zu", "dpa"}
)  # fmt: skip
INITIALS_RE = re.compile(r"^[A-Z]\.$")  # one initial; "U.S." and "U.N." are names
# Last words of competition and event names, which the model often calls ORG or GPE.
EVENT_HEADS = frozenset(
    {
        "cup", "open", "championship", "championships", "games", "olympics", "prix",
        "tournament", "trophy", "series", "masters", "final", "finals", "marathon", "rally",
        "festival", "classic", "derby", "biennale", "expo",
    }
)  # fmt: skip
# Nouns naming administrative units and settlements: after a name they make it a place.
ADMIN_NOUNS = frozenset(
    {
        "state", "province", "district", "region", "county", "governorate", "township",
        "municipality", "department", "prefecture", "oblast", "city", "town", "village",
        "division", "tehsil", "taluk", "sub-district", "subdistrict", "commune", "parish",
        "locality", "neighbourhood", "neighborhood", "area", "zone", "canton", "emirate",
    }
)  # fmt: skip
# Capitalised, these end the name of an administrative unit ("Rakhine State").
ADMIN_TITLES = frozenset(
    {
        "state", "province", "district", "region", "county", "governorate", "township",
        "municipality", "prefecture", "oblast", "city", "town", "village", "tehsil", "commune",
    }
)  # fmt: skip
PLACE_CHAIN_PASSES = 3  # "Hulu Rening, Batang Kali, Selangor": each pass reaches one name further
# Last words that make an organisation name an armed group.
ARMED_HEADS = frozenset(
    {"militia", "militias", "brigade", "brigades", "rebels", "mujahideen", "insurgents", "jihadists"}
)
DISEASE_RE = re.compile(
    r"\b(?:covid(?:-19)?|coronavirus|sars-cov-2|ebola|cholera|mpox|h1n1)\b", re.IGNORECASE
)
SPLIT_WORDS = frozenset({"at", "v", "v.", "vs", "vs.", "versus"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
SPLIT_PUNCT = frozenset({",", ";", "(", ")", "[", "]", "{", "}", ":", "|"})
NUMERIC_RE = re.compile(r"^[+\-]?[\d][\d.,:/\-]*[a-z]{0,2}$")  # 83, 4-43, 1996-08-30, 22nd
# First words of organisation names too generic to stand for the organisation on their own.
GENERIC_NAME_WORDS = frozenset(
    {
        "national", "international", "united", "first", "general", "royal", "american",
        "british", "new", "central", "federal", "world", "democratic", "people", "state",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "great", "islamic", "arab", "european", "african", "asian", "union", "council", "bank",
        "ministry", "department", "university", "association", "party", "front", "army",
    }
)  # fmt: skip
MIN_SHORT_ORG = 4  # "Magna" for "Magna International Inc"; 3-letter first words are too often initials
MILITIA_WORDS = frozenset({"militia", "militias", "militiamen"})
SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "to", "de", "al"})
EDGE_PUNCT = ".,;:!?\"'“”‘’«»`-–—/"


@dataclass(slots=True)
class _Cand:
    """A candidate entity over tokens [start, end) before overlap resolution."""

    start: int
    end: int
    kind: EntityKind
    label: str
    priority: int
    confidence: float
    name: str | None = None  # canonical name when a lexicon fixed it


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners/punctuation and trailing possessives/punctuation; a
    capitalised "The" inside a sentence belongs to the name ("at The Oval")."""
    while start < end and (
        (doc[start].lower_ in DETERMINERS and not _name_article(doc[start]))
        or doc[start].is_punct
        or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s", "'")
    ):
        end -= 1
    return start, end


def _name_article(tok: Token) -> bool:
    """A "The" written capitalised in mid-sentence, as part of a name."""
    if tok.text != "The" or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return not tok.is_sent_start and not prev.is_space and prev.text not in ".!?\"“'‘:"


def _is_numeric(tok: Token) -> bool:
    """A score, date, count or phone number token ("83", "4-43", "1996-08-30")."""
    return bool(NUMERIC_RE.match(tok.text))


def _clean(doc: Doc, start: int, end: int, label: str) -> tuple[int, int, bool, bool]:
    """Trim a model span to its name; also say whether a trailing time word or an
    administrative noun ("Antioquia department", "Tirunelveli city") was cut."""
    cut_time = cut_admin = False
    changed = True
    while changed and start < end:
        changed = False
        s0, e0 = start, end
        start, end = _trim(doc, start, end)
        while start < end and (
            _is_numeric(doc[start]) or (doc[start].is_lower and doc[start].lower_ not in NAME_PARTICLES)
        ):
            start += 1
        while end > start and (_is_numeric(doc[end - 1]) or doc[end - 1].is_lower):
            if doc[end - 1].lower_ in GOV_KEEP and label in ("ORG", "NORP"):
                break  # "the Afghan interior ministry": the body, not a descriptor
            cut_admin = cut_admin or doc[end - 1].lower_ in ADMIN_NOUNS
            end -= 1
        while end - start > 1 and doc[end - 1].lower_ in TIME_WORDS:
            end -= 1
            cut_time = True
        while end - start > 1 and doc[start].lower_ in LEADING_TIME_WORDS:
            start += 1
        if label == "PERSON":
            start, end, _ = _strip_titles(doc, start, end)
        changed = (start, end) != (s0, e0)
    return start, end, cut_time, cut_admin


def _pieces(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Split a model span at commas, brackets, spaced dashes, "at"/"v" and bare numbers
    ("Oval , London", "Yorkshire at Headingley", "Pohang 3 Ulsan")."""
    out: list[tuple[int, int]] = []
    piece = start
    for i in range(start, end):
        tok = doc[i]
        spaced_dash = tok.text in ("-", "–", "—", "--") and (
            tok.whitespace_ and i > 0 and doc[i - 1].whitespace_
        )
        number = label in NAME_LABELS and tok.is_digit
        if tok.text in SPLIT_PUNCT or spaced_dash or number or tok.text in SPLIT_WORDS:
            if i > piece:
                out.append((piece, i))
            piece = i + 1
    if end > piece:
        out.append((piece, end))
    return out


def _strip_titles(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    """Move leading titles/roles out of a PERSON span; return the role words."""
    first = start
    while end - start > 1 and (
        doc[start].lower_.rstrip(".") in TITLES or doc[start].is_lower or doc[start].is_punct
    ):
        start += 1
    role = doc[first:start].text if start > first else ""
    return start, end, role


def _role_before(doc: Doc, start: int, end: int) -> str:
    """The role written just before a person's name ("interior ministry spokesman")."""
    heads = set(range(start, end))
    i = start - 1
    while i >= 0:
        tok = doc[i]
        if tok.is_punct or tok.lower_ in DETERMINERS or tok.pos_ in ("VERB", "ADP", "AUX"):
            break
        attached = tok.head.i in heads and tok.dep_ in ("compound", "amod", "nmod")
        if not attached and tok.lower_ not in TITLES:
            break
        heads.add(i)
        i -= 1
    role_start = i + 1
    return doc[role_start:start].text if role_start < start else ""


def _role_after(span: Span) -> str:
    """An appositive role after a name ("Mirwais Stanikzai, a spokesman for the ministry")."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            sub = list(child.subtree)
            s, e = _trim(span.doc, sub[0].i, sub[-1].i + 1)
            if e - s <= 12:  # longer appositives are clauses, not roles (eyeballed on news)
                return span.doc[s:e].text
    return ""


def _is_place_like(doc: Doc, start: int) -> bool:
    """A name right after a locative preposition or "city/province of" reads as a place."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return prev.lower_ in ("in", "at", "near", "from", "of", "to", "outside", "into", "across")


def _model_entities(doc: Doc) -> list[Span]:
    """The model's entities, re-read from a truecased copy on lines written in capitals."""
    lines = shouting_lines(doc)
    if not lines:
        return list(doc.ents)
    memory = case_memory(doc, lines)
    texts: list[str] = []
    kept: list[tuple[int, int]] = []
    for a, b in lines:
        cased = truecase(doc_text(doc)[a:b], memory)
        if len(cased) == b - a:  # offsets must carry over one to one
            texts.append(cased)
            kept.append((a, b))
    ents = []
    nlp = load_nlp()
    for (a, _b), cased_doc in zip(kept, nlp.pipe(texts, disable=TRUECASE_DISABLED), strict=True):
        for e in cased_doc.ents:
            span = doc.char_span(a + e.start_char, a + e.end_char, e.label_, alignment_mode="expand")
            if span is not None:
                ents.append(span)
    covered = {t.i for a, b in kept for t in doc.char_span(a, b, alignment_mode="expand") or []}
    ents += [e for e in doc.ents if not covered.intersection(range(e.start, e.end))]
    return ents


def _model_candidates(doc: Doc) -> list[_Cand]:
    """The model's entities, trimmed, with kinds corrected by the lexicons and rules."""
    out: list[_Cand] = []
    for ent in _model_entities(doc):
        base_kind = MODEL_KINDS.get(ent.label_)
        if base_kind is None:
            continue
        for p_start, p_end in _pieces(doc, ent.start, ent.end, ent.label_):
            start, end, cut_time, cut_admin = _clean(doc, p_start, p_end, ent.label_)
            if start >= end or not any(c.isalpha() for c in doc[start:end].text):
                continue
            if (
                end - start == 1
                and doc[start].tag_ == "NNS"
                and doc[start].is_title
                and _opens_line_or_sentence(doc[start])
            ):
                continue  # "Farmers protested ...": a common noun capitalised by position
            if all(INITIALS_RE.match(t.text) for t in doc[start:end]):
                continue  # a lone initial: "K." of "K. Curran"
            if all(t.lower_ in TITLES for t in doc[start:end]) and ent.label_ != "PERSON":
                continue  # "Interior" in "Interior Minister Ahmad Massoud": part of a role
            kind = "place" if cut_admin else _kind(doc, start, end, base_kind, ent.label_, cut_time)
            text = doc[start:end].text
            entry = lexicon_entry(text) or lexicon_entry(normalise_name(text, kind))
            name = None
            if entry is not None:
                kind, name = entry.kind, entry.name
            out.append(_Cand(start, end, kind, ent.label_, PRIO_DEFAULT, CONF_MODEL, name))
    return out


def _demonym(word: str) -> bool:
    """Spelled like a demonym adjective ("Ukrainian", "Chinese", "Turkish", "Iraqi")."""
    return bool(re.search(r"(?:an|ese|ish|i|ic)$", word)) and word.lower() not in country_names()


def _opens_line_or_sentence(tok: Token) -> bool:
    """The token starts a sentence or a line."""
    return tok.is_sent_start or tok.i == 0 or "\n" in tok.doc[tok.i - 1].text_with_ws


def _kind(doc: Doc, start: int, end: int, kind: EntityKind, label: str, cut: bool) -> EntityKind:
    """Correct the model's kind for government bodies and names glued to a weekday."""
    last = doc[end - 1].lower_
    if kind != "place" and doc[start:end].text.lower() in country_names():
        return "place"  # a country tagged ORG/PERSON (national teams, "Sri Lanka" as a person)
    if label == "ORG" and cut and end - start == 1 and _is_place_like(doc, start):
        return "place"  # "the city of Ghazni Thursday" tagged ORG as a whole
    if kind in ("organisation", "place") and last in EVENT_HEADS and end - start > 1:
        return "other"  # competitions and named events: "UEFA Cup", "Hong Kong Open"
    if label in ("GPE", "LOC") and end - start == 1 and doc[start].tag_ == "JJ" and _demonym(doc[start].text):
        return "nationality"  # "Ukrainian positions" tagged GPE
    if DISEASE_RE.search(doc[start:end].text):
        return "other"  # "COVID-19" tagged PERSON, "Coronavirus" tagged ORG
    if kind in ("organisation", "person", "nationality") and last in ARMED_HEADS and end - start > 1:
        return "armed_group"  # "Donbass People's Militia", "Abdullah Azzam Brigades"
    gov_head = last in GOV_HEADS and (last != "department" or doc[end - 1].is_title)
    if kind in ("organisation", "nationality") and gov_head:
        return "government"  # "Interior Ministry" (ORG), "Afghan Army" (NORP)
    if doc[end - 1].is_title and last in ADMIN_TITLES and doc[start].lower_ not in TITLES:
        return "place"  # "Rakhine State", "Minbya Township", "Mrauk-U District" tagged otherwise
    return kind


def _lexicon_candidates(doc: Doc) -> list[_Cand]:
    """Free-standing matches of armed-group and news-agency names."""
    m = matchers(doc)
    out: list[_Cand] = []
    for matcher in (m.exact, m.lower):
        for match_id, start, end in matcher(doc):
            entry = m.entries[doc.vocab.strings[match_id]]
            out.append(_Cand(start, end, entry.kind, "GAZ", PRIO_LEXICON, CONF_LEXICON, entry.name))
    return out


def _gov_candidates(doc: Doc) -> list[_Cand]:
    """Common-noun government bodies ("the interior ministry", "security forces")."""
    m = matchers(doc)
    spans = [(s, e) for _, s, e in m.gov(doc)] + [(s, e) for _, s, e in m.ministry(doc)]
    out: list[_Cand] = []
    for start, end in spans:
        last = doc[end - 1]
        if last.pos_ == "ADJ" or last.pos_ == "VERB":
            continue  # "military operations", "police" as a verb
        nxt = doc[end] if end < len(doc) else None
        if (
            nxt is not None
            and nxt.pos_ in ("NOUN", "PROPN")
            and last.dep_ in ("compound", "amod", "nmod")
            and nxt.lower_ not in GOV_PEOPLE_HEADS
        ):
            continue  # "police station", "government proposal": a modifier, not the body
        out.append(_Cand(start, end, "government", "RULE", PRIO_DEFAULT, CONF_RULE))
    return out


def _hyphen_place_candidates(doc: Doc, places: set[int]) -> list[_Cand]:
    """Both sides of "Kabul-Kandahar highway" as places."""
    out: list[_Cand] = []
    for tok in doc[1:-1]:
        if tok.text not in ("-", "–") or tok.whitespace_:
            continue
        left, right = doc[tok.i - 1], doc[tok.i + 1]
        if left.whitespace_ or not (left.is_title and right.is_title):
            continue
        if not (left.pos_ == "PROPN" and right.pos_ == "PROPN"):
            continue
        after = doc[right.i + 1] if right.i + 1 < len(doc) else None
        route = after is not None and after.lower_ in ROUTE_WORDS
        if route or left.i in places or right.i in places:
            for t in (left, right):
                out.append(_Cand(t.i, t.i + 1, "place", "RULE", PRIO_LEXICON, CONF_RULE))
    return out


def _initials_candidates(doc: Doc) -> list[_Cand]:
    """An initial before a surname is a person ("K. Curran")."""
    out: list[_Cand] = []
    for tok in doc[:-1]:
        if not INITIALS_RE.match(tok.text):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 2 and doc[end].is_alpha and doc[end].is_title:
            end += 1
        if end > tok.i + 1:
            out.append(_Cand(tok.i, end, "person", "RULE", PRIO_DEFAULT, CONF_RULE))
    return out


def _militia_candidates(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """A nationality or ethnic name followed by "militia" is an armed group ("Mai-Mai militia")."""
    out: list[_Cand] = []
    for c in cands:
        if c.kind not in ("nationality", "organisation") or c.end >= len(doc):
            continue
        if doc[c.end].lower_ in MILITIA_WORDS:
            name = f"{doc[c.start : c.end].text} militia"
            out.append(_Cand(c.start, c.end + 1, "armed_group", "RULE", PRIO_LEXICON, CONF_RULE, name))
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Keep non-overlapping candidates: higher priority, then longer, then rule before model."""
    order = sorted(
        cands,
        key=lambda c: (-c.priority, -(c.end - c.start), c.label in MODEL_KINDS, c.start),
    )
    taken: set[int] = set()
    kept: list[_Cand] = []
    for c in order:
        toks = set(range(c.start, c.end))
        if toks & taken:
            continue
        taken |= toks
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _title_case(text: str) -> str:
    """Title-case a lower-case common-noun name, keeping small words lower."""
    words = text.split()
    return " ".join(w if (i > 0 and w in SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def normalise_name(text: str, kind: EntityKind) -> str:
    """Normalised name: no determiner, possessive or edge punctuation; ministries title-cased."""
    name = " ".join(text.split())
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    name = re.sub(r"(?:'s|’s|'|’)$", "", name)
    name = name.strip(EDGE_PUNCT + " ")
    if name.count("(") != name.count(")"):
        name = name.strip("()").strip()
    if kind == "government" and name[1:] == name[1:].lower():
        name = _title_case(name)
    return name


def _place_context(doc: Doc, cands: list[_Cand]) -> None:
    """Names in a list of places are places ("in Feira de Santana, Bahia", "Mamfe town
    (Manyu, Sud-Ouest)"): a name set off by a comma or bracket and attached by the parse to a
    place, or with a place attached to it the same way."""
    for _ in range(PLACE_CHAIN_PASSES):
        place_tokens = {i for c in cands if c.kind == "place" for i in range(c.start, c.end)}
        place_tokens |= {c.end for c in cands if c.kind == "place" and _admin_after(doc, c.end)}
        changed = False
        for c in cands:
            if c.kind == "place" or c.name is not None or c.label not in MODEL_KINDS:
                continue
            root = doc[c.start : c.end].root
            if root.dep_ == "compound" and _admin_after(doc, c.end) and root.head.i == c.end:
                c.kind = "place"  # "in Tirunelveli city", "Mamfe town"
                changed = True
                continue
            if c.label == "PERSON" and c.end - c.start > 1:
                continue  # full names stay people
            left = c.start > 0 and doc[c.start - 1].text in (",", "(")
            right = c.end < len(doc) and doc[c.end].text == "," and c.label != "PERSON"
            head_place = root.dep_ in ("appos", "conj") and root.head.i in place_tokens
            child_place = any(
                ch.dep_ in ("appos", "conj") and ch.i in place_tokens and ch.i >= c.end
                for ch in root.children
            )
            if (left and head_place) or (right and child_place):
                c.kind = "place"
                changed = True
        if not changed:
            return


def _admin_after(doc: Doc, i: int) -> bool:
    """Token i is a lower-case administrative noun ("city", "district")."""
    return i < len(doc) and doc[i].is_lower and doc[i].lower_ in ADMIN_NOUNS


def _vote_kinds(doc: Doc, cands: list[_Cand]) -> None:
    """Give every model mention of the same name the document's majority kind, and a
    surname the full name of the one person it belongs to."""
    votes: dict[str, Counter[EntityKind]] = {}
    for c in cands:
        if c.name is None:
            votes.setdefault(doc[c.start : c.end].text, Counter())[c.kind] += 1
    fulls: dict[str, set[str]] = {}
    short_orgs: set[str] = set()
    for c in cands:
        if c.kind == "person" and c.end - c.start > 1 and doc[c.end - 1].is_title:
            fulls.setdefault(doc[c.end - 1].text, set()).add(doc[c.start : c.end].text)
        if c.kind == "organisation" and c.end - c.start > 1 and doc[c.start].is_title:
            short_orgs.add(doc[c.start].text)  # "Magna" after "Magna International Inc"
    for c in cands:
        if c.kind == "person" and c.end - c.start == 1 and doc[c.start].text in short_orgs:
            c.kind = "organisation"
    for c in cands:
        full = fulls.get(doc[c.start].text) if c.end - c.start == 1 else None
        if c.kind == "person" and c.name is None and full is not None and len(full) == 1:
            c.name = normalise_name(next(iter(full)), "person")  # "Massoud" -> "Ahmad Massoud"
    for c in cands:
        counter = votes.get(doc[c.start : c.end].text) if c.name is None else None
        if counter and len(counter) > 1:
            best, n = counter.most_common(1)[0]
            if n > counter[c.kind]:
                c.kind = best


def _propagate(doc: Doc, kept: list[_Cand]) -> list[_Cand]:
    """Mentions the model missed: repeats of names it found elsewhere in the document, and
    surnames of people named in full ("Stanikzai" after "Mirwais Stanikzai")."""
    known: dict[tuple[str, ...], tuple[EntityKind, str | None]] = {}
    for c in kept:
        if c.label not in MODEL_KINDS:
            continue
        words = tuple(t.text for t in doc[c.start : c.end])
        if not any(ch.isupper() for ch in "".join(words)) or len("".join(words)) < MIN_PROPAGATE:
            continue
        known.setdefault(words, (c.kind, c.name))
        first = doc[c.start]
        if (
            c.kind == "organisation"
            and c.end - c.start > 1
            and first.is_title
            and len(first) >= MIN_SHORT_ORG
            and first.lower_ not in STOP_WORDS
            and first.lower_ not in GENERIC_NAME_WORDS
            and first.pos_ == "PROPN"
        ):
            known.setdefault((first.text,), ("organisation", None))
        last = doc[c.end - 1]
        if c.kind == "person" and c.end - c.start > 1 and last.is_title and len(last) >= 3:
            full = normalise_name(doc[c.start : c.end].text, "person")
            known.setdefault((last.text,), ("person", full))
    if not known:
        return []
    taken = {i for c in kept for i in range(c.start, c.end)}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(known, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    out: list[_Cand] = []
    i = 0
    while i < len(doc):
        for words in by_first.get(doc[i].text, []):
            end = i + len(words)
            if end > len(doc) or taken.intersection(range(i, end)):
                continue
            if tuple(t.text for t in doc[i:end]) != words or _continues_name(doc, i, end):
                continue
            kind, name = known[words]
            out.append(_Cand(i, end, kind, "RULE", PRIO_DEFAULT, CONF_PROPAGATED, name))
            i = end - 1
            break
        i += 1
    return out


def _continues_name(doc: Doc, start: int, end: int) -> bool:
    """The match is part of a longer capitalised name ("Kabul" inside "Kabul University")."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return bool(
        (before is not None and before.is_title and not before.is_sent_start and before.pos_ == "PROPN")
        or (after is not None and after.is_title and after.pos_ == "PROPN")
    )


def extract_entities(doc: Doc) -> list[Entity]:
    """Entities of the Doc with normalised names and kinds."""
    model = _model_candidates(doc)
    _place_context(doc, model)
    _vote_kinds(doc, model)
    places = {i for c in model if c.kind == "place" for i in range(c.start, c.end)}
    cands = model + _lexicon_candidates(doc) + _gov_candidates(doc)
    cands += _hyphen_place_candidates(doc, places) + _militia_candidates(doc, model)
    cands += _initials_candidates(doc)
    kept = _resolve(cands)
    kept = sorted(kept + _propagate(doc, kept), key=lambda c: c.start)
    shouting = shouting_lines(doc)
    memory = case_memory(doc, shouting) if shouting else {}
    out: list[Entity] = []
    for c in kept:
        span = doc[c.start : c.end]
        role = ""
        if c.kind == "person":
            role = _role_before(doc, c.start, c.end) or _role_after(span)
        name = c.name or recase(normalise_name(span.text, c.kind), memory)
        if not name:
            continue
        out.append(
            Entity(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                name=name,
                kind=c.kind,
                label=c.label,
                confidence=c.confidence,
                role=role,
            )
        )
    return out
