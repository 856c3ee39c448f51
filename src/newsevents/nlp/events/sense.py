"""Is the trigger word used in its event sense here?

Many event words have an everyday sense that reports no event: a press conference "held by" a
ministry, a train "detained" at a station, a "custody battle" over a child, consultants who "agreed
that" something is true, relatives "fighting to keep" a boy, a president who "ordered the strikes"
(of aircraft, not workers). Each test reads the trigger's own place in the parse, so it applies to
any sentence and any name, not to the examples it was written from:

- detention (arrest, detain, hold, custody) holds people: "held" needs a person held, "detained"
  must not hold a vehicle or goods, and "custody" is something one is in, taken into or released
  from;
- a strike is a workers' stoppage only with a sign of work (workers, a union, "on strike", a
  general or hunger strike), never beside military words; members who walk out of or boycott a
  legislature's proceedings are not demonstrating;
- "agreed" is an agreement only when the parties agree *to* or *on* something, not that a thing
  is so;
- fighting "to" do something, or "for" one's life, rights or custody, is striving, not combat;
- a blow ("hit", "rocketed") is dealt by people or weapons, not by an impasse or by prices, and
  one who "shot back" a reply fired nothing;
- territory is ground: seizing drugs or capturing soldiers takes none;
- the codebook's agreements settle conflicts (a ceasefire, prisoners, armed parties); other
  agreements (trade, aid, research) are diplomacy (`settles_conflict`).

A sentence whose trigger fails its test is typed again without that word: another cue may still
report an event of its own. The same holds for a happening counted as none ("no riots are taking
place", "no injuries"; `modality.counted_as_none`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Span, Token

from newsevents.nlp.events.agency import lexicon_nouns

# People nouns beyond the actor lexicon's classes: whom a detention can hold.
_PEOPLE = (
    "people persons person individual individuals man men woman women boy boys girl girls child "
    "children teen teens teenager teenagers youth youths juvenile minor minors adult adults member "
    "members leader leaders supporter supporters worker workers activist activists official "
    "officials suspect suspects accused culprit culprits offender offenders foreigner foreigners "
    "national nationals citizen citizens resident residents villager villagers migrant migrants "
    "refugee refugees immigrant immigrants journalist journalists reporter reporters editor "
    "student students teacher teachers cleric priest priests monk monks farmer farmers trader "
    "traders driver drivers passenger passengers owner owners employee employees staff crew "
    "opponent opponents dissident dissidents critic critics lawyer lawyers doctor doctors "
    "politician politicians councillor councilor councilwoman councilman mayor minister governor "
    "lawmaker lawmakers legislator legislators candidate candidates chief head president "
    "brother brothers son sons father mother wife husband relative relatives family "
    "sevak sevaks karsevaks ramsevaks kar volunteers volunteer cadre cadres militant militants "
    "insurgent insurgents rebel rebels fighter fighters gunman gunmen bomber bombers terrorist "
    "terrorists smuggler smugglers poacher poachers protester protesters demonstrator "
    "demonstrators rioter rioters miscreant miscreants hostage hostages prisoner prisoners"
)
# Things that are "detained" without any person held: vehicles and goods.
_THINGS_WORDS = (
    "train trains express ship ships vessel vessels boat boats tanker tankers truck trucks lorry "
    "lorries bus buses car cars flight flights plane planes aircraft consignment consignments cargo "
    "cargoes goods shipment shipments container containers"
)
_THINGS = frozenset(_THINGS_WORDS.split())
DETENTION_LEMMAS = frozenset({"arrest", "detain", "hold", "nab", "custody", "round"})
# What a strike by workers is told with; and the words of a military strike.
_WORK = re.compile(
    r"\b(workers?|employees?|staff|unions?|labou?r|teachers?|doctors?|nurses?|drivers?|miners?|"
    r"traders?|transporters?|students?|lawyers?|pilots?|wages?|pay|salar(y|ies)|pensions?|"
    r"on strike|general strike|hunger[- ]strike|token strike|strikers?|walkouts?|bandh|hartal|"
    r"indefinite|nationwide strike)\b",
    re.IGNORECASE,
)
_MILITARY = re.compile(
    r"\b(military|missiles?|bombs?|bombing|bombers?|air|aircraft|jets?|drones?|targets?|raid(ed|s)?|"
    r"retaliat\w*|troops|forces|navy|army|facilit(y|ies)|camps?|terrorists?|launched|ordered)\b",
    re.IGNORECASE,
)
# "fighting for his life", "for their rights", "for custody": striving, not combat.
_STRIVING_FOR = frozenset({"life", "lives", "right", "rights", "custody", "justice", "freedom", "survival"})
_AGREEING_ON = frozenset({"to", "on", "upon"})
# What "protest" qualifies as words, gestures, documents, people or bodies, not a gathering:
# "a protest letter", "letters of protest", "protest groups", "a protest vote".
_PROTEST_EXPRESSION_WORDS = (
    "letter note statement message gesture song voice word form mark cry telegram resolution vote "
    "group leader organiser organizer movement party committee organisation organization candidate"
)
_PROTEST_EXPRESSIONS = frozenset(_PROTEST_EXPRESSION_WORDS.split())


@lru_cache(maxsize=1)
def people_words() -> frozenset[str]:
    """Lower-cased nouns that name people: the actor lexicon's words and general person nouns."""
    return lexicon_nouns() | frozenset(_PEOPLE.split())


def _trigger_token(sent: Span, span: tuple[int, int]) -> Token | None:
    """The sentence token where the trigger match starts."""
    start = sent.start_char + span[0]
    for tok in sent:
        if tok.idx <= start < tok.idx + max(1, len(tok.text)):
            return tok
    return None


def _is_person(tok: Token) -> bool:
    """Whether a noun phrase head names people (an entity, a pronoun, a number, a person noun)."""
    if tok.ent_type_ in ("PERSON", "NORP", "ORG") or tok.pos_ in ("PRON", "NUM"):
        return True
    if tok.lower_ in people_words() or tok.lemma_.lower() in people_words():
        return True
    return any(c.dep_ == "nummod" for c in tok.children) and tok.lower_ not in _THINGS


def _held(trig: Token) -> Token | None:
    """What a detention verb holds: its passive subject or object, or the noun it modifies."""
    for child in trig.children:
        if child.dep_ in ("nsubjpass", "dobj", "obj"):
            return child
    if trig.dep_ in ("acl", "relcl", "amod") and trig.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return trig.head
    return None


def _detention_sense(trig: Token, sent: Span) -> bool:
    """A detention holds people; "custody" is one that someone is in, taken into or freed from."""
    lemma = trig.lemma_.lower()
    if lemma not in DETENTION_LEMMAS and trig.lower_ != "custody":
        return True  # "police stopped the march": not a detention word
    if trig.lower_ == "custody" or lemma == "custody":
        prep = trig.head if trig.dep_ == "pobj" else None
        return prep is not None and prep.lower_ in ("in", "into", "under", "from", "to")
    held = _held(trig)
    if held is None:
        return True  # "after having been held at the prison": whom is told elsewhere
    if lemma == "hold":
        return _is_person(held)
    return held.lower_ not in _THINGS and held.lemma_.lower() not in _THINGS


# Verbs whose object is the demonstration itself ("staged a walkout", "held a rally"), by form:
# the lemmatizer reads "staged" as "stag".
STAGING_VERBS = frozenset({"stage", "stages", "staged", "staging", "hold", "holds", "held", "holding"})
# Where members walk out or boycott proceedings: a legislature, not the street.
_LEGISLATURE = re.compile(
    r"\b(assembly|parliament|lok sabha|rajya sabha|senate|legislat\w*|proceedings|session|"
    r"house|council|opposition (members|benches|mps|legislators))\b",
    re.IGNORECASE,
)


def _strike_sense(trig: Token, sent: Span) -> bool:
    """A strike is a workers' stoppage when the sentence speaks of work, not of military action;
    a walkout or boycott by members of a legislature is parliamentary procedure, not a
    demonstration."""
    text = sent.text
    lemma = trig.lemma_.lower()
    if lemma in ("walkout", "boycott"):
        return not _LEGISLATURE.search(text)
    if lemma != "strike":
        return True
    return bool(_WORK.search(text)) or not _MILITARY.search(text)


# Gatherings in the street that need not be demonstrations, and the words that make them a feast,
# a rite or a triumph instead: "the celebratory procession", "a victory rally", "religious
# processions" (the codebook codes what happens at them, not the gathering).
GATHERINGS = frozenset({"procession", "rally", "march", "parade"})
FESTIVE = frozenset(
    {"celebratory", "celebration", "victory", "religious", "festive", "wedding", "devotional"}
)


def _festive(trig: Token) -> bool:
    """Whether a gathering is named as a celebration or a rite ("the celebratory procession")."""
    return trig.lemma_.lower() in GATHERINGS and any(
        c.dep_ in ("amod", "compound") and c.lower_ in FESTIVE for c in trig.children
    )


def _protest_sense(trig: Token, sent: Span) -> bool:
    """A demonstration cue in its event sense: the noun "protest" as a gathering, a strike as a
    stoppage, a procession that is no feast or rite. "Staged" or "held" is read by what was
    staged: "staged a walkout" in the assembly is the walkout's sense, "held a rally" the rally's."""
    if trig.lower_ in STAGING_VERBS:
        staged = [c for c in trig.children if c.dep_ in ("dobj", "obj")]
        if staged:
            trig = staged[0]
    if _festive(trig):
        return False
    if trig.lemma_.lower() == "rally" and _market_rally(trig):
        return False
    if trig.lemma_.lower() == "protest" and trig.pos_ in ("NOUN", "PROPN"):
        return _protest_noun_sense(trig)
    if trig.lower_.startswith("chant"):
        return _chant_sense(trig)
    return _strike_sense(trig, sent)


# What rallies on a market or in a game: prices and the teams that come back.
_MARKET_WORDS = frozenset(
    {
        "share", "stock", "market", "price", "index", "bond", "yield", "currency", "dollar", "euro",
        "yen", "pound", "rupee", "oil", "gold", "future", "equity", "commodity", "sector", "team",
        "side", "relief", "dow", "nasdaq", "nifty", "sensex", "ftse",
    }
)  # fmt: skip


def _market_rally(trig: Token) -> bool:
    """Whether a rally is a market's or a team's: "shares rallied", "a relief rally in stocks"."""
    if trig.pos_ == "VERB":
        words = [c for c in trig.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        words = [c for c in trig.children if c.dep_ in ("compound", "amod", "nmod")]
        words += [g for c in trig.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children]
    return any(w.lemma_.lower() in _MARKET_WORDS or w.lower_ in _MARKET_WORDS for w in words)


# What is chanted in worship or song, not in protest.
_WORSHIP = frozenset(
    {"hymn", "prayer", "mantra", "song", "bhajan", "psalm", "verse", "carol", "kirtan", "sutra", "name"}
)


def _chant_sense(trig: Token) -> bool:
    """Chanting is protest unless what is chanted is worship or song: "devotees chanting hymns"
    take out a procession, "protesters chanting slogans" demonstrate."""
    chanted = [c for c in trig.children if c.dep_ in ("dobj", "obj")]
    return not any(c.lemma_.lower() in _WORSHIP or c.lower_.rstrip("s") in _WORSHIP for c in chanted)


def _protest_noun_sense(trig: Token) -> bool:
    """The noun "protest" names a demonstration unless it only qualifies words, a document, a
    gesture, people or a body: "protest groups", "a protest letter", "letters of protest" tell of
    no gathering, while "a protest march", "a protest performance" and "a day of protest" do."""
    head = trig.head
    if trig.dep_ == "compound":
        return head.lemma_.lower() not in _PROTEST_EXPRESSIONS
    if trig.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head.lemma_.lower() not in _PROTEST_EXPRESSIONS
    return True


def _when(prep: Token) -> bool:
    """Whether a preposition's object is a date or time ("agreed on Monday")."""
    return any(c.ent_type_ in ("DATE", "TIME") for c in prep.children)


# What an agreement of the codebook settles: fighting, its prisoners, its armed parties.
_CONFLICT = re.compile(
    r"\b(cease-?fires?|truce|peace|hostilities|war|conflict|fighting|violence|clashes|prisoners?|"
    r"hostages?|detainees|captives|rebels?|militants?|insurgents?|guerrillas?|militias?|armed|"
    r"troops|forces|army|military|withdraw\w*|disarm\w*|demobili[sz]\w*|surrender\w*)\b",
    re.IGNORECASE,
)


def settles_conflict(text: str) -> bool:
    """Whether an agreement is the codebook's kind: it settles fighting, its prisoners or its
    armed parties ("agreed to a ceasefire"), not trade or aid ("agreed to set up a research
    centre"), which is diplomacy."""
    return bool(_CONFLICT.search(text))


def _agreement_sense(trig: Token, sent: Span) -> bool:
    """Parties agree to or on something; "agreed that ..." states an opinion."""
    if trig.lemma_.lower() != "agree" or trig.pos_ not in ("VERB", "AUX"):
        return True
    children = list(trig.children)
    binding = any(c.dep_ == "xcomp" or (c.lower_ in _AGREEING_ON and not _when(c)) for c in children)
    opinion = any(c.dep_ == "ccomp" for c in children)
    return binding or not opinion


def _fight_sense(trig: Token, sent: Span) -> bool:
    """Fighting "to keep" a boy or "for" one's life is striving, not combat."""
    if trig.lemma_.lower() != "fight":
        return True
    for child in trig.children:
        # "fought to keep the boy", as a complement or parsed as a purpose clause
        purpose = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if (child.dep_ == "xcomp" or purpose) and child.pos_ in ("VERB", "AUX"):
            return False
        if child.dep_ == "prep" and child.lower_ == "for":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if any(o.lemma_.lower() in _STRIVING_FOR for o in objects):
                return False
    return True


# What can deal a blow: weapons, missiles and what a crowd throws.
_WEAPONS_WORDS = (
    "bullet bullets bomb bombs shell shells rocket rockets missile missiles mortar mortars grenade "
    "grenades drone drones strike strikes airstrike airstrikes stone stones brick bricks stick "
    "sticks rod rods sword swords knife knives gun guns rifle rifles blast explosion explosions"
)
_WEAPONS = frozenset(_WEAPONS_WORDS.split())


def _blow_sense(trig: Token, sent: Span) -> bool:
    """A blow is dealt by someone or something that can strike: "the impasse has hit the city
    hard" is not an attack, nor does one who "shot back" a reply fire a shot, or one who "lashed
    out at" critics strike them."""
    lemma = trig.lemma_.lower()
    if lemma == "lash" and any(c.lower_ == "out" for c in trig.children):
        return False  # "lashed out at his relatives, accusing them": words, not blows
    if lemma == "shoot" and any(c.lower_ == "back" for c in trig.children):
        return any(c.dep_ in ("dobj", "obj", "prep") and c.lower_ != "back" for c in trig.children)
    if lemma not in ("hit", "rocket", "skyrocket"):
        return True
    subjects = [c for c in trig.children if c.dep_ in ("nsubj", "agent")]
    if not subjects:
        return True
    head = subjects[0]
    if head.dep_ == "agent":
        head = next((c for c in head.children if c.dep_ == "pobj"), head)
    return _is_person(head) or head.lemma_.lower() in _WEAPONS or head.lower_ in _WEAPONS


# Where territory lies: what can be seized, captured or occupied as ground.
_PLACES_WORDS = (
    "town towns city cities village villages district districts province provinces area areas base "
    "bases capital territory territories headquarters airport airbase checkpoint checkpoints region "
    "county municipality outpost outposts hill hills post posts position positions camp camps "
    "stronghold strongholds border crossing road highway bridge port island valley mountain "
    "neighbourhood neighborhood suburb suburbs front frontline garrison barracks compound"
)
_PLACES = frozenset(_PLACES_WORDS.split())


def _territory_sense(trig: Token, sent: Span) -> bool:
    """Territory is ground: "seized 1,248 bags of heroin" or "captured two soldiers" takes none."""
    if trig.lemma_.lower() not in ("seize", "capture", "occupy"):
        return True
    held = _held(trig)
    if held is None:
        return True
    return held.ent_type_ in ("GPE", "LOC", "FAC") or held.lemma_.lower() in _PLACES or held.lower_ in _PLACES


SENSE_TESTS: dict[str, Callable[[Token, Span], bool]] = {
    "arrest": _detention_sense,
    "intervention": _detention_sense,
    "protest": _protest_sense,
    "agreement": _agreement_sense,
    "clash": _fight_sense,
    "attack": _blow_sense,
    "shelling": _blow_sense,
    "overtake": _territory_sense,
    "regain": _territory_sense,
}


# Predicates that say how often a kind of happening occurs, not that one occurred: "Cattle
# rustling is common in Kenya", "kidnappings are frequent", "attacks have become a common
# occurrence".
GENERIC_WORDS = frozenset(
    {
        "common",
        "commonplace",
        "frequent",
        "rare",
        "widespread",
        "endemic",
        "routine",
        "usual",
        "rife",
        "rampant",
        "prevalent",
        "uncommon",
        "unusual",
    }
)
_COPULAS = frozenset({"be", "remain", "become", "grow"})
# "a common occurrence" is generic; "common knowledge" is not about how often it happens.
GENERIC_NOUNS = frozenset({"occurrence", "phenomenon", "sight", "practice", "feature", "problem", "thing"})


def _generic(trig: Token) -> bool:
    """Whether the trigger names a kind of happening said to be common or rare, not a happening."""
    tok = trig
    while tok.dep_ in ("compound", "amod", "nmod", "acl") and tok.head is not tok:
        tok = tok.head  # "Cattle rustling" parsed as a participle after its noun
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    if verb.lemma_.lower() not in _COPULAS:
        return False
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd") and child.lemma_.lower() in GENERIC_WORDS:
            return True
        if (
            child.dep_ == "attr"
            and child.lemma_.lower() in GENERIC_NOUNS
            and any(m.dep_ == "amod" and m.lemma_.lower() in GENERIC_WORDS for m in child.children)
        ):
            return True
    return False


def in_event_sense(sent: Span, cue: str, span: tuple[int, int]) -> bool:
    """Whether the trigger at ``span`` (relative to the sentence) carries the sense of its cue."""
    test = SENSE_TESTS.get(cue)
    trig = _trigger_token(sent, span)
    if trig is not None and _generic(trig):
        return False
    return test is None or trig is None or test(trig, sent)
