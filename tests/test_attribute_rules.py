"""The dict-indexed attribute rules set exactly what the model's attribute ruler sets."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG

from newsevents.nlp.model import load_nlp, parse

pytestmark = pytest.mark.slow

TEXTS = [
    "Gunmen killed 12 villagers in Ghazni on Monday, officials said.",
    "I ain't gonna do nothin' y' know, let's go. There is a cat; do you?",
    "\"We will not allow this,\" the governor told reporters. It's what he'd said.",
    "PROTESTERS GATHERED OUTSIDE THE PARLIAMENT  \n\n and  were dispersed with tear gas.",
    "",
    "   ",
]


def test_parse_sets_the_same_tags_pos_morphology_and_lemmas_as_the_model() -> None:
    nlp = load_nlp()
    cols = [TAG, POS, MORPH, LEMMA]
    expected = [d.to_array(cols) for d in nlp.pipe(TEXTS)]
    found = [d.to_array(cols) for d, _ in parse(((t, None) for t in TEXTS), batch_size=4)]
    assert all(np.array_equal(a, b) for a, b in zip(expected, found, strict=True))


def test_parse_keeps_each_context_with_its_text() -> None:
    out = list(parse(((t, i) for i, t in enumerate(TEXTS)), batch_size=2))
    assert [(d.text, i) for d, i in out] == [(t, i) for i, t in enumerate(TEXTS)]
