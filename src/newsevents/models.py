"""The records passed between pipeline stages.

Every extracted field keeps its provenance: character offsets (``start``/``end``, end
exclusive) into ``Article.text`` and a confidence in [0, 1].
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal[
    "person",
    "organisation",
    "armed_group",
    "government",
    "place",
    "nationality",
    "news_agency",
    "other",
]
Modality = Literal["asserted", "claimed", "hypothetical", "risk", "denied", "future"]
TimePrecision = Literal["day", "week", "month", "year", "unknown"]
GeoPrecision = Literal["place", "admin2", "admin1", "country"]
QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(slots=True)
class RawDoc:
    """One document as read from an input, before cleaning."""

    path: str  # file the document came from ("-" for stdin)
    record: str  # where in the file: "line 3", "row 12", "record 4", "" for whole files
    text: str | None = None  # plain text, when the input carries text
    html: str | None = None  # HTML, when the input carries markup
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    fmt: str = "text"  # the reader that produced it


@dataclass(slots=True)
class Reject:
    """An input record that could not be turned into an article, kept with its reason."""

    path: str
    record: str
    reason: str
    stage: str = "read"
    sample: str = ""  # the first characters of the offending record

    def line(self) -> str:
        """One human-readable line naming the file, the record and the reason."""
        where = f"{self.path}:{self.record}" if self.record else self.path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class RelatedLink:
    """An inline promo taken out of the body ("Read | ...", "Also read: ...")."""

    text: str
    url: str | None = None


@dataclass(slots=True)
class Article:
    """A cleaned article: plain text in paragraphs whose spans point into ``text``."""

    id: str  # stable, derived from the normalised content
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    related: list[RelatedLink] = field(default_factory=list)
    path: str = ""
    record: str = ""
    duplicate_of: str | None = None  # set by dedup when this is another copy of a canonical


@dataclass(slots=True)
class Entity:
    """A named entity with a normalised name and a kind."""

    start: int
    end: int
    text: str
    name: str  # normalised name ("Taliban", "Mirwais Stanikzai", "Interior Ministry")
    kind: EntityKind
    label: str = ""  # the model's label, or "RULE"/"GAZ" when found otherwise
    confidence: float = 0.8
    role: str = ""  # a person's title or role as written before/after the name ("spokesman")


@dataclass(slots=True)
class Place:
    """A toponym resolved against the gazetteer."""

    start: int
    end: int
    text: str
    name: str  # gazetteer name
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # country name
    country_code: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    feature: str = ""  # GeoNames feature code (PPLA, ADM1, PCLI, ...)
    precision: GeoPrecision = "place"
    population: int = 0
    confidence: float = 0.5
    via: str = ""  # how it was found: "ner", "gazetteer", "demonym"


@dataclass(slots=True)
class TimeExpr:
    """A time expression normalised TIMEX3-style against the publication date."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str  # TIMEX3 value: 2021-08-12, 2021-W32, P1W, PRESENT_REF, XXXX-XX-XX...
    precision: TimePrecision = "unknown"
    date: dt.date | None = None  # the calendar day it points at, when it points at one
    end_date: dt.date | None = None  # last day, for weeks/months/ranges
    confidence: float = 0.7


@dataclass(slots=True)
class Quote:
    """Content attributed to a source through a cue."""

    start: int
    end: int
    content: str
    kind: QuoteKind
    speaker: str | None = None  # the speaker as written ("a government negotiating source")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None  # resolved entity name when the text allows
    speaker_kind: Literal["named", "described", "pronoun", "unknown"] = "unknown"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.7


@dataclass(slots=True)
class Quantity:
    """A number with its unit ("150 kilometres", "10 provincial capitals")."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    approximate: bool = False


@dataclass(slots=True)
class Evidence:
    """A sentence that supports an event."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Actor:
    """An event participant: the normalised (ACLED-style) name and the words in the text."""

    name: str
    text: str = ""
    kind: EntityKind = "other"
    country: str | None = None


@dataclass(slots=True)
class Event:
    """One happening, with everything needed to map, filter, trust and trace it."""

    event_type: str  # ACLED event type, or one of our political categories
    sub_event_type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    plover_event: str = ""
    plover_mode: str = ""
    plover_context: str = ""
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors: list[Actor] = field(default_factory=list)
    place: Place | None = None
    date: dt.date | None = None
    end_date: dt.date | None = None
    time_precision: TimePrecision = "unknown"
    time_text: str | None = None
    modality: Modality = "asserted"
    fatalities: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5  # probability that it happened and is correctly typed (ACLED types)
    article_id: str = ""
    sources: list[str] = field(default_factory=list)  # article ids that report it
    id: str = ""  # stable id, set when the event is stored or merged
    aggregate: bool = False  # a summary claim ("overran 10 provincial capitals"), not one happening
    salience: float = 0.0  # how prominently its article tells it (cue, arguments, lead): ranks, not trust


@dataclass(slots=True)
class Annotations:
    """Everything the annotate stage found in one article."""

    article_id: str
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class ControlChange:
    """A change of who holds a place, from territory events or fighting."""

    place: Place
    controller: str
    status: Literal["held", "contested", "taken", "retaken", "unconfirmed"]
    since: dt.date | None
    event_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
