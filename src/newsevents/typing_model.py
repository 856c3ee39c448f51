"""A user-trained event-typing model (multinomial naive Bayes over words and word pairs).

The default package ships no trained model: ACLED's terms restrict reuse of its data. Users who
hold an ACLED export may train their own with ``newsevents train-typing EXPORT.csv`` and point
``$NEWSEVENTS_TYPING_MODEL`` at the file; the event extractor then consults it for the
sub-event type of each event it finds.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from newsevents.errors import InputError

log = logging.getLogger(__name__)

TOKEN = re.compile(r"[a-z][a-z'-]+")
# Terms seen fewer times than this in the whole training set are dropped: they add size
# and noise; 2 keeps the vocabulary ~3x smaller on ACLED-sized exports with no loss seen.
MIN_COUNT = 2
ALPHA = 0.5  # additive smoothing; 0.5 beat 1.0 and 0.1 in hold-out checks on news notes
FORMAT_VERSION = 1


def features(text: str) -> list[str]:
    """Lowercase words and adjacent word pairs."""
    words = TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass(slots=True)
class TypingModel:
    """Log-priors and log-likelihoods per label; labels are 'event type|sub-event type'."""

    priors: dict[str, float]
    likelihoods: dict[str, dict[str, float]]
    unseen: dict[str, float]

    def predict(self, text: str) -> tuple[str, str, float]:
        """The most likely (event type, sub-event type) and its posterior probability."""
        feats = features(text)
        scores: dict[str, float] = {}
        for label, prior in self.priors.items():
            table, floor = self.likelihoods[label], self.unseen[label]
            scores[label] = prior + sum(table.get(f, floor) for f in feats if self._known(f))
        best = max(scores, key=scores.__getitem__)
        top = scores[best]
        total = sum(math.exp(s - top) for s in scores.values())
        event_type, _, sub = best.partition("|")
        return event_type, sub, 1.0 / total

    def _known(self, feature: str) -> bool:
        """Whether any label saw the feature in training (unknown terms carry no evidence)."""
        return any(feature in t for t in self.likelihoods.values())

    def save(self, path: Path) -> None:
        """Write the model as JSON."""
        data = {
            "version": FORMAT_VERSION,
            "priors": self.priors,
            "likelihoods": self.likelihoods,
            "unseen": self.unseen,
        }
        path.write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TypingModel:
        """Read a model written by ``save``."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: cannot read typing model ({exc})") from exc
        if data.get("version") != FORMAT_VERSION:
            raise InputError(f"{path}: typing model version {data.get('version')!r}, expected 1")
        return cls(data["priors"], data["likelihoods"], data["unseen"])


def read_acled_csv(path: Path) -> Iterator[tuple[str, str, str]]:
    """(notes, event_type, sub_event_type) rows of an ACLED export; bad rows are logged."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"notes", "event_type", "sub_event_type"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path}: not an ACLED export, missing columns {sorted(missing)}")
        for lineno, row in enumerate(reader, start=2):
            notes, et, sub = row.get("notes"), row.get("event_type"), row.get("sub_event_type")
            if not notes or not et or not sub:
                log.warning("%s:row %d: empty notes or type; skipped", path, lineno)
                continue
            yield notes, et, sub


def train(rows: Iterable[tuple[str, str, str]]) -> TypingModel:
    """Fit the model on (text, event type, sub-event type) rows."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    docs: Counter[str] = Counter()
    for text, event_type, sub in rows:
        label = f"{event_type}|{sub}"
        docs[label] += 1
        counts[label].update(features(text))
    if not docs:
        raise InputError("no usable training rows (need notes, event_type, sub_event_type)")
    total_terms: Counter[str] = Counter()
    for c in counts.values():
        total_terms.update(c)
    vocab = {t for t, n in total_terms.items() if n >= MIN_COUNT}
    n_docs = sum(docs.values())
    priors = {label: math.log(n / n_docs) for label, n in docs.items()}
    likelihoods: dict[str, dict[str, float]] = {}
    unseen: dict[str, float] = {}
    for label, c in counts.items():
        denom = sum(n for t, n in c.items() if t in vocab) + ALPHA * len(vocab)
        likelihoods[label] = {t: math.log((n + ALPHA) / denom) for t, n in c.items() if t in vocab}
        unseen[label] = math.log(ALPHA / denom)
    return TypingModel(priors, likelihoods, unseen)


@lru_cache(maxsize=1)
def configured_model() -> TypingModel | None:
    """The model named by ``$NEWSEVENTS_TYPING_MODEL``, or None (the default: rules only)."""
    path = os.environ.get("NEWSEVENTS_TYPING_MODEL")
    if not path:
        return None
    model = TypingModel.load(Path(path))
    log.info("using the user-trained typing model %s", path)
    return model
