"""Properties over random input: no exception escapes a reader, the cleaner or the pipeline,
and every input ends as an article or a reject."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.clean import clean_article
from newsevents.models import Article, RawDoc, Reject
from newsevents.pipeline import ingest_paths
from newsevents.read import FORMATS, iter_inputs

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TAGS = ["p", "div", "a", "script", "style", "table", "td", "li", "br", "img", "html", "body", "nav"]
attr_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-:", min_size=1, max_size=8)
attr_values = st.text(max_size=20)
texts = st.text(max_size=60)


@st.composite
def html_trees(draw: st.DrawFn, depth: int = 0) -> str:
    """A random tree of tags with random attributes and text, sometimes broken."""
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.dictionaries(attr_names, attr_values, max_size=4))
    attr_text = "".join(f' {k}="{v}"' for k, v in attrs.items())
    children = draw(st.lists(html_trees(depth + 1) if depth < 4 else texts, max_size=4)) if depth < 5 else []
    inner = draw(texts) + "".join(children)
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "<"]))
    return f"<{tag}{attr_text}>{inner}{close}"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "text": json_values,
        "html": json_values,
        "url": json_values,
        "published": json_values,
        "source": json_values,
    },
)


def _read_all(data: bytes, name: str, fmt: str | None = None) -> list[RawDoc | Reject]:
    """Every item the readers give for ``data`` stored under ``name``, cleaned too."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(iter_inputs([str(path)], fmt=fmt))
    for item in items:
        assert isinstance(item, RawDoc | Reject)
        if isinstance(item, RawDoc):
            cleaned = clean_article(item)
            assert isinstance(cleaned, Reject) or all(isinstance(a, Article) for a in cleaned)
    assert items, "an input vanished without a document or a reject"
    return items


@SETTINGS
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS))
def test_random_bytes_through_every_reader(data: bytes, fmt: str) -> None:
    _read_all(data, "input.bin", fmt)


@SETTINGS
@given(
    data=st.binary(max_size=500),
    name=st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.html", "a.txt.gz", "a.warc"]),
)
def test_random_bytes_under_every_extension(data: bytes, name: str) -> None:
    _read_all(data, name)


@settings(SETTINGS, max_examples=25)  # trafilatura on each page: the slowest property
@given(tree=html_trees(), fmt=st.sampled_from(["html", "lines", "text"]))
def test_random_html_trees_are_read_and_cleaned(tree: str, fmt: str) -> None:
    _read_all(tree.replace("\n", " ").encode("utf-8", "surrogatepass"), "page.html", fmt)


@SETTINGS
@given(rows=st.lists(records, min_size=1, max_size=5))
def test_random_json_records_are_read_and_cleaned(rows: list[dict[str, object]]) -> None:
    lines = [json.dumps(r) for r in rows]
    items = _read_all(("\n".join(lines) + "\n").encode(), "rows.jsonl")
    assert len(items) == len(rows)  # one outcome per line


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=3), min_size=1, max_size=5))
def test_random_csv_rows_are_read_and_cleaned(rows: list[list[str]]) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["text", "source", "url"])
    writer.writerows(rows)
    _read_all(buf.getvalue().encode("utf-8", "surrogatepass"), "rows.csv")


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        html_trees().map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(records, min_size=1, max_size=3).map(lambda rows: "\n".join(map(json.dumps, rows)).encode()),
    ),
    name=st.sampled_from(["a.txt", "a.jsonl", "a.html"]),
)
def test_random_input_through_the_whole_pipeline(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        db = str(Path(folder) / "s.db")
        summary = ingest_paths([str(path)], db, on_reject=lambda r: None)
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT count(*) FROM mentions WHERE path = ?", (str(path),)).fetchone()[0]
        rejected = conn.execute("SELECT count(*) FROM rejects WHERE path = ?", (str(path),)).fetchone()[0]
        conn.close()
    assert stored + rejected > 0, "the input ended neither as an article nor as a reject"
    assert summary.rejects == rejected
