"""Is this article about political violence, protest or conflict at all?

The evidence is the whole article, not one word: how many of its sentences carry an event cue of
an ACLED type, how specific those cues are, how many name an armed, state or crowd participant,
how many different kinds of event the cues point at (an ordinary article that trips a handful of
ambiguous words scatters over many types; a conflict report returns to one or two), and the
article's words as a whole.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsevents.nlp.events.args import ARMED, Mention
from newsevents.nlp.events.shipped import shipped_json

log = logging.getLogger(__name__)

STRONG_CUE = 0.8  # a cue at least this specific names its event unambiguously ("car bomb", "airstrike")
PARTICIPANTS: frozenset[str] = ARMED | {"protesters", "rioters"}


@dataclass(frozen=True, slots=True)
class SentenceCue:
    """One sentence's event cue of an ACLED type, as the article-level evidence sees it."""

    event_type: str
    strength: float
    mentions: Sequence[Mention]


@dataclass(frozen=True, slots=True)
class ArticleSignals:
    """Article-level evidence that the article reports conflict or protest."""

    n_sentences: int
    typed_share: float  # share of sentences with an ACLED-type cue
    strong_sentences: float  # log(1 + sentences with a strong cue)
    participant_share: float  # share of sentences with a cue that also name armed/state/crowd actors
    n_types: float  # log(1 + distinct ACLED types among the cues): ordinary news trips many kinds
    words_logit: float = 0.0  # the article's words (`RelevanceModel`), as log-odds


def participants(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that can carry political violence or protest: armed, state or crowd actors."""
    return [m for m in mentions if m.cls in PARTICIPANTS]


def article_signals(
    n_sentences: int, cues: Sequence[SentenceCue], words_logit: float = 0.0
) -> ArticleSignals:
    """Article-level signals from the sentences that carry an ACLED-type cue."""
    n = max(1, n_sentences)
    strong = sum(c.strength >= STRONG_CUE for c in cues)
    with_actor = sum(bool(participants(c.mentions)) for c in cues)
    return ArticleSignals(
        n_sentences=n_sentences,
        typed_share=len(cues) / n,
        strong_sentences=math.log1p(strong),
        participant_share=with_actor / n,
        n_types=math.log1p(len({c.event_type for c in cues})),
        words_logit=words_logit,
    )


# --- the article's words -------------------------------------------------------------------------
# A linear model over the article's common words (tf-idf, sublinear, L2-normalised) says how much the
# article reads like a report of political violence or protest. Only words that are mostly written in
# lower case are kept when it is fitted, so the model weighs "curfew", "wounded", "protesters", not
# the names of the places and people its training articles happened to be about.
RELEVANCE_FILE = "article_relevance.json"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def words(text: str) -> Counter[str]:
    """Lower-cased word counts of a text."""
    return Counter(WORD.findall(text.lower()))


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    """Logistic regression over tf-idf word weights."""

    idf: dict[str, float]
    coef: dict[str, float]
    intercept: float

    def logit(self, text: str) -> float:
        """The log-odds that the article reports an ACLED-scope event."""
        counts = words(text)
        weights = {w: (1.0 + math.log(c)) * self.idf[w] for w, c in counts.items() if w in self.idf}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return self.intercept + sum(v / norm * self.coef.get(w, 0.0) for w, v in weights.items())

    def to_json(self, **meta: Any) -> str:
        """The model as the JSON file the package ships."""
        vocab = sorted(self.idf)
        body = {
            "about": "Article relevance: logistic regression over tf-idf words; fitted by "
            "scripts/fit_event_confidence.py. Do not edit by hand.",
            **meta,
            "intercept": self.intercept,
            "words": {w: [round(self.idf[w], 5), round(self.coef.get(w, 0.0), 5)] for w in vocab},
        }
        return json.dumps(body, indent=0) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelevanceModel:
        """Read a model written by `to_json`."""
        table = {str(w): (float(v[0]), float(v[1])) for w, v in data["words"].items()}
        return cls(
            idf={w: v[0] for w, v in table.items()},
            coef={w: v[1] for w, v in table.items() if v[1]},
            intercept=float(data["intercept"]),
        )


@lru_cache(maxsize=1)
def relevance_model() -> RelevanceModel | None:
    """The shipped article relevance model, or None (with a warning) when the package lacks it."""
    data = shipped_json(RELEVANCE_FILE, "article relevance is not used")
    return RelevanceModel.from_dict(data) if data is not None else None


def article_logit(text: str) -> float:
    """The article's relevance log-odds (0.0, undecided, without a shipped model)."""
    model = relevance_model()
    return model.logit(text) if model is not None else 0.0
