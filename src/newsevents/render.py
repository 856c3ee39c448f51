"""Terminal rendering of one article with its annotations, or one event with its evidence."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

# Highlight style per annotation layer (later layers win where spans overlap).
STYLES = {
    "entity": "bold cyan",
    "place": "bold green",
    "time": "bold magenta",
    "quote": "italic yellow",
    "trigger": "bold white on red",
}


def _spans(article: dict[str, Any]) -> list[tuple[int, int, str]]:
    """All highlightable spans of an article as (start, end, style)."""
    spans: list[tuple[int, int, str]] = []
    for q in article.get("quotes") or []:
        spans.append((q["start"], q["end"], STYLES["quote"]))
    for e in article.get("entities") or []:
        spans.append((e["start"], e["end"], STYLES["entity"]))
    for p in article.get("places") or []:
        spans.append((p["start"], p["end"], STYLES["place"]))
    for t in article.get("times") or []:
        spans.append((t["start"], t["end"], STYLES["time"]))
    for ev in article.get("events") or []:
        for rep in ev.get("reports") or []:
            if rep.get("article_id") == article.get("id") and rep.get("trigger_start") is not None:
                spans.append((rep["trigger_start"], rep["trigger_end"], STYLES["trigger"]))
    return spans


def render_article(console: Console, article: dict[str, Any]) -> None:
    """Print the article text with highlights, then tables of its annotations."""
    title = article.get("title") or article.get("id")
    console.rule(f"[bold]{title}")
    meta = [f"id {article.get('id')}"]
    for key in ("published", "source", "url"):
        if article.get(key):
            meta.append(f"{key} {article[key]}")
    console.print(" · ".join(meta), highlight=False)
    text = Text(article.get("text") or "")
    for start, end, style in _spans(article):
        text.stylize(style, start, end)
    console.print(text)
    legend = " ".join(f"[{s}]{k}[/]" for k, s in STYLES.items())
    console.print(f"\nhighlights: {legend}")
    _table(console, "entities", article.get("entities"), ("text", "name", "kind"))
    _table(console, "places", article.get("places"), ("text", "name", "country", "lat", "lon", "precision"))
    _table(console, "times", article.get("times"), ("text", "type", "value", "precision"))
    _table(console, "quotes", article.get("quotes"), ("content", "speaker", "speaker_name", "cue", "kind"))
    _table(console, "quantities", article.get("quantities"), ("text", "value", "unit"))
    _table(
        console,
        "events",
        article.get("events"),
        ("id", "event_type", "sub_event_type", "actor1", "actor2", "location", "event_date", "modality"),
    )
    mentions = article.get("mentions") or []
    if mentions:
        _table(console, "mentions", mentions, ("source", "url", "published", "path", "record", "canonical"))
    related = article.get("related") or []
    if related:
        _table(console, "related links (taken out of the body)", related, ("text", "url"))


def render_event(console: Console, event: dict[str, Any]) -> None:
    """Print one event's fields, evidence and sources."""
    console.rule(f"[bold]{event.get('event_type')} / {event.get('sub_event_type')}")
    keys = (
        "id",
        "plover_event",
        "actor1",
        "actor2",
        "location",
        "lat",
        "lon",
        "geo_precision",
        "country",
        "admin1",
        "event_date",
        "time_precision",
        "modality",
        "fatalities",
        "confidence",
    )
    for key in keys:
        if event.get(key) not in (None, ""):
            console.print(f"[bold]{key}[/]: {event[key]}", highlight=False)
    _table(console, "evidence", event.get("evidence"), ("article_id", "text"))
    _table(console, "sources", event.get("sources"), ("article_id", "url", "source", "published"))


def _table(console: Console, title: str, rows: Any, cols: tuple[str, ...]) -> None:
    """Print rows (dicts) as a table with the given columns, when there are any."""
    if not rows:
        return
    table = Table(title=title, title_justify="left")
    for c in cols:
        table.add_column(c)
    for r in rows:
        table.add_row(*(_cell(r.get(c)) for c in cols))
    console.print(table)


def _cell(value: Any) -> str:
    """A short printable cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    s = str(value)
    return s if len(s) <= 120 else s[:117] + "…"
