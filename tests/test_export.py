import csv
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest
from factories import protest_doc, turkey_russia_doc

from pantau.export import GDELT_COLUMNS, event_id_int, export
from pantau.store import Store

TR = turkey_russia_doc()
PR = protest_doc()


@pytest.fixture
def st(tmp_path):
    s = Store(tmp_path / "t.duckdb")
    s.write_document(TR)
    s.write_document(PR)
    yield s
    s.close()


def run(st, fmt, **kw):
    buf = io.StringIO()
    n = export(st, fmt, buf, **kw)
    return n, buf.getvalue()


def gdelt_rows(text):
    return [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in text.splitlines()]


def test_gdelt_columns_and_codes(st):
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[-3:] == ("ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")
    n, text = run(st, "gdelt")
    lines = text.splitlines()
    assert n == len(lines) == 4
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert not lines[0].startswith("GLOBALEVENTID")  # no header by default, as GDELT ships it
    rows = {r["EventCode"]: r for r in gdelt_rows(text)}
    accuse = rows["1123"]
    assert accuse["EventBaseCode"] == "112" and accuse["EventRootCode"] == "11"
    assert accuse["Actor1Code"] == "TURMIL" and accuse["Actor1CountryCode"] == "TUR"
    assert accuse["Actor1Type1Code"] == "MIL" and accuse["Actor1Name"] == "HULUSI AKAR"
    assert accuse["Actor2Code"] == "RUS" and accuse["Actor2Name"] == "RUSSIA"
    assert accuse["QuadClass"] == "3" and float(accuse["GoldsteinScale"]) == -4.4
    assert accuse["IsRootEvent"] == "1" and accuse["NumArticles"] == "1"
    assert accuse["SQLDATE"] == "20171101" and accuse["MonthYear"] == "201711" and accuse["Year"] == "2017"
    assert accuse["ActionGeo_FullName"] == "Idlib" and accuse["ActionGeo_FeatureID"] == "169389"
    assert float(accuse["ActionGeo_Lat"]) == 35.93 and accuse["ActionGeo_Type"] == "4"
    assert accuse["SOURCEURL"] == TR.url and len(accuse["DATEADDED"]) == 14
    assert int(accuse["GLOBALEVENTID"]) == event_id_int(TR.id, "ev0")
    assert rows["043"]["SQLDATE"] == "20171105" and rows["043"]["Actor2Code"] == ""
    assert rows["141"]["SQLDATE"] == "20190924"  # undated event → article's publication date
    assert rows["173"]["SQLDATE"] == "20190923"  # 2019-W39 → its Monday
    assert rows["173"]["SOURCEURL"] == "tempo.jsonl"  # no url → the source, cut to its file name (no server path)
    assert rows["141"]["Actor1Type1Code"] == "EDU"


def test_gdelt_header_zero_fill_and_stable_ids(st):
    _, text = run(st, "gdelt", header=True, zero_fill=True)
    lines = text.splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_COLUMNS
    rows = {r["EventCode"]: r for r in gdelt_rows("\n".join(lines[1:]))}
    assert rows["1123"]["SQLDATE"] == "20171100"
    assert rows["043"]["SQLDATE"] == "20171105"
    ids1 = [r["GLOBALEVENTID"] for r in gdelt_rows(run(st, "gdelt")[1])]
    ids2 = [r["GLOBALEVENTID"] for r in gdelt_rows(run(st, "gdelt")[1])]
    assert ids1 == ids2 and len(set(ids1)) == 4


def test_gdelt_filters(st):
    n, text = run(st, "gdelt", actor="TUR", event_type="ACCUSE")
    assert n == 1 and text.split("\t")[5] == "TURMIL"


def test_plover_jsonl_and_array(st):
    n, text = run(st, "plover")
    recs = [json.loads(line) for line in text.splitlines()]
    assert n == len(recs) == 4
    for r in recs:
        assert {"id", "date", "actor", "recipient", "event", "mode", "context", "text", "pantau"} <= set(r)
        assert isinstance(r["event"], list) and len(r["date"]) == 10
    accuse = next(r for r in recs if r["event"] == ["ACCUSE"])
    assert accuse["date"] == "2017-11-01" and accuse["enddate"] == "2017-11-30"
    assert accuse["actor"][0]["code"] == "TURMIL" and accuse["actor"][0]["sector"] == "MIL"
    assert accuse["actor"][0]["entity_text"] == "Hulusi Akar" and accuse["actor"][0]["identifier_id"] == "Q6081347"
    assert accuse["recipient"][0]["code"] == "RUS"
    assert accuse["context"] == ["military"] and accuse["event_text"] == ["menuduh"]
    assert accuse["quad_code"] == 3 and accuse["event_scale"] == -4.4
    assert accuse["event_loc"]["geonameid"] == 169389 and accuse["event_loc"]["resolved_place"] == "Idlib"
    assert accuse["text_info"]["sequence"] == 0 and accuse["cite_info"]["language"] == "id"
    assert accuse["pantau"]["cameo_code"] == "1123" and accuse["pantau"]["date_granularity"] == "month"
    assert accuse["pantau"]["reported_by"] == ["Kompas"]
    protest = next(r for r in recs if r["event"] == ["PROTEST"])
    assert protest["pantau"]["date_source"] == "published" and protest["date"] == "2019-09-24"
    _, text = run(st, "plover", array=True)
    assert [r["id"] for r in json.loads(text)] == [r["id"] for r in recs]


def test_jsonl_documents(st):
    n, text = run(st, "jsonl")
    docs = [json.loads(line) for line in text.splitlines()]
    assert n == 2 and {d["id"] for d in docs} == {TR.id, PR.id}
    assert next(d for d in docs if d["id"] == TR.id) == json.loads(json.dumps(TR.to_json_dict()))
    assert "raw_text" not in docs[0]
    n, text = run(st, "jsonl", outlet="tempo")
    assert n == 1 and json.loads(text)["id"] == PR.id


def test_csv_events_and_tables(st):
    n, text = run(st, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == 4
    consult = next(r for r in rows if r["event_type"] == "CONSULT")
    assert consult["actor_codes"] == "TUR;RUS" and consult["actor_texts"] == "Turki;Rusia"
    assert consult["recipient_codes"] == "" and consult["date_start"] == "2017-11-05"
    n, text = run(st, "csv", table="mentions")
    assert n == len(TR.mentions) + len(PR.mentions)
    with pytest.raises(ValueError):
        run(st, "csv", table="mentions", actor="TUR")


def test_parquet(st, tmp_path):
    out = tmp_path / "events.parquet"
    assert export(st, "parquet", out) == 4
    t = pq.read_table(out)
    assert t.num_rows == 4
    assert t.column("actor_codes").to_pylist()[0] == ["TURMIL"]
    assert str(t.schema.field("date_start").type) == "date32[day]"
    assert export(st, "parquet", tmp_path / "q.parquet", table="quotes") == 1
    assert pq.read_table(tmp_path / "q.parquet").column("speaker_name").to_pylist() == ["Hulusi Akar"]
    assert export(st, "parquet", tmp_path / "none.parquet", actor="ZZZ") == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_graphml(st):
    st.write_document(turkey_russia_doc(id="second"))  # the same TURMIL → RUS accusation again
    n, text = run(st, "graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(text)
    keys = {k.get("attr.name"): k.get("id") for k in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    assert graph.get("edgedefault") == "directed"
    nodes = {nd.get("id") for nd in graph.findall("g:node", ns)}
    assert {"TURMIL", "RUS", "TUR", "IDNCOP", "IDNEDU", "IDNGOV"} <= nodes
    edges = {}
    for e in graph.findall("g:edge", ns):
        data = {d.get("key"): d.text for d in e.findall("g:data", ns)}
        edges[(e.get("source"), e.get("target"))] = (float(data[keys["weight"]]), data[keys["types"]])
        assert e.get("source") in nodes and e.get("target") in nodes
    assert n == len(edges) == 3
    assert edges[("TURMIL", "RUS")] == (2.0, "ACCUSE:2")
    assert edges[("IDNCOP", "IDNEDU")] == (1.0, "COERCE:1")


def test_export_to_path_and_unknown_format(st, tmp_path):
    out = tmp_path / "e.tsv"
    assert export(st, "gdelt", out) == 4
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    with pytest.raises(ValueError, match="unknown format"):
        export(st, "xml", tmp_path / "x")
