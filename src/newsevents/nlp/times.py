"""Time expressions, normalised TIMEX3-style against the publication date.

Detection is a rule grammar over the text (``times_rules``), not spaCy's DATE/TIME entities, so
"Thursday", "last week", "a year ago", "now" or "27/04/2020" are found whatever the model says.
Bare weekdays, months and month-days take their direction from the tense of the verb that
governs them: "Taliban seized Ghazni Thursday" in a story of Friday 2021-08-13 is 2021-08-12,
"talks will resume Thursday" is 2021-08-19.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsevents.models import TimeExpr, TimePrecision
from newsevents.nlp.doctext import doc_text
from newsevents.nlp.regex_literals import GateSet
from newsevents.nlp.times_context import Context, Norm, Rule
from newsevents.nlp.times_rules import RULES
from newsevents.resolve.calendar import Direction, value_range

log = logging.getLogger(__name__)

FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
MODAL_AUX = {"would", "might", "may", "should", "must", "'d"}  # not "could": often past ability
# Heads of a to-infinitive that make it future ("plans to meet Friday").
FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "want", "hope", "intend", "aim", "agree",
                "decide", "vow", "promise", "threaten", "prepare", "seek", "try", "going",
                "likely"}  # fmt: skip
PAST_REPORTING = {"say", "tell", "report", "announce", "confirm", "claim", "add", "state"}
# How far up the dependency tree a time expression may be from its verb (tokens); 4 covers
# "on the night of 26-27 April" (prep -> pobj -> nummod) without climbing into other clauses.
MAX_HEAD_STEPS = 4
# Confidence per rule: explicit calendar dates are near certain, tense-resolved weekdays and
# months less so, vague references least (chosen by judgement, not tuned).
RULE_CONFIDENCE = {"iso": 0.95, "slash": 0.85, "day_month": 0.9, "month_day": 0.9,
                   "month_year": 0.9, "year": 0.85, "weekday": 0.75, "month": 0.7,
                   "ref": 0.6, "vague_plural": 0.5, "bare_plural": 0.5}  # fmt: skip
DEFAULT_CONFIDENCE = 0.7


def extract_times(doc: Doc, published: date | None) -> list[TimeExpr]:
    """Time expressions of the Doc with normalised values, in text order."""
    text = doc_text(doc)
    ctx = Context(
        text=text,
        dct=published,
        day_first=_day_first(text),
        ent_labels=[(e.start_char, e.end_char, e.label_) for e in doc.ents],
    )
    selected = _select(_candidates(ctx))
    ctx.last_quarter = _first_quarter(selected, ctx)
    out: list[TimeExpr] = []
    for start, end, rule, match in selected:
        ctx.direction = _direction(doc, start, end)
        norm = _normalise(rule, match, ctx)
        if norm is None:
            continue
        out.append(_to_timex(start, end, text[start:end], rule.name, norm))
        if norm.type in ("DATE", "TIME") and re.match(r"\d{4}", norm.value) and rule.name != "anchored":
            ctx.anchor = norm.value
    return out


def governing_time(doc: Doc, token_index: int, times: list[TimeExpr]) -> TimeExpr | None:
    """The time expression that dates the word at ``token_index`` (an event trigger), if any.

    Only DATE and TIME expressions of the same sentence are considered. One syntactically
    attached to the trigger's clause wins (its head chain reaches the trigger before any
    other verb), then one whose head chain reaches the trigger at all, then the nearest.
    """
    token = doc[token_index]
    sent = token.sent
    best: tuple[int, int, int] | None = None
    chosen: TimeExpr | None = None
    for tx in times:
        if tx.type not in ("DATE", "TIME"):
            continue
        if tx.start < sent.start_char or tx.end > sent.end_char:
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if _clause_verb(root) == token or root.head == token:
            rank = 0
        elif token in root.ancestors:
            rank = 1
        else:
            rank = 2
        distance = min(abs(root.i - token.i), abs(span.start - token.i), abs(span.end - 1 - token.i))
        key = (rank, distance, tx.start)
        if best is None or key < best:
            best, chosen = key, tx
    return chosen


def _normalise(rule: Rule, match: re.Match[str], ctx: Context) -> Norm | None:
    """Run a rule's normaliser; arithmetic off the calendar ("1000000 days ago") drops the match."""
    try:
        return rule.handler(match, ctx)
    except (ValueError, OverflowError) as exc:
        log.debug("time expression %r dropped (%s: %s)", match.group(0), type(exc).__name__, exc)
        return None


@lru_cache(maxsize=1)
def _gates() -> GateSet:
    """The rules' literal gates, by rule rank."""
    return GateSet.of_patterns([rule.pattern for rule in RULES])


def _candidates(ctx: Context) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    """Every match of every rule that its handler accepts, as (start, end, rule rank, rule, match)."""
    probe = replace(ctx)
    found = []
    admitted = _gates().admitted(ctx.text)
    for rank, rule in enumerate(RULES):
        if rank not in admitted:
            continue  # the text lacks every literal a match of this rule needs
        for m in rule.pattern.finditer(ctx.text):
            if m.end() <= m.start():
                continue
            start, end = _trim(ctx.text, m.start(), m.end())
            if end <= start:
                continue
            if _normalise(rule, m, probe) is None:
                continue
            found.append((start, end, rank, rule, m))
    return found


def _select(
    cands: list[tuple[int, int, int, Rule, re.Match[str]]],
) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Non-overlapping matches, longest first (then the earlier rule), in text order."""
    taken: list[tuple[int, int, Rule, re.Match[str]]] = []
    used = bytearray(max((c[1] for c in cands), default=0))  # characters already covered
    for start, end, _rank, rule, m in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(used[start:end]):
            continue
        used[start:end] = b"\x01" * (end - start)
        taken.append((start, end, rule, m))
    taken.sort(key=lambda t: t[0])
    return taken


def _first_quarter(
    selected: list[tuple[int, int, Rule, re.Match[str]]], ctx: Context
) -> tuple[int, int] | None:
    """The first quarter the text names: "a year ago" before it in a results story means that quarter."""
    probe = replace(ctx)
    for _start, _end, rule, match in selected:
        if rule.name == "quarter" and _normalise(rule, match, probe) is not None and probe.last_quarter:
            return probe.last_quarter
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip surrounding spaces and punctuation from a span."""
    while start < end and not text[start].isalnum() and text[start] not in "'’":
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".'’":
        end -= 1
    return start, end


def _day_first(text: str) -> bool:
    """Whether numeric dates of the text read day-first (04/05/2020 = 4 May); default yes."""
    for m in re.finditer(r"(?<![\d/])(\d{1,2})/(\d{1,2})/\d{2,4}(?![\d/])", text):
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b:
            return True
        if b > 12 >= a:
            return False
    return True


def _clause_verb(tok: Token) -> Token | None:
    """The verb a token hangs from (itself when it is one), within ``MAX_HEAD_STEPS``."""
    for _ in range(MAX_HEAD_STEPS + 1):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i or tok.head == tok:
            return None
        tok = tok.head
    return None


def _direction(doc: Doc, start: int, end: int) -> Direction:
    """Past or future, from the tense of the verb governing the span; nearest when unknown."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "nearest"
    head = span.root.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head  # "seized Ghazni on Thursday": prep -> verb
    if head.pos_ not in ("VERB", "AUX"):
        return "nearest"  # attached to a noun ("Wednesday's ruling"): no tense to read
    return verb_tense(head)


def verb_tense(verb: Token) -> Direction:
    """Past, future or nearest for a verb, from its tag and auxiliaries."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & FUTURE_AUX or words & MODAL_AUX:
        return "future"
    if "to" in words:
        if any(a.lower_ == "had" for a in verb.head.children):
            return "past"  # "had been due to expire Friday"
        if verb.head.lemma_ in FUTURE_HEADS or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
            return "future"
        return verb_tense(verb.head)  # "met to mark the accession on Friday": the head's tense
    if any(a.lower_ == "going" for a in verb.head.children) and verb.tag_ == "VB":
        return "future"
    tags = {verb.tag_} | {a.tag_ for a in aux}
    if tags & {"VBD"}:
        return "past"
    if verb.tag_ == "VBN":
        return "past"
    if verb.tag_ == "VBG":
        return "future" if tags & {"VBZ", "VBP"} else "nearest"
    if verb.tag_ in ("VBZ", "VBP"):
        return "past" if verb.lemma_ in PAST_REPORTING else "future"
    return "nearest"


def _to_timex(start: int, end: int, text: str, rule: str, norm: Norm) -> TimeExpr:
    """Build the record, with the day range the value points at."""
    precision: TimePrecision = "unknown"
    first: date | None = None
    last: date | None = None
    if norm.type in ("DATE", "TIME"):
        precision, first, last = value_range(norm.value)
    if norm.end is not None and first is not None:
        last = norm.end
    return TimeExpr(
        start=start,
        end=end,
        text=text,
        type=norm.type,
        value=norm.value,
        precision=precision,
        date=first,
        end_date=last,
        confidence=RULE_CONFIDENCE.get(rule, DEFAULT_CONFIDENCE),
    )
