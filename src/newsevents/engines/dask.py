"""The Dask engine: partitions read, cleaned, signed and annotated on a cluster, in input order.

``distributed`` is imported only when a ``DaskEngine`` is created, so the rest of newsevents
never needs it. Workers load the annotate stage's resources once each (``ResourcesPlugin``);
the client submits a window of partitions, takes their results back in input order and hands
them to the pipeline's single writer. A worker that dies loses only its partitions in flight:
the scheduler runs them again elsewhere. A partition that keeps killing workers is cut in
halves until the record responsible is found; that record is rejected with the reason.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from newsevents.engines.partitions import PARTITION_BYTES, Partition, cap_per_file, plan_partitions
from newsevents.engines.prepare import Prepared
from newsevents.engines.shards import ShardInfo, attached_annotations, is_done, write_shard
from newsevents.engines.work import Item, PartitionResult, record_stubs, run_partition
from newsevents.errors import ConfigError, NewsEventsError, ResourceMissingError
from newsevents.limits import IngestLimits
from newsevents.models import Annotations, Reject

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'newsevents[dask]'"
# Seconds to wait for a scheduler, and for a local cluster's workers to come up (each loads spaCy).
CONNECT_TIMEOUT = 30
WORKERS_TIMEOUT = 180

# Finished partitions held back, per worker thread, while an earlier one is still running.
AHEAD = 8
# Seconds between looks at the cluster while waiting for the partition at the head.
WAIT_SLICE = 1.0

# (partitions done, partitions in all, documents done, seconds since the start)
PartitionProgress = Callable[[int, int, int, float], None]


def _distributed() -> ModuleType:
    """The ``distributed`` package, or an error naming the install command."""
    try:
        import distributed
    except ImportError as exc:
        raise ResourceMissingError(
            f"the dask engine needs dask.distributed, which is not installed: {INSTALL_HINT}"
        ) from exc
    return distributed


def write_partition_shard(part: Partition, directory: str) -> ShardInfo:
    """Run one partition on a worker and write its shard there (the directory is shared)."""
    result = run_partition(part)
    return write_shard(directory, part.name, result.items, result.seconds)


class DaskEngine:
    """The per-document stages on a Dask cluster: a scheduler's, or a local one with N workers."""

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 0,
        partition_bytes: int = PARTITION_BYTES,
        progress: PartitionProgress | None = None,
        client: Any = None,
    ) -> None:
        if scheduler and workers:
            raise ConfigError(
                "--workers", workers, "no --workers with --scheduler (the cluster's own workers run)"
            )
        if workers < 0:
            raise ConfigError("--workers", workers, "a positive number of worker processes")
        dd = _distributed()
        self._killed_worker: type[BaseException] = dd.KilledWorker
        self._wait: Callable[..., Any] = _quiet_wait(dd.wait)
        self.partition_bytes = partition_bytes
        self.progress = progress
        self.cluster: Any = None
        self._own_client = client is None
        if client is not None:
            self.client = client
        elif scheduler:
            try:
                self.client = dd.Client(scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as exc:
                raise NewsEventsError(
                    f"cannot reach the Dask scheduler at --scheduler={scheduler}: {exc}; start one "
                    "with `dask scheduler` and pass its tcp://HOST:8786 address"
                ) from exc
        else:
            from newsevents.engines.local import default_workers

            n = workers or default_workers()
            quiet = logging.WARNING if not log.isEnabledFor(logging.DEBUG) else False
            self.cluster = dd.LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=quiet,
            )
            self.client = dd.Client(self.cluster)
            self.client.wait_for_workers(n, timeout=WORKERS_TIMEOUT)
        self._register_plugin()

    def _register_plugin(self) -> None:
        """Load the annotate resources on every worker, now and on workers that join later."""
        from newsevents.engines.dask_plugin import ResourcesPlugin

        try:
            self.client.register_plugin(ResourcesPlugin())
        except Exception as exc:
            raise NewsEventsError(
                f"the Dask workers could not load newsevents ({type(exc).__name__}: {exc}): install "
                "the same newsevents version and its spaCy model on every worker"
            ) from exc

    def close(self) -> None:
        """Disconnect, and stop the local cluster this engine started."""
        if self._own_client:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the engine interface ---------------------------------------------------------------

    def documents(
        self,
        paths: list[str],
        fmt: str | None,
        published: date | None,
        source: str | None,
        limits: IngestLimits | None = None,
    ) -> Iterator[Reject | Prepared]:
        """Every input record in input order, read within ``limits``, prepared and annotated on
        the workers (the documents per file counted here, across a file's line ranges)."""
        limits = limits or IngestLimits()
        parts = self._plan(paths, fmt, published, source, limits)

        def records() -> Iterator[Reject | Prepared]:
            for result in self.results(parts):
                yield from result.items

        yield from cap_per_file(records(), limits.max_docs_per_file)

    def annotate(self, batches: Iterable[list[Prepared]]) -> Iterator[list[Annotations | Reject]]:
        """The annotations the workers attached, or the rejects of articles they failed on."""
        yield from (attached_annotations(batch) for batch in batches)

    def _plan(
        self,
        paths: list[str],
        fmt: str | None,
        published: date | None,
        source: str | None,
        limits: IngestLimits,
    ) -> list[Partition]:
        """The partitions of the inputs, carrying the limits to the workers."""
        return plan_partitions(
            paths,
            fmt,
            published,
            source,
            self.partition_bytes,
            limits.max_docs_per_file,
            limits.max_file_bytes,
            limits.max_article_chars,
            limits.text_field,
            limits.html_field,
        )

    # -- shards ---------------------------------------------------------------------------

    def write_shards(
        self,
        paths: list[str],
        directory: str,
        fmt: str | None = None,
        published: date | None = None,
        source: str | None = None,
        limits: IngestLimits | None = None,
    ) -> tuple[list[ShardInfo], int]:
        """Write a shard per partition into ``directory``; returns (shards written, skipped)."""
        directory = str(Path(directory).resolve())  # workers may run in another directory
        parts = self._plan(paths, fmt, published, source, limits or IngestLimits())
        todo = [p for p in parts if not is_done(directory, p.name)]
        Path(directory).mkdir(parents=True, exist_ok=True)
        written: list[ShardInfo] = []
        for part, outcome in self._ordered(todo, lambda p: self._submit(write_partition_shard, p, directory)):
            if isinstance(outcome, ShardInfo):
                written.append(outcome)
            else:  # isolated on the client after worker deaths: write the shard here
                written.append(write_shard(directory, part.name, outcome.items, outcome.seconds))
        return written, len(parts) - len(todo)

    # -- running partitions ---------------------------------------------------------------

    def results(self, parts: list[Partition]) -> Iterator[PartitionResult]:
        """Each partition's result, in input order."""
        for _part, outcome in self._ordered(parts, lambda p: self._submit(run_partition, p)):
            assert isinstance(outcome, PartitionResult)
            yield outcome

    def _submit(self, fn: Callable[..., Any], part: Partition, *args: Any) -> Any:
        """Submit one partition's task under a key unique to this attempt."""
        key = f"newsevents-{part.name}-{uuid.uuid4().hex[:8]}"
        return self.client.submit(fn, part, *args, key=key, pure=False)

    def _slots(self) -> int:
        """Worker threads in the cluster now (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def _ordered(
        self, parts: list[Partition], submit: Callable[[Partition], Any]
    ) -> Iterator[tuple[Partition, Any]]:
        """Keep every worker thread busy (two tasks per thread queued) and yield outcomes in input
        order: a slow partition at the head does not idle the workers, whose finished results wait
        (up to `AHEAD` per thread) until it is done."""
        started = time.perf_counter()
        slots = self._slots()
        window, ahead = 2 * slots, AHEAD * slots
        todo = iter(parts)
        pending: deque[tuple[Partition, Any]] = deque()  # in input order, running or finished
        done = documents = 0

        def fill() -> None:
            running = sum(1 for _, f in pending if not f.done())
            while running < window and len(pending) < ahead:
                part = next(todo, None)
                if part is None:
                    return
                pending.append((part, submit(part)))
                running += 1

        fill()
        while pending:
            part, future = pending[0]
            while not future.done():
                running = [f for _, f in pending if not f.done()]
                self._wait(running, timeout=WAIT_SLICE, return_when="FIRST_COMPLETED")
                fill()
            pending.popleft()
            outcome = self._outcome(part, future)
            fill()
            done += 1
            documents += _documents(outcome)
            if self.progress is not None:
                self.progress(done, len(parts), documents, time.perf_counter() - started)
            yield part, outcome

    def _outcome(self, part: Partition, future: Any) -> Any:
        """A partition's result; after repeated worker deaths, the result of isolating the culprit."""
        try:
            return future.result()
        except self._killed_worker as exc:
            log.warning(
                "%s: workers died running it (%s); isolating the record responsible", part.describe(), exc
            )
            return self._isolate(part, f"a worker died processing this record ({type(exc).__name__})")
        except Exception as exc:
            raise NewsEventsError(
                f"{part.describe()}: the task failed on a worker: {type(exc).__name__}: {exc}"
            ) from exc

    def _isolate(self, part: Partition, reason: str) -> PartitionResult:
        """Run the partition in halves until the records that kill workers are found and rejected."""
        stubs: list[Item] = self.client.submit(record_stubs, part, reason, pure=False).result()
        lo, hi = part.only or (0, len(stubs))
        result = PartitionResult(part.index, self._bisect(part, lo, hi, stubs))
        return result

    def _bisect(self, part: Partition, lo: int, hi: int, stubs: list[Item]) -> list[Item]:
        """The items of records ``lo..hi-1``; a single record that kills workers becomes a reject."""
        if hi <= lo:
            return []
        try:
            sub: PartitionResult = self._submit(run_partition, replace(part, only=(lo, hi))).result()
            return sub.items
        except self._killed_worker:
            if hi - lo == 1:
                stub = stubs[lo]
                reject = stub if isinstance(stub, Reject) else stub.article
                if isinstance(reject, Reject):
                    log.warning("rejected %s", reject.line())
                return [stub]
            mid = (lo + hi) // 2
            return self._bisect(part, lo, mid, stubs) + self._bisect(part, mid, hi, stubs)


def _quiet_wait(wait: Callable[..., Any]) -> Callable[..., Any]:
    """``distributed.wait`` that returns on its timeout instead of raising (the caller looks again)."""

    def waiter(futures: list[Any], **kwargs: Any) -> Any:
        try:
            return wait(futures, **kwargs)
        except TimeoutError:
            return None

    return waiter


def _documents(outcome: Any) -> int:
    """Documents in a partition's outcome (a result or a shard summary)."""
    return int(outcome.documents)
