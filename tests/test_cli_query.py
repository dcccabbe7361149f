import csv
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest
from factories import protest_doc, turkey_russia_doc
from typer.testing import CliRunner

from pantau.cli import app
from pantau.store import Store

runner = CliRunner()
TR = turkey_russia_doc()
PR = protest_doc()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    with Store(path) as st:
        st.write_document(TR)
        st.write_document(PR)
    return str(path)


def invoke(*args, **kw):
    result = runner.invoke(app, [str(a) for a in args], **kw)
    return result


def test_no_args_shows_help():
    result = invoke()
    assert "events" in result.output and "export" in result.output


def test_missing_db_is_one_line_error(tmp_path):
    for cmd in (["events"], ["stats"], ["show", "x"], ["export", "-f", "csv", "-o", tmp_path / "o.csv"]):
        result = invoke(*cmd, "--db", tmp_path / "missing.duckdb")
        assert result.exit_code == 1
        assert result.stderr.strip().count("\n") == 0 and "no database" in result.stderr
    assert not (tmp_path / "missing.duckdb").exists()


def test_events_table_json_csv(db):
    result = invoke("events", "--db", db)
    assert result.exit_code == 0, result.output
    assert "ACCUSE" in result.stdout and "PROTEST" in result.stdout
    rows = json.loads(invoke("events", "--db", db, "--format", "json", "--actor", "TUR").stdout)
    assert sorted(r["event_type"] for r in rows) == ["ACCUSE", "CONSULT"]
    assert rows[0]["actors"][0]["code"] == "TURMIL"
    out = invoke("events", "--db", db, "-f", "csv", "--type", "coerce").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1 and rows[0]["actor"] == "IDNCOP (Polisi)" and rows[0]["date"] == "2019-W39"


def test_events_filters(db):
    def types(*args):
        return sorted(r["event_type"] for r in json.loads(invoke("events", "--db", db, "-f", "json", *args).stdout))

    assert types("--recipient", "RUS") == ["ACCUSE"]
    assert types("--from", "2017-11-05", "--to", "2017-11-05") == ["ACCUSE", "CONSULT"]
    assert types("--outlet", "Tempo") == ["COERCE", "PROTEST"]
    assert len(types("--limit", "1")) == 1
    bad = invoke("events", "--db", db, "--from", "yesterday")
    assert bad.exit_code == 2 and "not an ISO date" in bad.stderr


def test_db_from_environment(db):
    result = invoke("stats", "-f", "json", env={"PANTAU_DB": db})
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["articles"] == 2 and stats["events"] == 4


def test_entities_quotes_timeline(db):
    rows = json.loads(invoke("entities", "--db", db, "--type", "PER", "-f", "json").stdout)
    assert [(r["id"], r["mentions"]) for r in rows] == [("Q6081347", 2)]
    assert "Hulusi Akar" in invoke("entities", "--db", db, "--name", "akar").stdout
    rows = json.loads(invoke("quotes", "--db", db, "--speaker", "Akar", "-f", "json").stdout)
    assert rows[0]["text"] == "Kami tidak akan mundur,"
    assert json.loads(invoke("quotes", "--db", db, "--doc", PR.id[:6], "-f", "json").stdout) == []
    rows = json.loads(invoke("timeline", "--db", db, "-f", "json").stdout)
    assert [r["date"] for r in rows] == ["2017-11", "2017-11-05", "2019-W39", None]
    out = invoke("timeline", "--db", db, "--actor", "RUS", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["event_type"] for r in rows] == ["ACCUSE", "CONSULT"]
    assert rows[0]["who"] == "TURMIL (Hulusi Akar) → RUS (Rusia)"


def test_search(db):
    result = invoke("search", "gencatan senjata", "--db", db, "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["id"] == TR.id and rows[0]["score"] > 0
    assert "Turki" in invoke("search", "gencatan", "--db", db).stdout


def test_show_plain_and_colour(db):
    result = invoke("show", TR.id[:6], "--db", db, "--plain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out
    assert "[Hulusi Akar|PER:Q6081347]" in out and "<Senin (5/11/2017)|2017-11-05>" in out
    assert "ACCUSE TURMIL → RUS" in out and "Kami tidak akan mundur" in out
    coloured = invoke("show", TR.id, "--db", db, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert coloured.exit_code == 0 and "Hulusi Akar" in coloured.stdout
    missing = invoke("show", "zzzz", "--db", db)
    assert missing.exit_code == 1 and "no document" in missing.stderr


def test_stats_table(db):
    result = invoke("stats", "--db", db)
    assert result.exit_code == 0 and "schema_version" in result.stdout and "ACCUSE 1" in result.stdout


def test_export_all_formats(db, tmp_path):
    def export(fmt, *extra):
        out = tmp_path / f"out.{fmt}"
        result = invoke("export", "--db", db, "--format", fmt, "--out", out, *extra)
        assert result.exit_code == 0, result.output
        return out

    lines = export("gdelt", "--header").read_text().splitlines()
    assert len(lines) == 5 and all(len(line.split("\t")) == 61 for line in lines)
    recs = [json.loads(x) for x in export("plover", "--actor", "TUR").read_text().splitlines()]
    assert sorted(r["event"][0] for r in recs) == ["ACCUSE", "CONSULT"]
    assert json.loads(export("plover", "--array").read_text())[0]["id"]
    assert len(export("jsonl").read_text().splitlines()) == 2
    assert len(list(csv.DictReader(export("csv").open()))) == 4
    assert pq.read_table(export("parquet")).num_rows == 4
    assert pq.read_table(export("parquet", "--table", "mentions")).num_rows == 7
    assert ET.parse(export("graphml")).getroot().tag.endswith("graphml")
    result = invoke("export", "--db", db, "-f", "csv", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("doc_id,id,date")
    result = invoke("export", "--db", db, "-f", "parquet", "-o", "-")
    assert result.exit_code == 2
