"""Scorer for sentence-labelled police-action sets: labels read off the events of whole articles."""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.eval.event_common import annotated
from newsevents.eval.io import PredictionWriter
from newsevents.models import Event

log = logging.getLogger(__name__)

LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
METRICS = (
    *(f"{lab.lower()}_{m}" for lab in LABELS for m in ("precision", "recall", "f1")),
    "micro_f1",
    "n",
)

# Police and other security forces as the text names them (Indian usage included).
_FORCES = re.compile(
    r"\b(police\w*|cops?|constab\w*|jawans?|crpf|bsf|rapid action force|security forces?|"
    r"security personnel|paramilitary|army|troops|soldiers|commandos?|sp|ssp|dcp|dgp|"
    r"station house officer|sho)\b",
    re.IGNORECASE,
)
# The forces' failure to act: what the sentence labels call FAIL (failing to prevent,
# standing by, inaction, complicity), read from the wording since no event stands for it.
_FAILURE = re.compile(
    r"\b(fail(ed|s|ure)? to|failure|unable to|not able to|could not|couldn't|did not|didn't|"
    r"inaction|inactive|mute spectators?|stood by|looked on|looked the other way|did nothing|"
    r"connivance|conniv\w+|complicity|complicit|lapses?|negligen\w+|dereliction|apathy|"
    r"go scot-free|shielding|partisan|lack of (\w+ )?action|mute (witness|spectators?)|stood mute|"
    r"indifferen\w+|allowed the (mobs?|crowds?|people|rioters)|readily obliged|no concerted effort|"
    r"fail\w* in (its|their|his) duty|no action was taken|turned a blind eye)\b",
    re.IGNORECASE,
)
# The state as the party failing to act ("the state failed in its duty").
_AUTHORITY = re.compile(
    r"\b(the state|state government|government|administration|authorities)\b", re.IGNORECASE
)
# Sub-event types in which the forces use force against people.
FORCE_SUBS = frozenset(
    {
        "Protest with intervention",
        "Excessive force against protesters",
        "Armed clash",
        "Attack",
        "Mob violence",
        "Violent demonstration",
        "Shelling/artillery/missile attack",
        "Grenade",
    }
)
# Sub-event types that are themselves the forces' use of force against demonstrators.
STATE_FORCE_SUBS = frozenset({"Protest with intervention", "Excessive force against protesters"})
# Words of the forces using force (firing, lathi / baton charges, tear gas, encounters).
_FORCE_USE = re.compile(
    r"(?<!set )(?<!on )(?<!caught )\bfir(e|ed|es|ing)\b(?! (to|brigade|tenders?|engines?)\b)|"
    r"\b(opened fire|shot|shoot\w*|bullets?|rounds|lathi\w*|baton\w*|cane-?charg\w*|"
    r"tear-?\s?gas\w*|teargas\w*|encounter|rubber|pellets?|charged|beat(en|ing)?|thrashed)\b",
    re.IGNORECASE,
)
# An arrest told in the sentence itself: arrests made at a demonstration are its intervention
# (ACLED), and the sentence that tells them is still an arrest sentence.
_ARREST = re.compile(
    r"\b(arrest\w*|detain\w*|detention|nabbed|held|taken into custody|rounded up|picked up)\b", re.IGNORECASE
)
# A death told in the sentence itself: a merged event's count must not label every sentence.
_DEATH = re.compile(
    r"\b(kill\w*|died|dead|deaths?|bodies|body|succumbed|lost (their|his|her) li\w+|"
    r"fatal\w*|lives|casualties|massacre\w*|murder\w*)\b",
    re.IGNORECASE,
)
# Sub-event types that are killings whether or not a death count was read.
KILLING_SUBS = frozenset({"Suicide bomb"})


# Shorter sentences reached only by an event's evidence are fragments (bylines, headlines, menus);
# chosen on the first 3,000 dev sentences, where no fragment this short carried a gold label.
MIN_EVIDENCE_WORDS = 6


@dataclass(frozen=True, slots=True)
class SentenceEvent:
    """What the label mapping needs from one event anchored in a sentence."""

    sub_event_type: str
    fatalities: int | None
    forces_involved: bool  # an actor is a police / security force


def forces_named(text: str) -> bool:
    """Whether the text names police or other security forces."""
    return bool(_FORCES.search(text))


def labels_for(sentence: str, events: Iterable[SentenceEvent]) -> set[str]:
    """The labels a sentence gets from the events anchored in it (see docs/quality/events.md)."""
    evs = list(events)
    forces_here = forces_named(sentence)
    force_used = bool(_FORCE_USE.search(sentence))
    out: set[str] = set()
    arrest_told = bool(_ARREST.search(sentence))
    for ev in evs:
        intervention_arrest = ev.sub_event_type == "Protest with intervention" and arrest_told
        if ev.sub_event_type == "Arrests" or intervention_arrest:
            out.add("ARREST")
        if not (ev.forces_involved or forces_here):
            continue
        out.add("ANY_ACTION")
        state_force = ev.sub_event_type in STATE_FORCE_SUBS and not intervention_arrest
        if ev.sub_event_type in FORCE_SUBS and (state_force or force_used):
            out.add("FORCE")
            # a protest with intervention's deaths are its own only where the sentence tells the
            # force ("killed in police firing"), not what was protested ("the torching which killed")
            own = ev.sub_event_type != "Protest with intervention" or force_used
            told_deaths = own and (ev.fatalities or 0) > 0
            killing = told_deaths and bool(_DEATH.search(sentence))
            if killing or ev.sub_event_type in KILLING_SUBS:
                out.add("KILL")
    if "ARREST" in out:
        out.add("ANY_ACTION")
    if (forces_here or _AUTHORITY.search(sentence)) and _FAILURE.search(sentence):
        out.add("FAIL")
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 when undefined)."""
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def score(golds: list[set[str]], preds: list[set[str]]) -> dict[str, Any]:
    """Per-label precision / recall / F1 and micro F1 over the known labels (unknown ones ignored)."""
    if len(golds) != len(preds):
        raise ValueError(
            f"score() needs one label set per sentence: {len(golds)} golds, {len(preds)} predictions"
        )
    out: dict[str, Any] = {}
    all_tp = all_fp = all_fn = 0
    for lab in LABELS:
        tp = sum(1 for g, p in zip(golds, preds, strict=True) if lab in g and lab in p)
        fp = sum(1 for g, p in zip(golds, preds, strict=True) if lab not in g and lab in p)
        fn = sum(1 for g, p in zip(golds, preds, strict=True) if lab in g and lab not in p)
        all_tp, all_fp, all_fn = all_tp + tp, all_fp + fp, all_fn + fn
        prec, rec, f1 = _prf(tp, fp, fn)
        key = lab.lower()
        out[f"{key}_precision"], out[f"{key}_recall"], out[f"{key}_f1"] = (
            round(prec, 4),
            round(rec, 4),
            round(f1, 4),
        )
    out["micro_f1"] = round(_prf(all_tp, all_fp, all_fn)[2], 4)
    out["n"] = len(golds)
    return out


def join_sentences(texts: list[str]) -> tuple[str, list[int]]:
    """One article text from its sentences (joined by a space) and each sentence's start offset."""
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return " ".join(texts), starts


def sentence_of(starts: list[int], offset: int) -> int:
    """Index of the sentence whose text holds a character offset of the joined article."""
    return max(0, bisect_right(starts, offset) - 1)


def anchor_sentences(starts: list[int], ev: Event, texts: list[str] | None = None) -> set[int]:
    """The sentences an event rests on: its trigger's and those its evidence spans cover.

    Evidence reaches a sentence only when it is more than a fragment (``texts`` given): headline
    and navigation lines that a parser sentence swallows do not report the event.
    """
    trigger = sentence_of(starts, ev.trigger_start)
    found = {trigger}
    for evid in ev.evidence:
        first = sentence_of(starts, evid.start)
        last = sentence_of(starts, max(evid.start, evid.end - 1))
        found.update(
            k
            for k in range(first, last + 1)
            if texts is None or k >= len(texts) or len(texts[k].split()) >= MIN_EVIDENCE_WORDS
        )
    return found


def _forces_actor(ev: Event) -> bool:
    """Whether one of the event's actors is a police or security force."""
    return any(a is not None and forces_named(f"{a.name} {a.text}") for a in (ev.actor1, ev.actor2))


def group_articles(items: list[dict[str, Any]]) -> list[tuple[str, list[int]]]:
    """Item indices grouped by ``doc_id`` in first-seen order (an item without one is its own article)."""
    groups: dict[str, list[int]] = {}
    for k, it in enumerate(items):
        key = str(it.get("doc_id")) if it.get("doc_id") is not None else f"item-{k}"
        groups.setdefault(key, []).append(k)
    return list(groups.items())


def evaluate_items(items: list[dict[str, Any]], predictions: Path | None = None) -> dict[str, Any]:
    """Annotate the sentences as whole articles and score the labels read off their events."""
    groups = group_articles(items)
    articles: list[dict[str, Any]] = []
    offsets: list[list[int]] = []
    for key, idx in groups:
        text, starts = join_sentences([str(items[k].get("text") or "") for k in idx])
        articles.append({"id": key, "text": text, "published": items[idx[0]].get("published")})
        offsets.append(starts)
    golds: list[set[str]] = [set() for _ in items]
    preds: list[set[str]] = [set() for _ in items]
    with PredictionWriter(predictions) as writer:
        for n, (_article, events) in enumerate(annotated(articles)):
            idx, starts = groups[n][1], offsets[n]
            texts = [str(items[k].get("text") or "") for k in idx]
            anchored: dict[int, list[SentenceEvent]] = {}
            for ev in events:
                se = SentenceEvent(ev.sub_event_type, ev.fatalities, _forces_actor(ev))
                for pos in anchor_sentences(starts, ev, texts):
                    anchored.setdefault(pos, []).append(se)
            for pos, k in enumerate(idx):
                item = items[k]
                text = str(item.get("text") or "")
                golds[k] = {str(x) for x in item.get("labels") or []}
                preds[k] = labels_for(text, anchored.get(pos, []))
                writer.write(
                    item.get("id"),
                    sorted(golds[k]),
                    sorted(preds[k]),
                    events=[e.sub_event_type for e in anchored.get(pos, [])],
                    text=text,
                )
    return score(golds, preds)
