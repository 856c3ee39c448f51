"""The command line's read side on a hand-built store: filters, messages, pipes, documentation."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from api_fixtures import build_sample_store
from newsevents.choices import UnknownChoiceError, event_types, match_choice, modalities
from newsevents.cli import EXIT_BROKEN_PIPE, app, reject_line
from newsevents.inputs import expand_inputs, expected_documents, is_documentation
from newsevents.models import Reject

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Five events (one an aggregate claim), control for Ghazni and Kandahar."""
    path = str(tmp_path_factory.mktemp("cli") / "s.db")
    build_sample_store(path)
    return path


def _run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _ids(stdout: str) -> set[str]:
    """The event ids of the tab-separated `events` output."""
    return {line.split("\t")[0] for line in stdout.splitlines()[1:] if line}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "battles"], {"e1", "e2"}),
        (["--type", "BATTLES"], {"e1", "e2"}),
        (["--type", " Protests "], {"e4"}),
        (["--sub-type", "armed clash"], {"e2"}),
        (["--sub-type", "negotiation/proposal"], {"e3"}),  # a value only the store knows
        (["--modality", "CLAIMED"], {"e3"}),
        (["--min-confidence", "0.8"], {"e1", "e2"}),
        (["--type", "strategic developments", "--no-aggregates"], {"e3"}),
        (["--type", "strategic developments"], {"e3", "e5"}),
    ],
)
def test_events_filters_match_in_any_case(store: str, args: list[str], expected: set[str]) -> None:
    code, stdout, _ = _run("events", "--db", store, *args)
    assert code == 0
    assert _ids(stdout) == expected


@pytest.mark.parametrize(
    ("option", "value", "guess"),
    [
        ("--type", "battle", "Battles"),
        ("--modality", "claim", "claimed"),
        ("--sub-type", "armed clashes", "Armed clash"),
    ],
)
@pytest.mark.parametrize("command", ["events", "export"])
def test_unknown_value_fails_in_one_line_with_a_guess_and_the_valid_values(
    store: str, command: str, option: str, value: str, guess: str
) -> None:
    extra = ["--format", "jsonl"] if command == "export" else []
    code, stdout, stderr = _run(command, "--db", store, *extra, option, value)
    assert code == 1
    assert stdout == ""
    assert len(stderr.strip().splitlines()) == 1
    assert f"did you mean {guess!r}?" in stderr
    assert "valid values:" in stderr


def test_unknown_type_lists_every_type(store: str) -> None:
    _, _, stderr = _run("events", "--db", store, "--type", "fights")
    for name in event_types():
        assert name in stderr


def test_aggregate_events_are_marked_in_their_own_column(store: str) -> None:
    code, stdout, _ = _run("events", "--db", store)
    assert code == 0
    header, *rows = stdout.splitlines()
    column = header.split("\t").index("aggregate")
    marks = {row.split("\t")[0]: row.split("\t")[column] for row in rows}
    assert marks["e5"] == "yes"
    assert {marks[e] for e in ("e1", "e2", "e3", "e4")} == {""}


def test_no_match_says_what_was_searched_and_what_the_store_holds(store: str) -> None:
    code, stdout, stderr = _run("events", "--db", store, "--type", "riots", "--place", "Kabul")
    assert code == 0
    assert stdout == ""
    assert "--type riots" in stderr and "--place Kabul" in stderr
    assert "5 events" in stderr and "2021-07-04 to 2021-08-12" in stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {"e1", "e2", "e3", "e4", "e5"}),
        (["--type", "protests"], {"e4"}),
        (["--modality", "asserted", "--min-confidence", "0.6", "--no-aggregates"], {"e1", "e2", "e4"}),
        (["--country", "af", "--from", "2021-08-12"], {"e1", "e3"}),
    ],
)
def test_export_takes_the_event_filters(store: str, args: list[str], expected: set[str]) -> None:
    code, stdout, _ = _run("export", "--db", store, "--format", "jsonl", *args)
    assert code == 0
    assert {json.loads(line)["id"] for line in stdout.splitlines()} == expected


def test_no_article_match_says_how_many_the_store_holds(store: str) -> None:
    code, stdout, stderr = _run("articles", "--db", store, "--query", "Mogadishu")
    assert code == 0
    assert stdout == ""
    assert "no articles match --query Mogadishu" in stderr and "holds 2 articles" in stderr


def test_export_of_control_refuses_event_filters(store: str) -> None:
    code, _, stderr = _run(
        "export", "--db", store, "--format", "csv", "--what", "control", "--type", "battles"
    )
    assert code == 1
    assert "--type" in stderr and "--what events" in stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--place", "Kabul"],
            ["--place Kabul", "2021-01-01 to 2021-08-12", "2 places", "Ghazni", "Kandahar"],
        ),
        (["--as-of", "2020-01-01"], ["--as-of 2020-01-01", "2021-01-01 to 2021-08-12"]),
    ],
)
def test_empty_control_says_what_the_table_covers(store: str, args: list[str], said: list[str]) -> None:
    code, stdout, stderr = _run("control", "--db", store, *args)
    assert code == 0
    assert stdout == ""
    for words in said:
        assert words in stderr


def _into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI in a real process whose stdout is a pipe the reader has already closed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write, as after `| head -0`
    try:
        return subprocess.run(
            [sys.executable, "-m", "newsevents.cli", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv"],
        ["export", "--format", "jsonl", "--type", "battles"],
        ["events"],
        ["stats"],
        ["show", "e1", "--json"],
    ],
)
def test_closed_pipe_ends_quietly(store: str, args: list[str]) -> None:
    done = _into_closed_pipe(*args, "--db", store)
    assert done.returncode == EXIT_BROKEN_PIPE
    assert done.stderr.decode() == "" or "Traceback" not in done.stderr.decode()
    assert b"Exception ignored" not in done.stderr and b"Error" not in done.stderr


def test_export_into_head_has_no_traceback(store: str) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    cli = f"{shlex.quote(sys.executable)} -m newsevents.cli"
    cmd = f"{cli} export --db {shlex.quote(store)} --format csv | head -1"
    done = subprocess.run(["sh", "-c", cmd], capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0
    assert done.stdout.decode().startswith("event_id_cnty,")
    assert done.stderr == b""


# --- the help and the README's summary -------------------------------------------------------


def _summary() -> str:
    """The README's command summary: the fenced block under "The command line at a glance"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The command line at a glance", 1)[1]
    return section.split("```", 2)[1]


def _summary_lines(summary: str, name: str) -> str:
    """The summary's line for one command, its FILTERS expanded."""
    lines = [ln for ln in summary.splitlines() if re.match(rf"newsevents {re.escape(name)}\b", ln)]
    text = " ".join(lines)
    if "[FILTERS]" in text:
        text += " " + summary.split("FILTERS:", 1)[1]
    return text


def _commands() -> list[tuple[str, list[str]]]:
    """Every command with the long names of its options (both halves of --x/--no-x)."""
    group = typer.main.get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        names = [
            opt
            for param in command.params
            for opt in (*param.opts, *param.secondary_opts)
            if opt.startswith("--") and opt != "--help"
        ]
        found.append((name, names))
    return found


def test_every_command_and_option_is_in_the_readme_summary() -> None:
    summary = _summary()
    for name, options in _commands():
        line = _summary_lines(summary, name)
        assert line, f"`newsevents {name}` is missing from the README's command summary"
        for option in options:
            assert re.search(rf"{re.escape(option)}\b", line), f"README summary lacks `{name} {option}`"
    group = typer.main.get_command(app)
    for param in group.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert option in summary, f"README summary lacks the global option {option}"


@pytest.mark.parametrize("name", [name for name, _ in _commands()])
def test_every_command_has_an_example_in_its_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, f"`newsevents {name} --help` has no example"


# --- pieces ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("battles", "Battles"),
        ("  RIOTS", "Riots"),
        ("explosions/remote violence", "Explosions/Remote violence"),
    ],
)
def test_match_choice_ignores_case_and_outer_spaces(value: str, expected: str) -> None:
    assert match_choice("--type", value, event_types()) == expected


@pytest.mark.parametrize(
    ("value", "guess"), [("explosions", "Explosions/Remote violence"), ("battle", "Battles"), ("zzz", None)]
)
def test_match_choice_guesses_from_a_prefix_or_a_near_spelling(value: str, guess: str | None) -> None:
    with pytest.raises(UnknownChoiceError) as caught:
        match_choice("--type", value, event_types())
    assert caught.value.guess == guess
    assert str(caught.value).startswith(f"unknown --type {value!r}:")


def test_modalities_are_the_models_closed_set() -> None:
    assert set(modalities()) == {"asserted", "claimed", "denied", "hypothetical", "risk", "future"}


@pytest.mark.parametrize(
    ("name", "doc"),
    [
        ("README.md", True),
        ("readme", True),
        ("LICENSE", True),
        ("LICENCE.txt", True),
        ("CHANGELOG.rst", True),
        ("notes.md", True),
        ("afp_ghazni_2021-08-13.txt", False),
        ("readers_letters.txt", False),
        ("dump.jsonl", False),
    ],
)
def test_documentation_files_are_told_by_name(name: str, doc: bool) -> None:
    assert is_documentation(name) is doc


def test_directory_walk_passes_over_documentation_but_not_a_named_file(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About these files\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Public domain\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text("<p>Troops clashed near Goma.</p>\n", encoding="utf-8")
    found = expand_inputs([str(tmp_path)])
    assert found.paths == [str(tmp_path / "story.txt")]
    assert sorted(Path(p).name for p in found.skipped) == ["LICENSE", "README.md"]
    named = expand_inputs([str(tmp_path / "README.md")])
    assert named.paths == [str(tmp_path / "README.md")] and not named.skipped


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.jsonl", b'{"text": "a"}\n{"text": "b"}\n{"text": "c"}', 3),
        ("a.csv", b"text,url\na,u\nb,v\n", 2),
        ("fragments.txt", b"<p>one</p>\n<p>two</p>\n", 2),
        ("story.txt", b"Plain text story.\n\nSecond paragraph.\n", 1),
        ("page.html", b"<html><body><p>x</p></body></html>", 1),
        ("a.jsonl.gz", b"", None),
        ("notes.pdf", b"%PDF", 0),
    ],
)
def test_documents_are_estimated_ahead_for_the_progress_bar(
    tmp_path: Path, name: str, content: bytes, expected: int | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert expected_documents(str(path), None) == expected


def test_total_is_unknown_when_any_input_is_stdin(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "a"}\n', encoding="utf-8")
    assert expand_inputs([str(path)], count=True).total() == 1
    assert expand_inputs([str(path), "-"], count=True).total() is None


@pytest.mark.parametrize(
    ("reason", "fix"),
    [
        ("unknown format for extension .pdf; pass a format, one of lines, html", "--format"),
        (
            "missing text field: no 'text' or 'html' among [body]; pass --text-field/--html-field",
            "--text-field",
        ),
    ],
)
def test_reject_line_names_the_fix(reason: str, fix: str) -> None:
    line = reject_line(Reject("in/a.jsonl", "line 1", reason))
    assert line.startswith("in/a.jsonl:line 1: ")
    assert f"(fix: {fix}" in line or fix in line.split("(fix:", 1)[1]
    assert "text_field" not in line  # a Python option name means nothing on the command line


def test_reject_line_without_a_known_fix_is_the_reason() -> None:
    assert reject_line(Reject("a.txt", "", "empty file")) == "a.txt: empty file"


def test_folder_of_documentation_only_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Nothing here yet\n", encoding="utf-8")
    code, _, stderr = _run("ingest", str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert "only documentation" in stderr and "README.md" in stderr
    assert not (tmp_path / "s.db").exists()


def test_progress_bar_counts_documents_and_files_rejected_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    import newsevents.cli as cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120))
    with cli._ingest_progress(total=5) as (advance, on_reject):
        advance(1)
        advance(1)
        on_reject(Reject("dump.jsonl", "", "empty file"), 3)  # a file expected to hold 3
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())  # colours and cursor moves out
    assert "5/5" in shown and "documents" in shown and "left" in shown
    assert "rejected dump.jsonl: empty file" in shown
