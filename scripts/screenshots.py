"""Screenshots of every page of the web UI, in headless Chromium (Debian's `chromium`).

    python scripts/screenshots.py --db pantau.duckdb --out docs/screenshots

Starts `pantau serve` on a free loopback port, visits each page, waits for the charts to draw
and writes one PNG per page; then a few pages on a 390 px phone (`*-phone.png`) and in dark
mode (`*-dark.png`).
"""

from __future__ import annotations

import argparse
import os
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright
from serving import free_port, start_server

CHROMIUM = os.environ.get("PANTAU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=Path("pantau.duckdb"))
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    ap.add_argument("--article", help="article id for the article page (default: the one with most events)")
    ap.add_argument("--entity", default="Q159", help="entity id for the entity page")
    ap.add_argument("--full-page", action="store_true", help="whole pages, not the first screen (big files)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        import json

        article = args.article or max(json.load(urllib.request.urlopen(f"{base}/api/articles?limit=200"))["items"],
                                      key=lambda a: a["events"])["id"]
        pages = {
            "articles": "/", "search": "/?q=Astana", "article": f"/articles/{article}", "events": "/events", "events-filtered": "/events?party=RUS&type=ASSAULT",
            "timeline": "/timeline?party=RUS", "network": "/network", "map": "/map",
            "entities": "/entities", "entity": f"/entities/{args.entity}", "api-docs": "/api/docs",
        }
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                page.screenshot(path=str(args.out / f"{name}.png"), full_page=args.full_page and name not in ("network", "map"))
                print(args.out / f"{name}.png")
            page.close()
            # the phone layout (390 px wide) and dark mode (from the system setting)
            for suffix, options, names in (
                ("phone", {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
                           "has_touch": True}, ("events", "article", "network", "map")),
                ("dark", {"viewport": {"width": 1440, "height": 900}, "color_scheme": "dark"},
                 ("article", "events", "network", "map")),
            ):
                ctx = browser.new_context(**options)
                page = ctx.new_page()
                for name in names:
                    page.goto(base + pages[name])
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(300)
                    page.screenshot(path=str(args.out / f"{name}-{suffix}.png"))
                    print(args.out / f"{name}-{suffix}.png")
                ctx.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
