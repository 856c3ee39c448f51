"""Byte-level input helpers: opening files (gzip, stdin), bounded reads, decoding, dates."""

from __future__ import annotations

import codecs
import gzip
import logging
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from newsevents.errors import InputError
from newsevents.models import Reject

log = logging.getLogger(__name__)

# 10 MB per document: the longest real news page in the extraction dev set is under 2 MB of
# HTML, so 10 MB leaves room for bloated pages while refusing dumps that would stall a worker.
MAX_DOC_BYTES = 10 * 1024 * 1024

# How much of a file is sniffed for binary content and for a declared charset: one window.
SNIFF_BYTES = 8192
# A file is judged on up to this many windows from its start (64 KB): a stray NUL or control
# byte in one window (a scraper artefact in one record) does not make a whole file binary.
SNIFF_WINDOWS = 8

# More than 10% control characters (other than tab/newline/CR/form feed), or more than 1%
# NUL bytes, in a window means binary data: text in any legacy encoding stays far below
# that, and UTF-16/32 are recognised by their byte-order mark first.
MAX_CONTROL_RATIO = 0.10
MAX_NUL_RATIO = 0.01

_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
# Control characters removed from decoded text (NUL and C0 controls other than whitespace,
# DEL): they carry nothing and some consumers (C strings, terminals) choke on them.
_DROP_CONTROLS = dict.fromkeys([*sorted(_CONTROL), 0x7F])
_META_CHARSET = re.compile(rb"""<meta[^>]{0,2048}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and a warning when it was guessed."""

    text: str
    encoding: str
    warning: str | None = None


class TooLarge(InputError):
    """A document exceeds the size limit."""


def open_binary(path: str) -> IO[bytes]:
    """Open ``path`` for binary reading: ``-`` is stdin, ``.gz`` is gunzipped on the fly."""
    if path == "-":
        return sys.stdin.buffer
    if path.endswith(".gz") and not path.endswith(".warc.gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_limited(fh: IO[bytes], max_bytes: int) -> bytes:
    """Read a whole stream, raising ``TooLarge`` as soon as it passes ``max_bytes``."""
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"document larger than the {mb(max_bytes)} limit (max_doc_bytes)")
    return data


def iter_byte_lines(fh: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, bytes)`` per line; ``None`` for a line over ``max_bytes``."""
    lineno = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line without keeping it
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, or None."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc
    return None


def is_binary(data: bytes) -> bool:
    """True when the bytes (one window) look like binary data rather than text."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if bom_encoding(head) in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return False
    if head.count(b"\x00") > MAX_NUL_RATIO * len(head):
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > MAX_CONTROL_RATIO


def is_binary_file(head: bytes, by_lines: bool = False) -> bool:
    """True when most windows of a file's first bytes are binary (see ``SNIFF_WINDOWS``).

    For line formats (``by_lines``) each line is a window: a file with a few lines of binary
    debris among text lines is text, and those lines are rejected one by one.
    """
    if bom_encoding(head):
        return False
    if by_lines:
        lines = [line for line in head.split(b"\n")[: SNIFF_WINDOWS * 64] if line.strip()]
        return sum(_binary_line(line) for line in lines) * 2 > len(lines)
    windows = [head[i : i + SNIFF_BYTES] for i in range(0, len(head), SNIFF_BYTES)]
    windows = [w for w in windows if len(w) >= min(len(head), 512)]  # a short tail judges nothing
    return sum(is_binary(w) for w in windows) * 2 > len(windows)


def _binary_line(line: bytes) -> bool:
    """True for a line that is binary: by ``is_binary``, or holding NUL while not UTF-8."""
    if is_binary(line):
        return True
    if b"\x00" not in line:
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def drop_controls(text: str) -> str:
    """Text without NUL and other control characters (tab, newlines and form feed kept)."""
    return text.translate(_DROP_CONTROLS)


def drop_surrogates(text: str) -> str:
    """Text with lone surrogates (from JSON ``\\ud800`` escapes) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


def safe_path(path: str) -> str:
    """A path as printable, storable text: bytes that are not UTF-8 become ``\\xNN``.

    File names on POSIX are bytes; Python hands undecodable ones over as lone surrogates,
    which SQLite and terminals refuse.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if it is a known codec."""
    m = _META_CHARSET.search(data[: SNIFF_BYTES * 4])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode text: BOM, then UTF-8, then the declared charset, then a detected one.

    Raises ``InputError`` for binary data.
    """
    if is_binary(data):
        raise InputError("binary data, not text (NUL or control bytes)")
    enc = bom_encoding(data)
    if enc is not None:
        bom = next(b for b, e in BOMS if e == enc)
        return Decoded(drop_controls(data[len(bom) :].decode(enc, errors="replace")), enc)
    try:
        return Decoded(drop_controls(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if declared:
        try:
            return Decoded(drop_controls(data.decode(declared)), codecs.lookup(declared).name)
        except (UnicodeDecodeError, LookupError):
            pass
    enc = _detect(data)
    text = drop_controls(data.decode(enc, errors="replace"))
    return Decoded(text, enc, f"not valid UTF-8 (byte {bad}); decoded as {enc}")


# Western-European single-byte encodings: when detection cannot tell them from other code
# pages (short texts score the same in cp1250 and cp1252), cp1252 is the likelier in news.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})


def _detect(data: bytes) -> str:
    """Guess a legacy encoding with charset-normalizer; cp1252 when it has no answer."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[: SNIFF_BYTES * 8])
    best = results.best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "cp1252"
    tied = {m.encoding for m in results if m.chaos <= best.chaos + 0.01}
    if tied & _WESTERN:
        return "cp1252" if "cp1252" in tied else sorted(tied & _WESTERN)[0]
    return str(best.encoding)


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%Y%m%d")


def parse_date(value: object) -> date | None:
    """Parse a publication date (ISO date or datetime, or a common written form).

    Raises ``ValueError`` naming the value when it cannot be parsed.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(s).date()
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"unparsable published date {s[:40]!r}") from exc


def sample_of(data: bytes | str, n: int = 80) -> str:
    """The first characters of a record, for a reject's ``sample``."""
    if isinstance(data, bytes):
        data = data[: n * 4].decode("utf-8", errors="replace")
    return " ".join(data[:n].split())


def mb(n: int) -> str:
    """A byte count as megabytes for messages."""
    return f"{n / (1024 * 1024):g} MB"


def iter_text_lines(fh: IO[bytes], path: str, max_bytes: int) -> Iterator[tuple[str, str, bytes] | Reject]:
    """Non-blank lines as (record, decoded text, raw bytes); oversized or undecodable ones as rejects."""
    for lineno, raw in iter_byte_lines(fh, max_bytes):
        where = f"line {lineno}"
        if raw is None:
            yield Reject(path, where, f"document larger than the {mb(max_bytes)} limit")
            continue
        if not raw.strip():
            continue
        try:
            dec = decode_bytes(raw.rstrip(b"\r\n"))
        except InputError as exc:
            yield Reject(path, where, str(exc), sample=sample_of(raw))
            continue
        if dec.warning:
            log.warning("%s:%s: %s", path, where, dec.warning)
        yield where, dec.text, raw
