"""Direct, indirect and mixed quotes with their speakers and cues."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsevents.models import Entity, Quote, QuoteKind
from newsevents.nlp.quotes_cues import (
    clause_complement,
    cue_classes,
    cue_extent,
    intent_complement,
    object_complement,
    subject_of,
)
from newsevents.nlp.quotes_marks import ALL_DOUBLE, QuotedSpan, find_quoted, paragraphs
from newsevents.nlp.quotes_speakers import Speaker, SpeakerResolver

log = logging.getLogger(__name__)

MIN_DIRECT_WORDS = 3  # shorter quoted stretches are titles or scare quotes unless a cue is adjacent
MAX_TAIL_TOKENS = 20  # '", Rep. Elijah E. Cummings (D-Md.) said' fits; longer tails are new clauses
MAX_PRE_TOKENS = 6  # 'Smith told reporters on Sunday: "' fits
MAX_GAP_TOKENS = 30  # between the two halves of a split quote ('"A," he said. "B."')
MAX_HEADLINE_SPEAKER_WORDS = 3  # 'Pence: ...', 'Top general: ...' in a title line
MAX_CONTINUATION_WORDS = 12  # the tail of the attributing sentence ('said in a phone interview')
DASHES = "―—–"
CLAUSE_END = ".!?"
TRIM_END = " \t\n,;:—–-."
COLON_SPEAKER = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})[ ]?:[ ]+(?=\S)")
NOT_SPEAKERS = {
    "read", "note", "update", "updated", "watch", "photo", "video", "related", "source",
    "sources", "editor", "advertisement", "share", "follow", "see", "also", "caption",
    "correction", "disclaimer", "image", "credit", "listen", "warning", "breaking",
}  # fmt: skip


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    kind: QuoteKind
    cue: tuple[int, int] | None
    speaker_tok: Token | None = None
    speaker_chars: tuple[int, int] | None = None
    confidence: float = 0.7


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and clause punctuation from both ends, keeping closing quote marks."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and text[end - 1] in TRIM_END:
        end -= 1
    return start, end


class _Extractor:
    """Quote extraction over one parsed document."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc.text
        self.entities = entities
        self.starts = [t.idx for t in doc]
        self.quoted = find_quoted(self.text)
        self.paras = paragraphs(self.text)
        self.used_cues: set[int] = set()
        self.taken: list[tuple[int, int]] = []  # content already attributed
        self.found: list[_Found] = []

    # token helpers -------------------------------------------------------------------------
    def _tok_from(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def _tok_before(self, pos: int) -> int:
        """Index of the last token ending at or before ``pos`` (-1 when none)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.doc[i].idx + len(self.doc[i].text) > pos:
            i -= 1
        return i

    def _para_end(self, pos: int) -> int:
        for s, e in self.paras:
            if s <= pos <= e:
                return e
        return len(self.text)

    def _inside_quote(self, pos: int) -> bool:
        return any(q.start < pos < q.end - 1 for q in self.quoted)

    def _is_taken(self, start: int, end: int) -> bool:
        """Half of ``[start, end)`` is already attributed content."""
        size = max(1, end - start)
        return any(min(end, e) - max(start, s) >= size / 2 for s, e in self.taken)

    # direct quotes ---------------------------------------------------------------------------
    def _tail_cue(self, q_end: int, limit: int) -> tuple[Token, Token | None] | None:
        """A speech cue right after a closing quote: '", he said' / '" said Smith' / '" Smith told'."""
        i = self._tok_from(q_end)
        seen: list[Token] = []
        depth = 0  # parentheses: 'Rep. Elijah E. Cummings (D-Md.) said'
        for k in range(i, min(len(self.doc), i + MAX_TAIL_TOKENS)):
            tok = self.doc[k]
            depth += (tok.text == "(") - (tok.text == ")")
            if tok.idx >= limit or (tok.text in CLAUSE_END and seen and depth <= 0):
                return None
            if "speech" in cue_classes(tok) and k not in self.used_cues:
                comp = clause_complement(tok)
                if comp is not None and comp.left_edge.i in (tok.i + 1, tok.i + 2):
                    return None  # 'Smith said it would be ...' has its own content
                subj = subject_of(tok)
                if subj is None or subj.idx < q_end:  # a subject inside the quote is a misparse
                    subj = self._inverted_subject(tok, limit)
                    if subj is None or seen:
                        return None
                allowed = set(subj.subtree) if subj is not None else set()
                if all(t in allowed or t.is_punct or t.dep_ in ("advmod", "aux", "neg") for t in seen):
                    return tok, subj
                return None
            seen.append(tok)
        return None

    def _inverted_subject(self, verb: Token, limit: int) -> Token | None:
        """The speaker after the verb in '" said Leslie Wimes, a ...': the first noun phrase head."""
        for tok in self.doc[verb.i + 1 : min(len(self.doc), verb.i + 1 + MAX_PRE_TOKENS)]:
            if tok.idx >= limit or tok.text in CLAUSE_END + ",;:":
                return None
            if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.ent_type_ not in ("DATE", "TIME"):
                head = tok
                while head.head.i != head.i and head.dep_ in ("compound", "amod", "det", "poss", "nmod"):
                    head = head.head
                return head
        return None

    def _dash_speaker(self, q_end: int, limit: int) -> tuple[int, int, int] | None:
        """'..." ― Jane Doe': dash position and the name after it."""
        m = re.match(r"\s*([―—–])\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})", self.text[q_end:limit])
        if not m:
            return None
        return q_end + m.start(1), q_end + m.start(2), q_end + m.end(2)

    def _pre_cue(self, q_start: int) -> tuple[Token, Token | None] | None:
        """A speech cue right before an opening quote: 'He said, "' / 'Smith continued:\\n\\n"'."""
        k = self._tok_before(q_start)
        words = 0
        while k >= 0 and words <= MAX_PRE_TOKENS:
            tok = self.doc[k]
            gap = self.text[tok.idx + len(tok.text) : q_start if words == 0 else self.starts[k + 1]]
            if "\n" in gap and not self.text[: tok.idx + len(tok.text)].rstrip().endswith(":"):
                return None
            if tok.text in CLAUSE_END or tok.text in ALL_DOUBLE:
                return None
            if "speech" in cue_classes(tok) and k not in self.used_cues:
                comp = clause_complement(tok)
                if self._inside_quote(tok.idx):
                    return None  # a verb inside another quote does not introduce this one
                if comp is not None and comp.right_edge.idx < q_start:
                    return None  # the verb already has its own clause
                return tok, subject_of(tok)
            if not tok.is_punct:
                words += 1
            k -= 1
        return None

    def _prev_sentence_cue(self, q_start: int) -> tuple[Token, Token | None] | None:
        """'Smith said.' / 'He told reporters:' as the sentence just before a quote."""
        k = self._tok_before(q_start)
        if k < 0 or self.doc[k].text not in (".", ":"):
            return None
        sent = self.doc[k].sent
        if len(sent) > 12 or self._inside_quote(sent.start_char):
            return None
        for tok in sent:
            if (
                "speech" in cue_classes(tok)
                and tok.i not in self.used_cues
                and clause_complement(tok) is None
                and subject_of(tok) is not None
            ):
                return tok, subject_of(tok)
        return None

    def _opens_clause(self, q: QuotedSpan) -> bool:
        """The quote starts a paragraph or clause rather than sitting inside a phrase."""
        before = self.text[: q.start].rstrip()
        if not before or self.text[len(before) : q.start].count("\n"):
            return True
        last = before[-1]
        if last in CLAUSE_END + ":,―—–" or last in ALL_DOUBLE:
            return True
        k = self._tok_before(q.start)
        return k >= 0 and "speech" in cue_classes(self.doc[k])

    def _words(self, q: QuotedSpan) -> int:
        return len(self.text[q.start + 1 : q.end - 1].split())

    def _add_direct(self, q: QuotedSpan, idx: int) -> None:
        """Attribute quote ``idx``, merged with the next one when a cue splits them."""
        if not self._opens_clause(q) or self._is_taken(q.start, q.end):
            return
        nxt = next((x for x in self.quoted[idx + 1 :] if self._words(x) >= MIN_DIRECT_WORDS), None)
        limit = min(self._para_end(q.end - 1), nxt.start if nxt else len(self.text))
        tail = self._tail_cue(q.end, limit)
        if tail is None and self._words(q) < MIN_DIRECT_WORDS:
            return
        end = q.end
        pre = self._pre_cue(q.start)
        k = self._tok_before(q.start)
        if pre is not None and k >= 0 and self.doc[k].i == pre[0].i:
            tail = None  # 'said "the question is the timing."': the quote completes the verb
        if tail is not None:
            verb, subj = tail
            if nxt is not None and self._continues(q, verb, nxt):
                end = nxt.end
            self._push(q.start, end, verb, subj, 0.9)
            return
        dash = self._dash_speaker(q.end, limit)
        if dash is not None:
            self.found.append(_Found(q.start, q.end, "direct", (dash[0], dash[0] + 1), None, dash[1:], 0.8))
            self.taken.append((q.start, q.end))
            return
        pre = pre or self._prev_sentence_cue(q.start)
        if pre is not None:
            self._push(q.start, q.end, pre[0], pre[1], 0.8)

    def _continues(self, q: QuotedSpan, verb: Token, nxt: QuotedSpan) -> bool:
        """'"A," he said. "B."': the next quote continues this one after the cue clause."""
        if self._para_end(q.end - 1) != self._para_end(nxt.start):
            return False
        gap = self.doc[self._tok_from(q.end) : self._tok_from(nxt.start)]
        if len(gap) > MAX_GAP_TOKENS or nxt.start <= verb.idx:
            return False
        after = nxt.end
        limit = self._para_end(after - 1)
        return self._tail_cue(after, limit) is None and self._dash_speaker(after, limit) is None

    def _push(self, start: int, end: int, verb: Token, subj: Token | None, conf: float) -> None:
        self.used_cues.add(verb.i)
        self.found.append(_Found(start, end, "direct", cue_extent(verb), subj, None, conf))
        self.taken.append((start, end))

    # colon attributions --------------------------------------------------------------------
    def _colon_lines(self) -> None:
        """'PENCE: Well, look ...' transcripts and 'Pence: Flowers Won't Be at Debate' headlines."""
        for k, (s, e) in enumerate(self.paras):
            m = COLON_SPEAKER.match(self.text, s, e)
            if not m:
                continue
            name = m.group(1)
            if name.split()[0].lower() in NOT_SPEAKERS:
                continue
            n_start, n_end = m.start(1), m.end(1)
            is_caps = name.isupper() and sum(c.isalpha() for c in name) >= 2
            is_ent = any(
                ent.start_char <= n_start and n_end <= ent.end_char and ent.label_ in ("PERSON", "ORG")
                for ent in self.doc.ents
            ) or any(x.start <= n_start and n_end <= x.end for x in self.entities if x.kind != "place")
            headline = k == 0 and len(name.split()) <= MAX_HEADLINE_SPEAKER_WORDS
            if not (is_caps or is_ent or headline):
                continue
            c_start, c_end = _trim(self.text, m.end(), e)
            if c_end - c_start < 10:
                continue
            self.found.append(
                _Found(c_start, c_end, "direct" if is_caps else "indirect", (m.end(1), m.end(1) + 1),
                       None, (n_start, n_end), 0.6)
            )  # fmt: skip
            self.taken.append((c_start, c_end))

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
        start, end = _trim(self.text, self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text))
        if end - start < 10 or self._is_taken(start, end):
            return
        cue = (tok.idx, to.idx + len(to.text))
        self.found.append(_Found(start, end, self._kind(start, end), cue, pobj, None, 0.6))
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
        start, end = self._close_marks(*_trim(self.text, lo.idx, hi.idx + len(hi.text)))
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
            self.found.append(_Found(start, end, self._kind(start, end), cue_extent(tok), subj, None, conf))
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
                    _Found(q.start, q.end, "direct", prev.cue, prev.speaker_tok, prev.speaker_chars, 0.6)
                )
            self.taken.append((q.start, q.end))

    def _previous(self, pos: int) -> _Found | None:
        """The attribution ending just before ``pos``, with only punctuation and at most one
        paragraph break in between."""
        best: _Found | None = None
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

    # assembly ------------------------------------------------------------------------------
    def run(self) -> list[Quote]:
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
    def _speaker_pos(f: _Found) -> int:
        if f.speaker_tok is not None:
            return int(f.speaker_tok.idx)
        if f.speaker_chars is not None:
            return f.speaker_chars[0]
        return f.start


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Quotes of the Doc with speaker and cue."""
    if not doc.text.strip():
        return []
    try:
        return _Extractor(doc, entities).run()
    except (IndexError, ValueError) as exc:  # a malformed parse must not sink the article
        log.warning("quote extraction failed on a %d-character text: %s", len(doc.text), exc)
        return []
