"""Reading evaluation files (.jsonl or .jsonl.gz) and writing per-item predictions."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)


def open_text(path: Path) -> IO[str]:
    """Open a text file, gunzipping ``.gz`` transparently."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open("r", encoding="utf-8")


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON Lines file; a malformed line is logged with its number."""
    n = 0
    with open_text(path) as fh:
        for lineno, line in enumerate(fh, start=1):
            if limit is not None and n >= limit:
                return
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                log.error("%s:line %d: malformed JSON (%s); skipped", path, lineno, exc.msg)
                continue
            if not isinstance(obj, dict):
                log.error("%s:line %d: expected a JSON object; skipped", path, lineno)
                continue
            n += 1
            yield obj


class PredictionWriter:
    """Writes each item's predictions next to its gold, one JSON object per line."""

    def __init__(self, path: Path | None) -> None:
        self._fh: IO[str] | None = path.open("w", encoding="utf-8") if path else None

    def write(self, item_id: Any, gold: Any, predicted: Any, **extra: Any) -> None:
        """Record one item (no-op when no predictions file was asked for)."""
        if self._fh is None:
            return
        row = {"id": item_id, "gold": gold, "predicted": predicted, **extra}
        self._fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        """Close the file."""
        if self._fh is not None:
            self._fh.close()

    def __enter__(self) -> PredictionWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
