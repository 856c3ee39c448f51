"""The hostile suite: every kind of bad input, with valid articles mixed in.

Each kind must end without a crash and within its time, with every valid article stored and
every bad input rejected with its reason. CI runs small sizes with a model-free annotator;
``NEWSEVENTS_HOSTILE_FULL=1`` runs the sizes of the original report (minutes), and
``NEWSEVENTS_HOSTILE_MODEL=1`` annotates with the real spaCy model.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from hostile.checks import deadline, outcome
from hostile.generators import GENERATORS, valid_mix
from newsevents import pipeline
from newsevents.pipeline import IngestLimits, ingest_paths
from robust_fixtures import fake_annotate_batches

FULL = os.environ.get("NEWSEVENTS_HOSTILE_FULL") == "1"
MODEL = os.environ.get("NEWSEVENTS_HOSTILE_MODEL") == "1"
SECONDS = 900 if FULL else 30  # per kind; small sizes take a few seconds


@pytest.fixture(autouse=True)
def annotator(monkeypatch: pytest.MonkeyPatch) -> None:
    if not MODEL:
        monkeypatch.setattr(pipeline, "annotate_batches", fake_annotate_batches)


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_hostile_input_is_rejected_and_valid_articles_are_stored(kind: str, tmp_path: Path) -> None:
    root = tmp_path / kind
    root.mkdir()
    rng = random.Random(kind)
    expected = GENERATORS[kind](root, rng, FULL)
    expected.add(valid_mix(root, rng, 4))
    db = str(tmp_path / "store.db")
    with deadline(SECONDS):
        ingest_paths([str(root)], db, limits=IngestLimits(**expected.limits), on_reject=lambda r: None)
    problems = outcome(db, root, expected)
    assert problems == {"lost": [], "wrong_reject": [], "unaccounted": []}
