"""Rule grammar for time expressions: regex patterns, each with a TIMEX3 normaliser.

Span conventions follow TimeML/TempEval-3: determiners and modifiers belong to the expression
("the past three years", "about two years ago", "last week"), prepositions do not ("on Thursday",
"in a week"). Values are resolved against the document creation time (``Context.dct``); without
one, relative expressions keep an underspecified value (``XXXX-WXX-4``, ``PAST_REF``).
"""

from __future__ import annotations

import re

from newsevents.nlp.times_context import Handler, Rule
from newsevents.nlp.times_dates import (
    norm_clock,
    norm_dmy,
    norm_iso,
    norm_mdy,
    norm_month,
    norm_month_year,
    norm_partday,
    norm_relday,
    norm_slash,
    norm_weekday,
)
from newsevents.nlp.times_lexicon import MODIFIER, MONTH_ANY, MONTH_FULL, NUM, UNIT, WEEKDAY
from newsevents.nlp.times_periods import (
    norm_anchored,
    norm_bare_unit,
    norm_century,
    norm_decade,
    norm_half,
    norm_holiday,
    norm_quarter,
    norm_quarter_ref,
    norm_ref,
    norm_season,
    norm_set_every,
    norm_set_weekdays,
    norm_set_word,
    norm_spelled_year,
    norm_year,
    norm_year_end,
)
from newsevents.nlp.times_relative import (
    norm_adj_duration,
    norm_ago,
    norm_bare_plural,
    norm_duration,
    norm_relunit,
    norm_vague_plural,
)


def _alt(*words: str) -> str:
    """A case-insensitive alternation of words or regex pieces."""
    return "(?i:" + "|".join(words) + ")"


_PART = r"(?P<part>[Mm]orning|[Aa]fternoon|[Ee]vening|[Nn]ight)"
_PART_OF = rf"(?:(?i:(?:on )?the )?(?i:{_PART}) (?i:of) )?"
_PRE = _alt(
    "early", "late", "earlier", "later", "mid-?", "the end of", "the beginning of", "the start of",
    "the middle of", "the rest of", "sometime", "some time", "so far",
)  # fmt: skip
_YREF = _alt(
    "this year's", "last year's", "next year's", "the previous year's", "the year-(?:ago|earlier)",
    "year-(?:ago|earlier)", r"\d{4}'s", r"the \d{4}", r"\d{4}",
)  # fmt: skip
_ORD = r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))"
_TH = r"(?:st|nd|rd|th)?"
_RANGE_END = rf"(?:\s*(?:-|–|to|and|or)\s*(?P<d2>[0-3]?\d){_TH}\b)?"
_DAYREF = rf"(?P<dayref>{WEEKDAY}|(?i:today|tonight|yesterday|tomorrow))"
_ZONE = r"(?:\s*\(?(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local time|[A-Z]{3}T)\)?)?"
_CLOCK_DATE = rf"(?P<cmon>{MONTH_ANY}) (?P<cday>[0-3]?\d)\b(?:,? (?P<cy>\d{{4}}))?"
_AMPM = r"(?P<ampm>(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b))"
_REL = _alt(
    "last", "next", "this past", "this coming", "this", "past", "coming", "previous", "following",
    "current",
)  # fmt: skip
_DUR_PRE = _alt(
    "past", "last", "next", "first", "previous", "coming", "latest", "final", "remaining", "following",
    "initial", "same", "year-earlier", "year-ago", "other", "additional",
)  # fmt: skip
_DUR_ADJ = _alt("more", "additional", "straight", "consecutive", "full", "long", "extra")
_NUM_NO_ARTICLE = NUM.replace("|a|an)", ")")
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = f"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:{_DIGIT_WORDS}))?"
_QUARTER_MODS = _alt(
    "comparable ", "same ", "corresponding ", "year-ago ", "year-earlier ", "latest ", "current ",
    "previous ", "prior ", "recent ", "fiscal ",
)  # fmt: skip
_REF_WORDS = _alt(
    "now", "currently", "current", "nowadays", "these days", "at present", "presently", "right now",
    "recently", "recent", "lately", "the past", "the (?:near )?future", "future", "the (?:near|short) term",
)  # fmt: skip
_HOLIDAYS = (
    r"(?P<name>Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|Thanksgiving(?: Day)?)"
)
_UNIT_PRE = _alt(
    "the end of", "the start of", "the beginning of", "the middle of", "the rest of", "earlier in",
    "later in", "early in", "late in",
)  # fmt: skip
_UNIT_ADJ = _alt("full", "fiscal", "calendar", "entire", "whole", "same", "latest", "previous", "prior")
_YEAR_PRE = _alt(
    "fiscal", "calendar", "the year", "the end of", "the beginning of", "the start of", "the middle of",
    "early", "late", "mid-?", "the fiscal year", "the calendar year",
)  # fmt: skip


def _r(name: str, handler: Handler, *parts: str) -> Rule:
    return Rule(name, re.compile("".join(parts)), handler)


RULES: list[Rule] = [
    _r("iso", norm_iso, r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2}))?\b"),
    _r("slash", norm_slash, r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    _r(
        "day_month",
        norm_dmy,
        rf"{_PART_OF}(?i:the )?\b(?P<d>[0-3]?\d){_TH}",
        rf"(?:\s*(?:-|–|to|and|or)\s*(?P<d2>[0-3]?\d){_TH})?(?: of)? (?P<mon>{MONTH_ANY})(?!\w)",
        r"(?:,? (?P<y>\d{4})\b)?",
    ),
    _r(
        "month_day",
        norm_mdy,
        rf"{_PART_OF}(?:{_PRE} )?(?P<mon>{MONTH_ANY}) (?P<d>[0-3]?\d){_TH}\b(?![%.,]\d)",
        rf"{_RANGE_END}(?:,? (?P<y>\d{{4}})\b)?",
    ),
    _r(
        "month_year",
        norm_month_year,
        rf"(?:{_PRE} )?(?P<mon>{MONTH_ANY})(?: of)?,? ",
        r"(?:(?P<y>\d{4})\b|(?P<rel>(?i:this|last|next) year)\b)",
    ),
    _r(
        "month",
        norm_month,
        rf"(?:(?P<pre>{_PRE})[ -]?)?(?:(?P<rel>(?i:last|next|this|this past|this coming|the)) )?",
        rf"\b(?P<mon>{MONTH_FULL})\b",
    ),
    _r(
        "weekday",
        norm_weekday,
        r"(?:(?i:early|late|earlier|later) )?(?:(?P<rel>(?i:last|next|this|this past|this coming|coming)) )?",
        rf"\b(?P<wd>{WEEKDAY})\b(?: {_PART}\b)?",
    ),
    _r(
        "clock",
        norm_clock,
        r"(?:(?i:about|around|at about|approximately|shortly after|shortly before|just after|just before) )?",
        rf"(?:\b(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*{_AMPM}",
        r"|\b(?P<word>(?i:noon|midnight))\b",
        rf"|\b(?P<h2>[0-2]?\d)(?::(?P<mi2>[0-5]\d))? (?i:o'clock|in the) (?:{_PART}))",
        rf"{_ZONE}(?:,? (?:on )?(?:{_DAYREF}|{_CLOCK_DATE}))?",
    ),
    _r(
        "relday",
        norm_relday,
        r"(?:(?i:early|late|earlier|later) )?(?:(?P<before>(?i:the day (?:before|after))) )?",
        rf"\b(?P<word>(?i:today|tonight|yesterday|tomorrow))\b(?: {_PART}\b)?",
    ),
    _r(
        "partday",
        norm_partday,
        r"\b(?P<rel>(?i:this|last|tomorrow|yesterday)) (?P<part>(?i:morning|afternoon|evening|night))\b",
    ),
    _r(
        "anchored",
        norm_anchored,
        r"(?:(?i:earlier|later|early|late) )?\b(?P<det>(?i:that same|that|the same|the following|the next",
        r"|the previous|the preceding|the prior)) ",
        r"(?P<unit>(?i:day|morning|afternoon|evening|night|week|month|year))",
        r"\b(?![-'])",
    ),
    _r(
        "relunit",
        norm_relunit,
        rf"(?:(?i:the) )?(?:{_PRE} )?\b(?P<rel>{_REL})",
        r" (?P<unit>(?i:(?:fiscal |calendar )?(?:week|weekend|month|quarter|year|decade|century)))\b(?!-)",
    ),
    _r(
        "ago",
        norm_ago,
        rf"(?:(?i:{MODIFIER}) )?\b(?P<num>(?i:{NUM})) (?P<unit>(?i:{UNIT}))(?: (?i:or so))?",
        r" (?P<dir>(?i:ago|earlier|later|before|after|from now|hence|back))\b",
    ),
    _r(
        "duration",
        norm_duration,
        rf"(?:(?i:each of )?(?i:the) )?(?:(?P<pre>{_DUR_PRE}) )?(?:(?i:{MODIFIER}) )?",
        rf"\b(?P<num>(?i:{NUM}))(?: {_DUR_ADJ})? (?P<unit>(?i:{UNIT}))\b(?!-)(?: (?i:or so))?",
    ),
    _r(
        "vague_plural",
        norm_vague_plural,
        r"(?:(?i:the) )?\b(?i:(?:past|last|next|coming|recent|previous|following|preceding)",
        r"(?: (?:few|several|many))?|(?:in |for )?recent) ",
        r"(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries))\b",
    ),
    _r(
        "bare_plural", norm_bare_plural, r"\b(?P<unit>(?i:hours|days|weeks|months|years|decades|centuries))\b"
    ),
    _r(
        "adj_duration",
        norm_adj_duration,
        rf"\b(?P<num>(?i:\d+|{_NUM_NO_ARTICLE}))[- ]",
        r"(?P<unit>(?i:second|minute|hour|day|week|month|quarter|year|decade))(?!-old|-olds)(?=-|\s)(?:-(?i:long))?",
    ),
    _r(
        "year",
        norm_year,
        rf"(?:(?P<pre>{_YEAR_PRE})[ -]?)?",
        r"(?<![\w$£€.,])(?P<y>1[5-9]\d\d|20\d\d)\b(?!['’]?s\b)",
    ),
    _r(
        "spelled_year",
        norm_spelled_year,
        rf"(?:(?i:the year) )?\b(?:(?P<hi>(?i:nineteen|eighteen|twenty))[ -](?P<lo>(?i:{_TEENS}|{_TENS}))",
        rf"|(?P<hi2>(?i:two thousand))(?:(?: and)? (?P<lo2>(?i:{_DIGIT_WORDS}|ten)))?)\b",
    ),
    _r("year_end", norm_year_end, r"(?:(?i:the) )?\b(?i:year[- ]end|year's end|the end of the year)\b"),
    _r(
        "decade",
        norm_decade,
        r"(?:(?i:the) )?(?:(?i:early|late|mid)-?\s?)?(?:(?P<dec>1\d\d|20\d)0|['’](?P<dec2>\d)0)['’]?s\b",
        r"|\b(?i:the) (?:(?i:early|late|mid)-?\s?)?",
        r"(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    ),
    _r("century", norm_century, r"(?:(?i:the) )?\b(?P<n>\d{1,2})(?:st|nd|rd|th) (?i:century)\b"),
    _r(
        "quarter",
        norm_quarter,
        rf"(?:(?i:the) )?(?:(?P<yref>{_YREF}) )?",
        r"(?:(?i:fiscal|calendar|latest|comparable|year-ago|year-earlier) )*",
        rf"{_ORD}(?:[- ](?i:fiscal|calendar))?[- ](?i:quarter|qtr\.?)(?!s)\b",
        r"(?: (?i:of )?(?P<yref2>(?i:\d{4}|this year|last year|next year|the year)))?",
    ),
    _r(
        "quarter_ref",
        norm_quarter_ref,
        rf"(?i:(?:the |that |this |last year's )(?:\d{{4}} )?{_QUARTER_MODS}*(?:quarter|period)",
        r"(?: (?:a year (?:ago|earlier)|last year|of \d{4}))?|\byear-(?:ago|earlier)\b)",
    ),
    _r(
        "half",
        norm_half,
        r"(?:(?i:the) )?(?P<ord>(?i:first|second))[- ](?i:half)",
        r"(?: (?i:of) (?P<yref>\d{4}|(?i:this|last|next|the) year))?",
    ),
    _r(
        "season",
        norm_season,
        r"(?:(?P<rel>(?i:this past|this coming|this|last|next|early|late|the|the early|the late)) )?",
        r"\b(?P<season>(?i:spring|summer|fall|autumn|winter))\b(?: (?i:of )?(?P<y>\d{4}))?",
    ),
    _r("ref", norm_ref, rf"\b{_REF_WORDS}\b"),
    _r("set_word", norm_set_word, r"\b(?i:hourly|daily|nightly|weekly|monthly|yearly)\b"),
    _r(
        "set_every",
        norm_set_every,
        rf"\b(?i:every|each)(?: (?P<other>(?i:other)))?(?: (?P<num>(?i:{NUM})))? ",
        rf"(?:(?P<wd>{WEEKDAY})|(?P<unit>(?i:{UNIT})))\b",
    ),
    _r("set_weekdays", norm_set_weekdays, rf"\b(?P<wd>{WEEKDAY})s\b"),
    _r("holiday", norm_holiday, rf"(?:(?P<rel>(?i:last|next|this)) )?\b{_HOLIDAYS}(?: (?P<y>\d{{4}}))?\b"),
    _r(
        "bare_unit",
        norm_bare_unit,
        rf"(?:(?P<pre>{_UNIT_PRE}) )?\b(?i:the) (?:(?P<adj>{_UNIT_ADJ}(?: (?i:fiscal|calendar))?) )?",
        r"(?P<unit>(?i:year|month|week|weekend))\b(?![-'])",
    ),
]
