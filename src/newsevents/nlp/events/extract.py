"""Events: trigger, type, actors, place, date, modality, evidence, confidence."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsevents.clean.promos import link_list_spans
from newsevents.models import Actor, Annotations, Event, Evidence, Modality, Place, TimeExpr
from newsevents.nlp.doctext import doc_text
from newsevents.nlp.events.agency import agent_fits, can_act, fits_type, political, verbal_trigger
from newsevents.nlp.events.args import (
    ARMED,
    PROTEST_SUBS,
    RIOT_SUBS,
    Mention,
    assign_actors,
    criminal_context,
    find_mentions,
    roles_from,
)
from newsevents.nlp.events.background import article_present, background_of
from newsevents.nlp.events.calibration import EventSignals, confidence_model, features_of
from newsevents.nlp.events.counts import fatalities_in
from newsevents.nlp.events.demo import state_show_of_force
from newsevents.nlp.events.interventions import fold_demo_arrests
from newsevents.nlp.events.merge_rules import (
    actors_compatible,
    add_evidence,
    same_happening,
    same_place_and_day,
)
from newsevents.nlp.events.modality import (
    EMITTED,
    absent_spans,
    counted_as_none,
    did_not_happen,
    modality_of,
)
from newsevents.nlp.events.place import article_place, country_place, event_place, usable_places
from newsevents.nlp.events.relevance import SentenceCue, article_logit, article_signals, participants
from newsevents.nlp.events.reporting import reported
from newsevents.nlp.events.scope import for_type, out_of_scope
from newsevents.nlp.events.sense import in_event_sense, settles_conflict
from newsevents.nlp.events.topic import blanked, reference_spans, topic_spans
from newsevents.nlp.events.types import (
    CueMatches,
    Roles,
    Typing,
    acled_event_types,
    classify,
    event_type_of,
    find_cues,
    is_verbal,
    note_prefix_type,
    plover_of,
    taxonomy,
    type_window,
)
from newsevents.nlp.events.types_lexicon import AMBIGUOUS_TRIGGER, FALLBACK_PREFIXES, SIZE_TAG
from newsevents.nlp.events.when import dates_a_thing, event_time, fallback_times
from newsevents.resolve.actors import countries_in, country_of
from newsevents.typing_model import configured_model

log = logging.getLogger(__name__)

DEMO_SUBS = PROTEST_SUBS | RIOT_SUBS
DEMO_TYPES = frozenset({"Protests", "Riots"})
DEPLOYMENT = "Change to group/activity"
# Sentences after a demonstration that only describe the response to it ("Police dispersed
# them", "two were arrested") are folded into it rather than made separate events.
ABSORBABLE_TYPES = frozenset(
    {
        "Protests",
        "Riots",
        "Violence against civilians",
        "Strategic developments",
        "Statement",
        "Battles",
        "Diplomacy",
        "Political measure",
    }
)
MAX_ABSORBED = 3  # how many following sentences a demonstration may look at (notes: 1-4 sentences)
LEAD_BONUS = 0.1  # the first event sentence of a report usually states its main event
ARG_BONUS = 0.04  # per argument found (actor1, place, day-precision date)
MODALITY_FACTOR = {"asserted": 1.0, "claimed": 0.85, "denied": 0.5}
AGGREGATE_FACTOR = 0.7  # summary claims rank below single happenings
_AGGREGATE_OBJECT = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|several|"
    r"many|scores of|hundreds of)\s+(?:\w+\s+){0,2}?(capitals|cities|towns|villages|districts|"
    r"provinces|areas|bases|checkpoints|posts|territories|regions|countries|camps)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Candidate:
    """One event sentence before arguments are resolved."""

    sent: Span
    typing: Typing
    window: str  # the sentence text plus absorbed follow-up sentences
    mentions: list[Mention]
    extra: list[Span] = field(default_factory=list)  # absorbed follow-up sentences
    aggregate: bool = False


def _article_country(ann: Annotations, text: str) -> str | None:
    """The country most places (or, failing that, country words) of the article point at."""
    counts: dict[str, int] = {}
    for p in ann.places:
        if p.country:
            name = country_of(p.country) or p.country
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        for _s, _e, ctry in countries_in(text):
            counts[ctry] = counts.get(ctry, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda k: counts[k])


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token covering a character offset."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _type_sentence(
    doc: Doc, sent: Span, ann: Annotations, country: str | None, first: bool
) -> _Candidate | None:
    """Type one sentence, with the note prefix applying to the first sentence."""
    text = sent.text
    mentions = find_mentions(doc, sent.start_char, sent.end_char, ann.entities, country)
    cues = find_cues(text)
    roles = roles_from(mentions, text.lower())
    absent = absent_spans(sent, cues)
    if absent:
        cues, first_typing = _typed_without(sent, absent, roles)
    else:
        first_typing = type_window(text, roles, cues)
    typing = _in_sense(sent, roles, first_typing, absent)
    if typing is not None and typing.sub_event_type == "Agreement" and not settles_conflict(text):
        typing = replace(typing, event_type=event_type_of(ACCORD), sub_event_type=ACCORD)
    if typing is not None and typing.event_type in DEMO_TYPES and "protest" in cues:
        typing = _demo_typing(sent, roles, typing, mentions)
    if typing is not None and typing.event_type in acled_event_types():
        typing = _without_references(sent, roles, typing)
    prefix = note_prefix_type(text) if first else None
    if prefix is not None:
        anchor = typing.span if typing else (0, min(len(text), text.find(":") + 1 or 1))
        typing = Typing(prefix[0], prefix[1], "prefix", anchor, 0.9)
    if typing is None:
        return None
    return _Candidate(sent, _with_user_model(text, typing), text, mentions)


def _typed_without(
    sent: Span, spans: list[tuple[int, int]], roles: Roles
) -> tuple[CueMatches, Typing | None]:
    """The cues and the type of the sentence with the given spans blanked."""
    masked = blanked(sent.text, spans)
    cues = find_cues(masked)
    return cues, type_window(masked, roles, cues)


ACCORD = "Accord"  # an agreement outside any conflict: diplomacy, not a strategic development


def _none_at(sent: Span, typing: Typing) -> bool:
    """Whether the trigger is a happening counted as none ("no riots are taking place", "no
    injuries"): the sentence may still tell another of its own ("... but looting is reported")."""
    return counted_as_none(_token_at(sent.doc, sent.start_char + typing.span[0]))


SENSE_RETRIES = 4  # triggers set aside in one sentence before it is taken to report nothing


def _in_sense(
    sent: Span, roles: Roles, typing: Typing | None, absent: list[tuple[int, int]]
) -> Typing | None:
    """The sentence typed by a trigger used in its event sense: a trigger in an everyday sense
    ("a press conference held by", "a custody battle") is set aside and the sentence typed again,
    still without the happenings it says are ``absent``."""
    aside: list[tuple[int, int]] = list(absent)
    for _ in range(SENSE_RETRIES):
        if typing is None or (in_event_sense(sent, typing.cue, typing.span) and not _none_at(sent, typing)):
            return typing
        aside.append(typing.span)
        retyped = _typed_without(sent, aside, roles)[1]
        note = f"{sent.text[typing.span[0] : typing.span[1]]!r} not in its event sense"
        typing = replace(retyped, notes=[*retyped.notes, note]) if retyped is not None else None
    return None


def _without_references(sent: Span, roles: Roles, typing: Typing) -> Typing | None:
    """The sentence typed without the happenings it names by reference ("an inquiry into the
    riots", "riot victims", "questioned in connection with the bombing"): when nothing is left,
    the sentence reports no happening of its own."""
    spans = reference_spans(sent)
    s, e = typing.span
    if not spans or not any(a <= s and e <= b for a, b in spans):
        return typing  # the trigger itself is not a reference
    retyped = _typed_without(sent, spans, roles)[1]
    if retyped is None or retyped.event_type not in acled_event_types():
        return retyped
    return replace(retyped, notes=[*retyped.notes, f"reference set aside: was {typing.sub_event_type}"])


def _demo_typing(sent: Span, roles: Roles, typing: Typing, mentions: list[Mention]) -> Typing:
    """A demonstration typed without the violence it is about ("marched to protest the riots");
    state forces marching with nothing to protest are no demonstration but a deployment ("army
    jawans staged a flag march")."""
    topics = topic_spans(sent)
    retyped = typing
    if topics:
        cues, masked_typing = _typed_without(sent, topics, roles)
        if "protest" not in cues:
            return typing  # the demonstration word itself lies in a topic: nothing to weigh
        retyped = masked_typing or typing
    marching = retyped.event_type in DEMO_TYPES and retyped.cue == "protest"  # the trigger is the march
    if marching and state_show_of_force(sent, mentions, retyped.span, bool(topics)):
        # a deployment, as "troops were deployed" is: the forces change what they do
        note = f"state forces marching: was {typing.sub_event_type}"
        return Typing(event_type_of(DEPLOYMENT), DEPLOYMENT, "change", retyped.span, 0.5, [note])
    if retyped.sub_event_type == typing.sub_event_type:
        return typing
    return replace(retyped, notes=[*retyped.notes, f"topic set aside: was {typing.sub_event_type}"])


# A user-trained model (`newsevents train-typing`, named by $NEWSEVENTS_TYPING_MODEL) re-decides the
# ACLED sub-event type of a sentence the rules typed as an ACLED event, when it is at least this
# sure; the rules still decide whether there is an event at all, and where its trigger is.
MODEL_MIN_PROBABILITY = 0.6


def _with_user_model(text: str, typing: Typing) -> Typing:
    """The rules' typing, or the user-trained model's ACLED type for the same sentence."""
    model = configured_model()
    acled = acled_event_types()
    if model is None or typing.event_type not in acled or typing.cue == "prefix":
        return typing
    event_type, sub, probability = model.predict(text)
    known = event_type in acled and sub in taxonomy().get(event_type, ())
    if not known or probability < MODEL_MIN_PROBABILITY:
        return typing
    if (event_type, sub) == (typing.event_type, typing.sub_event_type):
        return typing
    notes = [*typing.notes, f"model {probability:.2f} over rules {typing.sub_event_type}"]
    return replace(typing, event_type=event_type, sub_event_type=sub, cue="model", notes=notes)


_DEMO_REFERENCE = re.compile(
    r"\b(they|them|their|the (crowds?|groups?|march(es)?|rall(y|ies)|protests?|demonstrations?|"
    r"gatherings?|sit-ins?|participants|students|workers|residents))\b"
    r"|\b(\d+|several|many|dozens|some|one|two|three|four|five|scores)\b.{0,80}\b(were|was) "
    r"(injured|wounded|killed|hurt|arrested|detained)\b",
    re.IGNORECASE,
)


def _about_the_demo(text: str, mentions: list[Mention]) -> bool:
    """Whether a follow-up sentence speaks of the demonstrators or the forces facing them."""
    if any(m.cls in ("military", "police", "protesters", "rioters") for m in mentions):
        return True
    if any(m.cls == "civilians" and m.role == "agent" for m in mentions):
        return True
    return bool(_DEMO_REFERENCE.search(text))


def _fallback_typing(doc: Doc, cands: list[_Candidate | None], ann: Annotations, country: str | None) -> None:
    """Type the first sentence from the note's format when no cue of the text gave any event.

    A crowd-size tag ("[size=dozens]") marks a demonstration, and a labelled prefix without a
    type of its own ("Other: ...") a strategic development; the trigger is the sentence's main verb.
    """
    if not cands or any(c is not None for c in cands):
        return
    sent = next(iter(doc.sents))
    prefix = _PREFIX_LABEL.match(sent.text)
    typed: tuple[str, str] | None = None
    if prefix is not None:
        typed = FALLBACK_PREFIXES.get(prefix.group(1).strip().lower())
    if typed is None and SIZE_TAG.search(doc.text):
        typed = ("Protests", "Peaceful protest")
    if typed is None:
        return
    root = sent.root
    span = (root.idx - sent.start_char, root.idx - sent.start_char + len(root.text))
    mentions = find_mentions(doc, sent.start_char, sent.end_char, ann.entities, country)
    cands[0] = _Candidate(sent, Typing(typed[0], typed[1], "format", span, 0.4), sent.text, mentions)


_PREFIX_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z /-]{2,40}):\s")


def _told(sent: Span) -> str:
    """A sentence with its topics and references blanked: what it tells of its own happening."""
    return blanked(sent.text, topic_spans(sent) + reference_spans(sent))


def _modality(sent: Span, typing: Typing, ann: Annotations) -> Modality:
    """The modality of the typed sentence's trigger."""
    t_start, _ = _trigger_bounds(sent, typing)
    return modality_of(sent, t_start, _token_at(sent.doc, t_start), ann.quotes)


def _absorb(
    doc: Doc,
    cands: list[_Candidate | None],
    ann: Annotations,
    country: str | None,
    skipped: frozenset[int] = frozenset(),
) -> None:
    """Fold response sentences into the demonstration before them and re-type it (never a
    ``skipped`` sentence, which is not the article's text). A demonstration that is no event
    (rumoured, planned, hypothetical) takes nothing: what follows it is told for itself."""
    _fallback_typing(doc, cands, ann, country)
    sents = list(doc.sents)
    for i, cand in enumerate(cands):
        if cand is None or cand.typing.sub_event_type not in DEMO_SUBS:
            continue
        if _modality(cand.sent, cand.typing, ann) not in EMITTED:
            continue
        for j in range(i + 1, min(len(cands), i + 1 + MAX_ABSORBED)):
            nxt = cands[j]
            if j in skipped or (nxt is not None and nxt.typing.event_type not in ABSORBABLE_TYPES):
                break
            sent = nxt.sent if nxt is not None else sents[j]
            mentions = (
                nxt.mentions
                if nxt is not None
                else find_mentions(doc, sent.start_char, sent.end_char, ann.entities, country)
            )
            if not _about_the_demo(sent.text, mentions):
                if nxt is not None and not is_verbal(nxt.typing.sub_event_type):
                    break  # an event of its own that is not about the demonstration
                continue  # background ("Cities include ..."): look one sentence further
            cand.extra.append(sent)
            cand.mentions += mentions
            cands[j] = None
        if cand.extra:
            window = " ".join([cand.sent.text, *(s.text for s in cand.extra)])
            # typed as one, each sentence without what it is about or names by reference
            told = " ".join(_told(s) for s in [cand.sent, *cand.extra])
            retyped = classify(told, roles_from(cand.mentions, window.lower()))
            extra_cues = find_cues(" ".join(_told(s) for s in cand.extra))
            riot_allowed = cand.typing.sub_event_type in RIOT_SUBS or "riot_violence" in extra_cues
            if (
                retyped is not None
                and retyped.sub_event_type in DEMO_SUBS
                and (retyped.sub_event_type not in RIOT_SUBS or riot_allowed)
            ):
                span = retyped.span if retyped.span[1] <= len(cand.sent.text) else cand.typing.span
                cand.typing = Typing(
                    retyped.event_type, retyped.sub_event_type, retyped.cue, span, retyped.strength
                )
            cand.window = window


def _aggregate_triggers(sent: Span, primary: Typing) -> list[Typing]:
    """Further territorial triggers of the sentence whose object is a count of places."""
    out = []
    text = sent.text
    for m in re.finditer(r"\b(overr[au]n|seiz(?:ed|e)|captur(?:ed|e)|took|taken|gained)\b", text, re.I):
        if m.start() == primary.span[0]:
            continue
        if _AGGREGATE_OBJECT.match(text[m.end() :]):
            sub = (
                primary.sub_event_type
                if primary.event_type == "Battles"
                else ("Non-state actor overtakes territory")
            )
            out.append(Typing(event_type_of(sub), sub, "overtake", (m.start(), m.end()), 0.7))
    return out


def _is_aggregate(sent: Span, typing: Typing) -> bool:
    """Whether the trigger reports many happenings at once ("overran 10 capitals in a week")."""
    after = sent.text[typing.span[1] :]
    return bool(_AGGREGATE_OBJECT.match(after))


def _trigger_bounds(sent: Span, typing: Typing) -> tuple[int, int]:
    """Document offsets of the whole words covering the trigger match."""
    start = sent.start_char + typing.span[0]
    end = sent.start_char + typing.span[1]
    span = sent.doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None:
        return start, end
    return span.start_char, span.end_char


MAX_ACTOR_TOKENS = 8  # longer subjects are clauses rather than names (chosen by reading parses)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "obj", "dative"})


def _phrase_actor(tok: Token) -> Actor | None:
    """An actor from a noun phrase headed by ``tok`` (its name words, without determiners)."""
    if tok.pos_ not in ("PROPN", "NOUN") and not tok.ent_type_:
        return None
    if not can_act(tok):
        return None
    words = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("compound", "flat", "appos")]
    words = [t for t in words if t.dep_ not in ("det", "punct", "poss", "case") or t.i == tok.i]
    if not words or len(words) > MAX_ACTOR_TOKENS:
        words = [t for t in tok.lefts if t.dep_ in ("compound", "amod")] + [tok]
    text = tok.doc[words[0].i : words[-1].i + 1].text.strip()
    return Actor(name=text, text=text) if text else None


def _speaker_and_addressee(trig: Token | None) -> tuple[Actor | None, Actor | None]:
    """Who made the statement or took the measure (the clause subject) and its object."""
    if trig is None:
        return None, None
    verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
    for _ in range(3):  # climb "has threatened to", "was prepared to" to the finite verb
        if any(c.dep_ in _SUBJECTS for c in verb.children) or verb.head is verb:
            break
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    obj = next((c for c in verb.children if c.dep_ in _OBJECTS and c.pos_ == "PROPN"), None)
    return (
        _phrase_actor(subj) if subj is not None else None,
        _phrase_actor(obj) if obj is not None else None,
    )


def _build(
    cand: _Candidate,
    typing: Typing,
    ann: Annotations,
    times: list[TimeExpr],
    default_time: TimeExpr | None,
    published: date | None,
    country: str | None,
    fallback_place: Place | None,
    aggregate: bool,
) -> Event | None:
    """One Event from a typed sentence, or None when its modality is not an event."""
    doc = cand.sent.doc
    t_start, t_end = _trigger_bounds(cand.sent, typing)
    trig_tok = _token_at(doc, t_start)
    modality = modality_of(cand.sent, t_start, trig_tok, ann.quotes)
    if modality not in EMITTED:
        log.debug("not an event (%s): %r", modality, cand.sent.text[:80])
        return None
    sent_span = (cand.sent.start_char, cand.sent.end_char)
    when = event_time(times, sent_span, t_start, published, default_time)
    if aggregate:
        place = country_place(ann.places, country) or None
    else:
        place = event_place(ann.places, doc_text(doc), sent_span, t_start) or fallback_place
    ev_country = country_of(place.country) or place.country if place and place.country else country
    criminal = criminal_context(cand.window)
    actor1, actor2 = assign_actors(typing.sub_event_type, cand.mentions, ev_country, criminal)
    if is_verbal(typing.sub_event_type):
        speaker, addressee = _speaker_and_addressee(trig_tok)
        actor1, actor2 = actor1 or speaker, actor2 or addressee
    against_state = actor2 is not None and actor2.kind == "government"
    plover, mode = plover_of(typing.sub_event_type, against_state)
    fatalities = fatalities_in(cand.window)
    if fatalities is None and typing.event_type in acled_event_types():
        fatalities = 0  # ACLED records 0 when no deaths are reported
    evidence = [Evidence(ann.article_id, cand.sent.start_char, cand.sent.end_char, cand.sent.text)]
    evidence += [Evidence(ann.article_id, s.start_char, s.end_char, s.text) for s in cand.extra]
    found = sum(x is not None for x in (actor1, place)) + (when.precision == "day")
    conf = typing.strength * MODALITY_FACTOR.get(modality, 0.5) + ARG_BONUS * found
    if aggregate:
        conf *= AGGREGATE_FACTOR
    return Event(
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        trigger=cand.sent.text[t_start - cand.sent.start_char : t_end - cand.sent.start_char],
        trigger_start=t_start,
        trigger_end=t_end,
        plover_event=plover,
        plover_mode=mode,
        actor1=actor1,
        actor2=actor2,
        place=place,
        date=when.date,
        end_date=when.end_date,
        time_precision="week" if aggregate and when.precision == "day" else when.precision,
        time_text=when.text,
        modality=modality,
        fatalities=fatalities,
        evidence=evidence,
        confidence=round(min(conf, 0.99), 4),
        article_id=ann.article_id,
        sources=[ann.article_id] if ann.article_id else [],
        aggregate=aggregate,
    )


# Modalities of what did not (yet) happen: such an event never grades a real one.
UNREAL_MODALITIES = frozenset({"future", "hypothetical", "risk", "denied"})
# When two sentences tell of one demonstration, the graver reading wins.
DEMO_GRAVITY = {
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Excessive force against protesters": 2,
    "Violent demonstration": 3,
    "Mob violence": 3,
}


def _add_evidence(kept: Event, new: Event) -> None:
    """Add another report's sentences (in text order) and, when it alone has them, its deaths."""
    add_evidence(kept, new)
    if new.fatalities and not kept.fatalities:
        kept.fatalities = new.fatalities


def _merge_into(kept: Event, new: Event) -> None:
    """Add a second report of the same happening: evidence, missing arguments, confidence."""
    # an aim, a plan or a risk does not grade what happened ("it was to create communal riots")
    surer = new.modality not in UNREAL_MODALITIES or kept.modality in UNREAL_MODALITIES
    if surer and DEMO_GRAVITY.get(new.sub_event_type, -1) > DEMO_GRAVITY.get(kept.sub_event_type, 99):
        kept.event_type, kept.sub_event_type = new.event_type, new.sub_event_type
        kept.plover_event, kept.plover_mode = new.plover_event, new.plover_mode
        kept.actor1, kept.actor2 = new.actor1 or kept.actor1, new.actor2 or kept.actor2
    _add_evidence(kept, new)
    kept.actor1 = kept.actor1 or new.actor1
    kept.actor2 = kept.actor2 or new.actor2
    kept.place = kept.place or new.place
    if kept.date is None:
        kept.date, kept.time_precision, kept.time_text = new.date, new.time_precision, new.time_text
    kept.confidence = round(min(0.99, max(kept.confidence, new.confidence) + 0.03), 4)


UNMEASURED_CAP = 0.49  # the political categories' confidence is not calibrated: never "likely"


@dataclass(slots=True)
class Scored:
    """A candidate event with the features its confidence is computed from."""

    event: Event
    features: dict[str, float]


def _participant_agent(mentions: list[Mention]) -> bool:
    """Whether an armed, state or crowd actor acts in the sentence (not only reports or suffers)."""
    return any(m.role == "agent" for m in participants(mentions))


SCOPE_REACH = 60  # characters either side of the trigger in which an exclusion word counts


def _around(text: str, start: int, end: int) -> str:
    """The words within `SCOPE_REACH` characters of a trigger: what the trigger is said of. A word
    cut by the window's edge is left out ("been" cut to "bee" is no insect)."""
    lo, hi = max(0, start - SCOPE_REACH), end + SCOPE_REACH
    while 0 < lo < start and not text[lo - 1].isspace():
        lo += 1
    while end < hi < len(text) and not text[hi].isspace():
        hi -= 1
    return text[lo:hi]


# The kinds of event that make an article one about political violence or protest: an arrest it
# tells ("arrested 62 persons", "14 foreigners were detained") belongs to that conflict.
CONFLICT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Riots", "Protests", "Violence against civilians"}
)


def _political_arrest(cand: _Candidate, conflict_article: bool) -> bool:
    """Whether an arrest is of the codebook's kind: a political or armed actor in its sentence, or
    an article that reports political violence or protest."""
    return conflict_article or political(cand.mentions, cand.window)


def _signals(
    ev: Event,
    cand: _Candidate,
    ann: Annotations,
    times: list[TimeExpr],
    present: date | None,
    lead: bool,
    conflict_article: bool,
) -> EventSignals:
    """What an event's own sentence says, for its confidence."""
    lo, hi = cand.sent.start_char, cand.sent.end_char
    sent_times = [t for t in times if lo <= t.start < hi]
    trig = _token_at(cand.sent.doc, ev.trigger_start)
    fits_agent = agent_fits(ev.event_type, trig, cand.mentions)
    scope = for_type(
        out_of_scope(_around(cand.sent.text, ev.trigger_start - lo, ev.trigger_end - lo)), ev.event_type
    )
    organised = fits_agent or any(m.cls in ARMED for m in cand.mentions)
    if scope.crime and organised and ev.sub_event_type != "Arrests":
        # crime words with an organised, state or crowd actor: police raids, gang killings, mob
        # justice are in scope; crime by individuals is not, nor is the arrest of a suspect
        scope = replace(scope, crime=False)
    if ev.sub_event_type == "Arrests" and not _political_arrest(cand, conflict_article):
        # the codebook's arrests are of activists, militants, party members: the arrest of "a
        # man" or "13 people" with no political or armed actor in sight is ordinary policing
        scope = replace(scope, crime=True)
    return EventSignals(
        event_type=ev.event_type,
        cue_score=ev.confidence,
        strength=cand.typing.strength,
        ambiguous=bool(AMBIGUOUS_TRIGGER.match(ev.trigger.strip())),
        participant_agent=_participant_agent(cand.mentions),
        participants=len(participants(cand.mentions)),
        fits_type=fits_type(ev.event_type, cand.mentions, cand.window),
        agent_fits=fits_agent,
        political=political(cand.mentions, cand.window),
        verbal=verbal_trigger(trig),
        own_date=any(t.precision == "day" and t.date is not None for t in sent_times),
        civilian_victims=any(m.cls == "civilians" and m.role != "agent" for m in cand.mentions),
        fatalities=bool(ev.fatalities),
        has_place=ev.place is not None,
        day_date=ev.time_precision == "day",
        modality=ev.modality,
        in_quote=any(q.start <= ev.trigger_start < q.end for q in ann.quotes),
        background=background_of(
            cand.sent.text,
            lo,
            sent_times,
            present,
            ev.trigger_start,
            frozenset(t.start for t in sent_times if dates_a_thing(cand.sent.doc, t)),
        ),
        criminal=criminal_context(cand.window),
        scope=scope,
        lead=lead,
        reports=len(ev.evidence),
    )


# What a fight, a blast or a riot leaves behind ("the blast killed 40 people", "shops were set on
# fire", "forces were deployed") is part of that happening, not an event of its own, unless the
# sentence names its own perpetrator; what security forces do after it is their response to it.
LOOTING = "Looting/property destruction"
CONSEQUENCE_SUBS = frozenset({"Attack", LOOTING, "Change to group/activity"})
# What security forces do after the violence told before it: deploy ("army columns have taken
# position"), seize the fighters' arms and vehicles ("Following the battle, the army seized a huge
# arsenal", "the army confiscated four cars and weapons").
RESPONSE_SUBS = frozenset({DEPLOYMENT, "Disrupted weapons use", LOOTING})
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Riots"})


def _fold_into_nearest(hosts: list[Event], ev: Event) -> Event:
    """Add ``ev``'s evidence to the host told nearest to it, which is returned."""
    host = min(hosts, key=lambda v: abs(v.trigger_start - ev.trigger_start))
    _add_evidence(host, ev)
    return host


def _absorb_consequences(events: list[Event], origin: dict[int, tuple[_Candidate, bool]]) -> list[Event]:
    """Fold consequence sentences without a perpetrator of their own into the article's violence."""
    violent = [e for e in events if e.event_type in VIOLENT_TYPES and not e.aggregate]
    if not violent:
        return events
    kept: list[Event] = []
    for ev in events:
        cand = origin[id(ev)][0]
        armed = [m for m in cand.mentions if m.cls in ARMED and m.role not in ("patient", "source")]
        # forces sent in to restore order ("army columns have taken position") respond to the
        # violence told before them; an armed group's change of activity is its own, and so is a
        # measure the text leads with ("Turkish forces closed Afrin's entrances. This followed ...")
        responding = (
            ev.sub_event_type in RESPONSE_SUBS
            and all(m.cls in ("military", "police") for m in armed)
            and any(v.trigger_start < ev.trigger_start for v in violent)
        )
        consequence = ev.sub_event_type in CONSEQUENCE_SUBS and not armed
        # violence told after a consequence may be its happening ("communal violence continued,
        # killing five ... trouble broke out after a mob set a colony on fire"), if it happened there
        # and then: a shooting in Buffalo on Friday is no consequence of a bombing in Alabama in January
        hosts = (
            [
                v
                for v in violent
                if v.trigger_start < ev.trigger_start or (not armed and same_place_and_day(v, ev))
            ]
            if not ev.aggregate and (consequence or responding)
            else []
        )
        if hosts:
            host = _fold_into_nearest(hosts, ev)
            log.debug("%s folded into %s: %r", ev.sub_event_type, host.sub_event_type, ev.trigger)
            continue
        kept.append(ev)
    return kept


def _raid_host(v: Event, looting: Event) -> bool:
    """Whether ``v`` is armed or deadly violence that ``looting`` may be part of: same place, day
    and perpetrators."""
    harmful = v.event_type in VIOLENT_TYPES or (
        v.event_type == "Violence against civilians" and bool(v.fatalities)
    )
    return (
        harmful
        and v is not looting
        and not v.aggregate
        and same_place_and_day(v, looting)
        and actors_compatible(v, looting)
    )


def _fold_raid_looting(events: list[Event]) -> list[Event]:
    """Looting by the perpetrators of armed or deadly violence told in the article is part of it:
    the codebook codes a raid that kills and plunders as the attack ("rustlers stormed a village
    and killed eleven ... the rustlers raided the village"); looting alone, or beside an "attack"
    that harmed nobody ("an arson attack caused material damage"), stays its own event."""
    kept: list[Event] = []
    for ev in events:
        hosts = (
            [v for v in events if _raid_host(v, ev)]
            if ev.sub_event_type == LOOTING and not ev.aggregate
            else []
        )
        if hosts:
            host = _fold_into_nearest(hosts, ev)
            log.debug("looting folded into %s: %r", host.sub_event_type, ev.trigger)
            continue
        kept.append(ev)
    return kept


def _note_label(speaker: str | None) -> bool:
    """Whether a "speaker" is a coded note's label ("Arrests: On 7 May ..."): the note is a
    description, not reported speech."""
    if not speaker:
        return False
    return note_prefix_type(f"{speaker}: ") is not None or speaker.strip().lower() in FALLBACK_PREFIXES


def candidate_events(doc: Doc, ann: Annotations, published: date | None) -> list[Scored]:
    """Every event the cues suggest, with the features that decide whether it is reported."""
    text = doc_text(doc)
    ann = replace(
        ann,
        places=usable_places(ann.places, ann.entities, text),
        quotes=[q for q in ann.quotes if not _note_label(q.speaker)],
    )
    times = ann.times or fallback_times(text, published)
    day_times = [t for t in times if t.date is not None and t.precision == "day"]
    default_time = day_times[0] if day_times else None
    present = article_present(published, times)
    country = _article_country(ann, text)
    sents = list(doc.sents)
    cands: list[_Candidate | None] = []
    links = link_list_spans(text)  # not the article's text: lists of links to other articles
    skipped: set[int] = set()
    for i, sent in enumerate(sents):
        seg = text[sent.start_char : sent.end_char]
        opening = sent.start_char + len(seg) - len(seg.lstrip())
        if any(lo <= opening < hi for lo, hi in links):
            cands.append(None)
            skipped.add(i)
            continue
        cand = _type_sentence(doc, sent, ann, country, first=i == 0)
        trigger = sent.start_char + cand.typing.span[0] if cand is not None else -1
        cands.append(None if any(lo <= trigger < hi for lo, hi in links) else cand)
    _absorb(doc, cands, ann, country, frozenset(skipped))
    acled = acled_event_types()
    art = article_signals(
        len(sents) - len(skipped),
        [
            SentenceCue(c.typing.event_type, c.typing.strength, c.mentions)
            for c in cands
            if c is not None and c.typing.event_type in acled
        ],
        article_logit(text) if any(c is not None for c in cands) else 0.0,
    )

    events: list[Event] = []
    origin: dict[int, tuple[_Candidate, bool]] = {}
    last_place = article_place(ann.places, text)
    kind_place: dict[str, Place] = {}  # a later sentence of one kind continues its kind's place
    lead_given = False
    for cand in cands:
        if cand is None:
            continue
        todo = [(cand.typing, _is_aggregate(cand.sent, cand.typing))]
        if cand.typing.event_type in ("Battles", "Strategic developments"):
            todo += [(t, True) for t in _aggregate_triggers(cand.sent, cand.typing)]
        for typing, aggregate in todo:
            fallback = kind_place.get(typing.event_type, last_place)
            ev = _build(cand, typing, ann, times, default_time, published, country, fallback, aggregate)
            if ev is None:
                continue
            lead = False
            if not lead_given and not aggregate and not is_verbal(ev.sub_event_type):
                ev.confidence = round(min(0.99, ev.confidence + LEAD_BONUS), 4)
                lead_given = lead = True
            if not aggregate and ev.place is not None:
                last_place = kind_place[ev.event_type] = ev.place
            twin = next((e for e in events if same_happening(e, ev)), None)
            if twin is not None:
                _merge_into(twin, ev)
            else:
                events.append(ev)
                origin[id(ev)] = (cand, lead)
    out = []
    events = _absorb_consequences(events, origin)
    events = _fold_raid_looting(events)
    events = fold_demo_arrests(
        events,
        {key: cand.mentions for key, (cand, _) in origin.items()},
        [(s.start_char, s.end_char) for s in sents],
        text,
    )
    conflict = any(c is not None and c.typing.event_type in CONFLICT_TYPES for c in cands)
    for ev in events:
        cand, lead = origin[id(ev)]
        signals = _signals(ev, cand, ann, times, present, lead, conflict)
        if signals.background.past:
            log.debug("background, not news: %s %r", ev.sub_event_type, cand.sent.text[:80])
            continue
        out.append(Scored(ev, features_of(signals, art)))
    return out


def _not_happened(doc: Doc, ev: Event) -> bool:
    """Whether the event's own sentence says it did not take place (a denial by a party does not)."""
    tok = _token_at(doc, ev.trigger_start)
    return tok is not None and did_not_happen(tok.sent, ev.trigger_start, tok)


def extract_events(doc: Doc, ann: Annotations, published: date | None) -> list[Event]:
    """Events the article reports, with calibrated confidences, using the annotations already found.

    Candidates of the six ACLED types get their confidence from the shipped confidence model and
    are reported at or above its threshold when the article's most probable event reaches a bar
    that rises with the article's length (`reporting.reported`), and never when the text says they
    did not happen.
    The political categories (statements, diplomacy, measures) have no labelled data to calibrate
    on: they keep the cue-based score, capped below `UNMEASURED_CAP` so that nothing unmeasured is
    ever presented as likely.
    """
    model = confidence_model()
    acled = acled_event_types()
    kept: list[tuple[Event, float | None]] = []
    for cand in candidate_events(doc, ann, published):
        ev = cand.event
        ev.salience = ev.confidence  # the cue-based score: which event the article tells most
        if ev.event_type in acled and ev.modality == "denied" and _not_happened(doc, ev):
            log.debug("did not happen, not reported: %s %r", ev.sub_event_type, ev.trigger)
            continue  # the text says it did not happen ("police did not arrest anyone")
        if model is not None and ev.event_type in acled:
            kept.append((ev, model.probability(cand.features)))
        else:
            if model is not None:
                ev.confidence = round(min(ev.confidence, UNMEASURED_CAP), 4)
            kept.append((ev, None))
    if model is None:
        return [ev for ev, _ in kept]
    probabilities = [p for _, p in kept if p is not None]
    verdicts = iter(reported(probabilities, len(doc_text(doc)), model.report_threshold))
    out: list[Event] = []
    for ev, p in kept:
        if p is not None:
            if not next(verdicts):
                log.debug("not reported (p=%.2f): %s %r", p, ev.sub_event_type, ev.trigger)
                continue
            ev.confidence = round(p, 4)
        out.append(ev)
    return out
