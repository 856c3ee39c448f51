"""The pipeline under failures: any exception in one document's processing becomes its reject."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from newsevents import pipeline
from newsevents.engines import prepare
from newsevents.models import Annotations
from newsevents.pipeline import IngestLimits, ingest_paths
from newsevents.store.writer import StoreWriter
from robust_fixtures import fake_annotate_batches, stored_rejects, stored_texts

TEXTS = [f"Report {n}: police arrested {n} protesters in Lagos on Monday, officials said." for n in range(6)]


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "annotate_batches", fake_annotate_batches)


def _write(tmp_path: Path, texts: list[str]) -> str:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    return str(path)


def test_an_article_the_annotator_refuses_is_rejected_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def picky(batches, workers=1):  # type: ignore[no-untyped-def]
        for batch in batches:
            if any("3 protesters" in text for _, text, _ in batch):
                raise RuntimeError("model exploded\nwith a second line")
            yield [Annotations(aid) for aid, _, _ in batch]

    monkeypatch.setattr(pipeline, "annotate_batches", picky)
    db = str(tmp_path / "s.db")
    summary = ingest_paths([_write(tmp_path, TEXTS)], db, batch_size=4)
    assert summary.annotated == 5 and summary.rejects == 1
    (rej,) = stored_rejects(db)
    reason = "annotate failed: RuntimeError: model exploded with a second line"
    assert rej[1:] == ("line 4", "annotate", reason)


def test_a_store_failure_rejects_that_article_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = StoreWriter.save_annotations

    def failing(self: StoreWriter, article, ann):  # type: ignore[no-untyped-def]
        if "2 protesters" in article.text:
            raise ValueError("disk says no")
        return real(self, article, ann)

    monkeypatch.setattr(StoreWriter, "save_annotations", failing)
    db = str(tmp_path / "s.db")
    summary = ingest_paths([_write(tmp_path, TEXTS)], db, batch_size=4)
    assert summary.annotated == 5
    assert [r[2:] for r in stored_rejects(db)] == [("store", "store failed: ValueError: disk says no")]


def test_a_clean_failure_rejects_that_document_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = prepare.clean_article

    def failing(raw, max_chars):  # type: ignore[no-untyped-def]
        if "4 protesters" in (raw.text or ""):
            raise KeyError("odd")
        return real(raw, max_chars)

    monkeypatch.setattr(prepare, "clean_article", failing)
    db = str(tmp_path / "s.db")
    summary = ingest_paths([_write(tmp_path, TEXTS)], db)
    assert summary.annotated == 5
    assert [r[1:] for r in stored_rejects(db)] == [("line 5", "clean", "clean failed: KeyError: 'odd'")]


def test_article_over_the_length_limit_is_split_not_a_crash(tmp_path: Path) -> None:
    para = "The rebels clashed with the army near the river. " * 40
    huge = "\n\n".join(f"Paragraph {n}. {para}" for n in range(700))
    assert len(huge) > 1_000_000
    db = str(tmp_path / "s.db")
    summary = ingest_paths([_write(tmp_path, [huge, TEXTS[0]])], db)
    assert summary.rejects == 0 and summary.annotated == len(stored_texts(db)) > 10
    assert max(map(len, stored_texts(db))) <= IngestLimits().max_article_chars


def test_tiny_junk_is_rejected_not_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    ingest_paths([_write(tmp_path, ["x", "}", "null", TEXTS[0]])], db)
    assert stored_texts(db) == [TEXTS[0]]
    assert [r[3].split(":")[0] for r in stored_rejects(db)] == ["too short for an article"] * 3


def test_traceback_is_logged_at_debug_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(raw, max_chars):  # type: ignore[no-untyped-def]
        raise KeyError("odd")

    monkeypatch.setattr(prepare, "clean_article", broken)
    with caplog.at_level(logging.INFO, logger="newsevents"):
        ingest_paths([_write(tmp_path, TEXTS[:1])], str(tmp_path / "s.db"), on_reject=lambda r: None)
    assert not any(r.exc_info for r in caplog.records)
    with caplog.at_level(logging.DEBUG, logger="newsevents"):
        ingest_paths([_write(tmp_path, TEXTS[1:2])], str(tmp_path / "t.db"), on_reject=lambda r: None)
    assert any(r.exc_info for r in caplog.records)


def test_reject_with_an_undecodable_path_is_stored(tmp_path: Path) -> None:
    import os

    name = os.path.join(os.fsencode(tmp_path), b"bad\xff.txt")
    with open(name, "wb") as fh:
        fh.write(b"x")
    db = str(tmp_path / "s.db")
    ingest_paths([str(tmp_path)], db)
    (rej,) = stored_rejects(db)
    assert rej[0].endswith("bad\\xff.txt")
