"""The command line: each command is a thin wrapper over one plain function."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsevents.config import default_db, parse_day
from newsevents.errors import NewsEventsError

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

DbOption = Annotated[
    str,
    typer.Option("--db", help="SQLite store (default: $NEWSEVENTS_DB or ./newsevents.db)."),
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


def _fail(message: str) -> typer.Exit:
    """Print one clear error line and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
    return typer.Exit(code=1)


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


EngineOption = Annotated[
    str, typer.Option("--engine", help="local (this machine) | dask (a Dask cluster).")
]
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
) -> None:
    """Read, clean, deduplicate, annotate and store news documents.

    Example: newsevents ingest examples/ --published 2021-08-13 --db news.db

    Example: newsevents ingest dump.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from newsevents.engines.local import default_workers
    from newsevents.pipeline import ingest_paths

    db = db or default_db()
    show = not quiet and err.is_terminal
    try:
        pub = parse_day(published, "--published")
        with _progress(show, engine) as (advance, on_partition):
            runner = _make_engine(engine, workers, scheduler, partition_mb, on_partition)
            try:
                summary = ingest_paths(
                    paths, db, fmt=fmt, published=pub, source=source,
                    workers=workers if workers > 0 else default_workers(),
                    progress=advance, on_reject=_print_reject, engine=runner,
                )
            finally:
                if runner is not None:
                    runner.close()
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    err.print(summary.line(), highlight=False)
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
) -> None:
    """Read, clean, sign and annotate into Parquet shards (one per partition); reruns skip finished ones.

    Load the shards into a store with `newsevents load DIR`. With a multi-machine cluster the
    output directory must be shared by the workers (they write the shards).

    Example: newsevents annotate dump.jsonl --engine dask --workers 4 --output shards/
    """
    from newsevents.engines.local import LocalEngine

    show = not quiet and err.is_terminal
    try:
        pub = parse_day(published, "--published")
        with _progress(show, "dask") as (_advance, on_partition):
            runner = _make_engine(engine, workers, scheduler, partition_mb, on_partition)
            try:
                if runner is None:
                    written, skipped = LocalEngine().write_shards(
                        paths, output, fmt, pub, source, partition_mb * 1024 * 1024
                    )
                else:
                    written, skipped = runner.write_shards(paths, output, fmt, pub, source)
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
) -> None:
    """Merge annotated Parquet shards into the store, in input order; rerunning adds nothing.

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
        with _progress(show, "local") as (advance, _on_partition):
            summary = ingest_paths(
                [directory], db, progress=advance, on_reject=_print_reject, engine=ShardEngine()
            )
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
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
        columns += [BarColumn(), TextColumn("{task.completed}/{task.total} partitions"),
                    TextColumn("{task.fields[rate]}")]
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


def _print_reject(reject: Any) -> None:
    """One line per rejected record on stderr: file, record, reason."""
    err.print(f"[yellow]rejected[/yellow] {reject.line()}", highlight=False, soft_wrap=True)


@app.command()
def events(
    db: DbOption = "",
    event_type: Annotated[str | None, typer.Option("--type", help="Event type, e.g. Battles.")] = None,
    sub_type: Annotated[str | None, typer.Option("--sub-type", help="Sub-event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (substring).")] = None,
    place: Annotated[str | None, typer.Option(help="Place, admin1 or country (substring).")] = None,
    country: Annotated[str | None, typer.Option(help="Country name.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the evidence.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List events as a table, filtered.

    Example: newsevents events --type Battles --place Ghazni --from 2021-08-01
    """
    from newsevents.store.queries import EventFilter, list_events

    db = db or default_db()
    try:
        f = EventFilter(
            start=parse_day(start, "--from"),
            end=parse_day(end, "--to"),
            event_type=event_type,
            sub_event_type=sub_type,
            actor=actor,
            country=country,
            place=place,
            text=text,
        )
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    with closing(_connect_ro(db)) as conn:
        rows, total = list_events(conn, f, limit=limit, offset=0, sort="-event_date")
    if as_json:
        for event in rows:
            print(json.dumps(event, default=str, ensure_ascii=False))
        return
    cols = ("id", "date", "type", "sub-event type", "actor 1", "actor 2", "place", "mod.", "conf.", "src")
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
        )
        for r in rows
    ]
    if not out.is_terminal:  # piped: one tab-separated line per event, never wrapped
        print("\t".join(cols))
        for row in cells:
            print("\t".join(row))
        print(f"# {total} events", file=sys.stderr)
        return
    table = Table(title=f"{total} events", show_lines=False)
    for col in cols:
        table.add_column(col)
    for row in cells:
        table.add_row(*row)
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
    out.print(table)


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
    if as_json:
        print(json.dumps(data, default=str, ensure_ascii=False, indent=2))
    elif article is not None:
        render_article(out, article)
    else:
        render_event(out, event or {})


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv | jsonl | parquet | geojson.")],
    db: DbOption = "",
    output: Annotated[str, typer.Option("--output", "-o", help="File, or - for stdout.")] = "-",
    what: Annotated[str, typer.Option(help="events | control.")] = "events",
) -> None:
    """Export events (ACLED-style CSV, PLOVER-style JSONL, Parquet, GeoJSON) or control.

    Example: newsevents export --format csv --output events.csv
    """
    from newsevents.store.export import export_control, export_events

    db = db or default_db()
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"invalid --format={fmt!r}: expected one of {', '.join(EXPORT_FORMATS)}")
    if what not in ("events", "control"):
        raise _fail(f"invalid --what={what!r}: expected events or control")
    if what == "control" and fmt not in ("csv", "geojson"):
        raise _fail("control exports as csv or geojson")
    if fmt == "parquet" and output == "-":
        raise _fail("parquet needs a file: pass --output FILE.parquet")
    with closing(_connect_ro(db)) as conn:
        if output == "-":
            target: Any = sys.stdout.buffer if fmt == "parquet" else sys.stdout
        else:
            target = output
        exporter: Any = export_events if what == "events" else export_control
        n = exporter(conn, fmt, target)  # the format was checked above
    if output != "-":
        err.print(f"wrote {n} rows to {output}", highlight=False)


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
    out.print(table)


@app.command()
def stats(db: DbOption = "") -> None:
    """Counts: articles, duplicate mentions, events by type, rejects by reason.

    Example: newsevents stats --db news.db
    """
    from newsevents.store.queries import stats as store_stats

    db = db or default_db()
    with closing(_connect_ro(db)) as conn:
        data = store_stats(conn)
    print(json.dumps(data, indent=2, default=str, ensure_ascii=False))


@app.command()
def serve(
    db: DbOption = "",
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the REST API and the web UI.

    Example: newsevents serve --db news.db --port 8000
    """
    import uvicorn

    from newsevents.api.app import create_app

    db = db or default_db()
    if not Path(db).exists():
        raise _fail(f"no store at {db}: run `newsevents ingest PATH --db {db}` first")
    err.print(f"serving {db} on http://{host}:{port}/ (API docs at /docs)", highlight=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


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
