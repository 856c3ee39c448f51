"""The Dask engine stores exactly what a local run stores, and survives a worker dying."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.engines.partitions import plan_partitions
from newsevents.engines.shards import ShardEngine
from newsevents.nlp.model import load_nlp
from newsevents.pipeline import ingest_paths
from store_rows import store_rows

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import articles  # noqa: E402

GENERATED = 200  # articles (the mixed input); with repeats and bad records, ~8 partitions
PARTITION_BYTES = 40_000
PUBLISHED = date(2021, 8, 13)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample, copies of it, generated articles with repeats, and bad records."""
    d = tmp_path_factory.mktemp("inputs")
    sample = ROOT / "examples" / "afp_ghazni_2021-08-13.txt"
    shutil.copy(sample, d / "a_sample.txt")
    shutil.copy(sample, d / "b_sample_copy.txt")
    texts = list(articles(GENERATED))
    lines = [json.dumps({"text": t}) for t in texts]
    lines[10:10] = [lines[3], "{not json", "[1, 2]", json.dumps({"text": "   "})]
    lines += [lines[50], json.dumps({"text": texts[7], "url": "https://example.org/copy"})]
    (d / "c_generated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "d_empty.txt").write_text("", encoding="utf-8")
    (d / "e_binary.html").write_bytes(b"\x00\x01\x02" * 100)
    return d


@pytest.fixture(scope="module")
def local_store(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same input ingested by the local engine."""
    db = str(tmp_path_factory.mktemp("local") / "local.db")
    ingest_paths([str(inputs)], db, published=PUBLISHED)
    return db


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of 2 worker processes (each loads spaCy once), shared by the tests."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    client.wait_for_workers(2, timeout=180)
    yield client
    client.close()
    cluster.close()


def _engine(client: Any, **kwargs: Any) -> Any:
    from newsevents.engines.dask import DaskEngine

    return DaskEngine(client=client, partition_bytes=PARTITION_BYTES, **kwargs)


def test_the_input_is_cut_into_several_partitions(inputs: Path) -> None:
    parts = plan_partitions([str(inputs)], partition_bytes=PARTITION_BYTES)
    ranges = [p for p in parts if p.end is not None]
    assert len(ranges) >= 4
    assert ranges[0].start == 0 and all(a.end == b.start for a, b in itertools.pairwise(ranges))


def test_dask_ingest_stores_what_a_local_ingest_stores(
    inputs: Path, local_store: str, client: Any, tmp_path: Path
) -> None:
    db = str(tmp_path / "dask.db")
    summary = ingest_paths([str(inputs)], db, published=PUBLISHED, engine=_engine(client))
    assert summary.rejects >= 5 and summary.duplicates >= 4
    expected, got = store_rows(local_store), store_rows(db)
    assert expected["events"] and expected["control"]
    for table in expected:
        assert got[table] == expected[table], table
    loads = client.run(load_nlp.cache_info).values()
    assert all(info.misses == 1 and info.hits >= 1 for info in loads)  # once per worker, not per task


def test_annotate_shards_then_load_stores_what_a_local_ingest_stores(
    inputs: Path, local_store: str, client: Any, tmp_path: Path
) -> None:
    shards = tmp_path / "shards"
    written, skipped = _engine(client).write_shards([str(inputs)], str(shards), published=PUBLISHED)
    assert written and skipped == 0
    again, skipped = _engine(client).write_shards([str(inputs)], str(shards), published=PUBLISHED)
    assert again == [] and skipped == len(written)  # a rerun skips finished partitions
    db = str(tmp_path / "loaded.db")
    ingest_paths([str(shards)], db, engine=ShardEngine())
    expected, got = store_rows(local_store), store_rows(db)
    for table in expected:
        assert got[table] == expected[table], table


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    inputs: Path, local_store: str, client: Any, tmp_path: Path
) -> None:
    killed: list[int] = []

    def kill_one_busy_worker(done: int, total: int, documents: int, seconds: float) -> None:
        if killed or done != 1:
            return
        pids = client.run(os.getpid)
        busy = [addr for addr, tasks in client.processing().items() if tasks] or list(pids)
        killed.append(pids[busy[0]])
        os.kill(pids[busy[0]], signal.SIGKILL)

    db = str(tmp_path / "killed.db")
    ingest_paths(
        [str(inputs)], db, published=PUBLISHED, engine=_engine(client, progress=kill_one_busy_worker)
    )
    assert killed
    expected, got = store_rows(local_store), store_rows(db)
    for table in expected:
        assert got[table] == expected[table], table


@pytest.fixture(scope="module")
def limited_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL file of generated articles, one of them long enough to be split for length."""
    d = tmp_path_factory.mktemp("limited")
    texts = list(articles(24))
    texts[5] = "\n\n".join(texts[5:9])  # several paragraphs, cut under a low max_article_chars
    lines = [json.dumps({"text": t}) for t in texts]
    (d / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_limits_reach_the_workers_and_the_store_matches_a_local_run(
    limited_inputs: Path, client: Any, tmp_path: Path
) -> None:
    from newsevents.pipeline import IngestLimits

    limits = IngestLimits(max_article_chars=1000, max_docs_per_file=15)
    parts = plan_partitions([str(limited_inputs)], partition_bytes=4_000)
    assert sum(p.end is not None for p in parts) >= 3  # the count crosses line ranges
    local_db, dask_db = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    local = ingest_paths([str(limited_inputs)], local_db, published=PUBLISHED, limits=limits)
    engine = _engine(client)
    engine.partition_bytes = 4_000
    remote = ingest_paths([str(limited_inputs)], dask_db, published=PUBLISHED, limits=limits, engine=engine)
    assert local.documents == remote.documents == 15
    assert local.articles_new == remote.articles_new > 15  # a document split into several articles
    assert local.rejects == remote.rejects == 1  # the rest of the file past 15 documents
    expected, got = store_rows(local_db), store_rows(dask_db)
    for table in expected:
        assert got[table] == expected[table], table
