"""Re-reading lines written in capitals (headlines, datelines) with the document's own casing."""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from newsevents.nlp.doctext import doc_text

# A line is "shouting" when at least this many words and this share of them are in capitals:
# the small model misses most names there (42% recall vs 67% on CoNLL dev), so such lines are
# re-read truecased.
SHOUT_MIN_WORDS = 1
SHOUT_SHARE = 0.6
TRUECASE_DISABLED = ["parser", "lemmatizer", "attribute_ruler"]


def shouting_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of lines written in capitals (headlines, datelines, sports tables)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in doc_text(doc).split("\n"):
        words = [w for w in re.findall(r"[^\W\d_]{2,}", line)]
        caps = sum(w.isupper() for w in words)
        if caps >= SHOUT_MIN_WORDS and caps >= SHOUT_SHARE * len(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def case_memory(doc: Doc, shouting: list[tuple[int, int]]) -> dict[str, str]:
    """How the document writes each word outside its capitalised lines (most frequent form)."""
    forms: dict[str, Counter[str]] = {}
    for tok in doc:
        if not tok.is_alpha or tok.is_sent_start or tok.is_upper:
            continue
        if any(a <= tok.idx < b for a, b in shouting):
            continue
        forms.setdefault(tok.lower_, Counter())[tok.text] += 1
    return {low: c.most_common(1)[0][0] for low, c in forms.items()}


def truecase(text: str, memory: dict[str, str]) -> str:
    """Re-case a capitalised line: the document's own spelling of each word, else stop words
    lower-cased, short words kept (acronyms) and other words title-cased."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if not word.isupper():
            return word
        low = word.lower()
        if low in memory:
            return memory[low]
        if low in STOP_WORDS:
            return low
        return word if len(word) <= 3 else word.title()

    return re.sub(r"[^\W\d_]+", fix, text)


def recase(name: str, memory: dict[str, str]) -> str:
    """A name written in capitals, spelled as the document spells it elsewhere ("KABUL" ->
    "Kabul"); acronyms the document never writes otherwise stay as they are."""
    if not memory or name != name.upper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: memory.get(m.group(0).lower(), m.group(0)), name)
