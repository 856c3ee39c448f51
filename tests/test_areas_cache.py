"""The district areas: read from the source file once, then from a cached index."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.resolve import areas as areas_mod
from newsevents.resolve.areas import Areas, area_file, load_areas, read_areas
from newsevents.resolve.gazetteer import get_gazetteer

SOURCE = area_file()
pytestmark = pytest.mark.skipif(SOURCE is None, reason="the district areas package is not installed")


def _same(a: Areas, b: Areas) -> None:
    for name, country, respelled in [
        ("Umarkote", None, True),
        ("Dindigul", "IN", False),
        ("Nad Ali", None, False),
    ]:
        assert a.named(name, country, respelled) == b.named(name, country, respelled)
    assert [a.at_row(i) for i in range(0, len(a), 997)] == [b.at_row(i) for i in range(0, len(b), 997)]
    assert len(a) == len(b)


def test_the_cached_index_gives_the_same_areas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert SOURCE is not None
    get_gazetteer()  # the shared gazetteer, loaded from its usual cache before the cache moves
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(tmp_path))
    parsed = read_areas(SOURCE)
    built = load_areas(SOURCE)  # parses the file and writes the cache
    cached = list(tmp_path.glob("areas-v*.pkl"))
    assert len(cached) == 1
    monkeypatch.setattr(areas_mod, "read_areas", lambda path: pytest.fail("the file was parsed again"))
    loaded = load_areas(SOURCE)
    _same(parsed, built)
    _same(parsed, loaded)
    assert loaded.named("Umarkote", respelled=True), "a respelled name is found through the cached skeletons"


def test_an_unreadable_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert SOURCE is not None
    get_gazetteer()  # the shared gazetteer, loaded from its usual cache before the cache moves
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(tmp_path))
    load_areas(SOURCE)
    (cached,) = tmp_path.glob("areas-v*.pkl")
    cached.write_bytes(b"not a pickle")
    _same(read_areas(SOURCE), load_areas(SOURCE))
    assert cached.stat().st_size > 1000, "the broken file was replaced"
