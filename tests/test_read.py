"""Readers: formats, detection, metadata and rejects."""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from newsevents.errors import ConfigError
from newsevents.models import RawDoc, Reject
from newsevents.read import detect_format, iter_inputs

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "afp_ghazni_2021-08-13.txt"
PAGE = (
    "<!DOCTYPE html><html><head><title>Ghazni falls</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Ghazni falls</h1>"
    + "".join(
        f"<p>The Taliban seized the city of Ghazni on Thursday, officials said, paragraph {i} "
        "of a long report on the fighting in the province and the roads around it.</p>"
        for i in range(6)
    )
    + "</article><footer>Copyright 2021</footer></body></html>"
)


def _run(paths: list[Path | str], **kw: object) -> list[RawDoc | Reject]:
    return list(iter_inputs([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def _docs(items: list[RawDoc | Reject]) -> list[RawDoc]:
    return [d for d in items if isinstance(d, RawDoc)]


def _rejects(items: list[RawDoc | Reject]) -> list[Reject]:
    return [d for d in items if isinstance(d, Reject)]


def test_sample_txt_is_read_as_one_document_per_line() -> None:
    docs = _run([SAMPLE])
    assert [(d.record, d.fmt) for d in _docs(docs)] == [("line 1", "lines"), ("line 2", "lines")]
    assert all(isinstance(d, RawDoc) and d.html and d.html.startswith("<p>") for d in docs)


def test_plain_txt_is_one_article_per_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("First paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    (doc,) = _docs(_run([f]))
    assert doc.fmt == "text" and doc.text is not None and "Second paragraph." in doc.text


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson.gz", "jsonl"),
        ("a.csv", "csv"),
        ("a.txt", "text"),
        ("a.warc.gz", "warc"),
        ("a.pdf", None),
    ],
)
def test_format_is_detected_from_the_extension(name: str, fmt: str | None) -> None:
    assert detect_format(name) == fmt


def test_jsonl_fields_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    rows = [
        {"text": "Body one.", "url": "http://x/1", "title": "T1", "published": "2021-08-13"},
        {"text": "Body two.", "source": "AFP"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    one, two = _docs(_run([f], source="Deccan Herald", published=date(2021, 8, 1)))
    assert (one.url, one.title, one.published, one.source) == (
        "http://x/1",
        "T1",
        date(2021, 8, 13),
        "Deccan Herald",
    )
    assert (two.published, two.source) == (date(2021, 8, 1), "AFP")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "ok"', "malformed JSON"),
        ('{"body": "no text field"}', "missing text field"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_bad_jsonl_line_is_rejected_with_its_line_number(tmp_path: Path, line: str, reason: str) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "good"}\n' + line + "\n", encoding="utf-8")
    out = _run([f])
    assert len(_docs(out)) == 1
    (rej,) = _rejects(out)
    assert rej.record == "line 2" and reason in rej.reason


def test_unparsable_date_keeps_the_document(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "Body.", "published": "last Thursday-ish"}\n', encoding="utf-8")
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.published is None


def test_csv_with_configured_field_names(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text('story,link,date\n"Text, with comma.",http://x,2021-08-13\n,http://y,\n')
    out = _run([f], text_field="story", url_field="link", published_field="date")
    (doc,) = _docs(out)
    assert (doc.text, doc.url, doc.published) == ("Text, with comma.", "http://x", date(2021, 8, 13))
    (rej,) = _rejects(out)
    assert rej.record == "row 2"


def test_csv_without_text_column_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text("a,b\n1,2\n")
    (rej,) = _run([f])
    assert isinstance(rej, Reject) and rej.reason.startswith("missing text column:")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_empty_and_binary_files_are_rejected(tmp_path: Path, content: bytes, reason: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(content)
    (rej,) = _run([f])
    assert isinstance(rej, Reject) and reason in rej.reason


def test_latin1_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("Le café de la Défense a rouvert ses portes à Paris.".encode("cp1252"))
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.text is not None and "café" in doc.text


def test_oversized_document_is_rejected_and_the_next_one_read(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("<p>" + "x" * 5000 + "</p>\n<p>small</p>\n")
    out = _run([f], max_doc_bytes=1000)
    assert [type(d).__name__ for d in out] == ["Reject", "RawDoc"]
    assert "limit" in out[0].reason and out[0].record == "line 1"  # type: ignore[union-attr]


def test_unknown_explicit_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="lines, html, jsonl, csv, text, warc"):
        _run([SAMPLE], fmt="pdf")


def test_unknown_extension_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "a.docx"
    f.write_text("hello")
    (rej,) = _run([f])
    assert isinstance(rej, Reject) and "unknown format" in rej.reason


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    (rej,) = _run([tmp_path / "nope.txt"])
    assert isinstance(rej, Reject) and "no such file" in rej.reason


def test_gzip_is_transparent(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write('{"text": "zipped"}\n')
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.text == "zipped"


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.jsonl").write_text('{"text": "3"}\n')
    (tmp_path / "a.jsonl").write_text('{"text": "1"}\n')
    (tmp_path / "b" / "c.jsonl").write_text('{"text": "2"}\n')
    (tmp_path / "store.db").write_bytes(b"SQLite format 3\x00")
    (tmp_path / ".hidden.jsonl").write_text('{"text": "hidden"}\n')
    assert [d.text for d in _docs(_run([tmp_path]))] == ["1", "2", "3"]


def test_stdin_is_read_for_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b'{"text": "from stdin"}\n')))
    monkeypatch.setattr(sys, "stdin", stdin)
    (doc,) = _run(["-"])
    assert isinstance(doc, RawDoc) and doc.text == "from stdin" and doc.path == "-"


def test_html_page_gives_main_text_and_title(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.fmt == "html" and doc.title == "Ghazni falls"
    assert doc.html is not None and "paragraph 5" in doc.html and "Copyright" not in doc.html


def test_broken_html_still_yields_text(tmp_path: Path) -> None:
    f = tmp_path / "broken.html"
    f.write_text("<html><body><div><p>Fighting continued <b>in Kunduz<p>near the airport</div")
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.html is not None and "Kunduz" in doc.html


def test_warc_html_responses_are_read(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    f = tmp_path / "crawl.warc.gz"
    with f.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in [
            ("http://x/a", "text/html; charset=utf-8", PAGE.encode()),
            ("http://x/logo.png", "image/png", b"\x89PNG"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.url == "http://x/a" and doc.record == "record 1"


LEAD_BODY = "<html><body><p>The Taliban seized Ghazni on Thursday after a week of fighting.</p></body></html>"


@pytest.mark.parametrize(
    ("description", "added"),
    [
        ("Afghan officials say the Taliban seized Ghazni, a city 150 km from Kabul.", True),
        ("The Taliban seized Ghazni on Thursday after a week of fighting.", False),  # a copy
        ("The Taliban seized Ghazni on Thursday after a week of heavy fighting.", False),
        ("Recipes, holiday tips and the best garden furniture deals of the season.", False),
        ("Ghazni falls.", False),  # too short to be a lead
        (None, False),
    ],
)
def test_page_description_becomes_the_lead_only_when_it_adds_text(
    description: str | None, added: bool
) -> None:
    from newsevents.read.htmlpage import add_lead

    out = add_lead(LEAD_BODY, description)
    assert (out != LEAD_BODY) == added


def test_truncated_description_is_cut_to_whole_sentences() -> None:
    from newsevents.read.htmlpage import add_lead

    desc = "Officials in Kabul said the Taliban seized Ghazni city. Fighting went on near the…"
    out = add_lead(LEAD_BODY, desc)
    assert "Officials in Kabul said the Taliban seized Ghazni city.</p>" in out
    assert "near the" not in out


def test_txt_holding_a_whole_page_is_read_as_html(tmp_path: Path) -> None:
    f = tmp_path / "saved.txt"
    f.write_text(PAGE, encoding="utf-8")
    (doc,) = _run([f])
    assert isinstance(doc, RawDoc) and doc.fmt == "html"


def test_invalid_utf8_line_is_decoded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"<p>ok</p>\n" + "<p>Le café a rouvert à Kaboul.</p>\n".encode("cp1252"))
    with caplog.at_level("WARNING"):
        docs = _docs(_run([f]))
    assert docs[1].html == "<p>Le café a rouvert à Kaboul.</p>"
    assert "line 2" in caplog.text and "not valid UTF-8" in caplog.text


def test_document_over_the_default_limit_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    with f.open("w", encoding="utf-8") as fh:
        fh.write('{"text": "' + "x" * (11 * 1024 * 1024) + '"}\n{"text": "small"}\n')
    out = _run([f])
    assert isinstance(out[0], Reject) and "10 MB limit" in out[0].reason
    assert isinstance(out[1], RawDoc) and out[1].text == "small"


def test_whole_pages_one_per_line_get_main_text_extraction(tmp_path: Path) -> None:
    f = tmp_path / "pages.txt"
    f.write_text("<p>A fragment.</p>\n" + PAGE.replace("\n", " ") + "\n", encoding="utf-8")
    fragment, page = _docs(_run([f]))
    assert fragment.fmt == "lines" and page.fmt == "html" and page.title == "Ghazni falls"
