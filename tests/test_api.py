"""The REST API and the server-rendered pages, through FastAPI's test client, over the seed store."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from conftest import XSS_MARK
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pantau.cli import app as cli_app
from pantau.model import PLOVER_TYPES
from pantau.store import Store
from pantau.web import create_app, schemas

from factories import INGEST_TOKEN as TOKEN  # the token of conftest's `writable` app


@pytest.fixture(scope="module")
def client(seed_db):
    with TestClient(create_app(seed_db)) as c:
        yield c


@pytest.fixture(scope="module")
def store(seed_db):
    st = Store(seed_db, read_only=True)
    yield st
    st.close()


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r.json() if r.headers.get("content-type", "").startswith("application/json") else r


# ---------------------------------------------------------------------- events

def test_events_page_matches_store_and_schema(client, store):
    body = get(client, "/api/events?limit=7")
    schemas.Page[schemas.Event].model_validate(body)
    assert body["total"] == store.count_events() == len(store.events())
    assert len(body["items"]) == 7 and body["next_offset"] == 7
    assert [e["id"] for e in body["items"]] == [e["id"] for e in store.events(limit=7)]


def test_events_pagination_walks_the_whole_list(client, store):
    seen, offset = [], 0
    while offset is not None:
        body = get(client, f"/api/events?limit=10&offset={offset}")
        seen += [(e["doc_id"], e["id"]) for e in body["items"]]
        offset = body["next_offset"]
    assert seen == [(e["doc_id"], e["id"]) for e in store.events()]


def test_events_filters(client, store):
    body = get(client, "/api/events?actor=TUR&limit=1000")
    assert body["total"] == store.count_events(actor="TUR") > 0
    for e in body["items"]:
        assert any((a["code"] or "").startswith("TUR") or a["country"] == "TUR" or "turki" in a["text"].lower()
                   for a in e["actors"])
    body = get(client, "/api/events?type=consult&limit=1000")
    assert body["total"] > 0 and {e["event_type"] for e in body["items"]} == {"CONSULT"}
    body = get(client, "/api/events?from=2017-12&to=2017-12&limit=1000")
    assert body["total"] > 0 and all(e["date"].startswith("2017-12") for e in body["items"])
    body = get(client, "/api/events?party=RUS&partner=TUR&limit=1000")
    assert body["total"] == store.count_events(actor="RUS", recipient="TUR") + store.count_events(actor="TUR", recipient="RUS")


@pytest.mark.parametrize("query, word", [
    ("type=FOO", "type"), ("from=yesterday", "from"), ("to=2017-13", "to"), ("limit=0", "limit"),
    ("limit=100000", "limit"), ("offset=-1", "offset"), ("actor=" + "x" * 500, "actor"),
])
def test_bad_event_parameters_are_422_with_a_message(client, query, word):
    body = get(client, f"/api/events?{query}", 422)
    assert word in body["error"]


# ---------------------------------------------------------------------- entities

def test_entities_list_and_profile(client, store):
    body = get(client, "/api/entities?type=PER&limit=5")
    schemas.Page[schemas.EntitySummary].model_validate(body)
    assert body["items"] and all(e["type"] == "PER" for e in body["items"])
    assert body["total"] == store.count_entities(type="PER")
    russia = get(client, "/api/entities/Q159")
    schemas.EntityDetail.model_validate(russia)
    assert russia["canonical_name"] == "Russia"
    assert "Rusia" in {a["text"] for a in russia["aliases_seen"]}
    assert russia["mentions"] == sum(a["mentions"] for a in russia["aliases_seen"]) > 0
    assert sum(russia["events"].values()) > 0 and russia["counterparts"]
    akar = get(client, "/api/entities/pantau:per/hulusi-akar")  # an id with ':' and '/'
    assert akar["canonical_name"] == "Hulusi Akar"
    assert any(r["office"] == "defence_minister" and r["start"] for r in akar["roles"])
    assert get(client, "/api/entities?type=XYZ", 422)["error"].startswith("type")
    assert "no entity" in get(client, "/api/entities/Q0", 404)["error"]


# ---------------------------------------------------------------------- articles

def test_article_offsets_point_into_the_clean_text(client, store):
    listing = get(client, "/api/articles?limit=100")
    schemas.Page[schemas.ArticleSummary].model_validate(listing)
    assert listing["total"] == 6
    busiest = max(listing["items"], key=lambda a: a["events"])
    doc = get(client, f"/api/articles/{busiest['id'][:8]}")  # a unique prefix is enough
    schemas.Article.model_validate(doc)
    assert doc["id"] == busiest["id"] and len(doc["events"]) == busiest["events"]
    text = doc["clean_text"]
    for m in doc["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for t in doc["time_values"]:
        assert text[t["start"]:t["end"]] == t["text"]
    for e in doc["events"]:
        assert e["evidence"]["text"] in text


def test_article_filters(client, store):
    antara = get(client, "/api/articles?outlet=antara")
    assert antara["total"] == 1 and antara["items"][0]["outlet"] == "ANTARA"
    putin = get(client, "/api/articles?actor=Putin")
    assert 0 < putin["total"] < 6
    assaults = get(client, "/api/articles?type=ASSAULT&limit=100")
    assert all(store.count_events(doc=a["id"], event_type="ASSAULT") for a in assaults["items"])
    assert get(client, "/api/articles?from=2017&to=2017")["total"] == 1  # Salam-Online, 2017-12-11
    assert "no article" in get(client, "/api/articles/ffffffffffff", 404)["error"]
    assert get(client, "/api/articles?from=soon", 422)["error"].startswith("from")


def test_search(client):
    body = get(client, "/api/search?q=Astana")
    schemas.Page[schemas.SearchHit].model_validate(body)
    assert body["total"] >= 1 and all("astana" in h["snippet"].lower() for h in body["items"])
    assert [h["score"] for h in body["items"]] == sorted((h["score"] for h in body["items"]), reverse=True)
    assert get(client, "/api/search?q=zzzzqqq")["total"] == 0
    get(client, "/api/search", 422)
    get(client, "/api/search?q=%20", 422)


def test_quotes(client, store):
    body = get(client, "/api/quotes?speaker=Lavrov&limit=100")
    schemas.Page[schemas.Quote].model_validate(body)
    assert body["total"] == store.count_quotes(speaker="Lavrov") > 0
    assert all("Lavrov" in (q["speaker_name"] or q["speaker_text"]) for q in body["items"])


def test_stats(client, store):
    body = get(client, "/api/stats")
    assert body["articles"] == 6 and body["events"] == store.count_events()
    assert set(body["event_types"]) <= set(PLOVER_TYPES)


# ---------------------------------------------------------------------- aggregates

@pytest.mark.parametrize("granularity", ["day", "week", "month", "year"])
def test_timeline_counts_every_event_once(client, store, granularity):
    body = get(client, f"/api/timeline?party=RUS&granularity={granularity}")
    schemas.Timeline.model_validate(body)
    assert sum(b["events"] for b in body["buckets"]) + body["undated"] == store.count_events(party="RUS")
    assert all(sum(b["by_quad_class"].values()) == b["events"] for b in body["buckets"])
    assert [b["period"] for b in body["buckets"]] == sorted(b["period"] for b in body["buckets"])
    get(client, "/api/timeline?granularity=hour", 422)


def test_network_edges(client, store):
    body = get(client, "/api/network")
    schemas.Network.model_validate(body)
    ids = {n["id"] for n in body["nodes"]}
    assert body["edges"] and all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    assert all(-10 <= e["goldstein"] <= 10 for e in body["edges"] if e["goldstein"] is not None)
    labels = {n["id"]: n["label"] for n in body["nodes"]}
    assert labels["RUS"] == "Russia" and labels["TURMIL"] == "Turkey military"
    tur_rus = next(e for e in body["edges"] if (e["source"], e["target"]) == ("TUR", "RUS"))
    events = store.events(actor="TUR", recipient="RUS")
    assert tur_rus["events"] == sum(1 for e in events if any(a["code"] == "TUR" for a in e["actors"])
                                    and any(a["code"] == "RUS" for a in e["recipients"]))
    heavy = get(client, "/api/network?min_events=3")
    assert heavy["edges"] and all(e["events"] >= 3 for e in heavy["edges"])


def test_map_places(client, store):
    places = get(client, "/api/map")["items"]  # paged like every list endpoint
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    idlib = next(p for p in places if p["name"] == "Idlib")
    assert idlib["events"] == store.count_events(location="Idlib")
    assert get(client, "/api/events?location=Idlib")["total"] == idlib["events"]


# ---------------------------------------------------------------------- export

def test_exports(client, store):
    n = store.count_events(actor="TUR")
    r = get(client, "/api/export?format=csv&actor=TUR")
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == n
    r = get(client, "/api/export?format=parquet")
    assert pq.read_table(io.BytesIO(r.content)).num_rows == store.count_events()
    r = get(client, "/api/export?format=gdelt&type=ASSAULT")
    rows = r.text.strip().split("\n")
    assert len(rows) == store.count_events(event_type="ASSAULT") + 1 and len(rows[0].split("\t")) == 61
    r = get(client, "/api/export?format=plover&limit=3")
    assert [json.loads(line)["event"][0] in PLOVER_TYPES for line in r.text.strip().split("\n")] == [True] * 3
    assert get(client, "/api/export?format=xml", 422)["error"].startswith("format")
    assert "events table" in get(client, "/api/export?format=csv&table=mentions&actor=RUS", 422)["error"]


# ---------------------------------------------------------------------- ingest

ARTICLE = {"text": "Jakarta - Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Bogor, Senin (7/1/2019).",
           "title": "Jokowi bertemu PM Malaysia", "published": "2019-01-07"}


def test_ingest_is_off_unless_allowed(client):
    r = client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "--allow-ingest" in r.json()["error"]


def test_ingest_needs_the_token(writable):
    assert writable.post("/api/articles", json=ARTICLE).status_code == 401
    r = writable.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert writable.post("/api/articles", json=ARTICLE, headers={"Authorization": TOKEN}).status_code == 401
    assert get(writable, "/api/stats")["articles"] == 6


def test_ingest_json_file_and_duplicates(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert get(writable, "/api/stats")["articles"] == 6  # answered once, and cached until a write
    assert get(writable, "/api/articles?limit=1")["total"] == 6
    r = writable.post("/api/articles", json=[ARTICLE, {"text": ""}], headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ingested"] == 1 and len(body["errors"]) == 1 and "empty" in body["errors"][0]["reason"]
    doc = get(writable, f"/api/articles/{body['ids'][0]}")
    assert doc["title"] == ARTICLE["title"] and doc["published"] == "2019-01-07"
    again = writable.post("/api/articles", json=ARTICLE, headers=auth).json()
    assert again["ingested"] == 0 and again["duplicates"] == 1
    assert get(writable, "/api/stats")["articles"] == 7 and get(writable, "/api/articles?limit=1")["total"] == 7
    files = [("files", ("a.txt", "Kairo - Mesir menolak usulan Israel, Selasa (8/1/2019).".encode(), "text/plain")),
             ("files", ("b.bin", b"\x00\x01\x02binary", "application/octet-stream"))]
    up = writable.post("/api/articles", files=files, headers=auth).json()
    assert up["ingested"] == 1 and up["errors"][0]["source"] == "b.bin"
    assert get(writable, "/api/stats")["articles"] == 8
    assert get(writable, "/api/search?q=Mesir")["total"] >= 1  # the search index follows the writes
    assert writable.post("/api/articles", content=b"{not json", headers=auth).status_code == 422
    assert writable.post("/api/articles", json=[1, 2], headers=auth).status_code == 422


def test_ingest_without_a_token_is_refused_at_start(seed_db):
    with pytest.raises(ValueError, match="PANTAU_TOKEN"):
        create_app(seed_db, allow_ingest=True, token=None)


def test_serve_command_errors(seed_db, tmp_path, monkeypatch):
    runner = CliRunner()
    monkeypatch.delenv("PANTAU_TOKEN", raising=False)
    r = runner.invoke(cli_app, ["serve", "--db", str(seed_db), "--allow-ingest"])
    assert r.exit_code == 2 and "PANTAU_TOKEN" in r.output
    r = runner.invoke(cli_app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "no database" in r.output


# ---------------------------------------------------------------------- pages

@pytest.mark.parametrize("url, text", [
    ("/", "Articles"), ("/?q=Astana", "Astana"), ("/events?type=ASSAULT", "ASSAULT"),
    ("/timeline?party=RUS&partner=TUR", "Timeline of RUS and TUR"), ("/network", "Actor network"),
    ("/map", "world.geojson"), ("/entities?type=PER", "Hulusi Akar"), ("/entities/Q159", "Rusia"),
    ("/api/docs", "/api/events"),
])
def test_pages_render(client, url, text):
    r = get(client, url)
    assert r.headers["content-type"].startswith("text/html") and text in r.text


def test_article_page_marks_spans_and_escapes_the_text(client, store):
    listing = get(client, "/api/articles?limit=100")["items"]
    seed = max(listing, key=lambda a: a["events"])
    html = get(client, f"/articles/{seed['id']}").text
    assert 'class="ent ent-PER"' in html and 'class="date' in html and 'data-ev="e0' in html
    assert html.count('<li id="e-') == seed["events"]
    hostile = next(a for a in listing if XSS_MARK in a["lead"])
    html = get(client, f"/articles/{hostile['id']}").text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned" in html


def test_html_errors_are_pages(client):
    r = client.get("/articles/ffffffffffff")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "no article" in r.text
    r = client.get("/events?type=NOPE")
    assert r.status_code == 422 and "unknown PLOVER event type" in r.text


def test_openapi_documents_every_endpoint(client):
    spec = get(client, "/api/openapi.json")
    for path in ("/api/events", "/api/entities", "/api/entities/{entity_id}", "/api/articles",
                 "/api/articles/{doc_id}", "/api/quotes", "/api/timeline", "/api/network", "/api/search",
                 "/api/stats", "/api/export", "/api/map"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/articles"]
    assert "Event" in spec["components"]["schemas"]


@pytest.mark.parametrize("filters", [{}, {"actor": "TUR"}, {"event_type": "CONSULT"}, {"party": "RUS", "partner": "SYR"},
                                     {"date_from": "2017-12", "date_to": "2019"}, {"outlet": "antara"}])
def test_remembered_event_order_gives_the_same_pages(seed_db, filters):
    """A read-only store pages through remembered key orders; a writable one sorts each time."""
    with Store(seed_db, read_only=True) as cached:
        uncached = cached.cursor()
        uncached.order_cache = None
        for limit, offset in ((5, 0), (5, 5), (7, 3), (None, 0), (50, 1000)):
            assert cached.events(**filters, limit=limit, offset=offset) == uncached.events(**filters, limit=limit, offset=offset)
        assert cached.count_events(**filters) == uncached.count_events(**filters)
        assert cached.order_cache.entries  # it was used


def test_search_page_marks_the_words_and_escapes_the_query(client):
    html = get(client, "/?q=gencatan%20senjata").text
    assert "<mark>gencatan</mark> <mark>senjata</mark>" in html
    html = get(client, "/?q=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_article_search_without_an_index_scans(store):
    """A store without a full-text index (a Parquet folder) still answers q, by substring."""
    plain = store.cursor()
    plain.fts = False
    rows, total = plain.articles(q="Astana", limit=10)
    assert total == 3 == len(rows)
    ranked, ranked_total = store.articles(q="Astana", limit=10)
    assert {r["id"] for r in rows} == {r["id"] for r in ranked} and ranked_total == total
