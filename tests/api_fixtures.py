"""Hand-built stores for the read-side, API and browser tests, filled by plain SQL inserts."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from newsevents.store.schema import connect

GHAZNI_TEXT = (
    "Taliban seize Ghazni, 150 km from Kabul\n\n"
    "Taliban fighters captured the city of Ghazni on Thursday, an official said. "
    '"The city has fallen," said Nasir Ahmad Faqiri, a provincial council member.\n\n'
    "Clashes between government forces and the Taliban killed 12 people in Kandahar on Wednesday. "
    "The government offered the Taliban a power-sharing deal through Qatar."
)

KYIV_TEXT = (
    "Protesters gather in Kyiv\n\n"
    "Thousands of protesters marched in Kyiv on Sunday against a new law, police said."
)

# Untrusted text as an attacker would scrape it: every field a page may render carries a payload.
XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = '<img src=x onerror="window.__xss = 2">'
XSS_TEXT = (
    f"Attack report {XSS_SCRIPT}\n\n"
    f"Gunmen attacked a checkpoint in Herat {XSS_IMG} on Monday, officials said. "
    f'A spokesman said "{XSS_SCRIPT} we will respond".\n\n'
    f"Witnesses posted {XSS_IMG} pictures online."
)


@dataclass
class Store:
    """A filled store and the ids of what was put in it."""

    path: str
    article_ids: dict[str, str] = field(default_factory=dict)
    event_ids: dict[str, str] = field(default_factory=dict)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def add_article(
    conn: sqlite3.Connection,
    article_id: str,
    text: str,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    copies: int = 1,
) -> None:
    """Insert an article with its canonical mention and ``copies - 1`` duplicate mentions."""
    conn.execute(
        "INSERT INTO articles(id, text, title, url, published, source, paragraphs, related, "
        "annotated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
        (
            article_id,
            text,
            title,
            url,
            published,
            source,
            json.dumps([[0, len(text)]]),
            json.dumps([{"text": "Read | more news", "url": "https://example.org/more"}]),
        ),
    )
    for i in range(copies):
        conn.execute(
            "INSERT INTO mentions(article_id, canonical, source, url, published, title, path, "
            "record, raw_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                1 if i == 0 else 0,
                source,
                url if i == 0 else f"{url}?copy={i}",
                published,
                title,
                "input.jsonl",
                f"line {i + 1}",
                f"{article_id}-{i}",
            ),
        )


def add_entity(
    conn: sqlite3.Connection, article_id: str, text: str, surface: str, name: str, kind: str
) -> None:
    """Insert an entity found at the first occurrence of ``surface``."""
    s, e = span(text, surface)
    conn.execute(
        'INSERT INTO entities(article_id, start, "end", text, name, kind, label, confidence) '
        "VALUES (?, ?, ?, ?, ?, ?, 'TEST', 0.9)",
        (article_id, s, e, surface, name, kind),
    )


def add_time(conn: sqlite3.Connection, article_id: str, text: str, surface: str, day: str) -> None:
    """Insert a DATE expression pointing at ``day``."""
    s, e = span(text, surface)
    conn.execute(
        'INSERT INTO times(article_id, start, "end", text, type, value, precision, date) '
        "VALUES (?, ?, ?, ?, 'DATE', ?, 'day', ?)",
        (article_id, s, e, surface, day, day),
    )


def add_quote(conn: sqlite3.Connection, article_id: str, text: str, content: str, speaker: str) -> None:
    """Insert a direct quote and its speaker."""
    s, e = span(text, content)
    ss, se = span(text, speaker)
    conn.execute(
        'INSERT INTO quotes(article_id, start, "end", content, kind, speaker, speaker_start, '
        "speaker_end, speaker_name, speaker_kind, cue) "
        "VALUES (?, ?, ?, ?, 'direct', ?, ?, ?, ?, 'named', 'said')",
        (article_id, s, e, content, speaker, ss, se, speaker),
    )


def add_place(
    conn: sqlite3.Connection,
    article_id: str,
    text: str,
    surface: str,
    lat: float,
    lon: float,
    country: str,
) -> None:
    """Insert a resolved toponym."""
    s, e = span(text, surface)
    conn.execute(
        'INSERT INTO places(article_id, start, "end", text, name, lat, lon, country, precision, '
        "confidence, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'place', 0.9, 'gazetteer')",
        (article_id, s, e, surface, surface, lat, lon, country),
    )


def add_event(
    conn: sqlite3.Connection,
    event_id: str,
    article_id: str,
    text: str,
    trigger: str,
    evidence: str,
    **fields: Any,
) -> None:
    """Insert an event reported by one article, with its trigger span and evidence sentence."""
    row: dict[str, Any] = {
        "id": event_id,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "modality": "asserted",
        "confidence": 0.8,
        "trigger": trigger,
    }
    row.update(fields)
    if "assoc_actors" in row:
        row["assoc_actors"] = json.dumps(row["assoc_actors"])
    cols = ", ".join(row)
    conn.execute(f"INSERT INTO events({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    ts, te = span(text, trigger)
    conn.execute(
        "INSERT INTO event_reports(event_id, article_id, trigger, trigger_start, trigger_end, "
        "payload) VALUES (?, ?, ?, ?, ?, '{}')",
        (event_id, article_id, trigger, ts, te),
    )
    es, ee = span(text, evidence)
    conn.execute(
        'INSERT INTO evidence(event_id, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        (event_id, article_id, es, ee, evidence),
    )


def add_control(
    conn: sqlite3.Connection,
    place_key: str,
    place: str,
    lat: float,
    lon: float,
    controller: str,
    status: str,
    since: str,
    until: str | None = None,
    event_ids: list[str] | None = None,
) -> None:
    """Insert one control state of a place."""
    conn.execute(
        "INSERT INTO control(place_key, place, lat, lon, country, controller, status, since, "
        "until, event_ids, evidence, n_sources, confidence) "
        "VALUES (?, ?, ?, ?, 'Afghanistan', ?, ?, ?, ?, ?, ?, 1, 0.8)",
        (
            place_key,
            place,
            lat,
            lon,
            controller,
            status,
            since,
            until,
            json.dumps(event_ids or []),
            json.dumps([{"article_id": "a1", "start": 0, "end": 10, "text": f"{place} evidence"}]),
        ),
    )


def build_sample_store(path: str, with_xss: bool = False) -> Store:
    """A small consistent store: three articles, five events, control history, two rejects."""
    conn = connect(path)
    store = Store(path=path)
    with conn:
        t = GHAZNI_TEXT
        add_article(
            conn,
            "a1",
            t,
            title="Taliban seize Ghazni",
            url="https://news.example.org/ghazni",
            published="2021-08-13",
            source="AFP",
            copies=2,
        )
        add_entity(conn, "a1", t, "Taliban", "Taliban", "armed_group")
        add_entity(conn, "a1", t, "Nasir Ahmad Faqiri", "Nasir Ahmad Faqiri", "person")
        add_place(conn, "a1", t, "Ghazni", 33.55, 68.42, "Afghanistan")
        add_place(conn, "a1", t, "Kandahar", 31.61, 65.71, "Afghanistan")
        add_time(conn, "a1", t, "Thursday", "2021-08-12")
        add_time(conn, "a1", t, "Wednesday", "2021-08-11")
        add_quote(conn, "a1", t, "The city has fallen,", "Nasir Ahmad Faqiri")
        conn.execute(
            'INSERT INTO quantities(article_id, start, "end", text, value, unit, approximate) '
            "VALUES ('a1', ?, ?, '150 km', 150, 'km', 0)",
            span(t, "150 km"),
        )
        add_event(
            conn,
            "e1",
            "a1",
            t,
            "captured",
            "Taliban fighters captured the city of Ghazni on Thursday, an official said.",
            sub_event_type="Non-state actor overtakes territory",
            actor1="Taliban",
            actor1_text="Taliban fighters",
            actor2="Military Forces of Afghanistan (2004-2021)",
            location="Ghazni",
            lat=33.55,
            lon=68.42,
            geo_precision="place",
            country="Afghanistan",
            country_code="AF",
            admin1="Ghazni",
            geonameid=1141269,
            feature="PPL",
            event_date="2021-08-12",
            time_precision="day",
            confidence=0.9,
        )
        add_event(
            conn,
            "e2",
            "a1",
            t,
            "Clashes",
            "Clashes between government forces and the Taliban killed 12 people in Kandahar on Wednesday.",
            actor1="Military Forces of Afghanistan (2004-2021)",
            actor2="Taliban",
            location="Kandahar",
            lat=31.61,
            lon=65.71,
            country="Afghanistan",
            country_code="AF",
            admin1="Kandahar",
            event_date="2021-08-11",
            fatalities=12,
            confidence=0.85,
        )
        add_event(
            conn,
            "e3",
            "a1",
            t,
            "offered",
            "The government offered the Taliban a power-sharing deal through Qatar.",
            event_type="Strategic developments",
            sub_event_type="Negotiation/proposal",
            actor1="Government of Afghanistan (2004-2021)",
            actor2="Taliban",
            location="Kabul",
            lat=34.53,
            lon=69.17,
            country="Afghanistan",
            country_code="AF",
            event_date="2021-08-12",
            modality="claimed",
            confidence=0.55,
            assoc_actors=[{"name": "Qatar", "text": "Qatar"}],
        )
        k = KYIV_TEXT
        add_article(
            conn,
            "a2",
            k,
            title="Protesters gather in Kyiv",
            url="https://news.example.org/kyiv",
            published="2021-07-05",
            source="Reuters",
        )
        add_entity(conn, "a2", k, "Kyiv", "Kyiv", "place")
        add_event(
            conn,
            "e4",
            "a2",
            k,
            "marched",
            "Thousands of protesters marched in Kyiv on Sunday against a new law, police said.",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1="Protesters (Ukraine)",
            location="Kyiv",
            lat=50.45,
            lon=30.52,
            country="Ukraine",
            country_code="UA",
            event_date="2021-07-04",
            confidence=0.7,
        )
        conn.execute(
            "INSERT INTO events(id, event_type, sub_event_type, modality, confidence, aggregate, "
            "country, event_date, trigger) VALUES ('e5', 'Strategic developments', "
            "'Non-violent transfer of territory', 'asserted', 0.6, 1, 'Afghanistan', "
            "'2021-08-06', 'overran')"
        )
        add_control(
            conn, "1141269", "Ghazni", 33.55, 68.42, "Government", "held", "2021-01-01", until="2021-08-12"
        )
        add_control(
            conn, "1141269", "Ghazni", 33.55, 68.42, "Taliban", "taken", "2021-08-12", event_ids=["e1"]
        )
        add_control(
            conn, "1138336", "Kandahar", 31.61, 65.71, "Taliban", "contested", "2021-08-11", event_ids=["e2"]
        )
        conn.execute(
            "INSERT INTO rejects(path, record, stage, reason, sample) VALUES "
            "('bad.jsonl', 'line 3', 'read', 'invalid JSON', '{oops'), "
            "('bad.jsonl', 'line 9', 'clean', 'empty text', '')"
        )
        if with_xss:
            x = XSS_TEXT
            add_article(
                conn,
                "x1",
                x,
                title=f"Herat {XSS_IMG} {XSS_SCRIPT}",
                url="javascript:window.__xss=3",
                published="2021-08-09",
                source=XSS_IMG,
            )
            add_entity(conn, "x1", x, XSS_IMG, XSS_IMG, "person")
            add_entity(conn, "x1", x, "Herat", "Herat", "place")
            add_quote(conn, "x1", x, f"{XSS_SCRIPT} we will respond", "A spokesman")
            add_event(
                conn,
                "x-ev",
                "x1",
                x,
                "attacked",
                f"Gunmen attacked a checkpoint in Herat {XSS_IMG} on Monday, officials said.",
                event_type="Violence against civilians",
                sub_event_type="Attack",
                actor1=f"Gunmen {XSS_IMG}",
                location=f"Herat {XSS_SCRIPT}",
                lat=34.35,
                lon=62.2,
                country="Afghanistan",
                country_code="AF",
                event_date="2021-08-09",
                confidence=0.75,
            )
            add_control(
                conn,
                "herat",
                f"Herat {XSS_IMG}",
                34.35,
                62.2,
                f"Gunmen {XSS_SCRIPT}",
                "contested",
                "2021-08-09",
            )
            store.article_ids["xss"] = "x1"
            store.event_ids["xss"] = "x-ev"
    conn.close()
    store.article_ids.update({"ghazni": "a1", "kyiv": "a2"})
    store.event_ids.update({"ghazni": "e1", "kandahar": "e2", "proposal": "e3", "kyiv": "e4"})
    return store


class ServerThread:
    """Serve an ASGI app with uvicorn on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, app: Any) -> None:
        import socket
        import threading

        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        import time

        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start within 15 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
