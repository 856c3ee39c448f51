"""Readers under hostile input: one bad record costs that record, odd files get a reason."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import os
from pathlib import Path

import pytest

from newsevents.models import RawDoc, Reject
from newsevents.read import iter_inputs
from newsevents.read.limits import BoundedReader, LimitExceeded
from newsevents.read.source import is_binary_file, safe_path

TEXT = "Police arrested 12 protesters in Lagos on Monday, officials said."


def _run(paths: list[Path | str], **kw: object) -> list[RawDoc | Reject]:
    return list(iter_inputs([os.fsdecode(p) for p in paths], **kw))  # type: ignore[arg-type]


def _docs(out: list[RawDoc | Reject]) -> list[RawDoc]:
    return [d for d in out if isinstance(d, RawDoc)]


def _rejects(out: list[RawDoc | Reject]) -> list[Reject]:
    return [d for d in out if isinstance(d, Reject)]


def _jsonl(*texts: str) -> str:
    return "".join(json.dumps({"text": t}) + "\n" for t in texts)


def test_deeply_nested_json_line_is_rejected_and_the_file_goes_on(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(_jsonl("one " + TEXT) + "[" * 200_000 + "\n" + _jsonl("two " + TEXT))
    out = _run([f])
    assert [d.record for d in _docs(out)] == ["line 1", "line 3"]
    (rej,) = _rejects(out)
    assert rej.record == "line 2" and "nested too deeply" in rej.reason


@pytest.mark.parametrize("bad", [b"\x00", b"\x01\x02\x03", b"\x00" * 40])
def test_control_bytes_in_one_jsonl_line_cost_only_that_line(tmp_path: Path, bad: bytes) -> None:
    f = tmp_path / "a.jsonl"
    line = b'{"text": "bad ' + bad + b' line"}\n'
    f.write_bytes(line + _jsonl(*(f"{n} {TEXT}" for n in range(5))).encode())
    out = _run([f])
    assert len(_docs(out)) == 5
    assert [r.record for r in _rejects(out)] == ["line 1"]


def test_nul_in_a_csv_row_keeps_every_row(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_bytes(b"text\n" + b'"bad\x00 ' + TEXT.encode() + b'"\n' + TEXT.encode() + b"\n")
    docs = _docs(_run([f]))
    assert len(docs) == 2 and all("\x00" not in (d.text or "") for d in docs)


def test_lone_surrogate_escape_in_json_is_replaced(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "' + TEXT + ' \\ud800", "source": "\\udcff"}\n')
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.text is not None
    doc.text.encode("utf-8")  # storable
    assert doc.source == "\ufffd"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
@pytest.mark.parametrize("name", ["a.jsonl", "a.csv", "a.txt"])
def test_utf16_and_utf32_with_bom_are_decoded(tmp_path: Path, codec: str, name: str) -> None:
    content = {"a.jsonl": _jsonl(TEXT, "second " + TEXT), "a.csv": f'text\n"{TEXT}"\n"second {TEXT}"\n'}
    text = content.get(name, TEXT)
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    (tmp_path / name).write_bytes(bom + text.encode(codec))
    docs = _docs(_run([tmp_path / name]))
    assert len(docs) == (1 if name == "a.txt" else 2)
    assert TEXT in (docs[0].text or "")


def test_a_file_is_binary_only_when_most_windows_are() -> None:
    text = (TEXT + "\n").encode() * 1000
    assert not is_binary_file(b"\x00\x01\x02\x03" * 100 + text)  # one bad window of many
    assert is_binary_file(os.urandom(64 * 1024))
    assert is_binary_file(bytes(range(256)) * 8)


def test_binary_file_is_rejected_as_binary(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_bytes(os.urandom(20_000))
    (rej,) = _run([f])
    assert isinstance(rej, Reject) and rej.reason.startswith("binary file")


def test_fifo_is_rejected_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    out = _run([tmp_path])
    assert len(_docs(out)) == 1
    (rej,) = _rejects(out)
    assert rej.path.endswith("pipe.txt") and rej.reason.startswith("not a regular file (a FIFO)")


def test_unlistable_directory_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(TEXT)
    real = os.walk

    def walk(top: str, onerror: object = None, **kw: object) -> object:
        if callable(onerror):
            onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        return real(top, onerror=onerror, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "walk", walk)
    out = _run([tmp_path])
    assert len(_docs(out)) == 1
    (rej,) = _rejects(out)
    assert rej.path.endswith("locked") and rej.reason == "cannot read directory: Permission denied"


def test_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "wb") as fh:
        fh.write(TEXT.encode())
    (doc,) = _run([tmp_path])
    assert isinstance(doc, RawDoc) and doc.path.endswith("caf\\xe9.txt")
    assert safe_path(os.fsdecode(name)) == doc.path


@pytest.mark.parametrize("content", [b"", b"hello junk, not an archive\n" * 3])
def test_empty_or_junk_warc_is_rejected(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "a.warc"
    f.write_bytes(content)
    (rej,) = _run([f])
    assert isinstance(rej, Reject) and rej.reason.startswith(("empty file", "read error", "no HTML"))


def test_documents_per_file_are_capped(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl.gz"
    with gzip.open(f, "wt") as fh:
        fh.write(_jsonl(*(f"{n} {TEXT}" for n in range(50))))
    out = _run([f], max_docs_per_file=10)
    assert len(_docs(out)) == 10
    assert "more than 10 documents in one file" in out[-1].reason  # type: ignore[union-attr]


def test_decompression_bomb_is_stopped(tmp_path: Path) -> None:
    f = tmp_path / "a.txt.gz"
    with gzip.open(f, "wb") as fh:
        fh.write(b"a" * (30 * 1024 * 1024))
    (rej,) = _run([f])
    assert isinstance(rej, Reject) and "inflates more than 100 times" in rej.reason


def test_decompressed_bytes_per_file_are_capped(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(_jsonl(*(f"{n} {TEXT}" for n in range(4000))))
    out = _run([f], max_file_bytes=150_000)
    assert 0 < len(_docs(out)) < 4000
    assert "max_file_bytes" in out[-1].reason  # type: ignore[union-attr]


def test_bounded_reader_counts_what_it_passes_on() -> None:
    reader = BoundedReader(io.BytesIO(b"x" * 100), max_bytes=50)
    with pytest.raises(LimitExceeded):
        reader.read(100)


def test_extractor_log_lines_name_the_file_they_concern(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><body><div></div></body></html>")
    with caplog.at_level(logging.DEBUG):
        _run([f])
    assert not [
        r for r in caplog.records if r.name.startswith("trafilatura") and r.levelno >= logging.WARNING
    ]
    relogged = [r for r in caplog.records if r.name == "newsevents.logs"]
    assert relogged and all(r.getMessage().startswith(f"{f}: trafilatura: ") for r in relogged)
    assert all(r.levelno == logging.INFO for r in relogged)
