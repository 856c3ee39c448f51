"""The ingest command under hostile input: names and reasons printed safely, floods summed up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import pipeline
from newsevents.cli import app
from robust_fixtures import fake_annotate_batches

GOOD = "Police arrested 12 protesters in Lagos on Monday, officials said."


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "annotate_batches", fake_annotate_batches)


def _ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ingest", *args, "-q"])
    return result.exit_code, "".join(result.output.split("\n"))  # the console wraps at 80


@pytest.mark.parametrize("name", ["a[/b].txt", "[bold]x.txt", "[a, b].jsonl"])
def test_file_names_that_look_like_markup_are_printed_as_they_are(tmp_path: Path, name: str) -> None:
    (tmp_path / name).parent.mkdir(exist_ok=True)  # "a[/b].txt" is "b].txt" in a folder "a["
    (tmp_path / name).write_bytes(b"x")
    (tmp_path / "good.txt").write_text(GOOD)
    code, output = _ingest(str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert code == 0 and name in output


def test_undecodable_file_name_is_printed_escaped(tmp_path: Path) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff.txt"), "wb") as fh:
        fh.write(b"x")
    (tmp_path / "good.txt").write_text(GOOD)
    code, output = _ingest(str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert code == 0 and "bad\\xff.txt" in output


def test_a_flood_of_rejects_is_summed_up(tmp_path: Path) -> None:
    (tmp_path / "junk.csv").write_text("text\n" + "x\n" * 50 + f'"{GOOD}"\n')
    code, output = _ingest(str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert code == 0
    assert output.count("junk.csv:row") == 5
    assert "45 more 'too short for an article' not shown" in output


def test_a_busy_store_is_refused_in_one_line(tmp_path: Path) -> None:
    from newsevents.store.lock import writer_lock

    (tmp_path / "good.txt").write_text(GOOD)
    db = str(tmp_path / "s.db")
    with writer_lock(db):
        code, output = _ingest(str(tmp_path / "good.txt"), "--db", db, "--lock-timeout", "0")
    assert code == 1 and "is being written by another ingest" in output


@pytest.mark.parametrize(
    ("option", "value"),
    [("--max-docs-per-file", "0"), ("--max-article-chars", "10"), ("--lock-timeout", "-1")],
)
def test_bad_limits_name_the_option(tmp_path: Path, option: str, value: str) -> None:
    code, output = _ingest(str(tmp_path), "--db", str(tmp_path / "s.db"), option, value)
    assert code == 1 and option in output
