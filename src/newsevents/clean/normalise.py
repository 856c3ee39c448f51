"""Character-level repair and whitespace normalisation of extracted text."""

from __future__ import annotations

import re

from ftfy import TextFixerConfig, fix_text

# Repair mojibake, entities and control characters, but keep the writer's characters otherwise:
# curly quotes matter to quote extraction, full-width forms to CJK text.
_FTFY = TextFixerConfig(
    unescape_html="auto",
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)
# Invisible characters that carry no meaning in running text (ZWJ/ZWNJ are kept: scripts use them).
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_SPACE = re.compile(r"\s+")


def repair(text: str) -> str:
    """Fix mojibake, leftover entities and control characters (ftfy)."""
    return fix_text(text, config=_FTFY)


def squash_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space, trimmed."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def normalise_paragraph(text: str) -> str:
    """One paragraph as stored: repaired, on one line, single-spaced."""
    return squash_space(repair(text))
