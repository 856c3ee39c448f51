"""Generators of hostile inputs, one per kind, each mixing valid articles in.

Every generator writes into its own folder and returns what must come out: the marker of each
valid article (it must be stored) and, per hostile file, the start of the reject reason it must
get (``None``: any outcome but a crash or a hang, e.g. markup that may or may not keep text).
``full`` switches from the small CI sizes to the sizes of the original report.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

WORDS = [
    "police",
    "army",
    "rebels",
    "protesters",
    "minister",
    "parliament",
    "election",
    "village",
    "city",
    "province",
    "border",
    "ceasefire",
    "talks",
    "agreement",
    "offensive",
    "convoy",
    "checkpoint",
    "district",
    "governor",
    "spokesman",
    "court",
    "opposition",
    "party",
    "students",
    "farmers",
    "workers",
    "strike",
    "march",
    "rally",
    "curfew",
    "airport",
    "bridge",
    "market",
    "hospital",
    "school",
    "clinic",
    "road",
    "river",
    "valley",
    "mountain",
    "capital",
    "region",
    "coalition",
    "militia",
    "council",
    "mayor",
    "embassy",
    "refugees",
    "camp",
    "aid",
    "water",
    "fuel",
    "price",
    "budget",
    "reform",
    "vote",
    "ballot",
    "turnout",
    "result",
    "morning",
    "evening",
    "weekend",
    "announced",
    "reported",
    "confirmed",
    "denied",
    "said",
    "claimed",
    "warned",
    "urged",
    "asked",
]


@dataclass
class Expected:
    """What a generated folder must give: stored valid articles and rejects with reasons."""

    valid: list[str] = field(default_factory=list)  # markers, one per valid article
    rejects: dict[str, str | None] = field(default_factory=dict)  # file name -> reason start
    limits: dict[str, int] = field(default_factory=dict)  # ingest limits the case runs with

    def add(self, other: Expected) -> None:
        self.valid += other.valid
        self.rejects.update(other.rejects)


_counter = iter(range(10**9))


def valid_article(rng: random.Random) -> tuple[str, str]:
    """(marker, text) of a plausible short news article, distinct from every other one."""
    marker = f"zq{next(_counter):06d}x"
    words = " ".join(rng.choice(WORDS) for _ in range(60))
    text = (
        f"Officials in the capital said on Monday that {marker} talks had resumed. "
        f"{words.capitalize()}. The spokesman confirmed the {rng.choice(WORDS)} report."
    )
    return marker, text


def _jsonl(texts: list[str], **extra: str) -> bytes:
    return "".join(json.dumps({"text": t, **extra}) + "\n" for t in texts).encode()


def _valid(rng: random.Random, n: int) -> tuple[list[str], list[str]]:
    pairs = [valid_article(rng) for _ in range(n)]
    return [m for m, _ in pairs], [t for _, t in pairs]


def long_article(root: Path, rng: random.Random, full: bool) -> Expected:
    """An article over spaCy's 1,000,000-character limit (small: over our 100,000 split)."""
    marker, lead = valid_article(rng)
    size = 1_200_000 if full else 150_000
    paras = [lead]
    while sum(map(len, paras)) < size:
        paras.append(valid_article(rng)[1])
    (root / "long.txt").write_text("\n\n".join(paras), encoding="utf-8")
    return Expected(valid=[marker])


def non_utf8_name(root: Path, rng: random.Random, full: bool) -> Expected:
    """Files whose names are not valid UTF-8."""
    exp = Expected()
    for i in range(20 if full else 2):
        marker, text = valid_article(rng)
        with open(os.path.join(os.fsencode(root), b"caf\xe9-%d.txt" % i), "wb") as fh:
            fh.write(text.encode())
        exp.valid.append(marker)
    return exp


def attribute_bomb(root: Path, rng: random.Random, full: bool) -> Expected:
    """One tag with 200,000 attributes (3 MB) in an otherwise normal page."""
    marker, text = valid_article(rng)
    attrs = " ".join(f"data-a{i}=v{i}" for i in range(200_000 if full else 20_000))
    page = f"<html><body><div {attrs}><article><p>{text}</p></article></div></body></html>"
    (root / "attrs.html").write_text(page, encoding="utf-8")
    return Expected(valid=[marker])


def fifo(root: Path, rng: random.Random, full: bool) -> Expected:
    """A FIFO inside an input folder (reading it would block forever)."""
    exp = Expected()
    for i in range(3 if full else 1):
        os.mkfifo(root / f"pipe{i}.jsonl")
        exp.rejects[f"pipe{i}.jsonl"] = "not a regular file"
    markers, texts = _valid(rng, 2)
    (root / "good.jsonl").write_bytes(_jsonl(texts))
    exp.valid += markers
    return exp


def lines_gzip_bomb(root: Path, rng: random.Random, full: bool) -> Expected:
    """A small .txt.gz that inflates to millions of one-fragment lines."""
    marker, text = valid_article(rng)
    n = 23_000_000 if full else 3_000
    with gzip.open(root / "lines.txt.gz", "wb", compresslevel=9) as fh:
        fh.write(f"<p>{text}</p>\n".encode())
        chunk = b"<p>x</p>\n" * 100_000
        for _ in range(n // 100_000):
            fh.write(chunk)
        fh.write(b"<p>x</p>\n" * (n % 100_000))
    return Expected(
        valid=[marker], rejects={"lines.txt.gz": None}, limits={} if full else {"max_docs_per_file": 1000}
    )


def csv_gzip_rows(root: Path, rng: random.Random, full: bool) -> Expected:
    """A .csv.gz of millions of rows."""
    marker, text = valid_article(rng)
    n = 3_000_000 if full else 3_000
    with gzip.open(root / "rows.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write(f'text,source\n"{text}",wire\n')
        for i in range(n):
            fh.write(f"r{i % 10},=1+{i % 7}\n")
    return Expected(
        valid=[marker], rejects={"rows.csv.gz": None}, limits={} if full else {"max_docs_per_file": 1000}
    )


def ratio_bomb(root: Path, rng: random.Random, full: bool) -> Expected:
    """A .txt.gz inflating more than a hundredfold."""
    with gzip.open(root / "bomb.txt.gz", "wb", compresslevel=9) as fh:
        chunk = b"a" * (1 << 20)
        for _ in range(200 if full else 12):
            fh.write(chunk)
    markers, texts = _valid(rng, 1)
    (root / "good.txt").write_text(texts[0])
    return Expected(valid=markers, rejects={"bomb.txt.gz": "gzip data inflates"})


def deep_json(root: Path, rng: random.Random, full: bool) -> Expected:
    """A JSONL line nested 100,000 levels deep between valid lines."""
    exp = Expected()
    for i in range(10 if full else 1):
        markers, texts = _valid(rng, 2)
        body = _jsonl(texts[:1]) + b'{"text": ' + b"[" * 100_000 + b"\n" + _jsonl(texts[1:])
        (root / f"deep{i}.jsonl").write_bytes(body)
        exp.valid += markers
        exp.rejects[f"deep{i}.jsonl"] = "JSON nested too deeply"
    return exp


def control_bytes(root: Path, rng: random.Random, full: bool) -> Expected:
    """A NUL or control byte in the first 8 KB of JSONL and CSV files."""
    exp = Expected()
    for i in range(10 if full else 1):
        markers, texts = _valid(rng, 4)
        (root / f"nul{i}.jsonl").write_bytes(b'{"text": "\x00\x01 junk"}\n' + _jsonl(texts[:2]))
        rows = "".join(f'"{t}"\n' for t in texts[2:])
        (root / f"nul{i}.csv").write_bytes(
            b"text\n" + rows.encode().replace(b"Officials", b"Off\x00icials", 1)
        )
        exp.valid += markers
        exp.rejects[f"nul{i}.jsonl"] = "binary data"
    return exp


def unreadable_dir(root: Path, rng: random.Random, full: bool) -> Expected:
    """A sub-folder that cannot be listed (only testable when not running as root)."""
    markers, texts = _valid(rng, 1)
    (root / "good.txt").write_text(texts[0])
    exp = Expected(valid=markers)
    if os.geteuid() != 0:
        locked = root / "locked"
        locked.mkdir()
        (locked / "x.txt").write_text(texts[0])
        locked.chmod(0)
        exp.rejects["locked"] = "cannot read directory"
    return exp


def bad_warc(root: Path, rng: random.Random, full: bool) -> Expected:
    """Empty and junk .warc files."""
    exp = Expected()
    for i in range(20 if full else 1):
        (root / f"empty{i}.warc").write_bytes(b"")
        (root / f"junk{i}.warc").write_bytes(bytes(rng.randrange(32, 127) for _ in range(500)))
        exp.rejects[f"empty{i}.warc"] = "empty file"
        exp.rejects[f"junk{i}.warc"] = None
    return exp


def utf16_bom(root: Path, rng: random.Random, full: bool) -> Expected:
    """UTF-16 and UTF-32 CSV and JSONL with a byte-order mark."""
    exp = Expected()
    for i, codec in enumerate(("utf-16", "utf-16-be", "utf-32") * (5 if full else 1)):
        bom = codecs.BOM_UTF16_BE if codec == "utf-16-be" else b""
        markers, texts = _valid(rng, 2)
        (root / f"u{i}.jsonl").write_bytes(bom + _jsonl(texts[:1]).decode().encode(codec))
        (root / f"u{i}.csv").write_bytes(bom + f'text\n"{texts[1]}"\n'.encode(codec))
        exp.valid += markers
    return exp


def tiny_junk(root: Path, rng: random.Random, full: bool) -> Expected:
    """Files of 1-10 random bytes."""
    exp = Expected()
    for i in range(500 if full else 10):
        (root / f"tiny{i}.txt").write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(1, 10))))
        exp.rejects[f"tiny{i}.txt"] = None
    return exp


def binary_named_as_text(root: Path, rng: random.Random, full: bool) -> Expected:
    """Random bytes under text extensions."""
    exp = Expected()
    for i in range(300 if full else 3):
        name = f"bin{i}" + (".jsonl", ".html", ".csv")[i % 3]
        (root / name).write_bytes(rng.randbytes(20_000))
        exp.rejects[name] = "binary"
    return exp


def deep_html(root: Path, rng: random.Random, full: bool) -> Expected:
    """Markup nested 100,000 levels deep around an article."""
    marker, text = valid_article(rng)
    n = 100_000 if full else 20_000
    (root / "deep.html").write_text("<div>" * n + f"<p>{text}</p>" + "</div>" * n, encoding="utf-8")
    return Expected(valid=[marker])


def tag_soup(root: Path, rng: random.Random, full: bool) -> Expected:
    """Unclosed tags and stray brackets (quadratic for naive tag regexes)."""
    exp = Expected()
    n = 2_000_000 if full else 100_000
    (root / "soup1.html").write_text("<a" * n, encoding="utf-8")
    (root / "soup2.html").write_text("<script>" * (n // 4), encoding="utf-8")
    (root / "soup3.txt").write_text("<" * n, encoding="utf-8")
    exp.rejects.update({"soup1.html": None, "soup2.html": None, "soup3.txt": None})
    return exp


def formula_cells(root: Path, rng: random.Random, full: bool) -> Expected:
    """Sources, titles and text starting with spreadsheet formula characters."""
    markers, texts = _valid(rng, 4)
    rows = [
        {"text": "=" + texts[0], "source": "=cmd|' /C calc'!A0"},
        {"text": texts[1], "source": "+1+1", "title": "-2+3"},
        {"text": texts[2], "source": "@SUM(1,1)"},
        {"text": texts[3], "source": "\t=1"},
    ]
    (root / "formula.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return Expected(valid=markers)


def bad_records(root: Path, rng: random.Random, full: bool) -> Expected:
    """Malformed JSON, lists, lone surrogates and missing fields among valid lines."""
    markers, texts = _valid(rng, 3)
    lines = [
        json.dumps({"text": texts[0] + " \ud800"}),
        "{not json",
        "[1, 2, 3]",
        json.dumps({"title": "no text"}),
        json.dumps({"text": texts[1], "published": "yesterday-ish"}),
        json.dumps({"html": f"<p>{texts[2]}</p>", "url": "\udcff"}),
    ]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    return Expected(valid=markers, rejects={"records.jsonl": "malformed JSON"})


GENERATORS: dict[str, Callable[[Path, random.Random, bool], Expected]] = {
    f.__name__: f
    for f in (
        long_article,
        non_utf8_name,
        attribute_bomb,
        fifo,
        lines_gzip_bomb,
        csv_gzip_rows,
        ratio_bomb,
        deep_json,
        control_bytes,
        unreadable_dir,
        bad_warc,
        utf16_bom,
        tiny_junk,
        binary_named_as_text,
        deep_html,
        tag_soup,
        formula_cells,
        bad_records,
    )
}


def valid_mix(root: Path, rng: random.Random, n: int) -> Expected:
    """``n`` valid articles spread over text, JSONL, CSV and HTML files."""
    exp = Expected()
    markers, texts = _valid(rng, n)
    exp.valid += markers
    quarter = max(1, n // 4)
    (root / "mix.jsonl").write_bytes(_jsonl(texts[:quarter]))
    (root / "mix.csv").write_text("text\n" + "".join(f'"{t}"\n' for t in texts[quarter : 2 * quarter]))
    for i, text in enumerate(texts[2 * quarter : 3 * quarter]):
        (root / f"mix{i}.txt").write_text(text)
    for i, text in enumerate(texts[3 * quarter :]):
        (root / f"mix{i}.html").write_text(f"<html><body><article><p>{text}</p></article></body></html>")
    return exp
