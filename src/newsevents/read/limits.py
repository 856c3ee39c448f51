"""Per-file limits on what a reader may pull from one input, and UTF-16/32 streams as UTF-8.

A small compressed file can inflate into gigabytes or millions of records; these limits stop
reading that file with a reject naming the limit, and the run goes on with the next file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO

from newsevents.errors import InputError

# Decompressed bytes read from one file at most (4 GB): far above any real dump we have seen
# (the largest shared evaluation file is under 200 MB) and small enough to end a runaway file.
MAX_FILE_BYTES = 4 * 1024**3
# Documents (and rejected records) one file may yield: 100,000 articles is more than a month
# of a large news site; a file past that is a dump to split or a decompression bomb.
MAX_DOCS_PER_FILE = 100_000
# A gzip file inflating to more than 100 times its size is not text: news text and HTML
# compress 3-10 times, highly repetitive markup about 20 times.
MAX_GZIP_RATIO = 100
# The ratio is judged only after this many decompressed bytes, so small files never trip it.
RATIO_GRACE_BYTES = 4 * 1024 * 1024


class LimitExceeded(InputError):
    """A file went past one of the per-file limits; the rest of it is skipped."""


def megabytes(n: int) -> str:
    """A byte count for messages, in the largest unit that keeps it at 1 or more."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.4g} {unit}"
    return f"{n} bytes"


class BoundedReader(io.RawIOBase):
    """A raw stream that raises ``LimitExceeded`` once too many bytes were read from it.

    ``compressed_pos`` (for gzip) returns how many compressed bytes were consumed, to check the
    inflation ratio.
    """

    def __init__(
        self,
        raw: IO[bytes],
        max_bytes: int,
        compressed_pos: Callable[[], int] | None = None,
        max_ratio: float = MAX_GZIP_RATIO,
    ) -> None:
        super().__init__()
        self._raw = raw
        self._max_bytes = max_bytes
        self._compressed_pos = compressed_pos
        self._max_ratio = max_ratio
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        self._check()
        return n

    def _check(self) -> None:
        """Raise when a limit is passed."""
        if self.consumed > self._max_bytes:
            raise LimitExceeded(
                f"file larger than the {megabytes(self._max_bytes)} limit once decompressed "
                "(max_file_bytes); the rest of the file is skipped"
            )
        if self._compressed_pos is None or self.consumed < RATIO_GRACE_BYTES:
            return
        packed = max(1, self._compressed_pos())
        if self.consumed / packed > self._max_ratio:
            raise LimitExceeded(
                f"gzip data inflates more than {self._max_ratio:g} times (a decompression bomb; "
                "max_gzip_ratio); the rest of the file is skipped"
            )


def gzip_position(fh: IO[bytes]) -> Callable[[], int] | None:
    """A function giving the compressed bytes a gzip stream has consumed, or None for others."""
    inner = getattr(fh, "fileobj", None)
    if inner is None or not hasattr(inner, "tell"):
        return None
    return lambda: int(inner.tell())


class Utf8Recoder(io.RawIOBase):
    """A UTF-16/32 byte stream (with byte-order mark) re-encoded as UTF-8, streamed.

    Line-based readers split on ``b"\\n"``, which UTF-16 spreads over two bytes.
    """

    def __init__(self, raw: IO[bytes], encoding: str) -> None:
        super().__init__()
        family = "utf-32" if encoding.startswith("utf-32") else "utf-16"  # these strip the BOM
        self._text = io.TextIOWrapper(raw, encoding=family, errors="replace", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = self._text.read(16384)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8", "replace")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n
