"""Direct, indirect and mixed quotes with their speakers and cues."""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from newsevents.models import Entity, Quote
from newsevents.nlp.doctext import doc_text
from newsevents.nlp.quotes_base import Found
from newsevents.nlp.quotes_direct import DirectQuotes
from newsevents.nlp.quotes_indirect import IndirectQuotes
from newsevents.nlp.quotes_speakers import Speaker, SpeakerResolver

log = logging.getLogger(__name__)


class _Extractor(DirectQuotes, IndirectQuotes):
    """Quote extraction over one parsed document."""

    def run(self) -> list[Quote]:
        """All quotes of the document, speakers resolved in text order."""
        self._colon_lines()
        for i, q in enumerate(self.quoted):
            self._add_direct(q, i)
        self._indirect()
        self._continuations()
        resolver = SpeakerResolver(self.doc, self.entities, [(q.start, q.end) for q in self.quoted])
        quotes: list[Quote] = []
        for f in sorted(self.found, key=self._speaker_pos):
            sp: Speaker | None = None
            if f.speaker_tok is not None:
                sp = resolver.resolve(f.speaker_tok)
            elif f.speaker_chars is not None:
                sp = resolver.from_chars(*f.speaker_chars)
            cue = self.text[f.cue[0] : f.cue[1]] if f.cue else None
            quotes.append(
                Quote(
                    start=f.start,
                    end=f.end,
                    content=self.text[f.start : f.end],
                    kind=f.kind,
                    speaker=sp.text if sp else None,
                    speaker_start=sp.start if sp else None,
                    speaker_end=sp.end if sp else None,
                    speaker_name=sp.name if sp else None,
                    speaker_kind=sp.kind if sp else "unknown",
                    cue=cue,
                    cue_start=f.cue[0] if f.cue else None,
                    cue_end=f.cue[1] if f.cue else None,
                    confidence=f.confidence,
                )
            )
        quotes.sort(key=lambda q: (q.start, q.end))
        return quotes

    @staticmethod
    def _speaker_pos(f: Found) -> int:
        if f.speaker_tok is not None:
            return int(f.speaker_tok.idx)
        if f.speaker_chars is not None:
            return f.speaker_chars[0]
        return f.start


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Quotes of the Doc with speaker and cue."""
    if not doc_text(doc).strip():
        return []
    try:
        return _Extractor(doc, entities).run()
    except (IndexError, ValueError) as exc:  # a malformed parse must not sink the article
        log.warning("quote extraction failed on a %d-character text: %s", len(doc_text(doc)), exc)
        return []
