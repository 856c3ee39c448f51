"""The event decisions that need no model: background, scope, participants, relevance, confidence."""

from __future__ import annotations

import json
import math
from datetime import date
from importlib import resources

import pytest

from newsevents.errors import NewsEventsError
from newsevents.models import TimeExpr
from newsevents.nlp.events.agency import fits_type, needed_classes
from newsevents.nlp.events.args import Mention
from newsevents.nlp.events.background import article_present, background_of
from newsevents.nlp.events.calibration import (
    FEATURE_SIGNS,
    FEATURES,
    MODEL_FILE,
    ConfidenceModel,
    confidence_model,
)
from newsevents.nlp.events.extract import _around
from newsevents.nlp.events.relevance import (
    RELEVANCE_FILE,
    RelevanceModel,
    SentenceCue,
    article_signals,
    relevance_model,
    words,
)
from newsevents.nlp.events.scope import for_type, out_of_scope
from newsevents.nlp.events.types_lexicon import AMBIGUOUS_TRIGGER

TODAY = date(2024, 6, 1)


def _day(start: int, end: int, day: date) -> TimeExpr:
    return TimeExpr(start, end, "x", "DATE", day.isoformat(), "day", day)


# --- background -------------------------------------------------------------------------------


def test_the_year_nearest_the_trigger_decides() -> None:
    s = "Visitors walked on Sunday to mark the anniversary of the 1965 marches, when troopers beat them."
    sunday = s.index("Sunday")
    times = [_day(sunday, sunday + 6, date(2024, 5, 26))]
    beat = s.index("beat")
    walked = s.index("walked")
    assert background_of(s, 0, times, TODAY, beat).past
    assert not background_of(s, 0, times, TODAY, walked).past
    assert background_of(s, 0, times, TODAY, beat).long_ago  # "anniversary"


def test_an_old_date_is_background_and_a_recent_one_is_news() -> None:
    s = "The Aug. 7, 1998, bombings killed more than 200 people."
    old = [_day(4, 17, date(1998, 8, 7))]
    assert background_of(s, 0, old, date(1999, 6, 7), s.index("killed")).past
    recent = [_day(4, 17, date(1999, 6, 1))]
    assert not background_of(s, 0, recent, date(1999, 6, 7), s.index("killed")).past


def test_without_a_present_nothing_is_background() -> None:
    s = "In 1995 a bomb killed 168 people."
    assert not background_of(s, 0, [], None, s.index("killed")).past


def test_the_present_is_the_publication_date_or_the_latest_day_named() -> None:
    times = [_day(0, 1, date(2020, 5, 1)), _day(2, 3, date(2020, 5, 3))]
    assert article_present(TODAY, times) == TODAY
    assert article_present(None, times) == date(2020, 5, 3)
    assert article_present(None, []) is None


def _named(text: str, day: date) -> TimeExpr:
    return TimeExpr(0, len(text), text, "DATE", day.isoformat(), "day", day)


def test_a_day_named_without_its_year_is_no_present_beside_one_with_it() -> None:
    # "On 7 May 2020, protesters of the movement that started on October 17 gathered": October 17
    # has its year guessed; it is the movement's start, not the article's present
    lead, start = _named("7 May 2020", date(2020, 5, 7)), _named("October 17", date(2020, 10, 17))
    assert article_present(None, [lead, start]) == date(2020, 5, 7)
    assert article_present(
        None, [_named("1996-08-30", date(1996, 8, 30)), _named("Sunday", date(1996, 9, 1))]
    ) == date(1996, 8, 30)
    # with no year stated anywhere, the latest day still stands
    assert article_present(None, [_named("Monday", date(2020, 5, 4)), start]) == date(2020, 10, 17)


# --- scope ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("was charged with murder on Thursday", "legal"),
        ("19-year-old killed in fiery crash", "mishap"),
        ("the cholera epidemic has killed 978 people", "mishap"),
        ("attempt to recover stolen items results in fatal stabbing", "crime"),
        ("agreed to buy all of the publicly held shares for $37 each", "business"),
        ("the animated film beat two Hollywood blockbusters at the box office", "culture"),
    ],
)
def test_excluded_kinds_are_read(text: str, kind: str) -> None:
    assert getattr(out_of_scope(text), kind)


def test_a_taxi_is_no_tax_and_a_business_is_business() -> None:
    assert not out_of_scope("around 20 taxi drivers protested").business
    assert out_of_scope("engaged in unofficial businesses in the city").business
    assert out_of_scope("a protest against the new sales tax").business


def test_a_crowd_event_is_no_business_or_mishap_story() -> None:
    found = out_of_scope("workers of a meat packing company protested after a road accident")
    assert found.business and found.mishap
    for crowd in ("Protests", "Riots"):
        kept = for_type(found, crowd)
        assert not kept.business and not kept.mishap
    assert for_type(found, "Violence against civilians") == found
    assert for_type(out_of_scope("charged with rioting"), "Riots").legal


def test_plain_violence_is_in_scope() -> None:
    found = out_of_scope("militants attacked a checkpoint, killing two soldiers")
    assert not any((found.legal, found.mishap, found.crime, found.business, found.culture))


def test_the_words_around_a_trigger_are_whole_words() -> None:
    text = (
        "where local MLA Lallo Singh is sitting on an indefinite hunger strike for the same cause, "
        "Singhal alleged the temple town had been converted into a camp."
    )
    start = text.index("hunger strike")
    around = _around(text, start, start + len("hunger strike"))
    assert around.startswith("where") and around.endswith("had")  # "been" is not cut to "bee"
    assert not out_of_scope(around).mishap


@pytest.mark.parametrize("word", ["missile", "helicopter", "disappeared", "went missing", "Rockets"])
def test_weapon_and_vehicle_triggers_are_ambiguous(word: str) -> None:
    assert AMBIGUOUS_TRIGGER.match(word)


@pytest.mark.parametrize("word", ["shelled", "attacked", "bombed", "abducted"])
def test_acts_are_not_ambiguous(word: str) -> None:
    assert not AMBIGUOUS_TRIGGER.match(word)


# --- participants -----------------------------------------------------------------------------


def _m(cls: str, role: str = "other") -> Mention:
    return Mention(0, 1, "x", cls, role=role)  # type: ignore[arg-type]


def test_each_type_needs_its_kind_of_participant() -> None:
    assert fits_type("Protests", [_m("civilians")], "workers protested")
    assert not fits_type("Battles", [_m("civilians")], "people clashed")
    assert fits_type("Battles", [_m("military")], "troops clashed")
    assert fits_type("Protests", [], "hundreds of people marched through the city")
    assert not fits_type("Protests", [], "letters of protest were sent")
    assert needed_classes("Statement") == frozenset()


# --- relevance --------------------------------------------------------------------------------


def test_article_signals() -> None:
    cues = [
        SentenceCue("Battles", 0.9, [_m("military")]),
        SentenceCue("Battles", 0.7, []),
        SentenceCue("Protests", 0.7, [_m("civilians")]),
    ]
    sig = article_signals(10, cues, words_logit=1.5)
    assert sig.typed_share == pytest.approx(0.3)
    assert sig.strong_sentences == pytest.approx(math.log1p(1))
    assert sig.participant_share == pytest.approx(0.1)
    assert sig.n_types == pytest.approx(math.log1p(2))
    assert sig.words_logit == 1.5
    assert article_signals(0, []).typed_share == 0.0


def test_relevance_model_weighs_words_and_round_trips() -> None:
    idf = {"curfew": 2.0, "shares": 2.0}
    model = RelevanceModel(idf=idf, coef={"curfew": 3.0, "shares": -3.0}, intercept=-1)
    assert model.logit("A curfew was imposed. Curfew again.") == pytest.approx(2.0)
    assert model.logit("Shares fell.") == pytest.approx(-4.0)
    assert model.logit("Nothing known here.") == pytest.approx(-1.0)
    again = RelevanceModel.from_dict(json.loads(model.to_json()))
    assert again.logit("curfew and shares") == pytest.approx(model.logit("curfew and shares"))
    assert words("It's a Curfew, curfew.") == {"it's": 1, "a": 1, "curfew": 2}


# --- the shipped models -----------------------------------------------------------------------


def test_the_shipped_models_load_and_cover_every_feature() -> None:
    assert resources.files("newsevents.data").joinpath(MODEL_FILE).is_file()
    assert resources.files("newsevents.data").joinpath(RELEVANCE_FILE).is_file()
    model = confidence_model()
    assert model is not None and set(model.features) == set(FEATURES)
    assert 0.0 < model.report_threshold < 0.5
    assert relevance_model() is not None


def test_the_shipped_confidence_keeps_the_known_directions() -> None:
    model = confidence_model()
    assert model is not None
    for name, coef in zip(model.features, model.coefs, strict=True):
        sign = FEATURE_SIGNS.get(name, 0)
        assert sign * coef >= -1e-9, (name, coef)


def test_probability_is_a_logistic_of_standardised_features() -> None:
    n = len(FEATURES)
    model = ConfidenceModel(FEATURES, (0.0,) * n, (1.0,) * n, (1.0,) + (0.0,) * (n - 1), 0.0, 0.1)
    assert model.probability({}) == pytest.approx(0.5)
    assert model.probability({FEATURES[0]: 2.0}) == pytest.approx(1 / (1 + math.exp(-2)))
    assert model.probability({FEATURES[0]: 1e6}) <= 1.0


def test_a_model_for_other_features_is_refused_with_the_fix() -> None:
    data = json.loads(ConfidenceModel(FEATURES, *([(0.0,) * len(FEATURES)] * 3), 0.0, 0.1).to_json())
    data["features"] = [*data["features"][:-1], "unknown"]
    with pytest.raises(NewsEventsError, match="refit it"):
        ConfidenceModel.from_dict(data)
