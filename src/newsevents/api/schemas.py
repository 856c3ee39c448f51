"""The API's response shapes: one schema family per resource (``XPublic``, ``XsPublic``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ActorRef(BaseModel):
    """An associated actor of an event."""

    name: str
    text: str | None = None
    kind: str | None = None
    country: str | None = None


class EventPublic(BaseModel):
    """One merged event as listed."""

    id: str
    event_type: str
    sub_event_type: str
    plover_event: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None
    trigger: str | None = None
    actor1: str | None = None
    actor1_text: str | None = None
    actor2: str | None = None
    actor2_text: str | None = None
    assoc_actors: list[ActorRef] = Field(default_factory=list)
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None  # GeoNames id of the place (None for derived regions)
    feature: str | None = None  # its gazetteer feature code: PPL, PPLC, ADM1, ADM2, RGN, PCLI, CONT
    event_date: str | None = None
    end_date: str | None = None
    time_precision: str | None = None
    time_text: str | None = None
    modality: str
    fatalities: int | None = None
    confidence: float
    aggregate: bool = False
    n_sources: int = 1
    created_at: str | None = None


class EventsPublic(BaseModel):
    """A page of events and how many match in all."""

    data: list[EventPublic]
    count: int


class EvidencePublic(BaseModel):
    """A sentence supporting an event, with its place in its article."""

    article_id: str
    start: int
    end: int
    text: str


class ReportPublic(BaseModel):
    """Where one article reports an event: its trigger span."""

    article_id: str
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


class MentionPublic(BaseModel):
    """One copy of an article as it was read (the canonical one or a duplicate)."""

    id: int | None = None
    canonical: bool
    source: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    path: str | None = None
    record: str | None = None


class SourcePublic(BaseModel):
    """An article that reports an event, with the urls of all its copies."""

    article_id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    mentions: list[MentionPublic] = Field(default_factory=list)


class EventDetailPublic(EventPublic):
    """One event with its evidence, reports and sources."""

    evidence: list[EvidencePublic] = Field(default_factory=list)
    reports: list[ReportPublic] = Field(default_factory=list)
    sources: list[SourcePublic] = Field(default_factory=list)


class EventPointPublic(BaseModel):
    """A located event, compact, for the map."""

    id: str
    lat: float
    lon: float
    event_type: str
    sub_event_type: str
    event_date: str | None = None
    location: str | None = None
    actor1: str | None = None
    fatalities: int | None = None


class EventPointsPublic(BaseModel):
    """Located events (at most ``limit``) and how many match in all."""

    data: list[EventPointPublic]
    count: int


class ArticleHitPublic(BaseModel):
    """An article in a list or a search result; ``snippet_marks`` are the matched words."""

    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    snippet: str = ""
    snippet_marks: list[tuple[int, int]] = Field(default_factory=list)
    n_mentions: int = 0
    n_events: int = 0


class ArticlesPublic(BaseModel):
    """A page of articles and how many match in all."""

    data: list[ArticleHitPublic]
    count: int


class EntityPublic(BaseModel):
    """A named entity span."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    label: str | None = None
    confidence: float | None = None


class PlaceMentionPublic(BaseModel):
    """A toponym span resolved against the gazetteer."""

    start: int
    end: int
    text: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    feature: str | None = None
    precision: str | None = None
    confidence: float | None = None
    via: str | None = None


class TimePublic(BaseModel):
    """A normalised time expression span."""

    start: int
    end: int
    text: str
    type: str
    value: str
    precision: str | None = None
    date: str | None = None
    end_date: str | None = None
    confidence: float | None = None


class QuotePublic(BaseModel):
    """Attributed content, with its speaker and cue spans."""

    start: int
    end: int
    content: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker_kind: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float | None = None


class QuantityPublic(BaseModel):
    """A number with its unit."""

    start: int
    end: int
    text: str
    value: float | None = None
    unit: str | None = None
    approximate: bool = False


class ArticleEventPublic(EventPublic):
    """An event an article reports, with its triggers and evidence in that article."""

    reports: list[ReportPublic] = Field(default_factory=list)
    evidence: list[EvidencePublic] = Field(default_factory=list)


class RelatedLinkPublic(BaseModel):
    """An inline promo taken out of the body."""

    text: str
    url: str | None = None


class ArticlePublic(BaseModel):
    """One article: its text (untrusted: render as text) and every annotation over it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    paragraphs: list[tuple[int, int]] = Field(default_factory=list)
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    related: list[RelatedLinkPublic] = Field(default_factory=list)
    path: str | None = None
    record: str | None = None
    annotated: bool = False
    ingested_at: str | None = None
    entities: list[EntityPublic] = Field(default_factory=list)
    places: list[PlaceMentionPublic] = Field(default_factory=list)
    times: list[TimePublic] = Field(default_factory=list)
    quotes: list[QuotePublic] = Field(default_factory=list)
    quantities: list[QuantityPublic] = Field(default_factory=list)
    events: list[ArticleEventPublic] = Field(default_factory=list)
    mentions: list[MentionPublic] = Field(default_factory=list)


class PlacePublic(BaseModel):
    """A place events happened at."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    feature: str | None = None
    precision: str | None = None
    n_events: int
    first_date: str | None = None
    last_date: str | None = None


class PlacesPublic(BaseModel):
    """A page of places and how many there are in all."""

    data: list[PlacePublic]
    count: int


class BucketPublic(BaseModel):
    """Events counted in one bucket (a day, week, month, type or country)."""

    key: str | None
    count: int
    fatalities: int
    by_type: dict[str, int]


class AggregatesPublic(BaseModel):
    """Counts per bucket, for charts."""

    by: str
    data: list[BucketPublic]


class EventTypeFacet(BaseModel):
    """An event type and the sub-types present in the store."""

    event_type: str
    sub_event_types: list[str]


class FacetsPublic(BaseModel):
    """The values present in the store, for filter menus."""

    event_types: list[EventTypeFacet]
    modalities: list[str]
    countries: list[str]
    first_date: str | None = None
    last_date: str | None = None


class ControlPublic(BaseModel):
    """Who holds a place, since when, how well sourced."""

    model_config = {"extra": "allow"}

    place_key: str
    place: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    controller: str
    status: str
    since: str | None = None
    until: str | None = None
    event_ids: list[str] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    n_sources: int = 1
    confidence: float = 0.0


class ControlsPublic(BaseModel):
    """Control states (one per place, or one place's history)."""

    data: list[ControlPublic]
    count: int


class RejectPublic(BaseModel):
    """An input record kept out of the store, with why."""

    id: int
    path: str
    record: str
    stage: str
    reason: str
    sample: str | None = None
    created_at: str | None = None


class RejectsPublic(BaseModel):
    """A page of rejects and how many there are in all."""

    data: list[RejectPublic]
    count: int


class IngestPublic(BaseModel):
    """What an upload ingest did."""

    files: list[str]
    summary: dict[str, Any]


class HealthPublic(BaseModel):
    """The server is up, on this store, with or without writes."""

    status: str
    store: str
    writes_enabled: bool
    ui_available: bool
