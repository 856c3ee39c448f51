"""Stable content ids: the same text always gets the same id, whatever its source."""

from __future__ import annotations

import hashlib
import unicodedata

ID_HEX_CHARS = 16  # 64 bits: collisions stay negligible below billions of articles


def normalise_for_id(text: str) -> str:
    """Text reduced to what identifies it: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    """SHA-1 hex digest of the normalised text (the exact-duplicate key)."""
    return hashlib.sha1(normalise_for_id(text).encode("utf-8")).hexdigest()


def doc_id(text: str) -> str:
    """The article id: the first 16 hex characters of ``content_hash``."""
    return content_hash(text)[:ID_HEX_CHARS]
