"""Partitions, shards and crash isolation of the engines, without a cluster or a model."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from newsevents.engines.partitions import plan_partitions, read_partition
from newsevents.engines.prepare import Prepared
from newsevents.engines.shards import read_shard, write_shard
from newsevents.engines.work import run_partition
from newsevents.models import (
    Actor,
    Annotations,
    Article,
    Entity,
    Event,
    Evidence,
    Place,
    RawDoc,
    Reject,
    TimeExpr,
)
from newsevents.read import iter_inputs


def _jsonl(tmp_path: Path, n: int = 60) -> Path:
    """A JSONL file of ``n`` records with a blank line and a bad line among them."""
    text = "Report number {} from the north, where fighting went on."
    lines = [json.dumps({"text": text.format(i)}) for i in range(n)]
    lines[5:5] = ["", "{broken"]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _csv(tmp_path: Path, n: int = 40) -> Path:
    """A CSV file whose quoted text fields span lines."""
    row = '"Report {0} from the north.\nFighting went on.",https://e.org/{0}'
    rows = ["text,url"] + [row.format(i) for i in range(n)]
    path = tmp_path / "news.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _key(item: RawDoc | Reject) -> tuple[str, str, str]:
    """What identifies a record as read."""
    body = item.reason if isinstance(item, Reject) else (item.text or "")
    return item.path, item.record, body


@pytest.mark.parametrize("partition_bytes", [200, 1000, 10**9])
@pytest.mark.parametrize("write", [_jsonl, _csv])
def test_partitions_read_the_records_a_whole_file_read_gives(
    tmp_path: Path, partition_bytes: int, write: Any
) -> None:
    path = write(tmp_path)
    parts = plan_partitions([str(path)], partition_bytes=partition_bytes)
    assert (len(parts) > 1) == (partition_bytes < path.stat().st_size)
    split = [_key(r) for p in parts for r in read_partition(p)]
    assert split == [_key(r) for r in iter_inputs([str(path)])]


def test_a_missing_path_is_a_partition_of_one_reject(tmp_path: Path) -> None:
    (part,) = plan_partitions([str(tmp_path / "nope.jsonl")])
    (item,) = read_partition(part)
    assert isinstance(item, Reject) and "no such file" in item.reason


def test_the_pipeline_and_cli_do_not_import_dask() -> None:
    code = "import sys, newsevents.pipeline, newsevents.cli; print('distributed' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_missing_dask_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.engines.dask import DaskEngine
    from newsevents.errors import ResourceMissingError

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ResourceMissingError, match=r"pip install 'newsevents\[dask\]'"):
        DaskEngine(workers=2)


def _annotations(article_id: str) -> Annotations:
    """Annotations with one of every kind, dates and nested records included."""
    place = Place(4, 10, "Ghazni", "Ghazni", 33.5, 68.4, "Afghanistan", "AF", geonameid=1141269)
    event = Event(
        "Battles",
        "Non-state actor overtakes territory",
        "seized",
        11,
        17,
        actor1=Actor("Taliban", "Taliban", "armed_group"),
        place=place,
        date=date(2021, 8, 12),
        evidence=[Evidence(article_id, 0, 30, "Taliban seized Ghazni Thursday.")],
        confidence=0.8,
    )
    return Annotations(
        article_id,
        entities=[Entity(0, 7, "Taliban", "Taliban", "armed_group", "ORG", 0.9)],
        places=[place],
        times=[TimeExpr(25, 33, "Thursday", "DATE", "2021-08-12", "day", date(2021, 8, 12))],
        events=[event],
        sentences=[(0, 30)],
    )


def test_a_shard_gives_back_exactly_what_was_written(tmp_path: Path) -> None:
    article = Article(
        "a1",
        "Taliban seized Ghazni Thursday.",
        [(0, 30)],
        published=date(2021, 8, 13),
        path="x.jsonl",
        record="line 1",
    )
    items: list[Reject | Prepared] = [
        Reject("x.jsonl", "line 2", "malformed JSON", sample="{"),
        Prepared(article, "h1", b"\x01sig", _annotations("a1")),
        Prepared(Reject("x.jsonl", "line 3", "no article text left", stage="clean"), "h2"),
    ]
    info = write_shard(tmp_path, "part-000000-test", items)
    assert info.records == 3 and info.documents == 2
    assert list(read_shard(tmp_path / "part-000000-test.parquet")) == items


class _Future:
    """A finished task, or a task whose worker died."""

    def __init__(self, fn: Any, args: tuple[Any, ...], killed: type[BaseException]) -> None:
        self.fn, self.args, self.killed = fn, args, killed

    def done(self) -> bool:
        return True  # run when its result is asked for

    def result(self) -> Any:
        part = self.args[0]
        if self.fn is run_partition:
            lo, hi = part.only or (0, 10**9)
            if lo <= POISON < hi:
                raise self.killed("task", SimpleNamespace(address="tcp://w"), 3)  # type: ignore[call-arg]
            return run_partition(part, annotate=False)
        return self.fn(*self.args)


POISON = 4  # the position of the record that kills every worker that reads it


class _Client:
    """Runs tasks in this process; ``run_partition`` dies on the poison record."""

    def __init__(self, killed: type[BaseException]) -> None:
        self.killed = killed

    def register_plugin(self, plugin: Any) -> None:
        pass

    def nthreads(self) -> dict[str, int]:
        return {"worker": 1}

    def submit(self, fn: Any, *args: Any, key: str = "", pure: bool = True) -> _Future:
        return _Future(fn, args, self.killed)


def test_a_record_that_kills_workers_is_rejected_and_the_rest_goes_on(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from newsevents.engines.dask import DaskEngine

    path = _jsonl(tmp_path, n=12)
    engine = DaskEngine(client=_Client(distributed.KilledWorker))
    items = list(engine.documents([str(path)], None, None, None))
    expected = [(r.path, r.record) for r in iter_inputs([str(path)])]
    assert [_where(i) for i in items] == expected
    dead = [i for i in items if isinstance(i, Prepared) and isinstance(i.article, Reject)]
    assert len(dead) == 1 and dead[0].article.stage == "worker"  # type: ignore[union-attr]
    assert "a worker died" in dead[0].article.reason  # type: ignore[union-attr]
    assert dead[0] is items[POISON]


def _where(item: Reject | Prepared) -> tuple[str, str]:
    """Path and record of an item."""
    record = item if isinstance(item, Reject) else item.article
    return record.path, record.record


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "spark"], "invalid --engine='spark': expected local or dask"),
        (["--scheduler", "tcp://h:8786"], "--scheduler needs --engine dask"),
        (["--engine", "dask", "--partition-mb", "0"], "invalid --partition-mb=0"),
    ],
)
def test_bad_engine_options_fail_with_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from newsevents.cli import app

    result = CliRunner().invoke(app, ["ingest", str(_jsonl(tmp_path)), "--db", str(tmp_path / "s.db"), *args])
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


def test_load_names_a_missing_shard_directory(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsevents.cli import app

    result = CliRunner().invoke(app, ["load", str(tmp_path / "none"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "newsevents annotate PATH --output" in " ".join(result.output.split())


@pytest.mark.parametrize("partition_bytes", [300, 10**9])
def test_records_name_the_path_as_given_while_workers_open_it_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partition_bytes: int
) -> None:
    _jsonl(tmp_path)
    monkeypatch.chdir(tmp_path)
    parts = plan_partitions(["news.jsonl"], partition_bytes=partition_bytes)
    monkeypatch.chdir("/")  # a worker elsewhere
    assert {r.path for p in parts for r in read_partition(p)} == {"news.jsonl"}


def test_worker_code_rejects_failing_documents_as_a_local_run_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clean or annotate exception in the partition work (what Dask workers run) becomes the
    same reject, and leaves the same store, as in a local ingest."""
    from newsevents import pipeline
    from newsevents.engines import prepare, work
    from newsevents.engines.local import LocalEngine
    from newsevents.engines.shards import ShardEngine
    from newsevents.pipeline import ingest_paths
    from robust_fixtures import fake_annotate_batches, stored_rejects
    from store_rows import store_rows

    texts = [f"Report {n}: rebels clashed with soldiers near Goma, killing {n} people." for n in range(6)]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    real_clean = prepare.clean_article

    def clean(raw: Any, max_chars: int) -> Any:
        if "killing 1 " in (raw.text or ""):
            raise KeyError("odd")
        return real_clean(raw, max_chars)

    def annotate(batches: Any, workers: int = 1) -> Any:
        for batch in batches:
            if any("killing 4 " in text for _, text, _ in batch):
                raise RuntimeError("model exploded\nat line 2")
            yield from fake_annotate_batches([batch])

    def annotate_texts(items: Any, batch_size: int = 32) -> Any:
        (result,) = annotate([list(items)])
        return iter(result)

    monkeypatch.setattr(prepare, "clean_article", clean)
    monkeypatch.setattr(pipeline, "annotate_batches", annotate)
    monkeypatch.setattr(work, "annotate_texts", annotate_texts)
    local_db, loaded_db = str(tmp_path / "local.db"), str(tmp_path / "loaded.db")
    ingest_paths([str(path)], local_db, published=date(2024, 5, 6), batch_size=2)
    LocalEngine().write_shards([str(path)], str(tmp_path / "shards"), published=date(2024, 5, 6))
    ingest_paths([str(tmp_path / "shards")], loaded_db, engine=ShardEngine())
    expected = [
        (str(path), "line 2", "clean", "clean failed: KeyError: 'odd'"),
        (str(path), "line 5", "annotate", "annotate failed: RuntimeError: model exploded at line 2"),
    ]
    assert stored_rejects(local_db) == stored_rejects(loaded_db) == expected
    assert store_rows(local_db) == store_rows(loaded_db)


def test_record_fields_named_on_the_command_line_reach_every_engine(tmp_path: Path) -> None:
    from newsevents.engines.local import LocalEngine
    from newsevents.limits import IngestLimits

    path = tmp_path / "dump.jsonl"
    body = "Protesters marched through the capital on Monday, demanding the release of detainees."
    path.write_text(json.dumps({"id": "a1", "body": body}) + "\n", encoding="utf-8")
    limits = IngestLimits(text_field="body")
    local = list(LocalEngine(1, lambda batches: iter(())).documents([str(path)], None, None, None, limits))
    assert [type(x).__name__ for x in local] == ["Prepared"]
    (part,) = plan_partitions([str(path)], text_field="body")
    (raw,) = list(read_partition(part))
    assert not isinstance(raw, Reject) and body in (raw.text or "")
    (default,) = plan_partitions([str(path)])
    (rejected,) = list(read_partition(default))
    assert isinstance(rejected, Reject) and "--text-field" in rejected.reason


@pytest.mark.slow
def test_warm_up_loads_what_a_first_partition_of_news_would() -> None:
    """A worker's first task must not pay for loading the gazetteer's area index or the district
    areas and their spellings index (seconds each), which the warm-up article alone never reaches."""
    from newsevents.engines.work import warm_up
    from newsevents.resolve import areas, gazetteer

    areas.get_areas.cache_clear()
    gazetteer._rows_by_area.cache_clear()
    warm_up()
    assert gazetteer._rows_by_area.cache_info().currsize == 1
    assert areas.get_areas.cache_info().currsize == 1
    assert areas.get_areas()._skeletons is not None  # the spellings index is built already
