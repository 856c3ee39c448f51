"""The text of a spaCy Doc, read once per Doc.

``Doc.text`` joins every token each time it is read, so extractors that slice it in loops
should call ``doc_text`` instead (the result is cached in ``doc.user_data``).
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsevents.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once and cached on the Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_KEY] = text
    return str(text)
