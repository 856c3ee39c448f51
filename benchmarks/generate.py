"""Generated news articles for benchmarks: varied, realistic, reproducible from a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator

ACTORS = [
    "The Taliban",
    "Government forces",
    "Police",
    "Unidentified gunmen",
    "Al-Shabaab fighters",
    "Protesters",
    "Boko Haram militants",
    "Soldiers",
    "Rioters",
    "Security forces",
]
TARGETS = ["civilians", "a police post", "an army convoy", "villagers", "demonstrators", "a market"]
PLACES = [
    ("Ghazni", "Afghanistan"),
    ("Kandahar", "Afghanistan"),
    ("Mogadishu", "Somalia"),
    ("Maiduguri", "Nigeria"),
    ("Lagos", "Nigeria"),
    ("Kabul", "Afghanistan"),
    ("Goma", "Democratic Republic of the Congo"),
    ("Aleppo", "Syria"),
    ("Mosul", "Iraq"),
    ("Srinagar", "India"),
    ("Karachi", "Pakistan"),
    ("Gao", "Mali"),
]
VERBS = ["attacked", "clashed with", "seized", "shelled", "arrested", "killed", "protested against"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
QUOTES = [
    '"We will not allow this to continue," a spokesman said.',
    '"The situation is under control," the governor told reporters.',
    '"At least {n} people were killed," a local official said on condition of anonymity.',
]


def article(rng: random.Random) -> str:
    """One generated article of 4-8 paragraphs."""
    paras = []
    for _ in range(rng.randint(4, 8)):
        place, country = rng.choice(PLACES)
        paras.append(
            f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} in {place}, "
            f"{country}, on {rng.choice(DAYS)}, killing {rng.randint(1, 40)} people and "
            f"wounding {rng.randint(1, 60)}, officials said. "
            + rng.choice(QUOTES).format(n=rng.randint(2, 30))
            + f" The attack came {rng.randint(2, 200)} kilometres from the capital."
        )
    return "\n\n".join(paras)


def articles(n: int, seed: int = 7) -> Iterator[str]:
    """``n`` generated articles."""
    rng = random.Random(seed)
    for _ in range(n):
        yield article(rng)
