"""Indirect and mixed quotes from the dependency parse, and cue-less continuations."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsevents.models import QuoteKind
from newsevents.nlp.quotes_base import (
    MAX_CONTINUATION_WORDS,
    MIN_DIRECT_WORDS,
    ExtractorState,
    Found,
    trim,
)
from newsevents.nlp.quotes_cues import (
    clause_complement,
    cue_classes,
    cue_extent,
    intent_complement,
    object_complement,
    subject_of,
)
from newsevents.nlp.quotes_marks import ALL_DOUBLE


class IndirectQuotes(ExtractorState):
    """Finds clause, object and 'according to' attributions, then cue-less continuations."""

    # indirect quotes -----------------------------------------------------------------------
    def _according_to(self, tok: Token) -> None:
        """'..., according to X': X is the source of the clause it modifies."""
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if to is None or pobj is None:
            return
        clause = tok.head
        sent = tok.sent
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        if clause.dep_ in ("pobj", "dobj", "nsubj") or clause.i == tok.i:
            lo, hi = sent.start, sent.end
        ph_lo, ph_hi = tok.left_edge.i, to.right_edge.i + 1
        while ph_lo > lo and self.doc[ph_lo - 1].is_punct:
            ph_lo -= 1
        if ph_lo <= lo:
            lo = ph_hi
        elif all(t.is_punct or t.is_space for t in self.doc[ph_hi:hi]):
            hi = ph_lo
        if hi <= lo:
            return
        start, end = trim(self.text, self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text))
        if end - start < 10 or self._is_taken(start, end):
            return
        cue = (tok.idx, to.idx + len(to.text))
        self.found.append(Found(start, end, self._kind(start, end), cue, pobj, None, 0.6))
        self.taken.append((start, end))

    def _kind(self, start: int, end: int) -> QuoteKind:
        chunk = self.text[start:end]
        if any(q.start <= start and end <= q.end for q in self.quoted):
            return "direct"
        return "mixed" if any(c in ALL_DOUBLE for c in chunk) else "indirect"

    def _complement(self, tok: Token) -> tuple[int, int, float] | None:
        """Trimmed characters of what a cue verb attributes, with a confidence."""
        comp = clause_complement(tok)
        if comp is not None and comp.i < tok.i and "speech" not in cue_classes(tok):
            comp = None  # 'Content, officials said' is a speech pattern; 'X, he wants' is a misparse
        if comp is not None:
            lo, hi, conf = comp.left_edge, self._clause_end(comp), 0.7
        elif tok.dep_ == "parataxis" and "speech" in cue_classes(tok):
            head = tok.head  # 'The museum, Mr. Obama said, would make ...'
            lo, hi, conf = head.left_edge, head.right_edge, 0.6
            if tok.left_edge.i <= lo.i:
                lo = self.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 <= hi.i else hi
            elif tok.right_edge.i >= hi.i:
                hi = self.doc[tok.left_edge.i - 1]
        else:
            icomp = intent_complement(tok)
            if icomp is not None:
                lo, hi, conf = icomp.left_edge, icomp.right_edge, 0.5
            else:
                ocomp = object_complement(tok)
                if ocomp is None:
                    return None
                (lo, hi), conf = ocomp, 0.5
        start, end = self._close_marks(*trim(self.text, lo.idx, hi.idx + len(hi.text)))
        return (start, end, conf) if end > start else None

    def _clause_end(self, comp: Token) -> Token:
        """Last token of a complement, stopping before a coordinated clause with its own speaker
        ('... would not be eligible, and when pressed, the mother replied, "...'."""
        for child in comp.rights:
            if child.dep_ == "conj" and cue_classes(child) and subject_of(child) is not None:
                if subject_of(child) is subject_of(comp):
                    continue
                k = child.left_edge.i - 1
                while k > comp.i and (self.doc[k].is_punct or self.doc[k].dep_ == "cc"):
                    k -= 1
                return self.doc[k]
        return comp.right_edge

    def _close_marks(self, start: int, end: int) -> tuple[int, int]:
        """Extend a content to the closing mark of a quote it opens: 'he would "fight on."'."""
        for q in self.quoted:
            if start <= q.start < end < q.end <= end + 3:
                return start, q.end
        return start, end

    def _adjacent_subject(self, verb: Token) -> Token | None:
        """A noun right before a speech verb the parser left without subject ('... Post Trump said')."""
        if "speech" not in cue_classes(verb):
            return None
        k = verb.i - 1
        while k >= 0 and self.doc[k].dep_ in ("advmod", "aux", "neg") and verb.i - k <= 2:
            k -= 1
        if k < 0 or self.doc[k].pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        return self.doc[k]

    def _indirect(self) -> None:
        for tok in self.doc:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                if not self._inside_quote(tok.idx):
                    self._according_to(tok)
                continue
            if not cue_classes(tok) or self._inside_quote(tok.idx):
                continue
            found = self._complement(tok)
            subj = subject_of(tok) or self._adjacent_subject(tok)
            if found is None or subj is None or subj.lower_ == "there":
                continue
            start, end, conf = found
            if end - start < 3 or self._is_taken(start, end):
                continue
            self.used_cues.add(tok.i)
            self.found.append(Found(start, end, self._kind(start, end), cue_extent(tok), subj, None, conf))
            self.taken.append((start, end))

    # continuations -------------------------------------------------------------------------
    def _continuations(self) -> None:
        """A quote with no cue of its own right after an attributed passage keeps its speaker:
        '..., Schiff said. "The other factor ..."' or a quote paragraph after '"...," he said.'."""
        for q in self.quoted:
            if self._words(q) < MIN_DIRECT_WORDS or self._is_taken(q.start, q.end):
                continue
            if not self._opens_clause(q):
                continue
            prev = self._previous(q.start)
            if prev is None:
                continue
            if "\n" not in self.text[prev.end : q.start] and prev.start < q.start:
                prev.end = q.end  # the same paragraph: one attribution around the cue
                if prev.kind != "direct":
                    prev.kind = "mixed"
            else:
                self.found.append(
                    Found(q.start, q.end, "direct", prev.cue, prev.speaker_tok, prev.speaker_chars, 0.6)
                )
            self.taken.append((q.start, q.end))

    def _previous(self, pos: int) -> Found | None:
        """The attribution ending just before ``pos``, with only punctuation and at most one
        paragraph break in between."""
        best: Found | None = None
        best_end = -1
        for f in self.found:
            ends = [f.end, f.cue[1] if f.cue else 0]
            if f.speaker_tok is not None:
                ends.append(f.speaker_tok.right_edge.idx + len(f.speaker_tok.right_edge.text))
            if f.speaker_chars is not None:
                ends.append(f.speaker_chars[1])
            end = max(ends)
            if best_end < end <= pos:
                best, best_end = f, end
        if best is None or (best.speaker_tok is None and best.speaker_chars is None):
            return None
        gap = self.text[best_end:pos]
        if len(re.findall(r"\n\s*", gap)) > 1:
            return None  # more than one paragraph break
        words = [w for w in gap.split() if any(c.isalnum() for c in w)]
        return best if len(words) <= MAX_CONTINUATION_WORDS else None
