"""Quantities with units."""

from __future__ import annotations

import logging
import re

from spacy.tokens import Doc, Token

from newsevents.models import Quantity

log = logging.getLogger(__name__)

UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "mile": "mi", "miles": "mi", "mi": "mi", "m": "m", "metre": "m",
    "metres": "m", "meter": "m", "meters": "m", "cm": "cm", "centimetres": "cm",
    "centimeters": "cm", "mm": "mm", "millimetre": "mm", "millimetres": "mm", "ft": "ft",
    "foot": "ft", "feet": "ft", "yard": "yd", "yards": "yd", "kg": "kg", "kilo": "kg",
    "kilos": "kg", "kilogram": "kg", "kilograms": "kg", "kilogrammes": "kg", "g": "g",
    "gram": "g", "grams": "g", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
    "lb": "lb", "lbs": "lb", "pound": "lb", "litre": "l", "litres": "l", "liter": "l",
    "liters": "l", "barrel": "bbl", "barrels": "bbl", "hectare": "ha", "hectares": "ha",
    "acre": "acre", "acres": "acre", "sq km": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "square miles": "mi2", "%": "%", "percent": "%",
    "per cent": "%", "pc": "%", "second": "s", "seconds": "s", "minute": "min",
    "minutes": "min", "hour": "h", "hours": "h", "hrs": "h", "day": "day", "days": "day",
    "week": "week", "weeks": "week", "month": "month", "months": "month", "year": "year",
    "years": "year", "mph": "mph", "kph": "km/h", "km/h": "km/h",
}  # fmt: skip
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "rs": "INR",
    "rs.": "INR", "inr": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP", "a$": "AUD",
}  # fmt: skip
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "rupee": "INR", "rupees": "INR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB",
    "ruble": "RUB", "afghanis": "AFN", "afghani": "AFN", "naira": "NGN", "shillings": "KES",
    "lira": "TRY", "riyals": "SAR", "dinars": "IQD", "francs": "CHF", "crore": "crore",
}  # fmt: skip
NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12, "half": 0.5,
}  # fmt: skip
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
    "bn": 1e9, "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
# Vague plurals: ACLED's coding conventions read "dozens" as 12 and "hundreds" as 100 (the most
# conservative reading); we follow them so fatalities agree with the events data set.
VAGUE: dict[str, float] = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens": 10,
    "millions": 1e6,
}  # fmt: skip
APPROX_BEFORE = (
    ("at", "least"), ("more", "than"), ("less", "than"), ("fewer", "than"), ("up", "to"),
    ("as", "many", "as"), ("close", "to"), ("an", "estimated"), ("about",), ("around",),
    ("some",), ("nearly",), ("almost",), ("roughly",), ("approximately",), ("over",),
    ("under",), ("estimated",), ("around",), ("upwards", "of"), ("at", "most"),
)  # fmt: skip
MONTHS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
NUM_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
MAX_UNIT_TOKENS = 4  # "10 provincial capitals", "three armoured police vehicles"; longer is rare


def _digit_value(text: str) -> float | None:
    """The value of "1,500" or "1.5"; None when not a plain number."""
    if NUM_RE.match(text):
        return float(text.replace(",", ""))
    return None


def _word_value(tok: Token) -> float | None:
    """The value of a number word ("ten", "twenty-five")."""
    low = tok.lower_
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    parts = low.split("-")
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _read_number(doc: Doc, i: int) -> tuple[int, float, bool] | None:
    """Parse a number starting at token i: (end token, value, vague) or None."""
    tok = doc[i]
    low = tok.lower_
    if low in VAGUE and tok.tag_ in ("NNS", "CD", "JJ"):
        end = i + 1
        if end < len(doc) and doc[end].lower_ == "of":
            end += 1
        return end, float(VAGUE.get(low, 12.0)), True
    if low == "a" and i + 1 < len(doc) and doc[i + 1].lower_ == "dozen":
        return i + 2, 12.0, False
    value = _digit_value(tok.text)
    if value is None:
        value = _word_value(tok)
        if value is None or (low == "one" and tok.pos_ == "PRON") or low == "half":
            return None
    end = i + 1
    # compound numbers: "twenty-five", "one hundred", "1.5 million", "two thousand five hundred"
    total, current = 0.0, value
    while end < len(doc):
        nxt = doc[end].lower_
        if nxt in SCALES and not (nxt == "m" and doc[end - 1].whitespace_):
            current *= SCALES[nxt]
            if SCALES[nxt] >= 1e3:
                total, current = total + current, 0.0
            end += 1
        elif nxt in ("and", "-") and end + 1 < len(doc) and _word_value(doc[end + 1]) is not None:
            end += 1
        elif _word_value(doc[end]) is not None and _digit_value(tok.text) is None:
            current += _word_value(doc[end]) or 0.0
            end += 1
        else:
            break
    return end, total + current, False


def _approx_start(doc: Doc, i: int) -> int:
    """Start of an approximating phrase ending right before token i, or i."""
    for phrase in APPROX_BEFORE:
        n = len(phrase)
        if i - n >= 0 and tuple(t.lower_ for t in doc[i - n : i]) == phrase:
            return i - n
    return i


def _unit(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """The unit or counted noun after a number at [start, end): (end token, unit)."""
    if end >= len(doc):
        return None
    two = " ".join(t.lower_ for t in doc[end : end + 2])
    if two in UNITS:
        return end + 2, UNITS[two]
    first = doc[end]
    if first.lower_ in UNITS and not (first.lower_ == "m" and first.i > 0 and doc[end - 1].like_num):
        return end + 1, UNITS[first.lower_]
    if first.lower_ in CURRENCY_WORDS:
        return end + 1, CURRENCY_WORDS[first.lower_]
    if first.lower_ == "of" and end + 1 < len(doc):  # "hundreds of people"
        end += 1
    # counted noun: the noun the number modifies, with the adjectives/compounds in between
    head = doc[start:end].root.head
    if head.i >= end and head.i - end < MAX_UNIT_TOKENS and head.pos_ in ("NOUN", "PROPN"):
        between = doc[end : head.i]
        if all(t.pos_ in ("ADJ", "NOUN", "PROPN", "VERB", "ADV") for t in between):
            return head.i + 1, _unit_text(doc[end : head.i + 1].text)
    if first.pos_ == "NOUN" and first.tag_ == "NNS":
        return end + 1, _unit_text(first.text)
    return None


def _unit_text(text: str) -> str:
    """A counted noun as a unit: as written, lower-cased only when it opens a sentence."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _next_to_month(doc: Doc, start: int, end: int) -> bool:
    """A number right after or before a month name is part of a date."""
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    after = doc[end].lower_.rstrip(".") if end < len(doc) else ""
    return before in MONTHS or after in MONTHS


def extract_quantities(doc: Doc) -> list[Quantity]:
    """Numbers with their units."""
    skip: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME", "ORDINAL"):
            if any(t.lower_ in ("dozens", "hundreds", "thousands") for t in ent):
                continue
            skip.update(range(ent.start, ent.end))
    out: list[Quantity] = []
    i = 0
    while i < len(doc):
        if i in skip:
            i += 1
            continue
        parsed = _read_number(doc, i)
        if parsed is not None and _next_to_month(doc, i, parsed[0]):
            parsed = None  # "1 May", "May 3", "29 Apr": a date the model did not tag
        if parsed is None:
            i += 1
            continue
        end, value, vague = parsed
        start = _approx_start(doc, i)
        approximate = vague or start < i
        unit: str | None = None
        if i > 0 and doc[i - 1].lower_ in CURRENCY_SYMBOLS:
            start = min(start, i - 1)
            unit = CURRENCY_SYMBOLS[doc[i - 1].lower_]
            start = _approx_start(doc, start) if start == i - 1 else start
            approximate = approximate or start < i - 1
        q_end = end
        if unit is None:
            found = _unit(doc, i, end)
            if found is not None:
                q_end, unit = found
        if unit is None:
            i = end
            continue
        span = doc[start:q_end]
        out.append(
            Quantity(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                value=value,
                unit=unit,
                approximate=approximate,
            )
        )
        i = q_end
    return out
