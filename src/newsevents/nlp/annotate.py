"""The annotate stage: one spaCy pass per article, then every extractor over the same Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from newsevents.models import Annotations
from newsevents.nlp.entities import extract_entities
from newsevents.nlp.events import extract_events
from newsevents.nlp.model import parse
from newsevents.nlp.places import extract_places
from newsevents.nlp.quantities import extract_quantities
from newsevents.nlp.quotes import extract_quotes
from newsevents.nlp.times import extract_times

BATCH_SIZE = 32


def annotate_doc(doc: Doc, article_id: str, published: date | None) -> Annotations:
    """Run every extractor over one parsed article."""
    ann = Annotations(article_id=article_id)
    ann.sentences = [(s.start_char, s.end_char) for s in doc.sents]
    ann.entities = extract_entities(doc)
    ann.places = extract_places(doc, ann.entities)
    ann.times = extract_times(doc, published)
    ann.quotes = extract_quotes(doc, ann.entities)
    ann.quantities = extract_quantities(doc)
    ann.events = extract_events(doc, ann, published)
    return ann


def annotate_texts(
    items: Iterable[tuple[str, str, date | None]], batch_size: int = BATCH_SIZE
) -> Iterator[Annotations]:
    """Annotate ``(article_id, text, published)`` items, streaming, one spaCy pass each."""
    stream = ((text, (aid, pub)) for aid, text, pub in items)
    for doc, (aid, pub) in parse(stream, batch_size=batch_size):
        yield annotate_doc(doc, aid, pub)


def annotate_text(text: str, published: date | None = None, article_id: str = "") -> Annotations:
    """Annotate one text exactly as ingest does (used by the scorers and tests)."""
    return next(annotate_texts([(article_id, text, published)]))
