"""A store's content as sets of rows, without what is legitimately different between runs."""

from __future__ import annotations

import sqlite3
from collections import Counter

# Columns that differ between two runs that stored the same things: row numbers and timestamps.
RUN_SPECIFIC = {"id", "rid", "created_at", "ingested_at", "applied_at"}
# Tables compared (the full-text and R*Tree indexes are derived from these).
TABLES = (
    "articles",
    "mentions",
    "entities",
    "places",
    "times",
    "quotes",
    "quantities",
    "events",
    "event_reports",
    "evidence",
    "control",
    "rejects",
)


def store_rows(db: str) -> dict[str, Counter[tuple[object, ...]]]:
    """Each table's rows as a multiset, run-specific columns left out (events keep their ids)."""
    conn = sqlite3.connect(db)
    try:
        out: dict[str, Counter[tuple[object, ...]]] = {}
        for table in TABLES:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in cols if c not in RUN_SPECIFIC or (table == "events" and c == "id")]
            sql = "SELECT " + ", ".join(f'"{c}"' for c in keep) + f" FROM {table}"
            out[table] = Counter(tuple(row) for row in conn.execute(sql))
        return out
    finally:
        conn.close()
