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


# ---------------------------------------------------------------- issue 23: network, map, chips, phone, keys, CSP

PAGES = ["/", "/?q=Astana", "/events", "/events?party=RUS&type=ASSAULT", "/timeline?party=RUS", "/network", "/map",
         "/entities", "/entities/Q159", "/api/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_no_csp_violation(page, path):
    """Nothing on any page (templates or script) breaks the Content-Security-Policy: no inline
    script, handler or style attribute was refused."""
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    visit(page, path)
    page.wait_for_timeout(200)
    refused = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert refused == [], refused


def test_article_page_has_no_csp_violation(page):
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    visit(page, "/?q=Astana")
    page.locator("ol.articles a.title").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(".event-list li[data-ev]").first.hover()
    assert [m for m in messages if "Content Security Policy" in m or "Refused to" in m] == []


def visible_count(page, selector):
    return page.evaluate(f"[...document.querySelectorAll({selector!r})].filter(e => getComputedStyle(e).display !== 'none').length")


def test_network_zoom_and_weight_slider(page):
    visit(page, "/network")
    page.wait_for_selector("#network-chart svg g.node")
    viewport = page.locator("#network-chart svg g.viewport")
    before = viewport.get_attribute("transform")
    page.locator("#network-chart svg").hover()
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(100)
    after = viewport.get_attribute("transform")
    assert after != before and "scale(1.25" in after
    page.click("#net-reset")
    assert viewport.get_attribute("transform") == "translate(0.00,0.00) scale(1.0000)"
    # every node and label inside the canvas at the start
    inside = page.evaluate("""() => {
        const svg = document.querySelector('#network-chart svg'), box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('g.node circle, text.node-label')].every(e => {
            const b = e.getBoundingClientRect();
            return b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1; });
    }""")
    assert inside
    edges, nodes = visible_count(page, "#network-chart path.edge"), visible_count(page, "#network-chart g.node")
    slider = page.locator("#net-weight")
    assert int(slider.get_attribute("max")) >= 2
    slider.fill("2")  # range inputs take fill(): sets the value and fires input
    assert visible_count(page, "#network-chart path.edge") < edges
    assert visible_count(page, "#network-chart g.node") < nodes  # actors left without an edge go too
    assert "of" in page.locator("#net-count").inner_text()


def test_map_opens_on_the_data(page):
    visit(page, "/map")
    page.wait_for_selector("#map-chart svg circle.place")
    view = [float(v) for v in page.locator("#map-chart svg").get_attribute("viewBox").split()]
    width = page.locator("#map-chart").evaluate("e => e.clientWidth")
    assert view[2] < width / 2  # zoomed in on the events, not the world
    for c in page.locator("#map-chart svg circle.place").all():
        cx, cy = float(c.get_attribute("cx")), float(c.get_attribute("cy"))
        assert view[0] <= cx <= view[0] + view[2] and view[1] <= cy <= view[1] + view[3]
    # clustered: each circle sums the events of the places it covers
    total = sum(int(c.get_attribute("data-events")) for c in page.locator("#map-chart svg circle.place").all())
    listed = sum(int(b) for b in page.locator("#place-list li b").all_inner_texts())
    assert total == listed


def test_map_keeps_the_selected_place_in_the_url(page):
    visit(page, "/map")
    page.wait_for_selector("#map-chart svg circle.place")
    page.locator("#place-list a", has_text="Idlib").click()
    page.wait_for_selector("#map-side ol li")
    assert "#place=" in page.url
    page.reload()
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("#map-side ol li")
    assert page.locator("#map-side h2").text_content() == "Idlib"


def test_map_with_no_data_shows_indonesia(page):
    visit(page, "/map?type=RETREAT&from=1990&to=1991")
    page.wait_for_selector("#map-chart .map-note")
    x, y, w, h = [float(v) for v in page.locator("#map-chart svg").get_attribute("viewBox").split()]
    width = page.locator("#map-chart").evaluate("e => e.clientWidth")
    assert w < width / 3 and x > width / 2  # a window east of the middle: South-East Asia


def test_filter_chips(page):
    visit(page, "/events?party=RUS&type=ASSAULT")
    chips = page.locator(".active-filters .filter-chip")
    assert chips.count() == 2
    page.locator(".filter-chip[data-param=type]").click()
    page.wait_for_load_state("networkidle")
    assert "type=" not in page.url and "party=RUS" in page.url
    visit(page, "/?q=Astana&outlet=ANTARA")
    assert page.locator(".filter-chip").count() == 2
    page.locator(".filter-chip[data-param=q]").click()
    page.wait_for_load_state("networkidle")
    assert "q=" not in page.url and "outlet=ANTARA" in page.url


def test_timeline_party_survives_filter(page):
    visit(page, "/timeline?party=RUS&granularity=year")
    page.wait_for_selector("#timeline-chart svg a[href] rect.bar")
    href = page.locator("#timeline-chart svg a[href]").first.get_attribute("href")
    assert "party=RUS" in href
    visit(page, href)
    assert page.locator(".filter-chip[data-param=party]").count() == 1  # the filter the form has no field for
    page.select_option("select[name=type]", "CONSULT")
    page.click(".filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "party=RUS" in page.url and "type=CONSULT" in page.url


def test_names_first_and_codes_on_hover(page):
    visit(page, "/events")
    who = page.locator("table.events td.who-cell").all_inner_texts()
    assert any("Vladimir Putin (RUSGOV)" in w for w in who)
    assert not any(w.count("(SYRREB)") > 1 for w in who)  # a shared code once
    assert page.locator("table.events td span.tip[title^='CAMEO']").count() > 0
    visit(page, "/?q=Astana")
    page.locator("ol.articles a.title").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".event-list .stands-for").count() > 0  # a pronoun with whom it stands for
    assert page.locator(".event-list .scores").first.inner_text().startswith("Goldstein")


@pytest.mark.parametrize("path", ["/", "/events", "/articles/5bb368b2", "/timeline?party=RUS", "/network", "/map",
                                  "/entities", "/entities/Q159"])
def test_phone_layout_has_no_horizontal_scroll(browser, server, path):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        pg.goto(server + path)
        pg.wait_for_load_state("networkidle")
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: page is {width}px wide"
    finally:
        ctx.close()


def test_slash_focuses_search(page):
    visit(page, "/events")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Search articles"
    page.locator("input[name=actor]").click()
    page.keyboard.type("a/b")
    assert page.locator("input[name=actor]").input_value() == "a/b"  # typing a slash in a field stays there


def test_dark_mode(browser, server):
    ctx = browser.new_context(color_scheme="dark")
    pg = ctx.new_page()
    try:
        pg.goto(server + "/events")
        bg = pg.evaluate("getComputedStyle(document.body).backgroundColor")
        assert bg != "rgb(246, 247, 249)"
    finally:
        ctx.close()


def test_histogram_brush_sets_the_dates(page):
    visit(page, "/events")
    page.wait_for_selector("#events-histogram svg rect.hbar")
    box = page.locator("#events-histogram .brush-surface").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    assert page.locator("#events-histogram .brush").get_attribute("visibility") == "visible"
    with page.expect_navigation():
        page.mouse.up()
    page.wait_for_load_state("networkidle")
    assert "from=" in page.url and "to=" in page.url
    from urllib.parse import parse_qs, urlparse
    q = parse_qs(urlparse(page.url).query)
    assert q["from"][0] <= q["to"][0]
    assert page.locator(".filter-chip[data-param=from]").count() == 1
    assert page.locator(".filter-chip[data-param=to]").count() == 1


def test_facet_click_adds_a_filter_chip(page):
    visit(page, "/events")
    assert page.locator(".filter-chip").count() == 0
    link = page.locator(".facet[data-facet=type] a").first
    value = link.get_attribute("data-value")
    link.click()
    page.wait_for_load_state("networkidle")
    assert f"type={value}" in page.url
    expect(page.locator(".filter-chip[data-param=type]")).to_contain_text(value)
    assert page.locator(".facet[data-facet=type] li.on a").get_attribute("data-value") == value
    badges = set(page.locator("table.events tbody .badge").all_inner_texts())
    assert badges == {value}


def test_autocomplete_offers_names(page):
    visit(page, "/events")
    page.locator("input[name=actor]").press_sequentially("Rusi", delay=30)
    list_id = page.locator("input[name=actor]").get_attribute("list")
    options = page.locator(f"datalist#{list_id} option")
    expect(options.first).to_be_attached()
    values = options.evaluate_all("os => os.map(o => o.value)")
    assert "RUS" in values
    labels = page.locator("datalist option").all_text_contents()
    assert any("Russia" in t for t in labels)


def test_page_size_select(page):
    visit(page, "/events")
    with page.expect_navigation():
        page.select_option(".pager select[name=limit]", "25")
    page.wait_for_load_state("networkidle")
    assert "limit=25" in page.url
    assert page.locator(".pager button.js-hide").first.is_hidden()
