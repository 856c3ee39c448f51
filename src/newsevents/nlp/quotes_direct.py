"""Direct quotes: quoted stretches attributed through an adjacent cue, a dash or a colon."""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.nlp.quotes_base import (
    CLAUSE_END,
    COLON_SPEAKER,
    DASH_SPEAKER,
    HEADLINE_FUNCTION_WORDS,
    MAX_GAP_TOKENS,
    MAX_HEADLINE_SPEAKER_WORDS,
    MAX_PRE_TOKENS,
    MAX_TAIL_TOKENS,
    MIN_DIRECT_WORDS,
    NOT_SPEAKERS,
    ExtractorState,
    Found,
    trim,
)
from newsevents.nlp.quotes_cues import clause_complement, cue_classes, cue_extent, subject_of
from newsevents.nlp.quotes_marks import ALL_DOUBLE, QuotedSpan


class DirectQuotes(ExtractorState):
    """Finds direct quotes and headline or transcript colon attributions."""

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
                nxt_tok = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else tok
                if comp is not None and comp.left_edge.i in (tok.i + 1, tok.i + 2) and not nxt_tok.is_punct:
                    return None  # 'Smith said it would be ...' has its own content
                subj = subject_of(tok)
                if subj is None or subj.idx < q_end:  # a subject inside the quote is a misparse
                    after = [c for c in tok.children if c.dep_ == "nsubj" and c.idx >= q_end]
                    if after:
                        subj = after[0]
                    elif seen:  # '" Tulsa police Chief Chuck Jordan said' left without a subject
                        subj = self._noun_run(seen)
                        return (tok, subj) if subj is not None else None
                    else:  # '", said Leslie Wimes'
                        subj = self._inverted_subject(tok, limit)
                        if subj is None:
                            return None
                allowed = set(subj.subtree) if subj is not None else set()
                if all(t in allowed or t.is_punct or t.dep_ in ("advmod", "aux", "neg") for t in seen):
                    return tok, subj
                return None
            seen.append(tok)
        return None

    @staticmethod
    def _noun_run(tokens: list[Token]) -> Token | None:
        """The last noun of a short run of name-like tokens, standing in for a missed subject."""
        if not tokens or len(tokens) > MAX_PRE_TOKENS:
            return None
        if not all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT", "PART") or t.is_title for t in tokens):
            return None  # capitalised words count whatever their tag ('Tulsa' read as a verb)
        nouns = [t for t in tokens if t.pos_ in ("PROPN", "NOUN") or t.is_title]
        return nouns[-1] if nouns else None

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
        m = DASH_SPEAKER.match(self.text, q_end, max(q_end, limit))
        if not m:
            return None
        return m.start(1), m.start(2), m.end(2)

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
                subj = subject_of(tok)
                if subj is not None and subj.idx >= q_start:
                    subj = None  # a subject found inside the quote is a misparse
                return tok, subj
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
            self.found.append(Found(q.start, q.end, "direct", (dash[0], dash[0] + 1), None, dash[1:], 0.8))
            self.taken.append((q.start, q.end))
            return
        pre = pre or self._prev_sentence_cue(q.start)
        if pre is not None:
            self._push(q.start, q.end, pre[0], pre[1], 0.8)
            return
        intro = self._colon_clause(q.start)
        if intro is not None:
            self._push(q.start, q.end, intro[0], intro[1], 0.5)

    def _colon_clause(self, q_start: int) -> tuple[Token, Token] | None:
        """'Sanders made the following comment: "..."': a clause ending in a colon introduces the
        quote even without a verb of saying; its subject is the speaker."""
        k = self._tok_before(q_start)
        if k < 0 or self.doc[k].text != ":" or self._inside_quote(self.doc[k].idx):
            return None
        verb = self.doc[k].head
        while verb.dep_ in ("dobj", "pobj", "prep", "attr", "acomp") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or k in self.used_cues or verb.i in self.used_cues:
            return None
        subj = subject_of(verb)
        if subj is None or subj.idx >= q_start or subj.lower_ in ("it", "there", "this"):
            return None
        return verb, subj

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
        self.found.append(Found(start, end, "direct", cue_extent(verb), subj, None, conf))
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
            words = name.split()
            headline = (
                k == 0
                and len(words) <= MAX_HEADLINE_SPEAKER_WORDS
                and not any(w.lower() in HEADLINE_FUNCTION_WORDS for w in words)
            )  # 'Pence: ...' names a speaker, 'Stealth Over Health: ...' is a title
            if not (is_caps or is_ent or headline):
                continue
            c_start, c_end = trim(self.text, m.end(), e)
            if c_end - c_start < 10:
                continue
            self.found.append(
                Found(c_start, c_end, "direct" if is_caps else "indirect", (m.end(1), m.end(1) + 1),
                       None, (n_start, n_end), 0.6)
            )  # fmt: skip
            self.taken.append((c_start, c_end))
