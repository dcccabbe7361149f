"""Faults found by probing `pantau serve` (issue 25, items 4-6), each kept by its reproducer:
malformed dates that were 500s, 500s that broke keep-alive connections or answered pages with
JSON, upload bombs, `javascript:` links, missing security headers, server paths in answers."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import shutil
import socket
import threading
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from pantau.store import Store, iso_range
from pantau.store.dates import valid_iso
from pantau.web import create_app
from pantau.web.security import CSP, check_gzip, http_url, one_line, public_source, size_text

from factories import INGEST_TOKEN as TOKEN  # the token of conftest's `writable` app
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = "Kairo - Mesir menolak usulan Israel, Selasa (8/1/2019)."


@pytest.fixture(scope="module")
def client(seed_db):
    with TestClient(create_app(seed_db)) as c:
        yield c


# ---------------------------------------------------------------------- item 4: dates, 500s

BAD_DATES = ["2017-01-01/", "2017-13-45", "2017-01-01T99", "--", "x" * 5000, "0000-01-01", "9999-W52",
             "2017-01-01/2017-13", "/2017", "9999-12-31/0000", "2017-1-1", "２０１７"]
DATE_PAGES = ["/api/events", "/api/articles", "/api/timeline", "/api/network", "/api/map", "/api/export?format=csv",
              "/", "/events", "/timeline", "/network", "/map"]


def with_query(url: str, name: str, value: str) -> str:
    return url + ("&" if "?" in url else "?") + urlencode({name: value})


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize("name", ["from", "to"])
def test_malformed_dates_are_422_everywhere(client, name, value):
    for url in DATE_PAGES:
        r = client.get(with_query(url, name, value))
        assert r.status_code == 422, (url, name, value, r.status_code, r.text[:200])
        if url.startswith("/api/"):
            error = r.json()["error"]
            assert error.startswith(name) and "\n" not in error and len(error) < 300, error
        else:
            assert r.headers["content-type"].startswith("text/html") and "<html" in r.text


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2017", "2017-11", "2018-W52", "2018-Q2",
                                   "2017-11/2018", "2023-02-02T10:30:00+07:00"])
def test_extreme_but_valid_dates_answer(client, value):
    for url in DATE_PAGES:
        for name in ("from", "to"):
            assert client.get(with_query(url, name, value)).status_code == 200, (url, name, value)


def test_date_validator_and_ranges():
    for value in BAD_DATES:
        assert not valid_iso(value), value
    assert iso_range("2017-01-01/") == (None, None)  # was (2017-01-01, None): "to" then raised
    assert iso_range("9999-W52") == (None, None)  # was an OverflowError
    assert iso_range("2017-01-01T99")[0] is not None  # stored values keep their lenient reading


@pytest.fixture
def failing_stats(monkeypatch):
    """Store.count_quotes raises, as a real bug would, behind /api/quotes and nothing else."""
    def boom(self, *a, **k):
        raise RuntimeError("/secret/path in a message")
    monkeypatch.setattr(Store, "count_quotes", boom)


def test_a_500_answers_pages_with_html_and_the_next_request_works(seed_db, failing_stats):
    # the default TestClient re-raises what reaches the server: nothing may
    with TestClient(create_app(seed_db)) as c:
        r = c.get("/api/quotes")
        assert r.status_code == 500 and r.json() == {"error": "internal error: RuntimeError"}
        assert "secret" not in r.text
        assert c.get("/api/stats").status_code == 200
        r = c.get("/api/quotes?doc=x")
        assert r.headers["content-security-policy"] == CSP  # error answers carry the headers too


def test_a_500_on_a_page_is_the_html_error_page(seed_db, monkeypatch):
    def boom(self, *a, **k):
        raise RuntimeError("boom")
    monkeypatch.setattr(Store, "count_events", boom)
    with TestClient(create_app(seed_db)) as c:
        r = c.get("/events")
        assert r.status_code == 500 and r.headers["content-type"].startswith("text/html")
        assert "internal error" in r.text and "<html" in r.text
        assert c.get("/entities").status_code == 200


def test_keep_alive_connection_survives_a_500(seed_db, failing_stats):
    """Through uvicorn on loopback: a 500 and then a good request on one connection (uvicorn
    closed the connection when the app re-raised after answering)."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(seed_db), log_level="critical", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/api/quotes")
        first = conn.getresponse()
        assert first.status == 500 and json.loads(first.read())["error"].startswith("internal error")
        same = conn.sock
        conn.request("GET", "/api/stats")
        second = conn.getresponse()
        assert second.status == 200 and json.loads(second.read())["articles"] == 6
        assert conn.sock is same  # the same connection, not a silent reconnect
        conn.close()
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


# ---------------------------------------------------------------------- item 5: upload bombs

def test_a_gzip_bomb_is_refused_with_413(writable):
    bomb = gzip.compress(b" " * 30_000_000)  # 30 MB of spaces, about 30 KB compressed
    assert len(bomb) < 100_000
    r = writable.post("/api/articles", files=[("files", ("bomb.txt.gz", bomb, "application/gzip"))], headers=AUTH)
    assert r.status_code == 413, r.text
    assert r.json() == {"error": "bomb.txt.gz: gzip expands to over the 20 MB limit"}
    assert writable.get("/api/stats").json()["articles"] == 6


def test_gzip_is_counted_in_bounded_steps():
    bomb = gzip.compress(b"\0" * 30_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(Exception) as exc:
            check_gzip(bomb, 20_000_000, "bomb.gz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert exc.value.status_code == 413
    assert peak < 2_000_000, peak  # steps of 64 KB, never the 20 MB it counted through
    # a small first member does not hide a bomb behind it (gzip.decompress reads every member)
    with pytest.raises(Exception, match="413"):
        check_gzip(gzip.compress(b"a") + bomb, 1_000_000, "two.gz")
    check_gzip(gzip.compress(b"a" * 1000), 1000, "fits.gz")  # exactly at the limit passes
    check_gzip(b"\x1f\x8bnot gzip", 10, "bad.gz")  # corrupt: left to the reader to report


def test_small_limit_refuses_gzip_and_bodies(seed_db, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copy(seed_db, path)
    with TestClient(create_app(path, allow_ingest=True, token=TOKEN, max_upload=1_000)) as c:
        small_bomb = gzip.compress(b" " * 5_000)
        r = c.post("/api/articles", files=[("files", ("a.txt.gz", small_bomb, "application/gzip"))], headers=AUTH)
        assert r.status_code == 413 and r.json()["error"] == "a.txt.gz: gzip expands to over the 1,000 bytes limit"
        # Content-Length over the limit: refused before the body is read
        r = c.post("/api/articles", content=b"x" * 1_001, headers=AUTH)
        assert r.status_code == 413 and r.json()["error"] == "request body too large: 1,001 bytes > 1,000 bytes limit"
        # no Content-Length (chunked): counted while it streams in
        r = c.post("/api/articles", content=iter([b"[" + b" " * 600, b" " * 600 + b"]"]), headers=AUTH)
        assert r.status_code == 413 and r.json()["error"] == "request body too large: over the 1,000 bytes limit"
        # the token is checked before the body is read
        assert c.post("/api/articles", content=b"x" * 5_000).status_code == 401
        ok = gzip.compress(json.dumps({"text": ARTICLE}).encode())
        r = c.post("/api/articles", files=[("files", ("a.jsonl.gz", ok, "application/gzip"))], headers=AUTH)
        assert r.status_code == 201 and r.json()["ingested"] == 1, r.text


def test_multipart_without_files_is_422(writable):
    r = writable.post("/api/articles", files=[("other", ("a.txt", b"x", "text/plain"))], headers=AUTH)
    assert r.status_code == 422 and r.json()["error"].startswith("files")


def test_size_messages_are_exact():
    assert size_text(20_000_000) == "20 MB" and size_text(1_500_000) == "1.5 MB"
    assert size_text(20_000_001) == "20,000,001 bytes" and size_text(999) == "999 bytes"
    assert one_line("evil\n\x1b[31m.gz") == "evil\\x0a\\x1b[31m.gz"  # a client's file name, in a message


# ---------------------------------------------------------------------- item 6: links, headers, paths

def test_only_http_urls_become_links(writable):
    ids = {}
    for url in ("javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "https://example.com/berita"):
        r = writable.post("/api/articles", json={"text": f"{ARTICLE} {url[:4]}{len(ids)}", "url": url}, headers=AUTH)
        assert r.status_code == 201 and r.json()["ingested"] == 1, r.text
        ids[url] = r.json()["ids"][0]
    for url, doc in ids.items():
        page = writable.get(f"/articles/{doc}").text
        links = re.findall(r'<a href="([^"]*)" rel="noopener', page)
        if url.startswith("https://"):
            assert links == [url]
        else:
            assert links == [] and 'href="java' not in page.lower() and 'href="data:text' not in page
            assert str(escape(url)) in page  # shown, as text


def test_http_url_check():
    assert http_url("http://a.id/x") and http_url("HTTPS://a.id")
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "java\nscript:x", "//evil.example", "https://",
                "http://a.id/\x00", None, 5):
        assert not http_url(bad), bad


def test_security_headers_on_every_kind_of_answer(client):
    for url in ("/", "/events", "/api/stats", "/api/stats", "/static/pantau.css", "/static/pantau-core.js",
                "/api/events?type=NOPE", "/events?type=NOPE", "/no/such/page", "/api/articles/ffffffffffff",
                "/api/openapi.json", "/api/docs"):
        r = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert r.headers["content-security-policy"] == CSP, url
        assert r.headers["x-content-type-options"] == "nosniff", url
        assert r.headers["x-frame-options"] == "DENY", url
        assert r.headers["referrer-policy"] == "same-origin", url
        assert r.headers.get_list("content-security-policy") == [CSP], url  # once, also on a cache hit


INLINE = [re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),  # inline script
          re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),  # onclick=, onerror=, ...
          re.compile(r"<[^>]+\sstyle\s*=", re.I), re.compile(r"<style", re.I),
          re.compile(r"(href|src)=\"(https?:)?//", re.I)]  # nothing from elsewhere


def test_pages_need_nothing_the_policy_forbids(client, store_ids):
    doc, entity = store_ids
    for url in ("/", "/?q=Turki", "/events", "/timeline", "/network", "/map", "/entities", f"/entities/{entity}",
                f"/articles/{doc}", "/api/docs", "/nope"):
        html = client.get(url).text
        for pattern in INLINE:
            hit = pattern.search(html)
            # the hostile article's own <script> is text on its page, escaped: never a tag
            assert hit is None, (url, hit and html[max(0, hit.start() - 80):hit.end() + 80])
    for name in ("pantau-core", "charts", "network", "map", "page"):
        js = client.get(f"/static/{name}.js").text
        assert js.startswith("/* pantau web UI"), name
        assert not re.search(r"\bstyle:|setAttribute\(\"style\"|innerHTML|insertAdjacentHTML|eval\(|new Function", js), name


@pytest.fixture(scope="module")
def store_ids(seed_db):
    with Store(seed_db, read_only=True) as st:
        doc = st.articles(limit=1)[0][0]["id"]
        entity = st.entities(limit=1)[0]["id"]
    return doc, entity


def test_no_server_path_leaves_the_server(client, seed_db):
    folder = str(seed_db.parent)
    stats = client.get("/api/stats").json()
    assert stats["path"] == seed_db.name
    answers = [json.dumps(stats), client.get("/api/articles?limit=100").text, client.get("/api/search?q=Turki").text]
    for row in client.get("/api/articles?limit=100").json()["items"]:
        assert row["source"] and "/" not in row["source"], row["source"]
        answers += [client.get(f"/api/articles/{row['id']}").text, client.get(f"/articles/{row['id']}").text]
    for fmt in ("jsonl", "csv", "gdelt", "plover"):
        answers.append(client.get(f"/api/export?format={fmt}").text)
    for text in answers:
        assert folder not in text and "/examples/" not in text
    assert "hostile.txt" in client.get("/api/articles?limit=100").text  # the file name is kept


def test_public_source():
    assert public_source("/srv/corpus/2019/a.txt") == "a.txt"
    assert public_source("examples/000.txt") == "000.txt"
    assert public_source(r"C:\Users\me\a.jsonl") == "a.jsonl"
    assert public_source("file:///etc/passwd") == "passwd"
    assert public_source("https://kompas.com/a/b") == "https://kompas.com/a/b"
    assert public_source("antaranews") == "antaranews" and public_source(None) is None


def test_article_lookup_by_source_matches_file_names_only(client, seed_db):
    """/api/articles/<text> also finds an article by a unique part of its source: of the file name
    only, so that a client cannot probe which directories the server's files are in."""
    with Store(seed_db, read_only=True) as st:
        sources = [r[0] for r in st.con.execute("SELECT source FROM articles ORDER BY id").fetchall()]
    folder = Path(sources[0]).parent.name  # e.g. "examples": in every seed's path, in no file name
    name = Path(sources[0]).name
    assert folder and all(folder not in Path(s).name for s in sources)
    assert client.get(f"/api/articles/{folder}").status_code == 404
    assert client.get(f"/api/articles/{name}").status_code == 200
    with Store(seed_db, read_only=True) as st:  # the CLI still matches the whole path
        with pytest.raises(LookupError):
            st.resolve_doc_id(folder)
