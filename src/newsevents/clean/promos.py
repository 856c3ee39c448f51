"""Inline promos ("Read | ...", "Also read: ...", link-only paragraphs) taken out of the body,
and boilerplate lines (copyright, photo credits) dropped."""

from __future__ import annotations

import re

from newsevents.clean.blocks import HEADING_TAGS, Block
from newsevents.models import RelatedLink

# Phrases that announce a link to another article, in the languages news is most often
# scraped in. They only count at the very start of a paragraph, followed by a separator
# (":", "|", "»", a dash) or standing alone as the whole paragraph.
PROMO_CUES = (
    # English
    "also read",
    "read also",
    "read more",
    "must read",
    "read",
    "related",
    "related articles?",
    "related stor(?:y|ies)",
    "related news",
    "related coverage",
    "related reading",
    "related content",
    "related links?",
    "see also",
    "also see",
    "more on this(?: story)?",
    "recommended(?: reading| for you)?",
    "don'?t miss",
    "click here",
    "watch",
    "listen",
    "further reading",
    "you may also like",
    "you might also like",
    # French, Spanish, Portuguese, Italian
    "(?:à )?lire aussi",
    "(?:à )?voir aussi",
    "lire la suite",
    "vea también",
    "lea también",
    "lee también",
    "mira",
    "mire",
    "(?:contenido|art[íi]culos?|notas?|noticias?) relacionad[oa]s?",
    "te puede interesar",
    "leia também",
    "veja também",
    "leia mais",
    "leggi anche",
    # German, Dutch, Polish
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "mehr zum thema",
    "weitere artikel",
    "weitere beiträge",
    "empfohlene beiträge",
    "das könnte sie auch interessieren",
    "lees ook",
    "lees meer",
    "czytaj (?:także|też)",
    "zobacz (?:także|też)",
)
_CUE = "(?:" + "|".join(PROMO_CUES) + ")"
_CUE_SEP = re.compile(rf"^\W{{0,3}}{_CUE}\s*(?:[:|»>]+|[-–—]+\s)\s*", re.I)
_CUE_ALONE = re.compile(rf"^\W{{0,3}}{_CUE}\W{{0,3}}$", re.I)
# Upper-case cues are promos even without a separator ("READ MORE Afghan cities ...").
_CUE_UPPER = re.compile(r"^(?:ALSO READ|READ MORE|READ ALSO|RELATED|MUST READ|SEE ALSO)\b\W*")
_CLICK = re.compile(r"^click here\b", re.I)
# A list of links to other articles left inside plain text ("related stories: overnight massacre
# takes toll to 158 ..."): only the unambiguous, several-word cues, whatever follows them, at the
# start of a line or after a sentence's end. The list runs to the end of its line.
_LINK_CUES = (
    r"(?:related (?:stor(?:y|ies)|articles?|news|coverage|links?|reading|content)|"
    r"also read|read also|read more|see also|more on this story|you may also like|"
    r"you might also like|further reading|recommended reading)(?![a-z])"
)
_LINK_LIST_IN_TEXT = re.compile(rf"(?:^[^\S\n]*|(?<=[.!?\"'”’]) +){_LINK_CUES}[^\n]*", re.I | re.M)
# Short lines that are never article text: copyright notices and photo credits.
_BOILERPLATE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|(?:photos?|fotos?|images?|bild|credits?|picture)\s*:)", re.I
)
BOILERPLATE_MAX_CHARS = 200  # a longer paragraph starting that way is prose, kept
# A label standing alone as a paragraph: the tag list or share buttons under an article.
_LABEL_ALONE = re.compile(
    r"^\W{0,3}(?:tags|topics|temas|etiquetas|themen|schlagwörter|mots-clés|share(?: this)?|"
    r"compartir|teilen|partager|advertisement|anzeige|publicidad)\W{0,3}$",
    re.I,
)

# A paragraph is "only a link" when link text covers this share of its characters; 0.9 leaves
# room for a trailing full stop or bracket around the link.
LINK_ONLY_RATIO = 0.9
# Link-only paragraphs longer than this are kept: a whole linked paragraph of prose is content.
LINK_ONLY_MAX_CHARS = 200

# Blocks where a lone link is content: headings, list items (lists of links are the list's
# content) and lines split by <br> inside a larger paragraph.
_CONTENT_TAGS = HEADING_TAGS | {"li", "dt", "dd", "br", "td", "tr", "table"}
_URL_OR_EMAIL = re.compile(r"^(?:\S+://\S+|www\.\S+|\S+@\S+\.\w+)$")


def _related(block: Block, text: str) -> RelatedLink:
    """The promo as a related link: the link's own text and URL when it has one."""
    if block.links:
        best = max(block.links, key=lambda link: len(link.text))
        return RelatedLink(best.text, best.url)
    return RelatedLink(text or block.text, None)


def link_list_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of plain text that are lists of links to other articles."""
    return [(m.start(), m.end()) for m in _LINK_LIST_IN_TEXT.finditer(text)]


def is_link_only(block: Block) -> bool:
    """True for a short paragraph that is all link text pointing to another page."""
    if not block.links or block.tag in _CONTENT_TAGS or len(block.text) > LINK_ONLY_MAX_CHARS:
        return False
    if _URL_OR_EMAIL.match(block.text) or all(
        (link.url or "").lower().startswith(("mailto:", "tel:")) for link in block.links
    ):
        return False  # a bare address written out is information, not a promo
    return block.link_chars >= LINK_ONLY_RATIO * len(block.text)


def is_boilerplate(block: Block) -> bool:
    """True for a short copyright notice, photo credit, or a lone tags/share/ad label."""
    if _LABEL_ALONE.match(block.text):
        return True
    return len(block.text) <= BOILERPLATE_MAX_CHARS and bool(_BOILERPLATE.match(block.text))


def split_promos(blocks: list[Block]) -> tuple[list[Block], list[RelatedLink]]:
    """Separate body paragraphs from promos; promos come back as related links."""
    body: list[Block] = []
    related: list[RelatedLink] = []
    after_cue = False  # a cue on its own line: the links that follow are promos
    for block in blocks:
        text = block.text
        if _CUE_ALONE.match(text):
            after_cue = True
            continue
        if after_cue and block.links and block.link_chars >= len(text) / 2:
            related.append(_related(block, text))
            continue
        after_cue = False
        m = _CUE_SEP.match(text) or _CUE_UPPER.match(text)
        if m and (block.links or len(text) <= LINK_ONLY_MAX_CHARS):
            related.append(_related(block, text[m.end() :].strip()))
            continue
        if is_link_only(block) or (_CLICK.match(text) and block.links):
            related.append(_related(block, text))
            continue
        if is_boilerplate(block):
            continue
        body.append(block)
    return body, related
