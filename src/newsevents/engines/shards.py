"""Parquet shards of prepared documents: one per partition, with a completion marker.

A shard holds a partition's records in input order: read rejects, and documents with their
cleaned article (or clean reject), raw hash, dedup signature and annotations. The marker
(``NAME.done``, JSON counts) is written after the shard is complete, so a rerun skips exactly
the partitions that finished and ``load`` never reads half a shard.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.engines.codec import annotations_from_json, article_from_json, to_json
from newsevents.engines.partitions import cap_per_file
from newsevents.engines.prepare import Prepared
from newsevents.engines.work import Item, annotate_firsts
from newsevents.errors import NewsEventsError
from newsevents.limits import IngestLimits
from newsevents.models import Annotations, Article, Reject

log = logging.getLogger(__name__)

SCHEMA = pa.schema(
    [
        ("position", pa.int64()),
        ("document", pa.bool_()),  # false for a record that could not be read at all
        ("path", pa.string()),
        ("record", pa.string()),
        ("part", pa.int32()),  # the article's part of a document split for length (0: the first)
        ("stage", pa.string()),  # reject fields: a reject, or an article the annotate stage failed on
        ("reason", pa.string()),
        ("sample", pa.string()),
        ("raw_hash", pa.string()),
        ("article", pa.string()),  # JSON of the cleaned Article
        ("signature", pa.binary()),  # serialised MinHash
        ("annotations", pa.string()),  # JSON of its Annotations (first copy in the shard only)
    ]
)


@dataclass(slots=True)
class ShardInfo:
    """What a written shard holds."""

    name: str
    records: int
    documents: int
    seconds: float


def shard_path(directory: str | Path, name: str) -> Path:
    """The Parquet file of shard ``name``."""
    return Path(directory) / f"{name}.parquet"


def marker_path(directory: str | Path, name: str) -> Path:
    """The completion marker of shard ``name``."""
    return Path(directory) / f"{name}.done"


def is_done(directory: str | Path, name: str) -> bool:
    """True when shard ``name`` was completely written."""
    return marker_path(directory, name).exists()


def _row(position: int, item: Item) -> dict[str, Any]:
    """One shard row."""
    reject = item if isinstance(item, Reject) else item.article
    if isinstance(item, Prepared) and item.failure is not None:
        reject = item.failure
    row: dict[str, Any] = {
        "position": position,
        "document": isinstance(item, Prepared),
        "part": item.part if isinstance(item, Prepared) else 0,
    }
    if isinstance(reject, Reject):
        row.update(
            path=reject.path,
            record=reject.record,
            stage=reject.stage,
            reason=reject.reason,
            sample=reject.sample,
        )
    if isinstance(item, Prepared):
        article = item.article
        row.update(
            raw_hash=item.raw_hash,
            signature=item.signature,
            article=to_json(article) if isinstance(article, Article) else None,
            annotations=to_json(item.annotations) if item.annotations is not None else None,
        )
    return row


def write_shard(directory: str | Path, name: str, items: list[Item], seconds: float = 0.0) -> ShardInfo:
    """Write one shard atomically, then its marker."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rows = [_row(i, item) for i, item in enumerate(items)]
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    final = shard_path(directory, name)
    tmp = final.with_suffix(f".parquet.tmp{os.getpid()}")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, final)
    info = ShardInfo(name, len(items), sum(isinstance(i, Prepared) for i in items), seconds)
    marker_path(directory, name).write_text(
        json.dumps({"records": info.records, "documents": info.documents, "seconds": round(seconds, 3)}),
        encoding="utf-8",
    )
    return info


def read_shard(path: str | Path) -> Iterator[Item]:
    """The records of one shard, in input order."""
    for row in pq.read_table(path).to_pylist():
        reject = None
        if row["reason"] is not None:
            reject = Reject(row["path"], row["record"], row["reason"], row["stage"], row["sample"] or "")
        if not row["document"]:
            assert reject is not None
            yield reject
            continue
        article = article_from_json(row["article"]) if row["article"] is not None else reject
        assert article is not None
        ann = annotations_from_json(row["annotations"]) if row["annotations"] is not None else None
        failure = reject if row["article"] is not None else None
        yield Prepared(article, row["raw_hash"], row["signature"], ann, row.get("part") or 0, failure)


def finished_shards(directory: str | Path) -> list[Path]:
    """The completed shards of a directory, in input order; unfinished ones are named and skipped."""
    directory = Path(directory)
    if not directory.is_dir():
        raise NewsEventsError(
            f"no shard directory at {directory}: write one with "
            f"`newsevents annotate PATH --output {directory}`"
        )
    done: list[Path] = []
    unfinished: list[Path] = []
    for path in sorted(directory.glob("part-*.parquet")):
        (done if is_done(directory, path.stem) else unfinished).append(path)
    for path in unfinished:
        log.warning("%s has no completion marker: skipped (rerun annotate to finish it)", path)
    return done


class ShardEngine:
    """Plays back shards written by ``annotate --output`` to the pipeline's single writer.

    The shards were read and cleaned within the limits ``annotate`` was given; the count of
    documents per file is checked again here across the line ranges of a file cut in pieces.
    """

    def documents(
        self,
        paths: list[str],
        fmt: str | None,
        published: date | None,
        source: str | None,
        limits: IngestLimits,
    ) -> Iterator[Reject | Prepared]:
        """Every record of every finished shard under ``paths``, in input order."""

        def records() -> Iterator[Reject | Prepared]:
            for directory in paths:
                for shard in finished_shards(directory):
                    yield from read_shard(shard)

        yield from cap_per_file(records(), limits.max_docs_per_file)

    def annotate(self, batches: Iterable[list[Prepared]]) -> Iterator[list[Annotations | Reject]]:
        """The annotations the shards carry (computed here for any copy that lacks them)."""
        yield from (attached_annotations(batch) for batch in batches)


def attached_annotations(batch: list[Prepared]) -> list[Annotations | Reject]:
    """Each article's annotations as computed next to the reading, or the reject of one the
    annotate stage failed on; missing ones are computed here (one at a time if a batch fails)."""
    missing = [p for p in batch if p.annotations is None and p.failure is None]
    if missing:
        log.info("%d articles arrived without annotations: annotating them here", len(missing))
        annotate_firsts(missing)
    out: list[Annotations | Reject] = []
    for p in batch:
        if p.failure is not None:
            out.append(p.failure)
        else:
            assert p.annotations is not None
            out.append(p.annotations)
    return out
