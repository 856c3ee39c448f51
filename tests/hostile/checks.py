"""Checks shared by the hostile suite: stored, rejected, within the time allowed."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from hostile.generators import Expected
from newsevents.read.source import safe_path


class Hang(Exception):
    """The work did not finish in the time allowed."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail with ``Hang`` when the block runs longer than ``seconds`` (checked by an alarm and on
    exit, since an alarm cannot interrupt a C extension that never returns to Python)."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - started > seconds:
        raise Hang(f"took {time.monotonic() - started:.1f}s, more than {seconds:g}s")


def input_files(root: Path) -> list[str]:
    """Every file under ``root`` as the store names it (undecodable bytes as ``\\xNN``)."""
    found = []
    for folder, _dirs, files in os.walk(root):
        found += [safe_path(os.path.join(folder, f)) for f in files]
    return sorted(found)


def outcome(db: str, root: Path, expected: Expected) -> dict[str, list[str]]:
    """What went wrong, by kind: lost valid articles, missing or wrong rejects, unaccounted files."""
    conn = sqlite3.connect(db)
    try:
        texts = [str(r[0]) for r in conn.execute("SELECT text FROM articles")]
        rejects: dict[str, list[str]] = {}
        for path, reason in conn.execute("SELECT path, reason FROM rejects"):
            rejects.setdefault(str(path), []).append(str(reason))
        mentioned = {str(r[0]) for r in conn.execute("SELECT DISTINCT path FROM mentions")}
    finally:
        conn.close()
    every_text = "\n".join(texts)
    problems: dict[str, list[str]] = {"lost": [], "wrong_reject": [], "unaccounted": []}
    problems["lost"] = [m for m in expected.valid if m not in every_text]
    for name, reason in expected.rejects.items():
        path = safe_path(str(root / name))
        reasons = rejects.get(path, [])
        if reason is None:
            if not reasons and path not in mentioned:
                problems["wrong_reject"].append(f"{name}: neither stored nor rejected")
        elif not any(r.startswith(reason) for r in reasons):
            problems["wrong_reject"].append(f"{name}: expected {reason!r}, got {reasons}")
    for path in input_files(root):
        if path not in mentioned and path not in rejects and not _inside_rejected_dir(path, rejects):
            problems["unaccounted"].append(path)
    return problems


def _inside_rejected_dir(path: str, rejects: dict[str, list[str]]) -> bool:
    """True when a folder above ``path`` was rejected as unreadable."""
    return any(path.startswith(folder + os.sep) for folder in rejects)
