"""Inferred years (issue 21, item 3) downstream of the time stage: the store says which event
dates rest on one and can leave them out (charts), the CLI and the web UI show them as such."""

from __future__ import annotations

from datetime import date

from factories import turkey_russia_doc
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pantau.model import event_date_inferred
from pantau.store import Store, iso_range

INFERRED = ["year_inferred", "year_from_text_dates"]


def inferred_doc():
    """The factory article with its one time value ("Senin (5/11/2017)", the date of event ev1)
    marked as an inferred year; ev0 is dated by another expression ("November")."""
    doc = turkey_russia_doc()
    doc.time_values[0].flags = list(INFERRED)
    return doc


def test_event_date_inferred_follows_the_value_it_came_from():
    doc = inferred_doc()
    assert [e.id for e in doc.events if event_date_inferred(doc, e)] == ["ev1"]
    assert not any(event_date_inferred(turkey_russia_doc(), e) for e in turkey_russia_doc().events)


def test_store_marks_and_can_leave_out_inferred_dates(tmp_path):
    with Store(tmp_path / "t.duckdb") as st:
        st.write_document(inferred_doc())
        rows = {r["id"]: r for r in st.events()}
        assert (rows["ev1"]["date_inferred"], rows["ev0"]["date_inferred"]) == (True, False)
        assert [r["id"] for r in st.events(inferred=False)] == ["ev0"]
        assert st.count_events(inferred=False) == 1 and st.count_events() == 2
        assert st.document(rows["ev1"]["doc_id"]).time_values[0].confidence == 0.8  # from the stored flags


def test_cli_and_api_show_and_filter_inferred_dates(tmp_path):
    from pantau.cli import app
    from pantau.web.app import create_app

    db = tmp_path / "t.duckdb"
    with Store(db) as st:
        st.write_document(inferred_doc())
    out = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "csv"]).output
    assert "2017-11-05 (inferred)" in out and "2017-11 (inferred)" not in out
    out = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "csv", "--no-inferred"]).output
    assert "2017-11-05" not in out
    client = TestClient(create_app(db))
    events = client.get("/api/events").json()["items"]
    assert {e["id"]: e["date_inferred"] for e in events} == {"ev0": False, "ev1": True}
    assert [e["id"] for e in client.get("/api/events?inferred=false").json()["items"]] == ["ev0"]
    page = client.get(f"/articles/{events[0]['doc_id']}").text
    assert "(inferred)" in page and "date-inferred" in page


def test_half_years_have_a_date_range():
    assert iso_range("2020-H1") == (date(2020, 1, 1), date(2020, 6, 30))
    assert iso_range("2020-H2") == (date(2020, 7, 1), date(2020, 12, 31))


def test_an_undated_event_rests_on_no_inferred_year(tmp_path):
    """The store and the model agree: an event with no date is not "inferred", even in an article
    whose values are, and ``inferred=False`` keeps it."""
    doc = inferred_doc()
    undated = doc.events[0]
    undated.date = undated.date_granularity = undated.date_text = None
    assert not event_date_inferred(doc, undated)
    with Store(tmp_path / "t.duckdb") as st:
        st.write_document(doc)
        rows = {r["id"]: r for r in st.events()}
        assert rows[undated.id]["date_inferred"] is False
        assert undated.id in [r["id"] for r in st.events(inferred=False)]
