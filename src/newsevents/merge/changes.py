"""The places whose control-relevant events changed in the open transaction, and from when.

The merge stage notes each change (the place key and the event's date before and after it);
``control.rebuild_control`` then replays each noted place's timeline only from its earliest
changed date. The notes live in a connection's temporary table, so they follow the
transaction: a rollback forgets them with the changes they describe.
"""

from __future__ import annotations

import sqlite3


def _ensure_table(conn: sqlite3.Connection) -> None:
    """Create this connection's notes table when missing."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS control_changes (place_key TEXT PRIMARY KEY, day TEXT NOT NULL)"
    )


def note_change(conn: sqlite3.Connection, key: str, day: str | None) -> None:
    """Remember the earliest date at which the place's events changed ("" when undated)."""
    _ensure_table(conn)
    conn.execute(
        "INSERT INTO temp.control_changes(place_key, day) VALUES (?, ?) "
        "ON CONFLICT(place_key) DO UPDATE SET day = min(day, excluded.day)",
        (key, day or ""),
    )


def changed_since(conn: sqlite3.Connection, key: str) -> str:
    """The earliest changed date noted for the place ("" when none: rebuild it whole)."""
    _ensure_table(conn)
    row = conn.execute("SELECT day FROM temp.control_changes WHERE place_key = ?", (key,)).fetchone()
    return str(row[0]) if row is not None else ""


def forget(conn: sqlite3.Connection, key: str | None = None) -> None:
    """Drop the notes of one place (all places when None) once its rows are rewritten."""
    _ensure_table(conn)
    if key is None:
        conn.execute("DELETE FROM temp.control_changes")
    else:
        conn.execute("DELETE FROM temp.control_changes WHERE place_key = ?", (key,))
