"""Words of time expressions: month, weekday and number names, units, and their regex pieces."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "last": 4, "final": 4,
}  # fmt: skip
_UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
VAGUE_NUMBERS = ("a few", "a couple of", "several", "few", "many", "some", "a number of")

# TIMEX3 duration code of each unit: (time part?, letter, multiplier).
UNIT_CODES: dict[str, tuple[bool, str, int]] = {
    "second": (True, "S", 1), "minute": (True, "M", 1), "hour": (True, "H", 1),
    "day": (False, "D", 1), "night": (False, "D", 1), "weekend": (False, "D", 2),
    "week": (False, "W", 1), "fortnight": (False, "W", 2), "month": (False, "M", 1),
    "quarter": (False, "Q", 1), "year": (False, "Y", 1), "decade": (False, "Y", 10),
    "century": (False, "Y", 100),
}  # fmt: skip


def _cap(words: list[str]) -> str:
    """Alternation of words written Capitalised or UPPER (month and day names)."""
    forms = [w.capitalize() for w in words] + [w.upper() for w in words]
    return "|".join(sorted(forms, key=len, reverse=True))


MONTH_FULL = rf"(?:{_cap(list(MONTHS)[:12])})"
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH_ANY = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = rf"(?:{_cap(list(WEEKDAYS))})"
_NUMWORD = "|".join(sorted(list(_UNITS_WORDS) + list(_TENS_WORDS), key=len, reverse=True))
NUM = (
    rf"(?:\d+ 1/2|\d+(?:[.,]\d+)?|(?:{_NUMWORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|(?:a |one )?hundred|a dozen|dozens of|a couple of|couple of|a couple|a few|a number of"
    r"|several|few|many"
    r"|a|an)"
)
UNIT = r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"
MODIFIER = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|over|more than|less than|"
    r"fewer than|at least|at most|up to|under|just|only|barely|within|upwards of|close to)"
)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words; None for vague ones ("several")."""
    t = text.lower().strip().replace(",", "")
    if t in ("a", "an", "one"):
        return 1.0
    if t in ("a dozen",):
        return 12.0
    if t in ("a couple", "a couple of", "couple of"):
        return 2.0
    if t in ("hundred", "a hundred", "one hundred"):
        return 100.0
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if m := re.fullmatch(r"(\d+) 1/2", t):
        return int(m.group(1)) + 0.5
    total = 0
    for part in re.split(r"[- ]", t):
        if part in _UNITS_WORDS:
            total += _UNITS_WORDS[part]
        elif part in _TENS_WORDS:
            total += _TENS_WORDS[part]
        else:
            return None
    return float(total)


def unit_name(text: str) -> str:
    """The singular unit of a unit word ("centuries" -> "century", "Weeks" -> "week")."""
    t = text.lower()
    if t.startswith("centur"):
        return "century"
    return t[:-1] if t.endswith("s") else t


def duration_value(number: float | None, unit: str) -> str:
    """TIMEX3 duration for a number of units: P2W, PT5H, P10Y, PXY for vague amounts."""
    is_time, letter, mult = UNIT_CODES[unit]
    prefix = "PT" if is_time else "P"
    if number is None:
        return f"{prefix}X{letter}"
    amount = number * mult
    whole = int(amount)
    if amount == whole:
        return f"{prefix}{whole}{letter}"
    smaller = _FRACTION_UNITS.get((is_time, letter))
    if smaller is None:
        return f"{prefix}{amount:g}{letter}"
    small_letter, per, small_is_time = smaller
    rest = round((amount - whole) * per)
    head = f"{whole}{letter}" if whole else ""
    if small_is_time and not is_time:
        return f"P{head}T{rest}{small_letter}"
    return f"{prefix}{head}{rest}{small_letter}"  # 2.5 years -> P2Y6M, 1.5 minutes -> PT1M30S


# The next smaller unit for fractions: (time part?, letter) -> (letter, how many, time part?).
_FRACTION_UNITS: dict[tuple[bool, str], tuple[str, int, bool]] = {
    (False, "Y"): ("M", 12, False), (False, "M"): ("D", 30, False), (False, "W"): ("D", 7, False),
    (False, "D"): ("H", 24, True), (True, "H"): ("M", 60, True), (True, "M"): ("S", 60, True),
}  # fmt: skip
