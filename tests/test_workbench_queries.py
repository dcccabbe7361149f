"""Issue 23: what the query workbench answers must be right. Actor filters match codes, entity
ids and whole names, never substrings; the search query language (words, "phrases",
-exclusions) and its ranking; the export's SOURCEURL; the API's one list shape, its unknown
parameters, `sort`, `resolved` and HEAD."""

from __future__ import annotations

import csv
import io
import json

import pytest
from factories import _sentences, _span, protest_doc, turkey_russia_doc
from fastapi.testclient import TestClient

from pantau.export import event_id_int, export
from pantau.model import Actor, Document, Event, Evidence, Mention
from pantau.store import Store
from pantau.store.query import parse_search, resolve_actor
from pantau.web import create_app

TR, PR = turkey_russia_doc(), protest_doc()


# ---------------------------------------------------------------------- test articles

def decoys_doc() -> Document:
    """Actors whose names hold the letters of RUS and TUR without being Russian or Turkish, the
    ones issue 23 found: Mahrus, Smart City Trust Fund, "Kami" (Theodorus), "Ia" (Rusdy),
    Guntur Abdurrahman; and Jokowi as "Presiden"."""
    text = ("Mahrus menemui Smart City Trust Fund di Surabaya. Kami menolak tuduhan itu. "
            "Ia menuduh Guntur Abdurrahman. Presiden memuji warga")
    sents = _sentences(text)
    people = [  # (span text, code, country, entity id, canonical name)
        ("Mahrus", "IDNGOV", "IDN", None, None),
        ("Smart City Trust Fund", "IDNBUS", "IDN", None, None),
        ("Kami", "IDNGOV", "IDN", "pantau:per/theodorus", "Theodorus"),
        ("Ia", "IDNGOV", "IDN", "pantau:per/rusdy", "Rusdy"),
        ("Guntur Abdurrahman", "IDNGOV", "IDN", "pantau:per/guntur", "Guntur Abdurrahman"),
        ("Presiden", "IDNGOV", "IDN", "pantau:per/joko-widodo", "Joko Widodo"),
    ]
    mentions = []
    for name, code, country, eid, canonical in people:
        s, e = _span(text, name)
        mentions.append(Mention(text=name, start=s, end=e, type="PER", entity_id=eid, canonical_name=canonical,
                                country=country, code=code, sentence=0, method="alias"))
    actors = {name: Actor(code=code, country=country, sector=code[3:] or None, entity_id=eid, text=name)
              for name, code, country, eid, _ in people}

    def event(i, kind, actor, recipient):
        s = sents[i]
        return Event(id=f"ev{i}", event_type=kind, cameo_code="040", goldstein=1.0 + i, quad_class=1,
                     actors=[actors[actor]], recipients=[actors[recipient]] if recipient else [],
                     evidence=Evidence(doc_id="decoys", sentence=i, start=s.start, end=s.end, text=s.text),
                     trigger="x", date=f"2020-01-0{i + 1}", date_granularity="day")

    events = [event(0, "CONSULT", "Mahrus", "Smart City Trust Fund"), event(1, "REJECT", "Kami", None),
              event(2, "ACCUSE", "Ia", "Guntur Abdurrahman"), event(3, "SUPPORT", "Presiden", None)]
    return Document(id="decoys", raw_text=text, clean_text=text, title="Warga Surabaya", outlet="Lokal",
                    published="2020-01-05", url=None, source="/home/reporter/private/feeds/lokal.jsonl",
                    sentences=sents, mentions=mentions, events=events)


def text_doc(doc_id: str, text: str, published: str) -> Document:
    return Document(id=doc_id, raw_text=text, clean_text=text, title=None, outlet="Teks", published=published,
                    source=f"teks/{doc_id}.txt", sentences=_sentences(text))


SEARCH_DOCS = {  # which of the words "gencatan" and "senjata" each has, and how
    "phrase": "Kedua pihak sepakat gencatan senjata mulai Senin. Warga lega.",
    "phrase_turki": "Turki mengumumkan gencatan\nsenjata di Idlib. Gencatan itu rapuh.",
    "apart": "Gencatan yang dijanjikan gagal; senjata berat masih ditembakkan. Gencatan lagi.",
    "one_word": "Senjata berat dikirim ke perbatasan.",
    "substring": "Kata gencatansenjata ditulis tanpa spasi.",  # neither word on its own
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("workbench") / "w.duckdb"
    with Store(path) as st:
        st.write_documents([TR, PR, decoys_doc()])
        st.write_documents([text_doc(i, t, f"2021-0{n + 1}-01") for n, (i, t) in enumerate(SEARCH_DOCS.items())])
        st.rebuild_search_index()
    return path


@pytest.fixture(scope="module")
def st(db):
    with Store(db, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def scan(db):
    """The same store searched without the index (a Parquet folder, a stale index)."""
    with Store(db, read_only=True) as s:
        s.fts = False
        yield s


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def keys(rows):
    return {(r["doc_id"], r["id"]) for r in rows}


def codes(row, role="actors"):
    return [a["code"] for a in row[role]]


# ---------------------------------------------------------------------- 1. actor filters

def test_a_country_code_matches_codes_and_country_never_letters_of_a_name(st):
    rus = st.events(actor="RUS")
    assert rus and all(any((a["code"] or "").startswith("RUS") or a["country"] == "RUS" for a in r["actors"])
                       for r in rus)
    assert keys(rus) == {(TR.id, "ev1")}
    assert keys(st.events(recipient="RUS")) == {(TR.id, "ev0")}
    # the decoys: "Mahrus", "Trust Fund", Theodorus' "Kami", Rusdy's "Ia", "Guntur"
    assert not any(r["doc_id"] == "decoys" for code in ("RUS", "TUR") for role in ("actor", "recipient", "party")
                   for r in st.events(**{role: code}))
    assert keys(st.events(actor="TUR")) == {(TR.id, "ev0"), (TR.id, "ev1")}  # TURMIL and TUR
    assert keys(st.events(actor="TURMIL")) == keys(st.events(actor="turmil")) == {(TR.id, "ev0")}


def test_a_name_is_whole_words_or_the_entity_it_names(st):
    assert st.events(actor="rus") == [] and st.events(party="rus") == []
    assert keys(st.events(recipient="Trust Fund")) == {("decoys", "ev0")}  # whole words of a name
    assert st.events(actor="Trus") == [] and st.events(actor="Mahru") == []
    assert keys(st.events(actor="akar")) == {(TR.id, "ev0")}  # "Hulusi Akar"
    assert keys(st.events(actor="Rusia")) == keys(st.events(actor="RUS"))  # the country it names
    assert keys(st.events(party="Rusia")) == keys(st.events(party="RUS"))
    assert keys(st.events(actor="Jokowi")) == {("decoys", "ev3")}  # his entity, coded "Presiden"
    assert keys(st.events(actor="pantau:per/rusdy")) == {("decoys", "ev2")}  # an entity id: exactly it
    assert keys(st.events(actor="Q6081347")) == {(TR.id, "ev0")}
    assert keys(st.events(recipient="Guntur")) == {("decoys", "ev2")}


def test_every_view_reads_the_filter_alike(st):
    assert st.count_events(party="RUS") == 2 and st.count_events(party="rus") == 0
    assert [r["id"] for r in st.timeline(actor="RUS")] == ["ev0", "ev1"]
    assert st.timeline(actor="rus") == []
    assert sum(b["events"] for b in st.event_buckets("month", party="rus")) == 0
    assert st.network(party="rus")["edges"] == []
    assert st.network(actor="TUR", recipient="RUS")["edges"][0]["source"] == "TURMIL"
    assert st.events(party="TUR", partner="rus") == []
    assert keys(st.events(party="RUS", partner="Turki")) == {(TR.id, "ev0")}
    # articles: a mention of the entity, never the letters of a name
    assert st.articles(actor="rus")[1] == 0
    assert {r["id"] for r in st.articles(actor="RUS")[0]} == {TR.id}
    assert {r["id"] for r in st.articles(actor="Rusdy")[0]} == {"decoys"}  # the entity's name


def test_resolved_filters_explain_themselves():
    assert resolve_actor("RUS").description.startswith("RUS = country code RUS (Russia) and its sectors")
    assert resolve_actor("Rusia").kind == "code" and resolve_actor("Rusia").code == "RUS"
    jokowi = resolve_actor("Jokowi")
    assert jokowi.kind == "name" and "pantau:per/joko-widodo" in jokowi.entity_ids
    assert resolve_actor("Q7747").kind == "entity" and "Vladimir Putin" in resolve_actor("Q7747").description
    assert resolve_actor("rus").kind == "name" and resolve_actor("rus").entity_ids == ()
    assert resolve_actor("TURMIL").description == (
        "TURMIL = actor code TURMIL (Turkey military) and the codes that start with it")
    assert resolve_actor("  ") is None


def test_api_answers_say_how_the_filter_was_read(client):
    body = client.get("/api/events?actor=RUS&party=Rusia").json()
    assert body["resolved"]["actor"]["kind"] == "code" and "Russia" in body["resolved"]["actor"]["description"]
    assert body["resolved"]["party"]["code"] == "RUS"
    assert "resolved" not in client.get("/api/events").json()
    arts = client.get("/api/articles?actor=rus").json()
    assert arts["total"] == 0 and arts["resolved"]["actor"]["kind"] == "name"
    assert client.get("/api/timeline?party=RUS").json()["resolved"]["party"]["code"] == "RUS"
    assert client.get("/api/network?actor=Jokowi").json()["resolved"]["actor"]["kind"] == "name"
    assert client.get("/api/map?actor=TUR").json()["resolved"]["actor"]["code"] == "TUR"


# ---------------------------------------------------------------------- 2. search

def test_the_query_is_parsed_once():
    q = parse_search('"gencatan senjata" Idlib, -turki -"kota Idlib" "')
    assert q.words == ("Idlib",) and q.phrases == (("gencatan", "senjata"),)
    assert q.not_words == ("turki",) and q.not_phrases == (("kota", "Idlib"),)
    assert parse_search("gencatan senjata").phrase == ("gencatan", "senjata")
    assert not parse_search(' "" - ')


@pytest.mark.parametrize("store", ["st", "scan"])
def test_every_word_must_occur_and_phrases_rank_first(store, request):
    s = request.getfixturevalue(store)

    def found(q):
        return [r["id"] for r in s.search(q)]

    both = found("gencatan senjata")
    assert set(both) == {"phrase", "phrase_turki", "apart", TR.id}
    assert "one_word" not in both and "substring" not in both  # only one word, or parts of words
    assert set(both[:3]) == {"phrase", "phrase_turki", TR.id}  # the words side by side first
    assert found('"gencatan senjata"') and set(found('"gencatan senjata"')) == {"phrase", "phrase_turki", TR.id}
    assert set(found('"gencatan senjata" -turki')) == {"phrase"}  # TR's title and text say Turki
    assert found('gencatan -"gencatan senjata"') == ["apart"]
    assert found('"senjata gencatan"') == []
    rows, total = s.articles(q='"gencatan senjata" -turki')
    assert total == 1 and rows[0]["id"] == "phrase"


def test_search_snippet_and_highlights_mark_the_phrase(st, client):
    hit = next(r for r in st.search('"gencatan senjata"') if r["id"] == "phrase_turki")
    marked = [hit["snippet"][a:b] for a, b in hit["highlights"]]
    assert "gencatan senjata" in [" ".join(m.split()) for m in marked]
    body = client.get("/api/search", params={"q": "gencatan senjata -turki"}).json()
    assert [h["id"] for h in body["items"]][0] == "phrase" and body["items"][0]["exact"] is True
    assert {h["id"] for h in body["items"]} == {"phrase", "apart"}
    first = body["items"][0]
    assert [first["snippet"][a:b] for a, b in first["highlights"]] == ["gencatan senjata"]
    assert client.get("/api/articles", params={"q": "gencatan senjata"}).json()["total"] == 4


# ---------------------------------------------------------------------- 3. export

def test_gdelt_sourceurl_is_the_url_or_the_source_name(st):
    out = io.StringIO()
    export(st, "gdelt", out)
    urls = {row[0]: row[60] for row in csv.reader(io.StringIO(out.getvalue()), delimiter="\t")}
    by_doc = {ev["doc_id"]: urls[str(event_id_int(ev["doc_id"], ev["id"]))] for ev in st.events()}
    assert by_doc[TR.id] == TR.url
    assert by_doc["decoys"] == "lokal.jsonl"  # not /home/reporter/private/feeds/...
    assert by_doc[PR.id] == "tempo.jsonl"
    out = io.StringIO()
    export(st, "plover", out, doc="decoys")
    cite = json.loads(out.getvalue().splitlines()[0])["cite_info"]
    assert cite["corpus"] == "lokal.jsonl" and cite["url"] == "lokal.jsonl"


# ---------------------------------------------------------------------- 4. the API

LISTS = ["/api/events", "/api/entities", "/api/articles", "/api/quotes", "/api/search?q=senjata", "/api/map"]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_one_shape(client, url):
    body = client.get(url).json()
    assert {"total", "limit", "offset", "next_offset", "items"} <= set(body), url
    assert isinstance(body["items"], list)


def test_the_map_pages(client):
    body = client.get("/api/map?limit=1").json()
    assert body["total"] >= 3 and len(body["items"]) == 1 and body["next_offset"] == 1
    assert client.get("/api/map?limit=1&offset=1").json()["items"][0] != body["items"][0]


def get_paths(client):
    spec = client.get("/api/openapi.json").json()
    return {p: [q["name"] for q in m["get"].get("parameters", []) if q["in"] == "query"]
            for p, m in spec["paths"].items() if "get" in m}


def test_unknown_parameters_are_422_naming_them(client):
    paths = get_paths(client)
    for path, names in paths.items():
        url = path.replace("{entity_id}", "Q159").replace("{doc_id}", TR.id[:8])
        r = client.get(url, params={"actr": "RUS"})
        assert r.status_code == 422, (path, r.status_code)
        error = r.json()["error"]
        assert "'actr'" in error and all(n in error for n in names), (path, error)
    error = client.get("/api/events?form=2017").json()["error"]
    assert error.startswith("'form': unknown parameter") and " from," in error  # an alias by its name
    assert client.get("/api/events?from=2017&party=RUS").status_code == 200


def test_sort_events_and_articles(st, client):
    assert [r["goldstein"] for r in st.events(sort="-goldstein")] == sorted(
        (r["goldstein"] for r in st.events()), reverse=True)
    newest = [r["date_start"] for r in st.events(sort="-date") if r["date_start"]]
    assert newest == sorted(newest, reverse=True) and st.events(sort="date") == st.events()
    with pytest.raises(ValueError):
        st.events(sort="actor")
    body = client.get("/api/events?sort=goldstein&limit=1000").json()
    scores = [e["goldstein"] for e in body["items"] if e["goldstein"] is not None]
    assert scores == sorted(scores) and body["total"] == st.count_events()
    assert [e["event_type"] for e in client.get("/api/events?sort=type&limit=1000").json()["items"]] == sorted(
        e["event_type"] for e in st.events())
    error = client.get("/api/events?sort=newest").json()["error"]
    assert "sort" in error and "-goldstein" in error
    oldest = [a["published"] for a in client.get("/api/articles?sort=date&limit=100").json()["items"]]
    assert oldest == sorted(oldest)
    assert client.get("/api/articles").json()["items"][0]["published"] == max(oldest)  # default newest first
    assert client.get("/api/articles?sort=relevance&q=gencatan%20senjata").json()["items"][0]["exact"] is True
    assert client.get("/api/articles?sort=goldstein").status_code == 422


def test_head_wherever_get(client):
    for path in get_paths(client):
        url = path.replace("{entity_id}", "Q159").replace("{doc_id}", TR.id[:8])
        if path == "/api/search":
            url += "?q=senjata"
        if path == "/api/export":
            url += "?format=csv"
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code == 200, (path, head.status_code, got.status_code)
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path
    assert client.head("/api/events?actr=1").status_code == 422
    assert client.head("/api/articles/ffffffffffff").status_code == 404


def test_store_level_sort_and_explanation_for_the_cli(st):
    from pantau.store.query import explain_actor

    assert explain_actor("Rusia").startswith("Rusia = Russia in the knowledge base = country code RUS")
    assert explain_actor(None) is None
    assert [r["id"] for r in st.timeline(actor="TUR", sort="-date")] == ["ev1", "ev0"]  # 2017-11-05, 2017-11
    assert [r["id"] for r in st.search("gencatan senjata", sort="date")][0] == TR.id  # the oldest article
