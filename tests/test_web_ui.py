"""The HTML pages without a browser: filter chips and hidden filters, names before codes,
titles cut at a word (issue 23)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from pantau.web.app import create_app
from pantau.web.pages import filter_chips, participants, shorten


@pytest.fixture(scope="module")
def client(seed_db):
    return TestClient(create_app(seed_db, cache=False))


def test_shorten_cuts_at_a_word():
    text = "Turki menyatakan pada Jumat pihaknya berbicara dengan semua pihak dalam konflik Suriah"
    out = shorten(text, 40)
    assert out.endswith("…") and len(out) <= 41
    assert text.startswith(out[:-1]) and text[len(out) - 1] == " "  # the cut is at a space
    assert shorten("pendek", 40) == "pendek"


def test_chips_link_to_the_page_without_the_filter():
    chips = filter_chips("/events", {"party": "RUS", "type": "ASSAULT", "granularity": "year"})
    assert [c["name"] for c in chips] == ["party", "type"]  # granularity is a setting, not a filter
    assert chips[0]["href"] == "/events?type=ASSAULT&granularity=year"
    assert filter_chips("/", {"q": "x"})[0]["href"] == "/"


def test_participants_names_first_and_once():
    actors = [{"code": "SYRREB", "text": "pemberontak", "entity_id": None},
              {"code": "SYRREB", "text": "pemberontak", "entity_id": None},
              {"code": "RUSGOV", "text": "Putin", "entity_id": "Q7747"},
              {"code": "RUSGOV", "text": "Vladimir Putin", "entity_id": "Q7747"},
              {"code": "USAGOV", "text": "ia", "entity_id": "Q22686"}]
    out = participants(actors)
    assert [(p["text"], p["code"]) for p in out] == [("pemberontak", "SYRREB"), ("Vladimir Putin", "RUSGOV"), ("ia", "USAGOV")]
    assert out[2]["name"] == "Donald Trump"  # a pronoun with whom it stands for
    assert out[1]["name"] is None
    assert participants([{"code": "RUS", "text": "Rusia", "entity_id": "Q159"}])[0]["name"] is None  # a spelling, not a stand-in


def test_a_filter_without_a_field_travels_with_the_form(client):
    html = client.get("/events?party=RUS&type=ASSAULT").text
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group()
    assert '<input type="hidden" name="party" value="RUS">' in form
    assert 'name="type" value="ASSAULT"' not in form  # the type has its own field
    assert re.search(r'class="filter-chip" data-param="party" href="/events\?type=ASSAULT"', html)


def test_event_rows_show_names_codes_and_descriptions(client):
    html = client.get("/events").text
    assert "Vladimir Putin</a> <span class=\"code tip\"" in html
    assert 'title="CAMEO 192: ' in html
    assert "Goldstein" in html and "material conflict" in html


def test_article_page(client):
    html = client.get("/articles/5bb368b2").text
    h1 = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert h1.endswith("Idlib…")  # cut at a word
    assert 'class="stands-for"' in html
    assert "/tmp/" not in html and "examples/" not in html  # no server path: the file name only
    assert "style=" not in html and " onclick=" not in html


def test_events_newest_first_and_sortable(client):
    html = client.get("/events").text
    dates = re.findall(r'<td class="nowrap" data-key="(\d{4}[^"]*)"', html)
    years = [d[:4] for d in dates]
    assert years and years == sorted(years, reverse=True)  # newest first by default
    assert '<a class="sort" href="?sort=date"' in html
    sorted_html = client.get("/events?sort=goldstein&type=ASSAULT").text
    assert '<input type="hidden" name="sort" value="goldstein">' in sorted_html  # the order survives Filter
    assert "format=csv&amp;type=ASSAULT\"" in sorted_html  # but is not sent to the export (no such parameter)
    assert client.get("/api/timeline?party=RUS").status_code == 200
    assert 'data-src="/api/timeline?party=RUS"' in client.get("/timeline?party=RUS&sort=type").text


def test_page_numbers_and_page_size(client):
    from pantau.web.pages import pager

    p = pager(total=1000, offset=250, size=50)  # page 6 of 20
    numbers = [n["number"] if n else None for n in p["pages"]]
    assert numbers == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert [n["number"] for n in p["pages"] if n and n["current"]] == [6]
    assert pager(total=10, offset=0, size=50)["pages"] == []  # one page: no numbers
    html = client.get("/events?limit=2&offset=2&type=ASSAULT").text
    assert '<span class="page current" aria-current="page">2</span>' in html
    assert re.search(r'<a class="page" href="\?limit=2&amp;type=ASSAULT&amp;offset=0">1</a>', html)  # the size is kept
    assert re.search(r'<a href="\?limit=2&amp;type=ASSAULT&amp;offset=4" rel="next">', html)
    rows = re.findall(r'<td class="nowrap" data-key=', html)
    assert len(rows) == 2
    select = re.search(r'<select name="limit" data-autosubmit>(.*?)</select>', html).group(1)
    assert re.findall(r">(\d+)</option>", select) == ["2", "25", "50", "100", "200"]
    assert '<option selected>2</option>' in html  # a size from the URL is shown as chosen
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group()
    assert '<input type="hidden" name="limit" value="2">' in form  # pressing Filter keeps the size
    assert "limit=" not in re.search(r'format=csv[^"]*"', html).group()  # the export is not cut to a page
    assert client.get("/events?limit=500").status_code == 422
    articles = client.get("/?limit=2").text
    assert len(re.findall(r'<a class="title"', articles)) == 2 and 'class="page current"' in articles


def test_events_page_facets(client):
    html = client.get("/events?type=ASSAULT").text
    for facet in ("type", "quad_class", "modality", "outlet", "country", "sector", "location"):
        assert f'data-facet="{facet}"' in html
    active = re.search(r'<li class="on"><a href="([^"]*)" data-value="ASSAULT"', html)
    assert active and "type=" not in active.group(1)  # the active value removes its filter
    consult = re.search(r'<a href="([^"]*)" data-value="CONSULT"', html).group(1)
    assert "type=CONSULT" in consult and "ASSAULT" not in consult
    assert re.search(r'href="\?type=ASSAULT&amp;quad_class=4" data-value="4"', html)
    chip = client.get("/events?quad_class=4").text
    assert 'data-param="quad_class"' in chip and "material conflict</b>" in chip  # the chip says what 4 is
    assert "style=" not in html and " onclick=" not in html


def test_actor_filter_shows_what_it_resolved_to(client):
    html = client.get("/events?actor=Rusia&party=Q7747").text
    assert '<li data-param="actor"><span class="dim">actor:</span> Rusia = Russia in the knowledge base = country code RUS' in html
    assert '<li data-param="party">' in html
    assert 'data-suggest="actor"' in html and 'id="events-histogram"' in html
    assert 'data-src="/api/timeline?granularity=auto&amp;actor=Rusia&amp;party=Q7747"' in html


@pytest.mark.parametrize("path", ["/", "/events?type=CONSULT", "/timeline?party=RUS", "/network", "/map", "/entities"])
def test_pages_answer_head_like_get(client, path):
    """HEAD on a page: GET's status and headers (length included), no body; a bad parameter is
    the same 422."""
    plain = {"accept-encoding": "identity"}
    got, head = client.get(path, headers=plain), client.head(path, headers=plain)
    assert head.status_code == got.status_code == 200
    assert head.content == b"" and head.headers["content-length"] == got.headers["content-length"]
    if path != "/entities":  # (the entities page has no date filter)
        assert client.head(path.split("?")[0] + "?from=banana", headers=plain).status_code == 422


def test_basemap_draws_indonesia_finely():
    """The shipped basemap takes Southeast Asia from Natural Earth's 1:50m layer (build_basemap's
    REGION): Indonesia's islands, not the 13 polygons of 1:110m, and Singapore at all."""
    import json
    from pathlib import Path

    from pantau.web.build_basemap import OUT, REGION

    features = {f["properties"]["name"]: f for f in json.loads(Path(OUT).read_text(encoding="utf-8"))["features"]}
    assert REGION <= set(features)
    assert len(features["Indonesia"]["geometry"]["coordinates"]) > 100
    assert len(features) > 170  # the rest of the world is still there
