"""Closed sets a user filters by (event types, sub-types, modalities) and matching input to them."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import get_args

from newsevents.errors import NewsEventsError
from newsevents.models import Modality

# How close a misspelling must be to be offered as "did you mean": difflib's ratio, where 0.6 is
# its default; 0.5 also catches a dropped or doubled word ("battle" for "Battles", "air strike").
SUGGEST_CUTOFF = 0.5


class UnknownChoiceError(NewsEventsError):
    """A filter value outside its closed set: the message names the option, a guess and the set."""

    def __init__(self, option: str, value: str, valid: list[str], guess: str | None) -> None:
        hint = f" did you mean {guess!r}?" if guess else ""
        super().__init__(f"unknown {option} {value!r}:{hint} valid values: {', '.join(valid)}")
        self.option = option
        self.value = value
        self.guess = guess


@lru_cache(maxsize=1)
def taxonomy_types() -> dict[str, tuple[str, ...]]:
    """``{event_type: (sub_event_type, ...)}`` from the package's taxonomy file, in its order."""
    text = resources.files("newsevents.data").joinpath("event_taxonomy.json").read_text(encoding="utf-8")
    types = json.loads(text)["types"]
    return {t: tuple(v["sub_event_types"]) for t, v in types.items()}


def event_types() -> list[str]:
    """Every event type of the taxonomy."""
    return list(taxonomy_types())


def sub_event_types(event_type: str | None = None) -> list[str]:
    """The sub-event types of one type, or of all types."""
    groups = taxonomy_types()
    if event_type is not None:
        return list(groups.get(event_type, ()))
    return [s for subs in groups.values() for s in subs]


def modalities() -> list[str]:
    """Every modality an event may carry."""
    return list(get_args(Modality))


def match_choice(option: str, value: str | None, valid: Iterable[str]) -> str | None:
    """``value`` spelled as in ``valid`` (any letter case, outer spaces ignored), or an error.

    Example: ``match_choice("--type", "battles", event_types())`` returns ``"Battles"``; an
    unknown value raises ``UnknownChoiceError`` with the closest valid value and all of them.
    """
    if value is None or not value.strip():
        return None
    choices = list(dict.fromkeys(valid))
    wanted = value.strip().casefold()
    by_key = {c.casefold(): c for c in choices}
    if wanted in by_key:
        return by_key[wanted]
    prefixed = [c for c in choices if c.casefold().startswith(wanted)]
    close = difflib.get_close_matches(wanted, list(by_key), n=1, cutoff=SUGGEST_CUTOFF)
    guess = prefixed[0] if len(prefixed) == 1 else (by_key[close[0]] if close else None)
    raise UnknownChoiceError(option, value, choices, guess)
