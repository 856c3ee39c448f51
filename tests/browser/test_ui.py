"""The web UI in a real chromium: load, filter, map, timeline, article highlights, safety."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api_fixtures import XSS_IMG, XSS_SCRIPT, ServerThread, build_sample_store
from newsevents.api.app import VENDOR_FILES, create_app, vendor_missing
from newsevents.api.settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000  # generous: the machine running CI may be shared and slow


def chromium_path() -> str | None:
    """Debian's chromium (or $NEWSEVENTS_CHROMIUM)."""
    env = os.environ.get("NEWSEVENTS_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless chromium driven by Playwright, or a skip saying what is missing."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install playwright==1.65.2"
    )
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium is not installed: apt-get install -y chromium")
    if vendor_missing(Settings().web_vendor_dir, VENDOR_FILES):
        pytest.skip("the UI libraries are not installed: npm ci --prefix src/newsevents/web")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    """The app over the sample store (with hostile articles), on 127.0.0.1."""
    db = str(tmp_path_factory.mktemp("ui") / "ui.db")
    build_sample_store(db, with_xss=True)
    with ServerThread(create_app(db, Settings(api_token=None, cors_origins=""))) as srv:
        yield srv


class Page:
    """A browser page that records errors, dialogs and failed requests."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.set_default_timeout(TIMEOUT_MS)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on(
            "console",
            lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None,
        )
        page.on("dialog", self._dialog)
        # Nothing may leave the machine: any request to another host fails the test.
        page.route(re.compile(r"^(?!http://127\.0\.0\.1:).*"), self._outside)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _outside(self, route: Any) -> None:
        self.errors.append(f"request outside the server: {route.request.url}")
        route.abort()

    def open(self, path: str) -> Any:
        """Go to a path of the app and wait for the UI to start."""
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready]", state="attached")
        return self.page


@pytest.fixture
def ui(browser: Any, server: ServerThread) -> Iterator[Page]:
    """A fresh page in its own context.

    The page's Content-Security-Policy is bypassed so that (1) Playwright can poll with
    expressions and (2) the hostile-text test proves the DOM code itself is safe, not just the
    policy; ``test_the_ui_runs_under_its_content_security_policy`` checks the policy separately.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    page = Page(context.new_page(), server.url)
    yield page
    context.close()


def table_ids(page: Any) -> list[str]:
    """The event ids in the table, top to bottom."""
    return page.eval_on_selector_all(
        "#events-table tbody tr[data-event-id]", "rows => rows.map(r => r.dataset.eventId)"
    )


def wait_rows(page: Any, n: int) -> None:
    """Wait until the table shows ``n`` events."""
    page.wait_for_function(
        "n => document.querySelectorAll('#events-table tbody tr[data-event-id]').length === n", arg=n
    )


def click_marker_until_popup(page: Any, event_id: str, tries: int = 4) -> Any:
    """Click an event's marker until its popup shows: a click that lands while the page's first
    load is still redrawing the markers hits a marker that is then replaced, and is lost (a user
    clicks again)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    popup = page.locator(".leaflet-popup-content")
    for _ in range(tries - 1):
        page.locator(f'.ev-marker[data-event-id="{event_id}"]').click()
        try:
            popup.wait_for(timeout=4000)
            return popup
        except PlaywrightTimeoutError:
            continue
    page.locator(f'.ev-marker[data-event-id="{event_id}"]').click()
    popup.wait_for()
    return popup


def test_loads_map_basemap_timeline_and_table(ui: Page) -> None:
    page = ui.open("/")
    page.wait_for_selector('body[data-events-loaded="6"]', state="attached")
    wait_rows(page, 6)
    assert "3 articles" in page.text_content("#store-stats")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
    markers = page.locator(".ev-marker, .marker-cluster").count()
    assert markers >= 2
    assert page.locator("#timeline g.bar").count() >= 5
    assert page.text_content("#event-count") == "1–6 of 6 events"
    assert ui.errors == []


def test_filter_updates_table_and_url(ui: Page) -> None:
    page = ui.open("/")
    wait_rows(page, 6)
    page.select_option("select[name=event_type]", "Battles")
    wait_rows(page, 2)
    assert set(table_ids(page)) == {"e1", "e2"}
    assert "event_type=Battles" in page.url
    page.fill("input[name=actor]", "fighters")
    page.wait_for_function("location.search.includes('actor=fighters')")
    wait_rows(page, 1)
    assert table_ids(page) == ["e1"]
    assert ui.errors == []


def test_filters_in_a_shared_url_are_applied(ui: Page) -> None:
    page = ui.open("/?country=Ukraine&sort=-confidence")
    wait_rows(page, 1)
    assert table_ids(page) == ["e4"]
    assert page.input_value("select[name=country]") == "Ukraine"
    assert page.get_attribute("th[aria-sort]", "aria-sort") == "descending"


def test_sorting_by_a_column_header(ui: Page) -> None:
    page = ui.open("/")
    wait_rows(page, 6)
    page.click("button.sort[data-sort=confidence]")
    page.wait_for_function("location.search.includes('sort=-confidence')")
    page.wait_for_function("document.querySelector('#events-table tbody tr').dataset.eventId === 'e1'")
    page.click("button.sort[data-sort=confidence]")
    page.wait_for_function("document.querySelector('#events-table tbody tr').dataset.eventId === 'e3'")


def test_clicking_a_marker_shows_popup_and_evidence(ui: Page) -> None:
    page = ui.open("/?country=Afghanistan")
    wait_rows(page, 5)
    popup = click_marker_until_popup(page, "e1")
    assert "Non-state actor overtakes territory" in popup.text_content()
    page.wait_for_function("document.querySelector('#detail h2') !== null")
    detail = page.text_content("#detail")
    assert "Taliban fighters captured the city of Ghazni" in detail
    assert "#/event/e1" in page.url
    assert page.locator('#events-table tr.selected[data-event-id="e1"]').count() == 1
    assert ui.errors == []


def test_table_row_opens_the_event_on_the_map(ui: Page) -> None:
    page = ui.open("/")
    wait_rows(page, 6)
    page.click('#events-table tr[data-event-id="e2"]')
    page.wait_for_function("document.querySelector('#detail')?.textContent.includes('Kandahar')")
    page.locator(".leaflet-popup-content").wait_for()
    assert "Armed clash" in page.text_content(".leaflet-popup-content")
    assert "12" in page.text_content("#detail")


def test_hovering_a_timeline_bar_marks_its_events_on_the_map(ui: Page) -> None:
    page = ui.open("/?country=Afghanistan")
    wait_rows(page, 5)
    page.locator('.ev-marker[data-event-id="e2"]').wait_for()
    page.hover('#timeline g.bar[data-key="2021-08-11"]')
    page.wait_for_selector(".ev-marker.ev-hot")
    hot = page.eval_on_selector_all(".ev-marker.ev-hot", "els => els.map(e => e.dataset.eventId)")
    assert hot == ["e2"]
    page.mouse.move(5, 5)
    page.wait_for_function("document.querySelectorAll('.ev-marker.ev-hot').length === 0")


def test_timeline_bar_narrows_the_dates(ui: Page) -> None:
    page = ui.open("/")
    wait_rows(page, 6)
    page.click('#timeline g.bar[data-key="2021-08-11"]')
    page.wait_for_function("location.search.includes('start=2021-08-11')")
    assert "end=2021-08-11" in page.url
    wait_rows(page, 1)
    assert table_ids(page) == ["e2"]
    assert page.input_value("input[name=start]") == "2021-08-11"


def test_download_links_carry_the_active_filters(ui: Page) -> None:
    page = ui.open("/")
    wait_rows(page, 6)
    page.select_option("select[name=event_type]", "Battles")
    wait_rows(page, 2)
    csv = page.locator('#downloads a[data-format="csv"]')
    page.wait_for_function(
        "document.querySelector('#downloads a[data-format=csv]').href.includes('event_type=Battles')"
    )
    for fmt in ("csv", "jsonl", "geojson", "parquet"):
        href = page.get_attribute(f'#downloads a[data-format="{fmt}"]', "href") or ""
        assert href.startswith("/api/exports/events?") and "event_type=Battles" in href
        assert f"format={fmt}" in href
    assert "2 events matching the filters" in page.text_content("#downloads-note")
    assert page.request.get(ui.base + (csv.get_attribute("href") or "")).ok
    page.click("#reset-filters")
    page.wait_for_function(
        "!document.querySelector('#downloads a[data-format=csv]').href.includes('event_type')"
    )
    assert ui.errors == []


def test_event_panel_closes_when_the_filters_exclude_its_event(ui: Page) -> None:
    page = ui.open("/#/event/e4")
    page.wait_for_function("document.querySelector('#detail')?.textContent.includes('Kyiv')")
    page.select_option("select[name=event_type]", "Battles")
    wait_rows(page, 2)
    page.wait_for_selector("#detail-empty")
    assert "e4 does not match the filters" in page.text_content("#detail")
    assert "#/event/" not in page.url
    assert ui.errors == []


def test_reset_closes_the_event_panel(ui: Page) -> None:
    page = ui.open("/?event_type=Battles#/event/e1")
    page.wait_for_selector("#detail h2")
    page.click("#reset-filters")
    wait_rows(page, 6)
    page.wait_for_selector("#detail-empty")
    assert page.locator("#detail h2").count() == 0
    assert "#/event/" not in page.url


def test_event_sources_show_outlet_title_date_and_links(ui: Page) -> None:
    page = ui.open("/#/event/e1")
    source = page.locator('#detail ul.sources li[data-article-id="a1"]')
    source.wait_for()
    assert source.locator(".source-outlet").text_content() == "AFP"
    assert source.locator(".source-title").text_content() == "Taliban seize Ghazni"
    assert "2021-08-13" in source.locator(".source-date").text_content()
    assert source.locator('a[href="https://news.example.org/ghazni"]').count() == 1
    source.locator("a.source-view").click()
    page.wait_for_url("**#/article/a1")  # the hash changes after the click's handler runs
    page.wait_for_selector("#article-text")
    assert "#/article/a1" in page.url


def test_the_map_names_countries_and_major_places(ui: Page) -> None:
    page = ui.open("/")
    wait_rows(page, 6)
    page.wait_for_function(
        "[...document.querySelectorAll('.map-label.country')].some(e => e.textContent === 'Afghanistan')"
    )
    page.wait_for_function(
        "[...document.querySelectorAll('.map-label.place')].some(e => e.textContent === 'Tehran')"
    )
    assert ui.errors == []


def test_clusters_take_the_colour_of_their_commonest_type(ui: Page) -> None:
    page = ui.open("/?country=Afghanistan")
    wait_rows(page, 5)
    page.locator('.ev-marker[data-event-id="e1"]').wait_for()
    for _ in range(10):
        if page.locator(".ev-cluster").count():
            break
        before = page.get_attribute("#map", "data-zoom") or ""
        page.click(".leaflet-control-zoom-out")
        # a loaded machine animates slowly: wait for the zoom to land before looking again
        page.wait_for_function(
            "z => document.querySelector('#map').dataset.zoom !== z", arg=before, timeout=TIMEOUT_MS
        )
        page.wait_for_timeout(300)
    # the cluster layer redraws its icons as the zoom settles: read type and colour in one step,
    # from an icon still in the page (a detached one has no computed style)
    dominant = page.wait_for_function(
        """() => {
            const e = document.querySelector('.ev-cluster div[data-dominant-type]');
            const colour = e && e.isConnected ? getComputedStyle(e).backgroundColor : '';
            return colour ? [e.dataset.dominantType, colour] : null;
        }""",
        timeout=TIMEOUT_MS,
    ).json_value()
    assert dominant == ["Battles", "rgb(215, 48, 31)"]
    legend = page.eval_on_selector_all(
        "#map-legend [data-event-type]", "els => els.map(e => e.dataset.eventType)"
    )
    assert "Battles" in legend and "Strategic developments" in legend
    assert "commonest type" in page.text_content("#map-legend")


def test_fitting_to_one_event_stays_at_a_sane_zoom(ui: Page) -> None:
    page = ui.open("/?text=checkpoint")
    wait_rows(page, 1)
    page.wait_for_function(
        "(() => { const c = (document.querySelector('#map').dataset.center || '').split(',').map(Number);"
        " return Math.abs(c[0] - 34.35) < 0.2 && Math.abs(c[1] - 62.2) < 0.2; })()"
    )
    zoom = float(page.get_attribute("#map", "data-zoom") or "99")
    assert 4 <= zoom <= 8


def test_control_map_date_slider_and_empty_state(ui: Page) -> None:
    page = ui.open("/?as_of=2020-06-01#/control")
    page.wait_for_selector("body[data-control-loaded]", state="attached")
    page.wait_for_selector("#control-empty:not([hidden])")
    assert page.text_content("#control-empty") == (
        "No control records on or before 2020-06-01; records cover 2021-01-01–2021-08-12."
    )
    assert page.locator("path[data-place-key]").count() == 0
    page.focus("#control-slider")
    page.keyboard.press("End")
    page.wait_for_function("location.search.includes('as_of=2021-08-12')")
    page.locator('path[data-place-key="1141269"]').wait_for()
    page.wait_for_selector("#control-empty", state="hidden")
    assert page.input_value("#control-as-of") == "2021-08-12"
    page.keyboard.press("Home")
    page.wait_for_function("location.search.includes('as_of=2021-01-01')")
    page.wait_for_function("document.querySelectorAll('path[data-place-key]').length === 1")
    assert ui.errors == []


def test_article_view_highlights_annotations(ui: Page) -> None:
    page = ui.open("/#/event/e1")
    page.wait_for_function("document.querySelector('#detail h2') !== null")
    page.click("#detail a:has-text('Read in the article')")
    page.wait_for_selector("#article-text")
    assert "#/article/a1" in page.url
    triggers = page.eval_on_selector_all(".hl-trigger", "els => els.map(e => e.textContent)")
    assert {"captured", "Clashes", "offered"} <= set(triggers)
    assert "Nasir Ahmad Faqiri" in page.eval_on_selector_all(
        ".hl-entity.k-person", "els => els.map(e => e.textContent)"
    )
    assert "Thursday" in page.eval_on_selector_all(".hl-time", "els => els.map(e => e.textContent)")
    assert page.locator(".hl-quote").count() >= 1
    assert page.locator(".hl-evidence").count() >= 3
    # The text on screen is the article's text, unchanged.
    text = page.text_content("#article-text")
    assert text.startswith("Taliban seize Ghazni, 150 km from Kabul")
    page.click(".ann-section button:has-text('Nasir Ahmad Faqiri')")
    assert page.locator(".hl-focus").count() >= 1
    page.click(".hl-trigger:has-text('Clashes')")
    assert "event: Battles" in page.text_content("#pick-info")
    page.uncheck("input[data-layer=entity]")
    assert "hide-entity" in (page.get_attribute("#article-text", "class") or "")
    assert ui.errors == []


def test_an_entity_links_to_its_events(ui: Page) -> None:
    page = ui.open("/#/article/a1")
    page.wait_for_selector("#article-text")
    page.click(".ann-section li:has-text('Taliban') a.filter-link")
    wait_rows(page, 3)
    assert set(table_ids(page)) == {"e1", "e2", "e3"}
    assert page.input_value("input[name=actor]") == "Taliban"


def test_article_search_marks_the_matched_words(ui: Page) -> None:
    page = ui.open("/#/articles")
    page.fill("#article-search input[name=q]", "Kandahar")
    page.press("#article-search input[name=q]", "Enter")
    page.wait_for_function("document.querySelectorAll('#article-list li[data-article-id]').length === 1")
    assert page.text_content("#article-list mark") == "Kandahar"
    assert "q=Kandahar" in page.url
    page.click("#article-list a.hit-title")
    page.wait_for_selector("#article-text")
    assert page.text_content("#article-title") == "Taliban seize Ghazni"


def test_control_map_shows_a_place_history(ui: Page) -> None:
    page = ui.open("/#/control")
    page.wait_for_selector("body[data-control-loaded]", state="attached")
    place = page.locator('path[data-place-key="1141269"]')
    place.wait_for()
    place.click()
    page.wait_for_function("document.querySelector('#control-title')?.textContent === 'Ghazni'")
    history = page.text_content("#control-detail")
    assert "Government" in history and "Taliban" in history
    assert history.index("Government") < history.index("Taliban")
    assert ui.errors == []


@pytest.fixture(scope="module")
def outlier_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    """The sample store plus one event dated 1884, as a misread historical date would give,
    reported by an article whose outlet, title, date and address only its copy recorded."""
    db = str(tmp_path_factory.mktemp("ui-outlier") / "outlier.db")
    build_sample_store(db)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO events(id, event_type, sub_event_type, modality, confidence, country, "
            "location, lat, lon, event_date, trigger) VALUES ('old', 'Battles', 'Armed clash', "
            "'asserted', 0.5, 'Sudan', 'Khartoum', 15.55, 32.53, '1884-05-01', 'besieged')"
        )
        conn.execute(
            "INSERT INTO articles(id, text, paragraphs, related, annotated) "
            "VALUES ('b1', 'Rebels besieged Khartoum.', '[[0, 25]]', '[]', 1)"
        )
        conn.execute(
            "INSERT INTO mentions(article_id, canonical, source, url, published, title, path, "
            "record, raw_hash) VALUES ('b1', 1, 'The Times', 'https://news.example.org/khartoum', "
            "'1884-05-02', 'Siege of Khartoum', 'old.jsonl', 'line 1', 'b1-0')"
        )
        conn.execute(
            "INSERT INTO event_reports(event_id, article_id, trigger, trigger_start, trigger_end, "
            "payload) VALUES ('old', 'b1', 'besieged', 7, 15, '{}')"
        )
    with ServerThread(create_app(db, Settings(api_token=None, cors_origins=""))) as srv:
        yield srv


@pytest.fixture
def outlier_ui(browser: Any, outlier_server: ServerThread) -> Iterator[Page]:
    """A fresh page on the store with the 1884 outlier."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    page = Page(context.new_page(), outlier_server.url)
    yield page
    context.close()


def timeline_view(page: Any) -> tuple[str, str, str]:
    """The timeline's bucket unit and the first and last day it shows."""
    svg = page.locator("#timeline svg")
    return svg.get_attribute("data-unit"), svg.get_attribute("data-from"), svg.get_attribute("data-to")


def test_timeline_opens_on_the_busy_period_and_zooms_out_to_an_outlier(outlier_ui: Page) -> None:
    page = outlier_ui.open("/")
    wait_rows(page, 6)
    page.locator('#timeline g.bar[data-key="2021-08-11"]').wait_for()
    unit, first, last = timeline_view(page)
    assert unit == "day" and first.startswith("2021-") and last.startswith("2021-")
    assert page.locator('#timeline g.bar[data-key^="1884"]').count() == 0
    assert "1 earlier event outside this view" in page.text_content("#timeline .tl-info")
    page.click("#timeline .tl-all")
    page.locator('#timeline g.bar[data-key="1884"]').wait_for()
    assert timeline_view(page)[0] == "year"
    page.click("#timeline .tl-dense")
    page.locator('#timeline g.bar[data-key="2021-08-11"]').wait_for()
    before = timeline_view(page)
    page.click("#timeline .tl-out")
    after = timeline_view(page)
    assert after[1] < before[1] and after[2] > before[2]
    page.click("#timeline .tl-in")
    assert timeline_view(page)[1] > after[1]
    assert outlier_ui.errors == []


def test_dragging_across_the_timeline_sets_the_dates(outlier_ui: Page) -> None:
    page = outlier_ui.open("/")
    wait_rows(page, 6)
    start = page.locator('#timeline g.bar[data-key="2021-08-06"] rect.hit').bounding_box()
    end = page.locator('#timeline g.bar[data-key="2021-08-11"] rect.hit').bounding_box()
    y = start["y"] + start["height"] / 2
    page.mouse.move(start["x"] + start["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, y, steps=8)
    page.mouse.up()
    page.wait_for_function("location.search.includes('start=2021-08-06')")
    assert "end=2021-08-11" in page.url
    wait_rows(page, 2)
    assert set(table_ids(page)) == {"e2", "e5"}
    assert page.input_value("input[name=end]") == "2021-08-11"
    # The other days stay on the timeline, faded, with the chosen range marked.
    assert page.locator('#timeline g.bar.out[data-key="2021-08-12"]').count() == 1
    assert page.locator("#timeline rect.selection").count() == 1
    page.click("#timeline .tl-clear")
    wait_rows(page, 6)
    assert "start=" not in page.url
    assert outlier_ui.errors == []


def test_sources_missing_from_the_article_row_come_from_its_copy(outlier_ui: Page) -> None:
    page = outlier_ui.open("/#/event/old")
    source = page.locator('#detail ul.sources li[data-article-id="b1"]')
    source.wait_for()
    assert source.locator(".source-outlet").text_content() == "The Times"
    assert source.locator(".source-title").text_content() == "Siege of Khartoum"
    assert "1884-05-02" in source.locator(".source-date").text_content()
    assert source.locator('a[href="https://news.example.org/khartoum"]').count() == 1
    assert source.locator('a.source-view[href="#/article/b1"]').count() == 1
    assert outlier_ui.errors == []


def assert_nothing_ran(ui: Page) -> None:
    """No payload executed, no element was made from text, no dialog opened."""
    page = ui.page
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    assert page.evaluate("window.__xss") is None
    assert ui.dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert page.locator('a[href^="javascript"]').count() == 0


def test_untrusted_text_is_shown_never_run(ui: Page) -> None:
    """Articles carrying <script> and onerror= payloads render as text in every view."""
    page = ui.open("/?text=checkpoint#/event/x-ev")
    wait_rows(page, 1)
    page.wait_for_function("document.querySelector('#detail h2') !== null")
    page.locator(".leaflet-popup-content").wait_for()
    assert XSS_SCRIPT in page.text_content("#detail")
    assert XSS_IMG in page.text_content("#events-table tbody")
    assert_nothing_ran(ui)

    page.click("#detail a:has-text('Read in the article')")
    page.wait_for_selector("#article-text")
    text = page.text_content("#article-text")
    assert text.count(XSS_SCRIPT) == 2 and text.count(XSS_IMG) == 2
    assert XSS_IMG in page.text_content("#article-title")
    page.click(".hl-entity")
    assert_nothing_ran(ui)

    page.goto(ui.base + "/?q=script#/articles")
    page.wait_for_selector("#article-list li[data-article-id]")
    assert XSS_IMG in page.text_content("#article-list")
    assert_nothing_ran(ui)

    page.goto(ui.base + "/#/control")
    place = page.locator('path[data-place-key="herat"]')
    place.wait_for()
    place.hover()
    place.click()
    page.wait_for_function("document.querySelector('#control-title') !== null")
    assert XSS_IMG in page.text_content("#control-title")
    assert_nothing_ran(ui)
    assert ui.errors == []


def test_the_ui_runs_under_its_content_security_policy(browser: Any, server: ServerThread) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    ui = Page(context.new_page(), server.url)
    page = ui.open("/?country=Afghanistan#/event/e1")
    page.wait_for_selector('body[data-events-loaded="5"]', state="attached")
    page.wait_for_selector("#detail h2")
    page.wait_for_selector(".leaflet-popup-content")
    page.goto(server.url + "/#/article/a1")
    page.wait_for_selector(".hl-trigger")
    page.goto(server.url + "/#/control")
    page.wait_for_selector('path[data-place-key="1141269"]')
    context.close()
    assert ui.errors == []


def test_missing_vendor_page_names_the_command(browser: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    build_sample_store(db)
    app = create_app(db, Settings(web_vendor_dir=tmp_path / "nothing"))
    with ServerThread(app) as srv:
        context = browser.new_context()
        page = context.new_page()
        page.goto(srv.url + "/")
        assert "npm ci --prefix src/newsevents/web" in page.text_content("body")
        context.close()
