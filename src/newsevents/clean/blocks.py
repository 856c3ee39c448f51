"""HTML and plain text to a list of paragraph blocks, with the links each one holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsevents.clean.markup import guard_markup, strip_tags
from newsevents.clean.normalise import normalise_paragraph, squash_space

# Content that is never article text.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "svg",
        "canvas",
        "object",
        "embed",
        "button",
        "select",
        "input",
        "textarea",
        "option",
        "nav",
        "aside",
        "footer",
        "form",
    ]
)
# Elements that start and end a paragraph.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "caption",
        "section",
        "article",
        "main",
        "header",
        "figure",
        "figcaption",
        "hr",
        "br",
        "address",
        "details",
        "summary",
        "center",
        "fieldset",
        "legend",
    ]
)
CELL_TAGS = frozenset({"td", "th"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HAS_WORD = re.compile(r"\w")


@dataclass(slots=True)
class Link:
    """An anchor inside a block."""

    text: str
    url: str | None


@dataclass(slots=True)
class Block:
    """One paragraph of text with its links; ``tag`` is the element that closed it."""

    text: str
    links: list[Link] = field(default_factory=list)
    tag: str = "p"

    @property
    def link_chars(self) -> int:
        """How many characters of the text are link text."""
        return sum(len(link.text) for link in self.links)


class _Builder:
    """Accumulates text pieces into blocks while the tree is walked."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.links: list[Link] = []
        self.open_links: list[tuple[str | None, int]] = []

    def add(self, text: str) -> None:
        self.pieces.append(text)

    def open_link(self, href: str | None) -> None:
        self.open_links.append((href, len(self.pieces)))  # the link's text starts at this piece

    def close_link(self) -> None:
        if not self.open_links:
            return
        href, start = self.open_links.pop()
        if href is None:  # an anchor that leads nowhere is not a link
            return
        text = normalise_paragraph("".join(self.pieces[start:]))
        if text:
            self.links.append(Link(text, href))

    def flush(self, tag: str) -> None:
        raw = "".join(self.pieces)
        self.pieces = []
        self.open_links = [(href, 0) for href, _ in self.open_links]
        text = normalise_paragraph(raw)
        if text and _HAS_WORD.search(text):  # drops separators such as a stray "." or "***"
            self.blocks.append(Block(text, self.links, tag))
        self.links = []


def _target(href: str | None) -> str | None:
    """The link's destination when it leads to another page, else None."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return None
    return href


def _inline_pre(node: LexborNode) -> bool:
    """A one-line ``<pre>`` is inline code inside a sentence (main-text extraction writes
    ``<code>`` that way), not a block of its own."""
    return node.tag == "pre" and "\n" not in node.text(deep=True).strip()


def html_blocks(html: str) -> list[Block]:
    """The paragraphs of an HTML document or fragment, scripts and navigation dropped."""
    guarded = guard_markup(html)
    if guarded.too_deep:
        return text_blocks(strip_tags(html))
    tree = LexborHTMLParser(guarded.html)
    root = tree.body or tree.root
    if root is None:
        return []
    b = _Builder()
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:  # iterative walk: deeply nested broken markup must not hit the recursion limit
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            if tag == "a":
                b.close_link()
            elif tag in BLOCK_TAGS and not _inline_pre(node):
                b.flush(tag)
            continue
        if tag == "-text":
            b.add(node.text_content or "")
            continue
        if tag in SKIP_TAGS or tag.startswith("-"):
            continue
        if tag in BLOCK_TAGS and not _inline_pre(node):
            b.flush(tag)
        elif tag in CELL_TAGS:
            b.add(" ")
        elif tag == "a":
            b.open_link(_target(node.attributes.get("href")))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    b.flush("p")
    return b.blocks


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_URL = re.compile(r"https?://\S+")


def text_blocks(text: str) -> list[Block]:
    """The paragraphs of plain text: blank-line separated, or one per line when none are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    blocks = []
    for part in parts:
        para = normalise_paragraph(part)
        if para and _HAS_WORD.search(para):
            links = [Link(m.group(0), m.group(0)) for m in _URL.finditer(para)]
            blocks.append(Block(squash_space(para), links, "p"))
    return blocks
