"""The command line: bad input is reported in one line, kept, counted; the run goes on."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()

GOOD = "<p>Police arrested 12 protesters in Lagos on Monday, officials said.</p>"


def _run(*args: str) -> tuple[int, str]:
    """Run the CLI and return (exit code, stdout + stderr)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def _rejects(db: str) -> list[tuple[str, str]]:
    """(record, reason) of the stored rejects."""
    conn = sqlite3.connect(db)
    try:
        return [(r[0], r[1]) for r in conn.execute("SELECT record, reason FROM rejects")]
    finally:
        conn.close()


BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "rows.jsonl": b'{"title": "no text field here"}\nnot json at all\n',
    "rows.csv": b"title,url\nno text,http://example.org/a\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_file_beside_a_good_one_is_rejected_and_the_run_goes_on(tmp_path: Path, name: str) -> None:
    (tmp_path / "good.txt").write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / name).write_bytes(BAD_INPUTS[name])
    db = str(tmp_path / "s.db")
    code, output = _run("ingest", str(tmp_path), "--db", db, "--published", "2024-05-06")
    assert code == 0, output
    assert name in output  # the one-line error names the file
    assert _rejects(db), "the bad record was not kept in the rejects table"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_invalid_utf8_is_decoded_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("<p>Protesters marched in Bogotá on Friday.</p>\n".encode("latin-1"))
    db = str(tmp_path / "s.db")
    code, output = _run("ingest", str(path), "--db", db)
    assert code == 0, output
    text = sqlite3.connect(db).execute("SELECT text FROM articles").fetchone()[0]
    assert "Bogotá" in text


def test_broken_html_still_yields_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><p>Troops clashed with rebels near Goma <b>on", encoding="utf-8")
    db = str(tmp_path / "s.db")
    code, output = _run("ingest", str(path), "--db", db, "--format", "lines")
    assert code == 0, output
    assert "Goma" in sqlite3.connect(db).execute("SELECT text FROM articles").fetchone()[0]


def test_huge_document_is_rejected_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("<p>" + "word " * 10_500_000 + "</p>\n" + GOOD + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    code, output = _run("ingest", str(path), "--db", db)
    assert code == 0, output
    rejects = _rejects(db)
    assert len(rejects) == 1 and "line 1" in rejects[0][0]


def test_unknown_format_fails_with_the_valid_values(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    code, output = _run("ingest", str(path), "--db", str(tmp_path / "s.db"), "--format", "pdf")
    assert code == 1
    assert "pdf" in output and "jsonl" in output


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, output = _run("ingest", str(path), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert "empty.txt" in output


def test_gzip_jsonl_with_metadata_fields(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    row = {
        "text": "Soldiers killed three militants in Borno on Sunday.",
        "url": "http://x.org/1",
        "published": "2024-03-04",
        "source": "Wire",
    }
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
    db = str(tmp_path / "s.db")
    code, output = _run("ingest", str(path), "--db", db)
    assert code == 0, output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT url, source, published FROM mentions").fetchone() == (
        "http://x.org/1",
        "Wire",
        "2024-03-04",
    )


def test_examples_folder_ingests_the_story_and_passes_over_its_readme(
    tmp_path: Path, example_path: Path
) -> None:
    db = str(tmp_path / "s.db")
    code, output = _run("ingest", str(example_path.parent), "--db", db, "--published", "2021-08-13")
    assert code == 0, output
    assert "0 rejected" in output and "unknown format" not in output
    assert "1 documentation file skipped (README.md)" in output
    assert _rejects(db) == []


def test_example_end_to_end_through_the_cli(tmp_path: Path, example_path: Path) -> None:
    db = str(tmp_path / "s.db")
    code, output = _run("ingest", str(example_path), "--db", db, "--published", "2021-08-13")
    assert code == 0, output
    code, output = _run("events", "--db", db)
    assert code == 0 and "Ghazni" in output and "Non-state actor" in output
    code, output = _run("export", "--db", db, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert any(r["sub_event_type"] == "Non-state actor overtakes territory" for r in rows)
    keys = ("id", "event_type", "plover_event", "actor1", "lat", "lon", "event_date", "evidence", "sources")
    for key in keys:
        assert key in rows[0]
    code, output = _run("stats", "--db", db)
    assert code == 0 and json.loads(output)
