"""Fatalities of an event under ACLED's conventions (most conservative figure)."""

from __future__ import annotations

import re

# Vague quantities as ACLED codes them: "dozens" = 12, "several"/"many"/"scores" = 10,
# "hundreds" = 100; "a few" = 3 and "a couple" = 2 are our own conservative readings.
VAGUE: dict[str, int] = {
    "dozens": 12,
    "scores": 10,
    "several": 10,
    "many": 10,
    "numerous": 10,
    "hundreds": 100,
    "a dozen": 12,
    "a few": 3,
    "few": 3,
    "a couple": 2,
    "some": 3,
}
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS.split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "a": 1, "an": 1, "no": 0})

_NUM = (
    r"(\d[\d,]*|" + "|".join(sorted((re.escape(w) for w in [*WORDS, *VAGUE]), key=len, reverse=True)) + r")"
)
_DEATH = (
    r"(killed|dead|died|deaths?|fatalit(?:y|ies)|bodies|lives|lost their lives|slain|shot dead|"
    r"massacred|murdered|lifeless)"
)
_AFTER = re.compile(
    rf"\b{_NUM}\s+(?:(?:other|more|people|persons|civilians|soldiers|militants|men|women|children|"
    rf"policemen|police officers|fighters|protesters|villagers|members|of them|[\w-]+)\s+){{0,3}}"
    rf"(?:were |was |have been |had been |are |being )?(?:reportedly |also )?{_DEATH}",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    rf"\b(?:killed|killing|kill)\s+(?:at least\s+|about\s+|around\s+)?{_NUM}\b", re.IGNORECASE
)
_EXPLICIT = re.compile(rf"\b{_NUM}\s+(?:reported\s+)?fatalit(?:y|ies)\b", re.IGNORECASE)
_PERSON_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(man|woman|person|civilian|soldier|child|boy|girl|policeman|police officer|"
    r"villager|farmer|student|protester|militant|fighter|resident|worker|teenager|minor|trader|driver)\b",
    re.IGNORECASE,
)
_ZERO = re.compile(
    r"\b(no (reported )?(fatalities|casualties|deaths|one was (killed|injured|hurt))|"
    r"no report of (fatalities|casualties)|without (casualties|fatalities)|no injuries or fatalities|"
    r"no (one|people) (was|were) (killed|hurt))\b",
    re.IGNORECASE,
)


def _value(word: str) -> int | None:
    """The integer a number word or figure stands for."""
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    if w in VAGUE:
        return VAGUE[w]
    return WORDS.get(w)


def fatalities_in(text: str) -> int | None:
    """Fatalities reported in ``text``: the smallest explicit count, 0 when none are reported
    explicitly, None when nothing is said."""
    explicit = [_value(m.group(1)) for m in _EXPLICIT.finditer(text)]
    if explicit and explicit[-1] is not None:
        return explicit[-1]
    counts: list[int] = []
    for pat in (_AFTER, _BEFORE):
        for m in pat.finditer(text):
            val = _value(m.group(1))
            if (
                m.group(1).lower() in ("a", "an")
                and pat is _AFTER
                and not _PERSON_AFTER.match(text, m.end(1))
            ):
                continue  # "a roadside bomb killed ...": the article, not a count of dead
            if val is not None and val < 100000:
                counts.append(val)
    if counts:
        positive = [c for c in counts if c > 0]
        return min(positive) if positive else 0
    if _ZERO.search(text):
        return 0
    return None
