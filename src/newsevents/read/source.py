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

# How much of a file is sniffed for binary content and for a declared charset.
SNIFF_BYTES = 8192

# More than 10% control characters (other than tab/newline/CR/form feed) in the first
# bytes means binary data: text in any legacy encoding stays far below that.
MAX_CONTROL_RATIO = 0.10

_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


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


def is_binary(data: bytes) -> bool:
    """True when the bytes look like binary data rather than text in some encoding."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > MAX_CONTROL_RATIO


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
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(enc, errors="replace"), enc)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if declared:
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name)
        except (UnicodeDecodeError, LookupError):
            pass
    enc = _detect(data)
    text = data.decode(enc, errors="replace")
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


def iter_text_lines(
    fh: IO[bytes], path: str, max_bytes: int
) -> Iterator[tuple[str, str, bytes] | Reject]:
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
