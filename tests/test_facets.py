"""Facets, the new event filters, autocomplete and the automatic histogram step (issue 23):
every facet count is the number of events a click on it would list."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from pantau.store import Store
from pantau.store.explore import FACETS, auto_granularity
from pantau.web import schemas
from pantau.web.app import create_app


@pytest.fixture(scope="module")
def client(seed_db):
    return TestClient(create_app(seed_db, cache=False))


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    return r.json()


def total(client, params: dict) -> int:
    return get(client, "/api/events?" + urlencode({**params, "limit": 1}))["total"]


@pytest.mark.parametrize("filters", [{}, {"type": "ASSAULT"}, {"party": "RUS"}, {"quad_class": 4, "country": "SYR"},
                                     {"modality": "asserted", "sector": "GOV"}])
def test_facet_counts_are_what_a_click_lists(client, filters):
    answer = get(client, "/api/events/facets?" + urlencode(filters))
    schemas.Facets.model_validate(answer)
    assert set(answer["facets"]) == set(FACETS)
    assert answer["total"] == total(client, filters)
    assert any(answer["facets"].values())
    for facet, items in answer["facets"].items():
        others = {k: v for k, v in filters.items() if k != facet}  # the facet's own filter left out
        counts = [i["count"] for i in items if not i["active"] or i["count"]]
        assert counts == sorted(counts, reverse=True)  # most events first
        for i in items:
            assert i["count"] == total(client, {**others, facet: i["value"]}), (facet, i)
            assert i["active"] == (str(filters.get(facet, "")).lower() == str(i["value"]).lower())
        if facet in filters:  # the active value is always there
            assert sum(i["active"] for i in items) == 1


def test_facets_leave_their_own_filter_out(client):
    every = get(client, "/api/events/facets")["facets"]["type"]
    with_type = get(client, "/api/events/facets?type=ASSAULT")["facets"]["type"]
    assert [(i["value"], i["count"]) for i in every] == [(i["value"], i["count"]) for i in with_type]
    assert [i["value"] for i in with_type if i["active"]] == ["ASSAULT"]
    quads = get(client, "/api/events/facets?type=ASSAULT")["facets"]["quad_class"]
    assert [i["value"] for i in quads] == [4] and quads[0]["label"] == "material conflict"


def test_store_facets_match_direct_counts(seed_db):
    with Store(seed_db, read_only=True) as st:
        facets = st.event_facets(event_type="CONSULT")
        for i in facets["country"]:
            n = st.con.execute("""SELECT count(DISTINCT (e.doc_id, e.id)) FROM events e JOIN event_actors x
                                  ON x.doc_id = e.doc_id AND x.event_id = e.id
                                  WHERE upper(e.event_type) = 'CONSULT' AND x.country = ?""", [i["value"]]).fetchone()[0]
            assert i["count"] == n
        assert facets["country"] and facets["country"][0]["label"] not in (None, "")  # RUS → Russia
        assert any(i["label"] == "Russia" for i in facets["country"])


def test_new_event_filters(client):
    for params, check in [
        ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
        ({"modality": "asserted"}, lambda e: e["modality"] == "asserted"),
        ({"country": "RUS"}, lambda e: any(a["country"] == "RUS" for a in e["actors"] + e["recipients"])),
        ({"sector": "GOV"}, lambda e: any(a["sector"] == "GOV" for a in e["actors"] + e["recipients"])),
    ]:
        items = get(client, "/api/events?" + urlencode({**params, "limit": 1000}))["items"]
        everything = get(client, "/api/events?limit=1000")["items"]
        assert items and all(map(check, items)), params
        assert len(items) == sum(map(check, everything)), params  # and every such event
    for bad in ("quad_class=5", "quad_class=x", "modality=maybe", "country=" + "X" * 20):
        assert "error" in get(client, "/api/events?" + bad, 422)
        assert "error" in get(client, "/api/events/facets?" + bad, 422)
    assert get(client, "/api/timeline?quad_class=4")["buckets"]  # every event endpoint takes them
    assert get(client, "/api/map?country=RUS")["total"] >= 0


def test_actor_semantics_unchanged(client):
    """The facet filters are their own conditions: actor=RUS still means what resolve_actor says."""
    answer = get(client, "/api/events?actor=RUS")
    assert answer["resolved"]["actor"]["kind"] == "code"
    assert answer["total"] == total(client, {"actor": "RUS"})


def test_suggest(client):
    rusia = get(client, "/api/suggest?q=Rusia&kind=actor")
    schemas.Suggestions.model_validate(rusia)
    first = rusia["items"][0]
    assert (first["value"], first["kind"]) == ("RUS", "country")
    assert first["resolves"].startswith("RUS = country code RUS (Russia)")
    jokowi = get(client, "/api/suggest?q=Jokowi")["items"]
    hit = next(s for s in jokowi if s["id"] == "pantau:per/joko-widodo")
    assert hit["value"] == "Joko Widodo" and "joko-widodo" in hit["resolves"]
    assert len(get(client, "/api/suggest?q=a")["items"]) <= 10
    assert len(get(client, "/api/suggest?q=Ru&limit=3")["items"]) <= 3
    assert get(client, "/api/suggest?q=")["items"] == []
    putin = get(client, "/api/suggest?q=Putin&kind=entity")["items"]
    assert putin and putin[0]["id"] == "Q7747" and putin[0]["events"] > 0  # entities of this store
    rus = get(client, "/api/suggest?q=RUSG")["items"]
    assert any(s["kind"] == "code" and s["value"] == "RUSGOV" for s in rus)
    assert "error" in get(client, "/api/suggest?q=x&kind=planet", 422)
    assert "error" in get(client, "/api/suggest?q=x&actor=RUS", 422)  # no such parameter
    for hostile in ("'", "\\", "(?i)", "%", "a'b(", "🙂"):
        assert get(client, "/api/suggest?" + urlencode({"q": hostile}))["items"] is not None


def test_timeline_picks_its_step(client):
    auto = get(client, "/api/timeline?granularity=auto")
    assert auto["granularity"] in ("day", "week", "month", "year")
    again = get(client, f"/api/timeline?granularity={auto['granularity']}")
    assert auto["buckets"] == again["buckets"]
    assert auto_granularity(None, None) == "month"
    from datetime import date
    assert auto_granularity(date(2019, 3, 1), date(2019, 3, 20)) == "day"
    assert auto_granularity(date(2019, 1, 1), date(2019, 9, 1)) == "week"
    assert auto_granularity(date(2015, 1, 1), date(2019, 9, 1)) == "month"
    assert auto_granularity(date(1950, 1, 1), date(2019, 9, 1)) == "year"


def test_article_facets(seed_db, client):
    with Store(seed_db, read_only=True) as st:
        facets = st.article_facets(event_type="ASSAULT")
        for facet, key in (("outlet", "outlet"), ("type", "event_type")):
            assert facets[facet]
            for i in facets[facet]:
                others = {"event_type": "ASSAULT"} if facet != "type" else {}
                assert i["count"] == st.articles(**{**others, key: i["value"]}, limit=1)[1], (facet, i)
    html = client.get("/?type=ASSAULT").text
    assert 'data-facet="outlet"' in html and 'data-facet="type"' in html
