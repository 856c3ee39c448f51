"""The command line: each command is a thin wrapper over one plain function."""

from __future__ import annotations

import json
import logging
import os
import shlex
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsevents.choices import UnknownChoiceError, event_types, match_choice, modalities, sub_event_types
from newsevents.clean.limits import MAX_ARTICLE_CHARS
from newsevents.config import default_db, parse_day
from newsevents.errors import ConfigError, NewsEventsError
from newsevents.read.limits import MAX_DOCS_PER_FILE
from newsevents.read.source import safe_path

app = typer.Typer(
    name="newsevents",
    help="Turn raw scraped news into a database of political and conflict events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)
log = logging.getLogger("newsevents")

EVAL_TASKS = ("events", "geo", "quotes", "dates", "extraction", "clusters", "ner", "news")
EXPORT_FORMATS = ("csv", "jsonl", "parquet", "geojson")
# The exit status of a writer whose reader closed the pipe (`newsevents export ... | head`): 128 +
# SIGPIPE, what `cat` or `seq` end with, so `set -o pipefail` scripts see the same as with them.
EXIT_BROKEN_PIPE = 141

DbOption = Annotated[
    str,
    typer.Option("--db", help="SQLite store (default: $NEWSEVENTS_DB or ./newsevents.db)."),
]

# The event filters `events` and `export` share, one option each (values as in the taxonomy, in
# any letter case; an unknown value fails with the closest valid one and the list).
TypeOption = Annotated[
    str | None, typer.Option("--type", help="Event type, any case, e.g. battles or Protests.")
]
SubTypeOption = Annotated[
    str | None, typer.Option("--sub-type", help="Sub-event type, any case, e.g. 'armed clash'.")
]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Actor name (substring).")]
PlaceOption = Annotated[str | None, typer.Option("--place", help="Place, admin1 or country (substring).")]
CountryOption = Annotated[str | None, typer.Option("--country", help="Country name or ISO code.")]
FromOption = Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")]
TextOption = Annotated[str | None, typer.Option("--text", help="Words in the evidence.")]
ModalityOption = Annotated[
    str | None,
    typer.Option("--modality", help="asserted | claimed | denied | hypothetical | risk | future."),
]
MinConfidenceOption = Annotated[
    float | None,
    typer.Option("--min-confidence", help="Only events at least this sure (0-1)."),
]
AggregatesOption = Annotated[
    bool,
    typer.Option(
        "--aggregates/--no-aggregates",
        help="Include summary claims of several happenings ('overran 10 capitals').",
    ),
]


def _setup_logging(verbose: bool) -> None:
    """Configure logging for the CLI: warnings (or everything with -v) on stderr, one line each."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    if not verbose:  # the Dask scheduler and workers report every start and stop at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if verbose:  # our own debug lines too (tracebacks of rejected documents), not libraries'
        logging.getLogger("newsevents").setLevel(logging.DEBUG)


def _fail(message: str) -> typer.Exit:
    """Print one clear error line and return the exit to raise."""
    err.print(f"[red]error:[/red] {escape(safe_path(message))}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code=1)


class _ClosedPipe:
    """Ends output quietly when the reader of stdout goes away (`| head`), as Unix tools do.

    Used inside the store connection's block, so a half-read query is finished while the
    connection is still open; the caller then exits with ``EXIT_BROKEN_PIPE``.
    """

    closed = False

    def __enter__(self) -> _ClosedPipe:
        return self

    def __exit__(
        self, typ: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if typ is None:
            try:
                sys.stdout.flush()  # a pipe closed after the last write shows here, not at exit
            except BrokenPipeError:
                typ = BrokenPipeError
        if typ is None or not issubclass(typ, BrokenPipeError):
            return False
        self.closed = True
        try:  # the interpreter flushes stdout once more at exit: let that write go nowhere
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        return True

    def exit_if_closed(self) -> None:
        """Raise the quiet exit when the pipe was closed."""
        if self.closed:
            raise typer.Exit(code=EXIT_BROKEN_PIPE)


def _connect_ro(db: str) -> Any:
    """Open an existing store for reading, or fail with a clear message."""
    from newsevents.store.schema import connect

    if not Path(db).exists():
        raise _fail(f"no store at {db}: run `newsevents ingest PATH --db {db}` first")
    return connect(db)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    """newsevents: ingest news, then look at, filter and export the events."""
    _setup_logging(verbose)


EngineOption = Annotated[str, typer.Option("--engine", help="local (this machine) | dask (a Dask cluster).")]
WorkersOption = Annotated[
    int,
    typer.Option(
        help="Processes: the local annotate pool, or the workers of a local Dask cluster (0 = one per core)."
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(help="With --engine dask: the scheduler of a running cluster, tcp://HOST:8786."),
]
PartitionOption = Annotated[
    int, typer.Option("--partition-mb", help="With --engine dask: MB of input per partition (JSONL, CSV).")
]
FormatOption = Annotated[
    str | None,
    typer.Option("--format", help="lines | html | jsonl | csv | text | warc (default: by extension)."),
]
PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that lack one.")
]
SourceOption = Annotated[str | None, typer.Option(help="Source name for documents that lack one.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
MaxDocsOption = Annotated[
    int, typer.Option(help="Documents read from one file at most; the rest is rejected.")
]
MaxCharsOption = Annotated[int, typer.Option(help="Longer articles are split between paragraphs.")]
TextFieldOption = Annotated[
    str, typer.Option(help="The JSONL field or CSV column that holds an article's plain text.")
]
HtmlFieldOption = Annotated[
    str, typer.Option(help="The JSONL field or CSV column that holds an article's HTML.")
]
LockTimeoutOption = Annotated[
    float | None,
    typer.Option(help="Seconds to wait while another ingest writes the store (default: no limit)."),
]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - (stdin).")],
    db: DbOption = "",
    fmt: FormatOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    quiet: QuietOption = False,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    partition_mb: PartitionOption = 8,
    max_docs_per_file: MaxDocsOption = MAX_DOCS_PER_FILE,
    max_article_chars: MaxCharsOption = MAX_ARTICLE_CHARS,
    lock_timeout: LockTimeoutOption = None,
    text_field: TextFieldOption = "text",
    html_field: HtmlFieldOption = "html",
) -> None:
    """Read, clean, deduplicate, annotate and store news documents.

    In a directory, documentation (README*, LICENSE*, CHANGELOG*, *.md, *.rst) is passed over;
    a file named explicitly is always read. On a terminal a progress bar shows the documents
    read, the rate and, when the inputs can be counted ahead, the time left (--quiet hides it).

    Example: newsevents ingest examples/ --published 2021-08-13 --db news.db

    Example: newsevents ingest dump.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from newsevents.engines.local import default_workers
    from newsevents.inputs import expand_inputs
    from newsevents.pipeline import ingest_paths

    db = db or default_db()
    show = not quiet and err.is_terminal
    try:
        pub = parse_day(published, "--published")
        limits = _ingest_limits(max_docs_per_file, max_article_chars, lock_timeout, text_field, html_field)
        printer = _RejectPrinter()
        found = expand_inputs(paths, fmt=fmt, count=show and engine != "dask")
        if not found.paths:
            raise _fail(
                f"nothing to read in {', '.join(paths)}: only documentation ({', '.join(found.skipped)})"
            )
        progress = (
            _progress(show, engine) if engine == "dask" else _ingest_progress(found.total(), printer, show)
        )
        with progress as (advance, on_partition_or_reject):
            runner = _make_engine(
                engine, workers, scheduler, partition_mb, on_partition_or_reject if engine == "dask" else None
            )
            on_reject: Any = printer
            if show and engine != "dask":
                on_reject = lambda r: on_partition_or_reject(r, found.documents.get(r.path))  # noqa: E731
            try:
                summary = ingest_paths(
                    found.paths, db, fmt=fmt, published=pub, source=source,
                    workers=workers if workers > 0 else default_workers(),
                    progress=advance, on_reject=on_reject, engine=runner, limits=limits,
                )  # fmt: skip
            finally:
                if runner is not None:
                    runner.close()
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    printer.close()
    line = summary.line()
    if found.skipped:
        names = ", ".join(Path(p).name for p in found.skipped[:3]) + (
            ", ..." if len(found.skipped) > 3 else ""
        )
        plural = "s" if len(found.skipped) > 1 else ""
        line += f"; {len(found.skipped)} documentation file{plural} skipped ({names})"
    err.print(line, highlight=False, soft_wrap=True)
    if summary.documents == 0:
        raise _fail("nothing could be read from " + ", ".join(paths))


@app.command()
def annotate(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - (stdin).")],
    output: Annotated[str, typer.Option("--output", "-o", help="Directory for the Parquet shards.")],
    fmt: FormatOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    quiet: QuietOption = False,
    workers: WorkersOption = 1,
    engine: EngineOption = "dask",
    scheduler: SchedulerOption = None,
    partition_mb: PartitionOption = 8,
    max_docs_per_file: MaxDocsOption = MAX_DOCS_PER_FILE,
    max_article_chars: MaxCharsOption = MAX_ARTICLE_CHARS,
    text_field: TextFieldOption = "text",
    html_field: HtmlFieldOption = "html",
) -> None:
    """Read, clean, sign and annotate into Parquet shards (one per partition); reruns skip finished ones.

    Load the shards into a store with `newsevents load DIR`. With a multi-machine cluster the
    output directory must be shared by the workers (they write the shards).

    Example: newsevents annotate dump.jsonl --engine dask --workers 4 --output shards/
    """
    from newsevents.engines.local import LocalEngine
    from newsevents.inputs import expand_inputs

    show = not quiet and err.is_terminal
    try:
        pub = parse_day(published, "--published")
        limits = _ingest_limits(max_docs_per_file, max_article_chars, None, text_field, html_field)
        found = expand_inputs(paths, fmt=fmt)
        if not found.paths:
            raise _fail(
                f"nothing to read in {', '.join(paths)}: only documentation ({', '.join(found.skipped)})"
            )
        with _progress(show, "dask") as (_advance, on_partition):
            runner = _make_engine(engine, workers, scheduler, partition_mb, on_partition)
            try:
                if runner is None:
                    written, skipped = LocalEngine().write_shards(
                        found.paths, output, fmt, pub, source, partition_mb * 1024 * 1024, limits
                    )
                else:
                    written, skipped = runner.write_shards(found.paths, output, fmt, pub, source, limits)
            finally:
                if runner is not None:
                    runner.close()
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    documents = sum(s.documents for s in written)
    err.print(
        f"{len(written)} shards written ({documents} documents), {skipped} already finished, in {output}",
        highlight=False,
    )


@app.command()
def load(
    directory: Annotated[str, typer.Argument(metavar="DIR", help="Shards written by `annotate --output`.")],
    db: DbOption = "",
    quiet: QuietOption = False,
    max_docs_per_file: MaxDocsOption = MAX_DOCS_PER_FILE,
    lock_timeout: LockTimeoutOption = None,
) -> None:
    """Merge annotated Parquet shards into the store, in input order; rerunning adds nothing.

    The shards were read and cleaned within the limits given to `annotate`; the documents of a
    file cut into line ranges are counted again here against --max-docs-per-file.

    Example: newsevents load shards/ --db news.db
    """
    from newsevents.engines.shards import ShardEngine
    from newsevents.pipeline import ingest_paths

    db = db or default_db()
    if not Path(directory).is_dir():
        raise _fail(
            f"no shard directory at {directory}: write one with "
            f"`newsevents annotate PATH --output {directory}`"
        )
    show = not quiet and err.is_terminal
    try:
        limits = _ingest_limits(max_docs_per_file, MAX_ARTICLE_CHARS, lock_timeout)
        printer = _RejectPrinter()
        with _progress(show, "local") as (advance, _on_partition):
            summary = ingest_paths(
                [directory], db, progress=advance, on_reject=printer, engine=ShardEngine(), limits=limits
            )
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    printer.close()
    err.print(summary.line(), highlight=False)


def _make_engine(
    engine: str, workers: int, scheduler: str | None, partition_mb: int, on_partition: Any
) -> Any:
    """The engine the options name: None for the local one (the pipeline's default)."""
    if engine not in ("local", "dask"):
        raise _fail(f"invalid --engine={engine!r}: expected local or dask")
    if partition_mb <= 0:
        raise _fail(f"invalid --partition-mb={partition_mb}: expected a positive number of MB")
    if engine == "local":
        if scheduler:
            raise _fail("--scheduler needs --engine dask")
        return None
    from newsevents.engines.dask import DaskEngine

    return DaskEngine(
        scheduler=scheduler,
        workers=0 if scheduler else max(0, workers),
        partition_bytes=partition_mb * 1024 * 1024,
        progress=on_partition,
    )


@contextmanager
def _progress(show: bool, engine: str) -> Iterator[tuple[Any, Any]]:
    """Progress callbacks: documents read, and (dask) partitions done / total with articles/s."""
    if not show:
        yield None, None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if engine == "dask":
        columns += [
            BarColumn(),
            TextColumn("{task.completed}/{task.total} partitions"),
            TextColumn("{task.fields[rate]}"),
        ]
    else:
        columns.append(TextColumn("{task.completed} documents"))
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingesting" if engine != "dask" else "partitions", total=None, rate="")

        def on_partition(done: int, total: int, documents: int, seconds: float) -> None:
            rate = f"{documents / seconds:.1f} articles/s" if seconds > 0 else ""
            bar.update(task, completed=done, total=total, rate=rate)

        def advance(n: int) -> None:
            if engine != "dask":
                bar.advance(task, n)

        yield advance, on_partition


def _ingest_limits(
    max_docs: int,
    max_chars: int,
    lock_timeout: float | None,
    text_field: str = "text",
    html_field: str = "html",
) -> Any:
    """The ingest limits and record fields from the command line, each checked."""
    from newsevents.pipeline import IngestLimits

    if max_docs <= 0:
        raise ConfigError("--max-docs-per-file", max_docs, "a positive number")
    if max_chars < 1000:
        raise ConfigError("--max-article-chars", max_chars, "at least 1000")
    if lock_timeout is not None and lock_timeout < 0:
        raise ConfigError("--lock-timeout", lock_timeout, "seconds, 0 or more")
    for flag, name in (("--text-field", text_field), ("--html-field", html_field)):
        if not name.strip():
            raise ConfigError(flag, name, "a field or column name")
    return IngestLimits(
        max_article_chars=max_chars,
        max_docs_per_file=max_docs,
        lock_timeout=lock_timeout,
        text_field=text_field,
        html_field=html_field,
    )


class _RejectPrinter:
    """Prints rejects one line each; past ``SHOWN`` of one kind in one file they are counted
    and summed up at the end (every one is still in the rejects table)."""

    SHOWN = 5

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], int] = {}

    def __call__(self, reject: Any) -> None:
        key = (reject.path, reject.reason.split(":")[0])
        self.seen[key] = self.seen.get(key, 0) + 1
        if self.seen[key] <= self.SHOWN:
            _print_reject(reject)

    def close(self) -> None:
        """One line per file and kind with rejects not printed."""
        for (path, kind), n in self.seen.items():
            if n > self.SHOWN:
                err.print(
                    f"[yellow]rejected[/yellow] {escape(path)}: {n - self.SHOWN} more "
                    f"'{escape(kind)}' not shown "
                    "(`newsevents stats` counts them; all are in the rejects table)",
                    highlight=False,
                    soft_wrap=True,
                )


@contextmanager
def _ingest_progress(total: int | None, show: Any = None, enabled: bool = True) -> Iterator[tuple[Any, Any]]:
    """A progress bar on stderr counting documents, with rate and time left when ``total`` is known.

    Yields the pipeline's progress callback and a reject callback that prints the reject above
    the bar (through ``show``, one line each by default) and moves the bar on by the documents a
    wholly rejected file was expected to hold. Not ``enabled``: no bar, no callbacks.
    """
    if not enabled:
        yield None, None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Documents per second."""

        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:.1f} docs/s" if task.speed else "", style="progress.data.speed")

    if total is None:
        columns: list[Any] = [
            SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
            RateColumn(), TimeElapsedColumn(),
        ]  # fmt: skip
    else:
        columns = [
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
            RateColumn(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
        ]  # fmt: skip
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=total)

        def advance(n: int) -> None:
            bar.advance(task, n)
            if total is not None and bar.tasks[0].completed > (bar.tasks[0].total or 0):
                bar.update(task, total=bar.tasks[0].completed)  # the estimate was short

        def on_reject(reject: Any, expected: int | None) -> None:
            (show or _print_reject)(reject)
            if reject.stage == "read":  # a record the reader gave up on never reached the count
                bar.advance(task, (expected or 0) if not reject.record else 1)

        yield advance, on_reject


# What fixes a reject, by the start of its reason: the ingest option to pass, or what to change.
REJECT_FIXES = {
    "unknown format for extension": "if it is news, pass --format lines|html|jsonl|csv|text|warc",
    "missing text field": "name the record's text field with --text-field (or its HTML with --html-field)",
    "missing text column": "name the text column with --text-field (or the HTML column with --html-field)",
}


def reject_line(reject: Any) -> str:
    """One line naming the file, the record, the reason and, when one helps, the fix."""
    line = str(reject.line())
    for start, fix in REJECT_FIXES.items():
        if reject.reason.startswith(start):
            reason = reject.reason.split("; ")[0]  # the fix below says it in command-line terms
            where = f"{reject.path}:{reject.record}" if reject.record else reject.path
            return f"{where}: {reason} (fix: {fix})"
    return line


def _print_reject(reject: Any) -> None:
    """One line per rejected record on stderr: file, record, reason and the fix when one helps."""
    err.print(f"[yellow]rejected[/yellow] {escape(reject_line(reject))}", highlight=False, soft_wrap=True)


@app.command()
def events(
    db: DbOption = "",
    event_type: TypeOption = None,
    sub_type: SubTypeOption = None,
    actor: ActorOption = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    start: FromOption = None,
    end: ToOption = None,
    text: TextOption = None,
    modality: ModalityOption = None,
    min_confidence: MinConfidenceOption = None,
    aggregates: AggregatesOption = True,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List events as a table, filtered; summary claims are marked in the aggregate column.

    On a terminal a table; piped, one tab-separated line per event (header first).

    Example: newsevents events --type battles --place Ghazni --from 2021-08-01 --min-confidence 0.5
    """
    from newsevents.store.queries import list_events

    db = db or default_db()
    with closing(_connect_ro(db)) as conn:
        f, used = _event_filter(
            conn, event_type=event_type, sub_type=sub_type, actor=actor, place=place, country=country,
            start=start, end=end, text=text, modality=modality, min_confidence=min_confidence,
            aggregates=aggregates,
        )  # fmt: skip
        rows, total = list_events(conn, f, limit=limit, offset=0, sort="-event_date")
        if total == 0:
            _say_nothing_matched(conn, used)
            return
        with _ClosedPipe() as pipe:
            _print_events(rows, total, as_json)
    pipe.exit_if_closed()


# The shared filter options by parameter name, as a user types them.
FILTER_FLAGS = {
    "event_type": "--type", "sub_type": "--sub-type", "actor": "--actor", "place": "--place",
    "country": "--country", "start": "--from", "end": "--to", "text": "--text",
    "modality": "--modality", "min_confidence": "--min-confidence",
}  # fmt: skip


def _event_filter(conn: Any, **given: Any) -> tuple[Any, list[str]]:
    """The store filter from the shared filter options, and the options as the user gave them.

    Type, sub-type and modality are matched in any letter case against the taxonomy and the
    store's own values; an unknown one ends the command with the closest valid value.
    """
    from newsevents.store.queries import EventFilter, facets

    seen: dict[str, Any] = {}

    def choose(option: str, value: str | None, known: list[str], stored: Any) -> str | None:
        """Match against the taxonomy; read the store's own values only when that fails."""
        try:
            return match_choice(option, value, known)
        except UnknownChoiceError:
            if not seen:
                seen.update(facets(conn))
            return match_choice(option, value, [*known, *stored(seen)])

    try:
        event_type = choose(
            "--type",
            given["event_type"],
            event_types(),
            lambda s: [t["event_type"] for t in s["event_types"]],
        )
        sub_type = choose(
            "--sub-type",
            given["sub_type"],
            sub_event_types(event_type),
            lambda s: [
                sub
                for t in s["event_types"]
                if event_type in (None, t["event_type"])
                for sub in t["sub_event_types"]
                if sub
            ],
        )
        modality = choose("--modality", given["modality"], modalities(), lambda s: s["modalities"])
        if given["min_confidence"] is not None and not 0 <= given["min_confidence"] <= 1:
            raise ConfigError("--min-confidence", given["min_confidence"], "a number from 0 to 1, e.g. 0.5")
        f = EventFilter(
            start=parse_day(given["start"], "--from"),
            end=parse_day(given["end"], "--to"),
            event_type=event_type,
            sub_event_type=sub_type,
            actor=given["actor"],
            country=given["country"],
            place=given["place"],
            text=given["text"],
            modality=modality,
            min_confidence=given["min_confidence"],
            include_aggregate=given["aggregates"],
        )
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    used = [
        f"{flag} {shlex.quote(str(given[k]))}" for k, flag in FILTER_FLAGS.items() if given[k] is not None
    ]
    if not given["aggregates"]:
        used.append("--no-aggregates")
    return f, used


def _say_nothing_matched(conn: Any, used: list[str]) -> None:
    """Tell, on stderr, what was searched and what the store holds when no event matched."""
    from newsevents.store.queries import event_coverage

    held = event_coverage(conn)
    searched = " ".join(used) if used else "no filter"
    if held["events"]:
        holds = f"the store holds {held['events']} events, {held['first_date']} to {held['last_date']}"
        hint = "; `newsevents stats` lists their types and modalities"
    else:
        holds, hint = "the store holds no events yet", "; ingest news with `newsevents ingest PATH`"
    err.print(f"no events match {searched}: {holds}{hint}", highlight=False, soft_wrap=True)


EVENT_COLUMNS = (
    "id", "date", "type", "sub-event type", "actor 1", "actor 2", "place", "mod.", "conf.", "src",
    "aggregate",
)  # fmt: skip


def _print_events(rows: list[dict[str, Any]], total: int, as_json: bool) -> None:
    """The events as JSON lines, tab-separated lines (piped) or a table (on a terminal)."""
    if as_json:
        for event in rows:
            print(json.dumps(event, default=str, ensure_ascii=False))
        return
    cells = [
        (
            str(r.get("id") or ""),
            str(r.get("event_date") or ""),
            str(r.get("event_type") or ""),
            str(r.get("sub_event_type") or ""),
            str(r.get("actor1") or ""),
            str(r.get("actor2") or ""),
            _place_label(r),
            str(r.get("modality") or ""),
            f"{float(r.get('confidence') or 0):.2f}",
            str(r.get("n_sources") or 1),
            "yes" if r.get("aggregate") else "",
        )
        for r in rows
    ]
    if not out.is_terminal:  # piped: one tab-separated line per event, never wrapped
        print("\t".join(EVENT_COLUMNS))
        for row in cells:
            print("\t".join(row))
        shown = f"{total} events" if len(rows) == total else f"{len(rows)} of {total} events (--limit)"
        print(f"# {shown}", file=sys.stderr)
        return
    shown = f"{total} events" if len(rows) == total else f"{len(rows)} of {total} events (--limit)"
    table = Table(title=shown, show_lines=False)
    for col in EVENT_COLUMNS:
        table.add_column(col)
    for row, r in zip(cells, rows, strict=True):
        table.add_row(*row, style="italic" if r.get("aggregate") else None)
    if any(r.get("aggregate") for r in rows):
        table.caption = (
            "aggregate = a summary claim of several happenings (e.g. 'overran 10 provincial "
            "capitals'), placed at country level; --no-aggregates hides them"
        )
    out.print(table)


def _place_label(r: dict[str, Any]) -> str:
    """Place name with coordinates for the table."""
    name = str(r.get("location") or "")
    if r.get("lat") is not None and r.get("lon") is not None:
        name += f" ({float(r['lat']):.2f}, {float(r['lon']):.2f})"
    return name


@app.command()
def articles(
    db: DbOption = "",
    query: Annotated[str | None, typer.Option("--query", "-q", help="Full-text search.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
) -> None:
    """List stored articles, optionally matching a full-text query.

    Example: newsevents articles --query "Ghazni"
    """
    from newsevents.store.queries import search_articles

    db = db or default_db()
    with closing(_connect_ro(db)) as conn:
        rows, total = search_articles(conn, query, limit=limit, offset=0)
        if total == 0:
            held = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            asked = f"no articles match --query {shlex.quote(query)}" if query else "no articles"
            err.print(f"{asked}: the store holds {held} articles", highlight=False, soft_wrap=True)
            return
    table = Table(title=f"{total} articles")
    for col in ("id", "published", "source", "title / first words", "mentions", "events"):
        table.add_column(col)
    for r in rows:
        first = (r.get("title") or r.get("snippet") or r.get("text") or "")[:80]
        table.add_row(
            str(r.get("id")),
            str(r.get("published") or ""),
            str(r.get("source") or ""),
            first,
            str(r.get("n_mentions", "")),
            str(r.get("n_events", "")),
        )
    with _ClosedPipe() as pipe:
        out.print(table)
    pipe.exit_if_closed()


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="An article id or an event id.")],
    db: DbOption = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one article with its annotations (or one event with its evidence).

    Example: newsevents show 3f2a9c0d1e4b5a67
    """
    from newsevents.render import render_article, render_event
    from newsevents.store.queries import get_article, get_event

    db = db or default_db()
    with closing(_connect_ro(db)) as conn:
        article = get_article(conn, item_id)
        event = None if article else get_event(conn, item_id)
    if article is None and event is None:
        raise _fail(f"no article or event with id {item_id!r} in {db}")
    data = article if article is not None else event
    with _ClosedPipe() as pipe:
        if as_json:
            print(json.dumps(data, default=str, ensure_ascii=False, indent=2))
        elif article is not None:
            render_article(out, article)
        else:
            render_event(out, event or {})
    pipe.exit_if_closed()


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv | jsonl | parquet | geojson.")],
    db: DbOption = "",
    output: Annotated[str, typer.Option("--output", "-o", help="File, or - for stdout.")] = "-",
    what: Annotated[str, typer.Option(help="events | control.")] = "events",
    event_type: TypeOption = None,
    sub_type: SubTypeOption = None,
    actor: ActorOption = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    start: FromOption = None,
    end: ToOption = None,
    text: TextOption = None,
    modality: ModalityOption = None,
    min_confidence: MinConfidenceOption = None,
    aggregates: AggregatesOption = True,
) -> None:
    """Export events (ACLED-style CSV, PLOVER-style JSONL, Parquet, GeoJSON) or control.

    The event filters are those of `newsevents events`; without any, every event is exported.

    Example: newsevents export --format csv --output events.csv --modality asserted --min-confidence 0.5
    """
    from newsevents.store.export import export_control, export_events
    from newsevents.store.queries import event_ids

    db = db or default_db()
    fmt = fmt.strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"invalid --format={fmt!r}: expected one of {', '.join(EXPORT_FORMATS)}")
    if what not in ("events", "control"):
        raise _fail(f"invalid --what={what!r}: expected events or control")
    if what == "control" and fmt not in ("csv", "geojson"):
        raise _fail("control exports as csv or geojson")
    if fmt == "parquet" and output == "-":
        raise _fail("parquet needs a file: pass --output FILE.parquet")
    given = {
        "event_type": event_type, "sub_type": sub_type, "actor": actor, "place": place,
        "country": country, "start": start, "end": end, "text": text, "modality": modality,
        "min_confidence": min_confidence, "aggregates": aggregates,
    }  # fmt: skip
    with closing(_connect_ro(db)) as conn:
        f, used = _event_filter(conn, **given)
        if used and what == "control":
            raise _fail(f"{used[0].split()[0]} filters events: drop it, or export with --what events")
        ids = event_ids(conn, f) if used else None
        if output == "-":
            target: Any = sys.stdout.buffer if fmt == "parquet" else sys.stdout
        else:
            target = output
        n = 0
        with _ClosedPipe() as pipe:
            if what == "events":
                n = export_events(conn, fmt, target, event_ids=ids)  # type: ignore[arg-type]
            else:
                n = export_control(conn, fmt, target)  # type: ignore[arg-type]
        if what == "events" and n == 0 and not pipe.closed:
            _say_nothing_matched(conn, used)
    pipe.exit_if_closed()
    if output != "-":
        err.print(f"wrote {n} rows to {escape(output)}", highlight=False)


@app.command()
def control(
    db: DbOption = "",
    as_of: Annotated[str | None, typer.Option(help="State as of this day (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, typer.Option(help="Show the history of one place.")] = None,
) -> None:
    """Show who holds which place, since when, on what evidence.

    Example: newsevents control --place Ghazni
    """
    from newsevents.merge.control import control_history, control_table

    db = db or default_db()
    try:
        day = parse_day(as_of, "--as-of")
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    with closing(_connect_ro(db)) as conn:
        rows = control_table(conn, as_of=day)
        if place:
            keys = [r["place_key"] for r in rows if place.lower() in str(r.get("place", "")).lower()]
            rows = [h for k in keys for h in control_history(conn, k)]
        if not rows:
            _say_no_control(conn, as_of, place)
            return
    table = Table(title="territorial control")
    for col in ("place", "controller", "status", "since", "stale (days)", "sources", "evidence"):
        table.add_column(col)
    for r in rows:
        evidence = r.get("evidence") or []
        if isinstance(evidence, str):
            evidence = json.loads(evidence)
        first = evidence[0]["text"][:90] if evidence else ""
        table.add_row(
            str(r.get("place")),
            str(r.get("controller")),
            str(r.get("status")),
            str(r.get("since") or ""),
            str(r.get("staleness_days", "")),
            str(r.get("n_sources", "")),
            first,
        )
    with _ClosedPipe() as pipe:
        out.print(table)
    pipe.exit_if_closed()


def _say_no_control(conn: Any, as_of: str | None, place: str | None) -> None:
    """Tell, on stderr, what was asked and what the control table covers when nothing matched."""
    from newsevents.store.queries import control_coverage

    held = control_coverage(conn)
    asked = " ".join(
        part
        for part in (f"--place {shlex.quote(place)}" if place else "", f"--as-of {as_of}" if as_of else "")
        if part
    )
    what = f"no control state matches {asked}" if asked else "no control state"
    if not held["places"]:
        covers = (
            "the control table is empty: it fills from territory events (a town taken or retaken), "
            "and none were found yet"
        )
    else:
        names = ", ".join(held["names"])
        more = (
            f" and {held['places'] - len(held['names'])} more" if held["places"] > len(held["names"]) else ""
        )
        covers = (
            f"the control table covers {held['first_date']} to {held['last_date']} for "
            f"{held['places']} place{'s' if held['places'] != 1 else ''}: {names}{more}"
        )
    err.print(f"{what}: {covers}", highlight=False, soft_wrap=True)


@app.command()
def stats(db: DbOption = "") -> None:
    """Counts: articles, duplicate mentions, events by type, rejects by reason.

    Example: newsevents stats --db news.db
    """
    from newsevents.store.queries import stats as store_stats

    db = db or default_db()
    with closing(_connect_ro(db)) as conn:
        data = store_stats(conn)
    with _ClosedPipe() as pipe:
        print(json.dumps(data, indent=2, default=str, ensure_ascii=False))
    pipe.exit_if_closed()


@app.command()
def serve(
    db: DbOption = "",
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes sharing the port (one per core serves most clients).")
    ] = 1,
) -> None:
    """Serve the REST API and the web UI.

    Example: newsevents serve --db news.db --port 8000 --workers 2
    """
    from newsevents.api.server import run

    db = db or default_db()
    if not Path(db).exists():
        raise _fail(f"no store at {db}: run `newsevents ingest PATH --db {db}` first")
    if workers < 1:
        raise _fail(f"--workers {workers}: give 1 or more server processes")
    err.print(f"serving {db} on http://{host}:{port}/ (API docs at /docs)", highlight=False)
    run(db, host=host, port=port, workers=workers)


@app.command("train-typing")
def train_typing(
    export_csv: Annotated[
        Path, typer.Argument(help="An ACLED export (CSV with notes, event_type, sub_event_type).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write.")] = Path(
        "typing-model.json"
    ),
) -> None:
    """Train your own event-typing model from an ACLED export (nothing trained ships by default).

    Use it by setting NEWSEVENTS_TYPING_MODEL to the written file.

    Example: newsevents train-typing acled_export.csv --output my-typing.json
    """
    from newsevents.typing_model import read_acled_csv, train

    if not export_csv.exists():
        raise _fail(f"no such file: {export_csv}")
    try:
        model = train(read_acled_csv(export_csv))
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    model.save(output)
    err.print(f"wrote {output} ({len(model.priors)} labels); use it with NEWSEVENTS_TYPING_MODEL={output}")


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help=" | ".join(EVAL_TASKS))],
    path: Annotated[Path, typer.Argument(help="Evaluation file (.jsonl, .jsonl.gz, CoNLL for ner).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N items.")] = None,
    predictions: Annotated[
        Path | None, typer.Option(help="Write each item's predictions next to its gold (JSONL).")
    ] = None,
) -> None:
    """Score the pipeline on an evaluation file and print one JSON object of metrics.

    Example: newsevents eval geo ../shared/eval/dev/geo_lgl.jsonl --limit 50
    """
    import importlib

    if task not in EVAL_TASKS:
        raise _fail(f"unknown task {task!r}: expected one of {', '.join(EVAL_TASKS)}")
    if not path.exists():
        raise _fail(f"no such evaluation file: {path}")
    module = importlib.import_module(f"newsevents.eval.{task}")
    metrics = module.evaluate(path, limit=limit, predictions=predictions)
    print(json.dumps(metrics, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    app()
