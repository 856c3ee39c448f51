"""The bundled example end to end, through the same function the CLI calls."""

from __future__ import annotations

import math
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from newsevents.pipeline import ingest_paths
from newsevents.store.schema import connect

pytestmark = pytest.mark.slow

GHAZNI = (33.55, 68.42)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The example ingested once with its publication date."""
    db = str(tmp_path_factory.mktemp("e2e") / "example.db")
    example = Path(__file__).resolve().parents[1] / "examples" / "afp_ghazni_2021-08-13.txt"
    summary = ingest_paths([str(example)], db, published=date(2021, 8, 13))
    assert summary.documents == 2
    return connect(db)


def test_one_article_and_one_duplicate_mention(store: sqlite3.Connection) -> None:
    assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    rows = store.execute("SELECT canonical FROM mentions ORDER BY canonical").fetchall()
    assert [r[0] for r in rows] == [0, 1]


def test_promo_is_out_of_the_body_and_kept_as_related_link(store: sqlite3.Connection) -> None:
    text, related = store.execute("SELECT text, related FROM articles").fetchone()
    assert "Read |" not in text and "Afghan cities taken over" not in text
    assert "deccanherald.com" in related
    assert "</p>" not in text and "\n\n." not in text


def test_both_quotes_have_their_speakers(store: sqlite3.Connection) -> None:
    rows = store.execute(
        "SELECT content, coalesce(speaker_name, speaker) FROM quotes WHERE kind = 'direct'"
    ).fetchall()
    by_start = {content.strip('"“” ')[:20]: speaker for content, speaker in rows}
    proposal = next(s for c, s in by_start.items() if c.startswith("Yes, the government"))
    enemy = next(s for c, s in by_start.items() if c.startswith("The enemy took"))
    assert "negotiating source" in proposal
    assert enemy == "Mirwais Stanikzai"


def test_ghazni_takeover_is_typed_placed_and_dated(store: sqlite3.Connection) -> None:
    rows = store.execute(
        "SELECT event_type, actor1, lat, lon, event_date, time_precision, id FROM events "
        "WHERE sub_event_type = 'Non-state actor overtakes territory' AND aggregate = 0"
    ).fetchall()
    assert len(rows) == 1, rows
    event_type, actor1, lat, lon, day, precision, event_id = rows[0]
    assert event_type == "Battles"
    assert actor1 == "Taliban"
    assert _km(lat, lon, *GHAZNI) <= 25
    assert (day, precision) == ("2021-08-12", "day")
    n_evidence = store.execute("SELECT count(*) FROM evidence WHERE event_id = ?", (event_id,)).fetchone()[0]
    assert n_evidence >= 2  # the seizure and the ministry's confirmation


def test_power_sharing_offer_is_a_proposal_not_an_agreement(store: sqlite3.Connection) -> None:
    subs = [r[0] for r in store.execute("SELECT sub_event_type FROM events").fetchall()]
    assert "Agreement" not in subs
    rows = store.execute(
        "SELECT e.sub_event_type, e.plover_event FROM events e JOIN evidence v ON v.event_id = e.id "
        "WHERE v.text LIKE '%power-sharing%'"
    ).fetchall()
    assert rows, "no event from the power-sharing offer"
    assert any("propos" in (sub or "").lower() or "negotiat" in (sub or "").lower() for sub, _ in rows)


def test_risk_of_falling_yields_no_event(store: sqlite3.Connection) -> None:
    rows = store.execute(
        "SELECT e.id FROM events e JOIN evidence v ON v.event_id = e.id "
        "WHERE v.text LIKE '%at risk of falling%'"
    ).fetchall()
    assert rows == []


def test_ghazni_control_passes_to_the_taliban(store: sqlite3.Connection) -> None:
    rows = store.execute(
        "SELECT controller, status, since FROM control WHERE place LIKE 'Ghazni%'"
    ).fetchall()
    assert ("Taliban", "taken", "2021-08-12") in [tuple(r) for r in rows]


def test_reingesting_the_same_input_adds_nothing(tmp_path: Path, example_path: Path) -> None:
    db = str(tmp_path / "again.db")
    ingest_paths([str(example_path)], db, published=date(2021, 8, 13))
    conn = connect(db)
    tables = ("articles", "mentions", "entities", "quotes", "events", "evidence", "control")
    before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    again = ingest_paths([str(example_path)], db, published=date(2021, 8, 13))
    after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    assert after == before
    assert again.articles_new == 0 and again.annotated == 0
