"""Time expressions with the tagger: tense of the governing verb, the sample story, governing_time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newsevents.models import TimeExpr
from newsevents.nlp.model import load_nlp
from newsevents.nlp.times import extract_times, governing_time

FRIDAY = date(2021, 8, 13)
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "afp_ghazni_2021-08-13.txt"

pytestmark = pytest.mark.slow


def _doc(text: str) -> Doc:
    return load_nlp()(text)


def _by_text(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    return [t for t in times if t.text == text]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The Taliban seized Ghazni on Thursday.", "2021-08-12"),
        ("The Taliban will attack Ghazni on Thursday.", "2021-08-19"),
        ("Talks are scheduled to resume Thursday.", "2021-08-19"),
        ("The ministry said Tuesday that the city had fallen.", "2021-08-10"),
        ("The ministry says the city falls Friday.", "2021-08-13"),
    ],
)
def test_bare_weekday_follows_the_tense_of_its_verb(text: str, value: str) -> None:
    found = [t for t in extract_times(_doc(text), FRIDAY) if t.type == "DATE"]
    assert [t.value for t in found] == [value]
    assert found[0].precision == "day"


@pytest.mark.parametrize(
    ("text", "value"),
    [("Elections were held in February.", "2021-02"), ("Elections will be held in March.", "2022-03")],
)
def test_bare_month_follows_the_tense_of_its_verb(text: str, value: str) -> None:
    assert [t.value for t in extract_times(_doc(text), FRIDAY)] == [value]


def test_sample_story_thursdays_resolve_to_the_day_before_publication() -> None:
    text = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    times = extract_times(_doc(text), FRIDAY)
    thursdays = _by_text(times, "Thursday")
    assert len(thursdays) == 2
    assert all((t.value, t.date, t.precision) == ("2021-08-12", date(2021, 8, 12), "day") for t in thursdays)
    assert [t.value for t in _by_text(times, "a week")] == ["P1W"]
    assert [t.value for t in _by_text(times, "now")] == ["PRESENT_REF"]


def test_sample_story_without_publication_date_stays_underspecified() -> None:
    text = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    thursdays = _by_text(extract_times(_doc(text), None), "Thursday")
    assert [(t.value, t.date) for t in thursdays] == [("XXXX-WXX-4", None)] * 2


def test_governing_time_prefers_the_expression_attached_to_the_trigger() -> None:
    doc = _doc("The Taliban seized Ghazni on Thursday after fighting that began last week.")
    times = extract_times(doc, FRIDAY)
    seized = next(t.i for t in doc if t.text == "seized")
    began = next(t.i for t in doc if t.text == "began")
    governing = governing_time(doc, seized, times)
    assert governing is not None and governing.text == "Thursday"
    governing = governing_time(doc, began, times)
    assert governing is not None and governing.text == "last week"


def test_governing_time_ignores_other_sentences_and_durations() -> None:
    doc = _doc("The Taliban seized Ghazni. They held it for a week. Officials spoke on Thursday.")
    times = extract_times(doc, FRIDAY)
    seized = next(t.i for t in doc if t.text == "seized")
    assert governing_time(doc, seized, times) is None


@pytest.mark.slow
@pytest.mark.parametrize("text", ["To expand the school on Friday.", "To be held Friday at the library."])
def test_infinitive_at_the_root_is_future_and_terminates(text: str) -> None:
    from newsevents.nlp.model import load_nlp
    from newsevents.nlp.times import verb_tense

    doc = load_nlp()(text)
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert verb_tense(root) == "future"
