"""Take the README screenshots of the web UI with headless chromium.

By default it ingests the bundled example article (published 2021-08-13, as the README's first
command does, so its control change is recorded) into a temporary store and adds generated
events (the benchmark's generator) so the map and timeline have something to show; pass --db
to photograph an existing store instead. It takes the events view, an article view and the
control map.

Example: python scripts/screenshot.py --out docs/screenshot.png --synthetic 3000
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import shutil
import socket
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import uvicorn

from newsevents.api.app import create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
log = logging.getLogger("screenshot")
EXAMPLE_PUBLISHED = date(2021, 8, 13)  # the bundled AFP story's day (README, first command)


def _bench_module() -> Any:
    """The benchmark script as a module (for its event generator)."""
    spec = importlib.util.spec_from_file_location("bench_api", ROOT / "benchmarks" / "bench_api.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("benchmarks/bench_api.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_store(path: str, synthetic: int) -> None:
    """Ingest the bundled examples, then add ``synthetic`` generated events."""
    if synthetic:
        _bench_module().generate_store(path, synthetic, seed=3)
    from newsevents.pipeline import ingest_paths

    examples = [str(p) for p in sorted((ROOT / "examples").glob("*.txt"))]
    summary = ingest_paths(examples, path, published=EXAMPLE_PUBLISHED)
    log.info("examples ingested: %s", summary.line())


def serve(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Start uvicorn on 127.0.0.1 and a free port in a thread."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def shoot(
    base: str, out: Path, article_out: Path | None, control_out: Path | None, chromium: str, query: str
) -> None:
    """Photograph the events view (and an article view and the control map)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(f"{base}/{query}")
        page.wait_for_selector("body[data-events-loaded]", state="attached", timeout=60_000)
        page.wait_for_timeout(1000)  # let the basemap and clusters settle
        page.locator(".ev-marker").first.click()  # a marker out of any cluster: no zooming
        page.wait_for_selector("#detail h2")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out))
        log.info("wrote %s", out)
        if article_out is not None:
            page.goto(f"{base}/#/articles")
            page.fill("#article-search input[name=q]", "Ghazni")
            page.press("#article-search input[name=q]", "Enter")
            page.wait_for_selector("#article-list a.hit-title")
            page.click("#article-list a.hit-title")
            page.wait_for_selector("#article-text")
            page.wait_for_timeout(300)
            page.screenshot(path=str(article_out))
            log.info("wrote %s", article_out)
        if control_out is not None:
            page.goto(f"{base}/#/control")
            page.wait_for_selector("body[data-control-loaded]", state="attached", timeout=60_000)
            page.wait_for_timeout(1000)  # let the basemap settle
            page.screenshot(path=str(control_out))
            log.info("wrote %s", control_out)
        browser.close()


def main() -> int:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="An existing store to photograph.")
    parser.add_argument("--synthetic", type=int, default=3000, help="Generated events to add.")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--article-out", default=str(ROOT / "docs" / "screenshot-article.png"))
    parser.add_argument("--control-out", default=str(ROOT / "docs" / "screenshot-control.png"))
    parser.add_argument(
        "--query",
        default="?start=2021-01-01&end=2021-12-31",
        help="Filters for the events view, as a URL query string.",
    )
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="newsevents-shot-") as folder:
        db = args.db
        if not db:
            db = str(Path(folder) / "demo.db")
            demo_store(db, args.synthetic)
        server, thread, base = serve(create_app(db))
        try:
            shoot(
                base,
                Path(args.out),
                Path(args.article_out) if args.article_out else None,
                Path(args.control_out) if args.control_out else None,
                args.chromium,
                args.query,
            )
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
