"""The web UI in a real browser: headless Chromium (Debian's `chromium`, driven by Playwright)
against `pantau serve` on loopback, over the seed store.

Skipped when no Chromium is installed, unless PANTAU_REQUIRE_BROWSER=1 (set by .ci/run, which
installs it): there, a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import XSS_MARK

CHROMIUM = os.environ.get("PANTAU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    if os.environ.get("PANTAU_REQUIRE_BROWSER"):
        raise RuntimeError(f"PANTAU_REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
    pytest.skip("no Chromium installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server(seed_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "pantau.cli", "serve", "--db", str(seed_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/api/stats", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode())
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that records script errors and every request that leaves the server (there must be none)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.errors, pg.foreign = [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("request", lambda req: None if req.url.startswith((server, "data:")) else pg.foreign.append(req.url))
    pg.base = server
    yield pg
    assert pg.errors == [], pg.errors
    assert pg.foreign == [], f"requests beyond the server: {pg.foreign}"
    ctx.close()


def visit(page, path):
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path, heading", [
    ("/", "Articles"), ("/events", "Events"), ("/timeline", "Timeline"), ("/network", "Actor network"),
    ("/map", "Where events happen"), ("/entities", "Entities"), ("/entities/Q159", "Russia"), ("/api/docs", "REST API"),
])
def test_every_page_loads(page, path, heading):
    visit(page, path)
    expect(page.locator("h1").first).to_contain_text(heading)


def test_event_filter(page):
    visit(page, "/events")
    total_before = page.locator(".pager span").first.inner_text()
    page.select_option("select[name=type]", "ASSAULT")
    page.click(".filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "type=ASSAULT" in page.url
    badges = page.locator("table.events tbody .badge").all_inner_texts()
    assert badges and set(badges) == {"ASSAULT"}
    assert page.locator(".pager span").first.inner_text() != total_before
    csv_link = page.locator(".downloads a", has_text="CSV").get_attribute("href")
    assert "format=csv" in csv_link and "type=ASSAULT" in csv_link


def test_open_an_article_and_see_highlights(page):
    visit(page, "/?q=Astana")
    page.locator("ol.articles a.title").first.click()
    page.wait_for_load_state("networkidle")
    assert "/articles/" in page.url
    assert page.locator("#clean-text .ent-PER").count() > 0
    assert page.locator("#clean-text .date").count() > 0
    assert page.locator("#clean-text .quote").count() > 0
    items = page.locator(".event-list li[data-ev]")
    assert items.count() > 0
    items.first.hover()
    assert page.locator("#clean-text .ev.hot").count() > 0  # the event's evidence lights up
    page.check("#show-original")
    expect(page.locator("#original-text")).to_be_visible()
    assert page.locator("#original-text .removed").count() > 0  # boilerplate the cleaner removed, greyed


def test_timeline_draws_bars(page):
    visit(page, "/timeline?party=RUS&granularity=month")
    page.wait_for_selector("#timeline-chart svg rect.bar")
    assert page.locator("#timeline-chart svg rect.bar").count() > 3
    assert page.locator("table.events tbody tr").count() > 3


def test_network_draws_nodes_and_edges(page):
    visit(page, "/network")
    page.wait_for_selector("#network-chart svg g.node")
    assert page.locator("#network-chart svg g.node").count() >= 5
    assert page.locator("#network-chart svg path.edge").count() >= 5
    assert "Russia" in page.locator("#network-chart svg").text_content()


def test_map_draws_basemap_and_places(page):
    visit(page, "/map")
    page.wait_for_selector("#map-chart svg circle.place")
    assert page.locator("#map-chart svg path").count() > 150  # the countries of the basemap
    assert page.locator("#map-chart svg circle.place").count() >= 5
    page.locator("#place-list a", has_text="Idlib").click()
    page.wait_for_selector("#map-side ol li")
    assert page.locator("#map-side h2").text_content() == "Idlib"
    assert page.locator("#map-side ol li").count() > 0


def test_entity_page_chart(page):
    visit(page, "/entities/Q159")
    page.wait_for_selector("#entity-chart svg rect.bar")
    assert page.locator(".chips").first.locator(".chip", has_text="Rusia").count() == 1  # aliases seen


def test_script_in_an_article_is_shown_as_text(page):
    visit(page, "/?q=komentar")
    page.locator("ol.articles a.title").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    text = page.locator("#clean-text").inner_text()
    assert f'<script>window.__pwned = "{XSS_MARK}"</script>' in text
    assert page.locator("#clean-text script, #clean-text img").count() == 0
