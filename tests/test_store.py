from datetime import date

import duckdb
import pytest
from factories import bulk_doc, protest_doc, turkey_russia_doc

from pantau.store import SCHEMA_VERSION, Store, iso_range
from pantau.store import store as store_mod


@pytest.fixture
def st(tmp_path):
    s = Store(tmp_path / "t.duckdb")
    s.write_document(turkey_russia_doc())
    s.write_document(protest_doc())
    yield s
    s.close()


def ids(rows):
    return sorted((r["doc_id"][:4], r["id"]) for r in rows)


TR = turkey_russia_doc().id[:4]
PR = protest_doc().id[:4]


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize("value, expected", [
    ("2023-02-02", (date(2023, 2, 2), date(2023, 2, 2))),
    ("2023-02-02T10:30:00+07:00", (date(2023, 2, 2), date(2023, 2, 2))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2018-W52", (date(2018, 12, 24), date(2018, 12, 30))),
    ("2011", (date(2011, 1, 1), date(2011, 12, 31))),
    ("2018-Q2", (date(2018, 4, 1), date(2018, 6, 30))),
    ("2018-12-24/2018-12-30", (date(2018, 12, 24), date(2018, 12, 30))),
    ("2017-11/2018", (date(2017, 11, 1), date(2018, 12, 31))),
    ("kemarin", (None, None)),
    ("2018-13", (None, None)),
    (None, (None, None)),
])
def test_iso_range(value, expected):
    assert iso_range(value) == expected


# ---------------------------------------------------------------- schema
def test_schema_created_and_versioned(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        tables = {r[0] for r in s.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert {"meta", "articles", "sentences", "mentions", "entities", "time_values", "events",
                "event_actors", "quotes"} <= tables
        assert s.schema_version() == SCHEMA_VERSION
        types = dict(s.con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'events'").fetchall())
        assert types["date_start"] == "DATE" and types["goldstein"] == "DOUBLE"
        assert types["reported_by"] == "VARCHAR[]"
    with Store(path) as s:  # reopening keeps one version row
        assert s.con.execute("SELECT count(*) FROM meta WHERE key = 'schema_version'").fetchone()[0] == 1
        s.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(RuntimeError, match="schema version 999"):
        Store(path)


def test_read_only_store_cannot_write(tmp_path):
    path = tmp_path / "r.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as s:
        with pytest.raises(duckdb.Error):
            s.write_document(protest_doc())


# ---------------------------------------------------------------- writes
def test_round_trip_equality(st):
    for doc in (turkey_russia_doc(), protest_doc()):
        back = st.document(doc.id)
        assert back == doc
        assert back.raw_text == doc.raw_text  # raw text is stored too
    assert st.document(TR) == turkey_russia_doc()  # unique prefix
    assert st.document("nope") is None


def test_ambiguous_prefix(tmp_path):
    with Store(tmp_path / "a.duckdb") as s:
        s.write_document(protest_doc(id="abc1"))
        s.write_document(turkey_russia_doc(id="abc2"))
        with pytest.raises(LookupError):
            s.document("abc")
        assert s.document("abc1").id == "abc1"


def test_idempotent_rewrite(st):
    before = st.stats()
    assert st.write_document(turkey_russia_doc()) is False
    assert st.write_documents([protest_doc(), turkey_russia_doc()]) == 0
    assert st.stats() == before
    assert st.has_article(turkey_russia_doc().id)


def test_write_documents_batch_dedups(tmp_path):
    with Store(tmp_path / "b.duckdb") as s:
        docs = [bulk_doc(i) for i in range(5)]
        assert s.write_documents(docs + docs[:2]) == 5
        assert s.stats()["articles"] == 5
        assert s.stats()["mentions"] == 5 * 30
        assert s.document(docs[3].id) == docs[3]


def test_crash_mid_article_leaves_nothing(st, monkeypatch):
    doc = bulk_doc(1)
    before = st.stats()
    real_insert = Store._insert

    def failing_insert(self, table, rows):
        if table == "events":  # articles, sentences, mentions ... already inserted by now
            raise RuntimeError("disk on fire")
        return real_insert(self, table, rows)

    monkeypatch.setattr(Store, "_insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk on fire"):
        st.write_document(doc)
    assert st.stats() == before
    for table in ("sentences", "mentions", "time_values", "events", "event_actors", "quotes"):
        assert st.con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [doc.id]).fetchone()[0] == 0
    assert not st.has_article(doc.id)
    monkeypatch.setattr(Store, "_insert", real_insert)
    assert st.write_document(doc) is True  # the connection is usable again
    assert st.document(doc.id) == doc


def test_entities_upserted_from_mentions(st):
    rows = {r["id"]: r for r in st.entities()}
    assert rows["Q6081347"]["canonical_name"] == "Hulusi Akar"
    assert rows["Q6081347"]["mentions"] == 2 and rows["Q6081347"]["documents"] == 1
    assert rows["Q3630"]["type"] == "GPE"
    assert [r["id"] for r in st.entities(type="PER")] == ["Q6081347"]
    assert [r["id"] for r in st.entities(name="russ")] == ["Q159"]
    assert len(st.entities(limit=2)) == 2


# ---------------------------------------------------------------- event filters
def test_actor_filters(st):
    assert ids(st.events(actor="TUR")) == [(TR, "ev0"), (TR, "ev1")]  # TURMIL and TUR
    assert ids(st.events(actor="turmil")) == [(TR, "ev0")]
    assert ids(st.events(actor="akar")) == [(TR, "ev0")]  # span / canonical-name substring
    assert ids(st.events(actor="Q43")) == [(TR, "ev1")]  # entity id
    assert ids(st.events(actor="IDN")) == [(PR, "ev0"), (PR, "ev1")]  # country code
    assert ids(st.events(recipient="RUS")) == [(TR, "ev0")]
    assert ids(st.events(actor="RUS", recipient="TUR")) == []
    assert st.events(actor="ZZZ") == []


def test_type_outlet_and_limit(st):
    assert ids(st.events(event_type="accuse")) == [(TR, "ev0")]
    assert ids(st.events(outlet="tempo")) == [(PR, "ev0"), (PR, "ev1")]
    assert len(st.events(limit=1)) == 1


def test_date_filters_with_partial_dates(st):
    # a month-granular event (2017-11) overlaps a one-day window inside that month
    assert ids(st.events(date_from="2017-11-05", date_to="2017-11-05")) == [(TR, "ev0"), (TR, "ev1")]
    assert ids(st.events(date_from="2017-11-06", date_to="2017-11-30")) == [(TR, "ev0")]
    assert ids(st.events(date_from="2017-12")) == [(PR, "ev1")]  # the 2019-W39 event; undated one never matches
    assert ids(st.events(date_from="2019-09-25", date_to="2019-09")) == [(PR, "ev1")]
    assert ids(st.events(date_to="2016")) == []
    with pytest.raises(ValueError):
        st.events(date_from="last week")


def test_event_rows_carry_actors_and_article(st):
    ev = next(r for r in st.events(actor="TURMIL"))
    assert ev["actors"] == [{"code": "TURMIL", "country": "TUR", "sector": "MIL", "entity_id": "Q6081347",
                             "text": "Hulusi Akar"}]
    assert ev["recipients"][0]["code"] == "RUS"
    assert ev["outlet"] == "Kompas" and ev["url"].startswith("https://")
    assert ev["date_start"] == date(2017, 11, 1) and ev["date_end"] == date(2017, 11, 30)


def test_timeline_order_unknown_last(st):
    rows = st.timeline()
    assert [(r["doc_id"][:4], r["id"]) for r in rows] == [(TR, "ev0"), (TR, "ev1"), (PR, "ev1"), (PR, "ev0")]
    assert rows[-1]["date"] is None
    # actor or recipient
    assert [r["id"] for r in st.timeline(actor="RUS")] == ["ev0", "ev1"]
    assert [r["id"] for r in st.timeline(actor="IDNGOV")] == ["ev0"]


def test_quotes(st):
    rows = st.quotes(speaker="akar")
    assert len(rows) == 1 and rows[0]["text"] == "Kami tidak akan mundur," and rows[0]["cue"] == "kata"
    assert st.quotes(speaker="Q6081347")[0]["speaker_name"] == "Hulusi Akar"
    assert st.quotes(doc=PR) == []
    assert len(st.quotes(doc=TR)) == 1


# ---------------------------------------------------------------- search
def test_search_finds_indonesian_word_and_ranks(st):
    st.write_document(protest_doc(id="many", clean_text="Gencatan senjata. Gencatan senjata lagi, gencatan.",
                                  title="gencatan", raw_text="x"))
    rows = st.search("gencatan")
    assert [r["id"] for r in rows][:2] == ["many", turkey_russia_doc().id]
    assert rows[0]["score"] > rows[1]["score"] > 0
    assert "encatan" in rows[1]["snippet"].lower()
    assert {"id", "title", "outlet", "published", "score", "snippet"} <= set(rows[0])
    assert st.search("mahasiswa")[0]["id"] == protest_doc().id
    assert [r["id"] for r in st.search("tuduhan")] == [turkey_russia_doc().id]  # stem of "menuduh"
    assert st.search("kapal selam") == []
    assert len(st.search("gencatan", limit=1)) == 1


def test_search_index_tracks_new_writes(st):
    assert st.search("Surabaya") == []
    st.write_document(protest_doc(id="sby", clean_text="Banjir melanda Surabaya.", raw_text="y"))
    assert [r["id"] for r in st.search("surabaya")] == ["sby"]


def test_search_read_only_without_index_falls_back(tmp_path):
    path = tmp_path / "ro.duckdb"
    with Store(path) as s:
        s.write_document(turkey_russia_doc())
    with Store(path, read_only=True) as s:
        rows = s.search("gencatan")
        assert [r["id"] for r in rows] == [turkey_russia_doc().id]


def test_fts_extension_is_the_packaged_file():
    path = store_mod.fts_extension_path()
    assert path is not None and path.name == "fts.duckdb_extension" and path.exists()


def test_stats(st):
    s = st.stats()
    assert s["articles"] == 2 and s["events"] == 4 and s["event_actors"] == 8 and s["quotes"] == 1
    assert s["events_undated"] == 1 and s["event_types"]["ACCUSE"] == 1
    assert s["events_from"] == "2017-11-01" and s["published_to"] == "2019-09-24"


def test_document_found_by_part_of_its_source_path(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        a, b = turkey_russia_doc(), protest_doc()
        a.source, b.source = "examples/001_7cbe7c7a494aa669.txt", "examples/002_258eaaf11915b710.txt"
        s.write_documents([a, b])
        assert s.resolve_doc_id("001_7cbe") == a.id
        assert s.document("002_258eaaf11915b710.txt").id == b.id
        with pytest.raises(LookupError):
            s.resolve_doc_id("examples/")  # both match: say so rather than pick one
        assert s.resolve_doc_id("no-such-file") is None
