"""Bounds and closed sets of the API's query parameters, declared once for validation and OpenAPI."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import get_args

from newsevents.models import Modality
from newsevents.store.queries import EVENT_SORTS

# Words to match (actor, place, text, q, reason): a long phrase is under 100 characters; the
# bound keeps every LIKE pattern and FTS query far below SQLite's limits ("LIKE or GLOB pattern
# too complex" came from 50,000-character values).
MAX_WORDS_CHARS = 200
# Names matched exactly (country, stage) and item ids.
MAX_NAME_CHARS = 100
# Paging: deep pages are served, but an offset must fit SQLite's 64-bit integers; past a
# billion rows no store of ours reaches, so larger values are mistakes.
MAX_OFFSET = 1_000_000_000
# A whole query string: every filter at its longest fits in 2 KiB. Up to 64 KiB a value that is
# too long is answered 422 naming the parameter; a longer query string is refused (414) before
# any parsing.
MAX_QUERY_BYTES = 64 * 1024

MODALITIES: tuple[str, ...] = get_args(Modality)
SORT_KEYS: tuple[str, ...] = tuple(k for name in sorted(EVENT_SORTS) for k in (name, f"-{name}"))


@lru_cache(maxsize=1)
def _taxonomy() -> dict[str, list[str]]:
    """``{event_type: [sub_event_type, ...]}`` from the package's event taxonomy data file."""
    text = resources.files("newsevents.data").joinpath("event_taxonomy.json").read_text(encoding="utf-8")
    types = json.loads(text)["types"]
    return {name: list(value["sub_event_types"]) for name, value in types.items()}


def event_types() -> tuple[str, ...]:
    """Every event type of the taxonomy (ACLED's six and the political categories)."""
    return tuple(_taxonomy())


def sub_event_types() -> tuple[str, ...]:
    """Every sub-event type of the taxonomy, and the type names, sorted.

    Stores written before the political categories had their own sub-types hold a category's
    name as the sub-type (e.g. "Negotiation/proposal" under Strategic developments), so the
    names stay valid filter values.
    """
    return tuple(sorted({s for subs in _taxonomy().values() for s in subs} | set(_taxonomy())))


def check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """``value`` if it is one of ``choices`` (empty means no filter), else a ValueError naming them."""
    if not value:
        return None
    if value not in choices:
        raise ValueError(f"invalid {name}={value!r}: expected one of {', '.join(choices)}")
    return value
