"""Annotation that survives a bad article: only the article that fails alone is left out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import pytest

from newsevents.failsafe import Item, annotate_isolated
from newsevents.models import Annotations


def _annotate(batches: Iterable[list[Item]], workers: int = 1) -> Iterator[list[Annotations]]:
    for batch in batches:
        if any("boom" in text for _, text, _ in batch):
            raise ValueError("bad text")
        yield [Annotations(aid) for aid, _, _ in batch]


def _batches(*groups: list[str]) -> list[list[Item]]:
    return [[(t, t, date(2024, 1, 1)) for t in group] for group in groups]


@pytest.mark.parametrize("workers", [1, 2])
def test_only_the_failing_article_is_left_out_and_order_is_kept(workers: int) -> None:
    failed: list[str] = []
    out = annotate_isolated(
        _batches(["a", "b"], ["c", "boom", "d"], ["e"]),
        _annotate,
        workers,
        lambda item, exc: failed.append(f"{item[0]}: {exc}"),
    )
    assert [[a.article_id for a in r] for r in out] == [["a", "b"], ["c", "d"], ["e"]]
    assert failed == ["boom: bad text"]


def test_a_failing_batch_source_is_not_blamed_on_an_article() -> None:
    def source() -> Iterator[list[Item]]:
        yield from _batches(["a"])
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        list(annotate_isolated(source(), _annotate, 1, lambda item, exc: None))


def test_a_missing_model_ends_the_run_instead_of_rejecting_every_article() -> None:
    from newsevents.errors import ResourceMissingError

    def no_model(batches: Iterable[list[Item]], workers: int = 1) -> Iterator[list[Annotations]]:
        for _batch in batches:
            raise ResourceMissingError("spaCy model missing: run scripts/setup.sh")
        yield []

    failed: list[Item] = []
    with pytest.raises(ResourceMissingError):
        list(annotate_isolated(_batches(["a"]), no_model, 1, lambda item, exc: failed.append(item)))
    assert failed == []
