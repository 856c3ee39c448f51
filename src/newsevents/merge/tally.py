"""Running totals of one stored event's reports, so adding a report never re-reads the others.

A ``Tally`` folds reports in arrival order and keeps exactly what ``combine_reports`` needs to
choose the merged event's fields: counts per sub-event type with each type's most confident
report, actor votes, the most precise place and date, the strongest modality, the lowest
reported toll, the distinct articles and the best confidence. ``Tally.merged()`` equals
``combine_reports`` over the same reports (``tests/test_merge_tally.py`` checks it on generated
streams); the tally is stored as JSON in ``event_tallies`` next to its event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, cast

from newsevents.merge.codec import (
    actor_from_plain,
    event_from_plain,
    place_from_plain,
    plain,
)
from newsevents.merge.rules import (
    GEO_RANK,
    PRECISION_RANK,
    TERRITORY_SUB_TYPES,
    is_generic_actor,
    normalise_actor,
)
from newsevents.models import Actor, Event, Modality, Place

# Each further independent article keeps this share of the remaining doubt: three agreeing
# articles at confidence 0.6 reach 1 - 0.4 * 0.7**2 = 0.80. Chosen by hand so that a single
# source never exceeds its own extraction confidence and corroboration saturates slowly.
DOUBT_KEPT_PER_SOURCE = 0.7

# The stronger modality wins when reports disagree: one article asserting a happening outweighs
# another only relaying a claim of it.
MODALITY_ORDER = ("asserted", "claimed", "denied", "future", "hypothetical", "risk")

Votes = dict[str, list[Any]]  # normalised name -> [count, first actor (plain), generic]


def modality_rank(modality: str) -> int:
    """Lower is stronger; unknown modalities rank last."""
    return MODALITY_ORDER.index(modality) if modality in MODALITY_ORDER else len(MODALITY_ORDER)


def corroborated(top: float, n_articles: int) -> float:
    """The best report's confidence raised by every further independent article."""
    return round(1.0 - (1.0 - top) * DOUBT_KEPT_PER_SOURCE ** (n_articles - 1), 4)


def _vote(votes: Votes, actor: Actor | None) -> None:
    """Count one actor (unnamed ones do not vote)."""
    if actor is None:
        return
    key = normalise_actor(actor.name)
    if not key:
        return
    if key in votes:
        votes[key][0] += 1
    else:
        votes[key] = [1, plain(actor), is_generic_actor(actor.name)]


def _winner(votes: Votes) -> Actor | None:
    """The most voted specific name (generic ones only when nothing else); ties: first seen."""
    specific = [k for k in votes if not votes[k][2]]
    keys = specific or list(votes)
    if not keys:
        return None
    best = max(keys, key=lambda k: votes[k][0])
    return actor_from_plain(votes[best][1])


@dataclass(slots=True)
class SubTally:
    """The reports of one sub-event type: how many, the most confident, their actors."""

    count: int = 0
    rep: dict[str, Any] | None = None  # the first most confident report (plain, no evidence)
    rep_confidence: float = -1.0
    actor1: Votes = field(default_factory=dict)
    actor2: Votes = field(default_factory=dict)


@dataclass(slots=True)
class Tally:
    """Everything ``combine_reports`` reads from an event's reports, kept as running totals."""

    subs: dict[str, SubTally] = field(default_factory=dict)  # in order of first report
    plover: list[str] | None = None  # event, mode, context of the first report giving one
    actor1: Votes = field(default_factory=dict)
    actor2: Votes = field(default_factory=dict)
    assoc: dict[str, dict[str, Any]] = field(default_factory=dict)  # name key -> first actor
    place: dict[str, Any] | None = None
    place_rank: tuple[int, bool, float] | None = None
    date_rank: int = -1
    dates: dict[str, list[Any]] = field(default_factory=dict)  # iso -> [n, end, precision, text]
    modality: str | None = None
    fatalities_min: int | None = None  # lowest positive toll
    fatalities_zero: bool = False
    articles: int = 0
    top_confidence: float = 0.0
    reports: int = 0

    def add(self, report: Event, new_article: bool) -> None:
        """Fold one more report in (``new_article``: its article had no report here yet)."""
        self.reports += 1
        sub = self.subs.setdefault(report.sub_event_type, SubTally())
        sub.count += 1
        if report.confidence > sub.rep_confidence:
            sub.rep = plain(replace(report, evidence=[]))
            sub.rep_confidence = report.confidence
        _vote(sub.actor1, report.actor1)
        _vote(sub.actor2, report.actor2)
        _vote(self.actor1, report.actor1)
        _vote(self.actor2, report.actor2)
        if self.plover is None and report.plover_event:
            self.plover = [report.plover_event, report.plover_mode, report.plover_context]
        for actor in report.assoc_actors:
            key = normalise_actor(actor.name)
            if key and key not in self.assoc:
                self.assoc[key] = plain(actor)
        if report.place is not None:
            p = report.place
            rank = (GEO_RANK.get(p.precision, 0), p.lat is not None, p.confidence)
            if self.place_rank is None or rank > self.place_rank:
                self.place, self.place_rank = plain(p), rank
        if report.date is not None:
            self._add_date(report)
        if self.modality is None or modality_rank(report.modality) < modality_rank(self.modality):
            self.modality = report.modality
        if report.fatalities is not None:
            if report.fatalities > 0:
                low = self.fatalities_min
                self.fatalities_min = report.fatalities if low is None else min(low, report.fatalities)
            elif report.fatalities == 0:
                self.fatalities_zero = True
        self.articles += int(new_article)
        self.top_confidence = (
            report.confidence if self.reports == 1 else max(self.top_confidence, report.confidence)
        )

    def _add_date(self, report: Event) -> None:
        """Count the report's date among the most precise dates seen."""
        assert report.date is not None
        rank = PRECISION_RANK.get(report.time_precision, 0)
        if rank < self.date_rank:
            return
        if rank > self.date_rank:
            self.date_rank, self.dates = rank, {}
        day = report.date.isoformat()
        if day in self.dates:
            self.dates[day][0] += 1
        else:
            end = report.end_date.isoformat() if report.end_date else None
            self.dates[day] = [1, end, report.time_precision, report.time_text]

    @property
    def fatalities(self) -> int | None:
        """ACLED's most conservative figure (see ``conservative_fatalities``)."""
        if self.fatalities_min is not None:
            return self.fatalities_min
        return 0 if self.fatalities_zero else None

    def merged(self) -> Event:
        """The merged event, field for field what ``combine_reports`` gives for these reports."""
        territory = [s for s in self.subs if s in TERRITORY_SUB_TYPES]
        chosen = max(territory or list(self.subs), key=lambda s: self.subs[s].count)
        sub = self.subs[chosen]
        assert sub.rep is not None
        merged = replace(event_from_plain(sub.rep), evidence=[], sources=[], assoc_actors=[])
        if not merged.plover_event and self.plover is not None:
            merged.plover_event, merged.plover_mode, merged.plover_context = self.plover
        merged.actor1 = _winner(sub.actor1) or _winner(self.actor1)
        merged.actor2 = _winner(sub.actor2) or _winner(self.actor2)
        main = {normalise_actor(a.name) for a in (merged.actor1, merged.actor2) if a is not None}
        merged.assoc_actors = [
            a for k, v in self.assoc.items() if k not in main and (a := actor_from_plain(v))
        ]
        merged.place = self._place()
        if self.dates:
            day = min(self.dates, key=lambda d: (-self.dates[d][0], d))
            _, end, precision, text = self.dates[day]
            merged.date = date.fromisoformat(day)
            merged.end_date = date.fromisoformat(end) if end else None
            merged.time_precision, merged.time_text = precision, text
        assert self.modality is not None
        merged.modality = cast(Modality, self.modality)  # a report's own modality
        merged.fatalities = self.fatalities
        merged.confidence = corroborated(self.top_confidence, self.articles)
        return merged

    def _place(self) -> Place | None:
        """The most precise place reported."""
        return place_from_plain(self.place) if self.place is not None else None

    def to_json(self) -> str:
        """The tally as compact JSON (the ``event_tallies.state`` column)."""
        data = {
            "subs": {k: [s.count, s.rep, s.rep_confidence, s.actor1, s.actor2] for k, s in self.subs.items()},
            "plover": self.plover,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc": self.assoc,
            "place": self.place,
            "place_rank": self.place_rank,
            "date_rank": self.date_rank,
            "dates": self.dates,
            "modality": self.modality,
            "fatalities": [self.fatalities_min, self.fatalities_zero],
            "articles": self.articles,
            "top": self.top_confidence,
            "reports": self.reports,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Tally:
        """The tally ``to_json`` wrote."""
        data = json.loads(text)
        rank = data["place_rank"]
        return cls(
            subs={
                k: SubTally(count, rep, conf, a1, a2)
                for k, (count, rep, conf, a1, a2) in data["subs"].items()
            },
            plover=data["plover"],
            actor1=data["actor1"],
            actor2=data["actor2"],
            assoc=data["assoc"],
            place=data["place"],
            place_rank=(int(rank[0]), bool(rank[1]), float(rank[2])) if rank else None,
            date_rank=data["date_rank"],
            dates=data["dates"],
            modality=data["modality"],
            fatalities_min=data["fatalities"][0],
            fatalities_zero=data["fatalities"][1],
            articles=data["articles"],
            top_confidence=data["top"],
            reports=data["reports"],
        )
