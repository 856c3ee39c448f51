"""How sure? An event's confidence as a calibrated probability that it is real and correctly typed.

Each candidate event is described by a few general features (its cue, its participants, its
modality, whether the text tells it as background, and the article-level evidence of
`relevance`), and a logistic model turns them into a probability. The model is a small JSON file
shipped in the package (`data/event_confidence.json`), fitted by `scripts/fit_event_confidence.py`
on whole labelled news articles with held-out folds; nothing trained on ACLED data ships.
Candidates below `report_threshold` are not reported: reporting nothing beats reporting something
false.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsevents.errors import NewsEventsError
from newsevents.nlp.events.background import Background
from newsevents.nlp.events.relevance import ArticleSignals
from newsevents.nlp.events.scope import OutOfScope
from newsevents.nlp.events.shipped import shipped_json

log = logging.getLogger(__name__)

MODEL_FILE = "event_confidence.json"
# The six ACLED types; Battles is the reference level of the one-hot type features.
TYPE_FEATURES = {
    "Explosions/Remote violence": "type_explosions",
    "Violence against civilians": "type_civilians",
    "Protests": "type_protests",
    "Riots": "type_riots",
    "Strategic developments": "type_strategic",
}
# Every feature with the direction it may push the probability, known before any fitting: +1,
# evidence of an event, never counts against it; -1, one of the codebook's exclusions, never counts
# for it; 0 (reported speech, and the types) may go either way.
FEATURE_SPEC: tuple[tuple[str, int], ...] = (
    ("cue_score", 1),
    ("strength", 1),
    ("ambiguous", -1),
    ("participant_agent", 1),
    ("participants", 1),
    ("fits_type", 1),
    ("agent_fits", 1),
    ("political", 1),
    ("verbal", 1),
    ("own_date", 1),
    ("civilian_victims", 1),
    ("fatalities", 1),
    ("has_place", 1),
    ("day_date", 1),
    ("claimed", 0),
    ("denied", -1),
    ("in_quote", 0),
    ("long_ago", -1),
    ("criminal", -1),
    ("legal", -1),
    ("mishap", -1),
    ("crime", -1),
    ("business", -1),
    ("culture", -1),
    ("lead", 1),
    ("reports", 1),
    ("typed_share", 1),
    ("strong_sentences", 1),
    ("participant_share", 1),
    ("n_types", -1),
    ("words_logit", 1),
    *((name, 0) for name in TYPE_FEATURES.values()),
)
FEATURES: tuple[str, ...] = tuple(name for name, _ in FEATURE_SPEC)
FEATURE_SIGNS: dict[str, int] = {name: sign for name, sign in FEATURE_SPEC if sign}


@dataclass(frozen=True, slots=True)
class EventSignals:
    """What one candidate event's own sentence(s) say."""

    event_type: str
    cue_score: float  # the cue-based score that ranks an article's events (strength, modality, arguments)
    strength: float
    ambiguous: bool  # the trigger names a weapon, a vehicle or a vanishing, not an act
    participant_agent: bool  # an armed, state or crowd actor is the agent of the sentence
    participants: int  # armed, state or crowd actors named in the sentence
    fits_type: bool  # the sentence names a participant of the kind the event type needs
    agent_fits: bool  # ... as the subject of the trigger's clause
    political: bool  # the sentence names a political or armed actor, or a public figure
    verbal: bool  # the trigger is a verb, not a noun naming the happening
    own_date: bool  # the sentence itself names the day
    civilian_victims: bool
    fatalities: bool
    has_place: bool
    day_date: bool
    modality: str
    in_quote: bool
    background: Background
    criminal: bool
    scope: OutOfScope
    lead: bool  # the article's first event sentence
    reports: int  # sentences of the article telling this happening


def features_of(ev: EventSignals, art: ArticleSignals) -> dict[str, float]:
    """The feature vector of one candidate event, by name."""
    out: dict[str, float] = {
        "cue_score": ev.cue_score,
        "strength": ev.strength,
        "ambiguous": float(ev.ambiguous),
        "participant_agent": float(ev.participant_agent),
        "participants": math.log1p(ev.participants),
        "fits_type": float(ev.fits_type),
        "agent_fits": float(ev.agent_fits),
        "political": float(ev.political),
        "verbal": float(ev.verbal),
        "own_date": float(ev.own_date),
        "civilian_victims": float(ev.civilian_victims),
        "fatalities": float(ev.fatalities),
        "has_place": float(ev.has_place),
        "day_date": float(ev.day_date),
        "claimed": float(ev.modality == "claimed"),
        "denied": float(ev.modality == "denied"),
        "in_quote": float(ev.in_quote),
        "long_ago": float(ev.background.long_ago),
        "criminal": float(ev.criminal),
        "legal": float(ev.scope.legal),
        "mishap": float(ev.scope.mishap),
        "crime": float(ev.scope.crime),
        "business": float(ev.scope.business),
        "culture": float(ev.scope.culture),
        "lead": float(ev.lead),
        "reports": math.log1p(ev.reports - 1),
        "typed_share": art.typed_share,
        "strong_sentences": art.strong_sentences,
        "participant_share": art.participant_share,
        "n_types": art.n_types,
        "words_logit": art.words_logit,
    }
    for etype, name in TYPE_FEATURES.items():
        out[name] = float(ev.event_type == etype)
    return out


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """A logistic model over standardised features, with the threshold for reporting."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefs: tuple[float, ...]
    intercept: float
    report_threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        """The probability that the event is real and correctly typed."""
        z = self.intercept
        for name, mean, scale, coef in zip(self.features, self.means, self.scales, self.coefs, strict=True):
            z += coef * (feats.get(name, 0.0) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, **meta: Any) -> str:
        """The model as the JSON file the package ships."""
        body = {
            "about": "Logistic model of P(event real and correctly typed); fitted by "
            "scripts/fit_event_confidence.py. Do not edit by hand.",
            **meta,
            "features": list(self.features),
            "means": list(self.means),
            "scales": list(self.scales),
            "coefs": list(self.coefs),
            "intercept": self.intercept,
            "report_threshold": self.report_threshold,
        }
        return json.dumps(body, indent=1) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConfidenceModel:
        """Read a model, checking that it covers exactly the features this code computes."""
        names = tuple(str(n) for n in data["features"])
        if set(names) != set(FEATURES):
            missing = sorted(set(FEATURES) - set(names))
            extra = sorted(set(names) - set(FEATURES))
            raise NewsEventsError(
                f"{MODEL_FILE} does not match the event features (missing {missing}, unknown {extra}); "
                "refit it with scripts/fit_event_confidence.py"
            )
        return cls(
            features=names,
            means=tuple(float(x) for x in data["means"]),
            scales=tuple(float(x) or 1.0 for x in data["scales"]),
            coefs=tuple(float(x) for x in data["coefs"]),
            intercept=float(data["intercept"]),
            report_threshold=float(data["report_threshold"]),
        )


@lru_cache(maxsize=1)
def confidence_model() -> ConfidenceModel | None:
    """The shipped model, or None (with a warning) when the package lacks it."""
    data = shipped_json(MODEL_FILE, "event confidences are uncalibrated")
    return ConfidenceModel.from_dict(data) if data is not None else None
