"""The command line as a workbench (issue 23): the package layout, output that pipes (--format
table|tsv|csv|json, TSV when not on a terminal, no Rich markup read from data), option values
checked as the API checks them, the API's event filters, --version, export to stdout."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from factories import bulk_doc, protest_doc, turkey_russia_doc
from typer.testing import CliRunner

from pantau.cli import app
from pantau.model import ENTITY_TYPES, PLOVER_TYPES
from pantau.store import Store

ROOT = Path(__file__).resolve().parents[1]
BRACKETS = "[rekannya dari Suriah]"
QUOTE_BRACKETS = "[tidak]"


def invoke(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env={"PANTAU_DB": None, **(env or {})})


def bracket_doc():
    """The Turkey–Russia article with square brackets, a tab and line breaks in its data."""
    d = turkey_russia_doc()
    d.events[0].recipients[0].text = f"Rusia {BRACKETS}"
    d.events[0].evidence.text = f"Akar menuduh\t{BRACKETS}\nlalu\r\npergi\u2028ke Ankara"
    d.quotes[0].text = f"Kami {QUOTE_BRACKETS} akan\tmundur,\nkatanya"
    d.title = f"Turki {BRACKETS} tuduh Rusia"
    return d


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """Two hand-built articles (one with brackets, tabs and line breaks) and 20 bulk events."""
    path = tmp_path_factory.mktemp("workbench") / "wb.duckdb"
    with Store(path) as st:
        for doc in (bracket_doc(), protest_doc(), *(bulk_doc(i) for i in range(4))):
            st.write_document(doc)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tsv_lines(text: str) -> list[list[str]]:
    lines = text.split("\n")
    assert lines[-1] == ""  # ends with a newline, and nothing after it
    return [line.split("\t") for line in lines[:-1]]


# ============================================================ 1. layout, entry points, --version

def test_the_command_is_a_package_with_one_module_per_group():
    import pantau.cli as cli

    assert Path(cli.__file__).name == "__init__.py"
    names = {p.stem for p in Path(cli.__file__).parent.glob("*.py")}
    assert {"__init__", "__main__", "common", "output", "query", "show", "export", "ingest", "bench", "serve"} <= names
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert {"events", "entities", "quotes", "timeline", "search", "show", "stats", "export", "ingest",
            "load", "analyze", "bench", "serve"} <= commands
    assert "evaluate" in {g.name for g in app.registered_groups}


def test_console_script_points_at_the_app():
    target = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["pantau"]
    module, attr = target.split(":")
    import importlib

    assert getattr(importlib.import_module(module), attr) is app


def test_version():
    from pantau import __version__

    r = invoke("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"pantau {__version__}"


def test_python_dash_m_runs_the_app_and_a_pipe_gets_tsv(db):
    """The issue's bar, for real: `python -m pantau.cli events -n 20 | cat`: every row has the same
    number of tab-separated fields (stdout is a pipe here, not a terminal)."""
    r = subprocess.run([sys.executable, "-m", "pantau.cli", "events", "-n", "20", "--db", str(db)],
                       capture_output=True, text=True, timeout=120, env={**os.environ, "PANTAU_DB": ""})
    assert r.returncode == 0, r.stderr
    rows = tsv_lines(r.stdout)
    assert len(rows) == 21 and rows[0][:4] == ["doc_id", "id", "date", "event_type"]
    assert {len(row) for row in rows} == {len(rows[0])}
    r = subprocess.run([sys.executable, "-m", "pantau.cli", "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("pantau ")


# ============================================================ 2. output that pipes

def test_piped_events_are_tsv_with_equal_field_counts(db):
    r = invoke("events", "-n", "20", "--db", db)
    assert r.exit_code == 0, r.output
    rows = tsv_lines(r.stdout)
    assert len(rows) == 21
    assert {len(row) for row in rows} == {len(rows[0])} == {13}
    evidence = rows[0].index("evidence_text")
    accuse = next(row for row in rows if row[3] == "ACCUSE")
    # tabs and every kind of line break inside a value: one space each
    assert accuse[evidence] == f"Akar menuduh {BRACKETS} lalu  pergi ke Ankara"
    assert f"RUS (Rusia {BRACKETS})" in accuse


def test_piped_events_over_the_seed_store(seed_db):
    r = invoke("events", "-n", "20", "--db", seed_db)
    assert r.exit_code == 0, r.output
    rows = tsv_lines(r.stdout)
    assert len(rows) > 5 and {len(row) for row in rows} == {len(rows[0])}


@pytest.mark.parametrize("command", [["events"], ["entities"], ["quotes"], ["timeline"],
                                     ["search", "Turki"], ["stats"]])
def test_every_listing_command_pipes_tsv(db, command):
    r = invoke(*command, "--db", db)
    assert r.exit_code == 0, r.output
    rows = tsv_lines(r.stdout)
    assert len(rows) >= 2 and {len(row) for row in rows} == {len(rows[0])}
    explicit = invoke(*command, "--db", db, "--format", "tsv")
    assert explicit.stdout == r.stdout


def test_brackets_survive_in_every_format(db):
    for fmt in ("table", "tsv", "csv", "json"):
        for command, needle in ((["events"], BRACKETS), (["quotes"], QUOTE_BRACKETS), (["timeline"], BRACKETS),
                                (["search", "gencatan"], BRACKETS)):
            r = invoke(*command, "--db", db, "--format", fmt)
            assert r.exit_code == 0, r.output
            assert needle in r.stdout, (command, fmt, r.stdout)
    rows = json.loads(invoke("quotes", "--db", db, "-f", "json").stdout)
    assert rows[0]["text"] == f"Kami {QUOTE_BRACKETS} akan\tmundur,\nkatanya"  # JSON: as stored
    rows = list(csv.DictReader(io.StringIO(invoke("events", "--db", db, "-f", "csv", "--type", "ACCUSE").stdout)))
    # CSV quotes the value whole (CliRunner's stdout turns its \r\n into \n)
    assert rows[0]["evidence_text"] == f"Akar menuduh\t{BRACKETS}\nlalu\npergi\u2028ke Ankara"
    assert rows[0]["recipient"] == f"RUS (Rusia {BRACKETS})"


def test_show_keeps_brackets_in_text_and_errors(db):
    doc = bracket_doc()
    for extra in ([], ["--plain"]):
        r = invoke("show", doc.id[:8], "--db", db, *extra)
        assert r.exit_code == 0, r.output
        assert BRACKETS in r.stdout and QUOTE_BRACKETS in r.stdout
        assert f"Turki {BRACKETS} tuduh Rusia" in r.stdout
    r = invoke("show", "[nope]", "--db", db)
    assert r.exit_code == 1 and "'[nope]'" in r.stderr


def test_errors_print_values_with_brackets(db):
    r = invoke("events", "--db", db, "--from", "[2017]")
    assert r.exit_code == 2 and "'[2017]'" in r.stderr
    r = invoke("events", "--db", db.parent / "[missing].duckdb")
    assert r.exit_code == 1 and "[missing].duckdb" in r.stderr


def test_a_table_in_a_pipe_keeps_every_column_whole(db):
    r = invoke("events", "--db", db, "--format", "table", "--type", "ACCUSE")
    assert r.exit_code == 0, r.output
    for column in ("date", "event_type", "actor", "recipient", "cameo_code", "modality", "location_name", "outlet", "doc"):
        assert column in r.stdout
    assert f"RUS (Rusia {BRACKETS})" in r.stdout  # on one line: not folded at 80 columns


def test_default_is_a_table_on_a_wide_terminal_and_tsv_on_a_narrow_one(db, monkeypatch):
    from pantau.cli import output

    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    wide = invoke("events", "--db", db, "-n", "3", env={"COLUMNS": "250"})
    assert wide.exit_code == 0 and "┃ date" in wide.stdout and "\t" not in wide.stdout
    assert all(len(line) <= 250 for line in wide.stdout.splitlines())
    narrow = invoke("events", "--db", db, "-n", "3", env={"COLUMNS": "60"})
    assert narrow.exit_code == 0 and "┃" not in narrow.stdout
    assert {len(row) for row in tsv_lines(narrow.stdout)} == {13}
    # a table that fits, squeezed: no column narrower than it needs, no line wider than the terminal
    fitted = invoke("quotes", "--db", db, env={"COLUMNS": "70"})
    assert "┃ speaker_name" in fitted.stdout and all(len(line) <= 70 for line in fitted.stdout.splitlines())


def test_tsv_field_escaping():
    from pantau.cli.output import tsv_field

    assert tsv_field("a\tb\nc\r\nd\x0be\x0cf\x1cg\x85h\u2028i\u2029j") == "a b c  d e f g h i j"
    assert tsv_field(None) == "" and tsv_field(["x", None, 2]) == "x; ; 2"


# ============================================================ 3. validation like the API's

BAD = [
    (["events", "--type", "FIGHT"], ["'FIGHT'", *PLOVER_TYPES]),
    (["timeline", "--actor", "RUS", "--format", "yaml"], ["yaml"]),
    (["entities", "--type", "FOO"], ["'FOO'", *ENTITY_TYPES]),
    (["events", "--from", "2021", "--to", "2019"], ["2021", "2019", "after"]),
    (["events", "--from", "2017-13"], ["'2017-13'", "2017-11", "2018-W52"]),
    (["events", "--to", "2020-02-30"], ["'2020-02-30'"]),
    (["events", "--from", "yesterday"], ["not an ISO date", "'yesterday'"]),
    (["export", "-f", "csv", "--type", "FIGHT"], ["'FIGHT'", "ASSAULT"]),
    (["export", "-f", "gdelt", "--from", "2019", "--to", "2018-12"], ["after"]),
]


@pytest.mark.parametrize("args,words", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_values_exit_2_naming_them(db, args, words):
    r = invoke(*args, "--db", db)
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    for word in words:
        assert word in r.stderr, (word, r.stderr)
    if "yaml" not in args:  # (typer's own usage error for a choice: a box, not our one line)
        assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1


def test_lower_case_types_are_accepted_as_by_the_api(db):
    assert invoke("events", "--db", db, "--type", "accuse", "-f", "json").exit_code == 0
    rows = json.loads(invoke("entities", "--db", db, "--type", "per", "-f", "json").stdout)
    assert rows and {r["type"] for r in rows} == {"PER"}


@pytest.mark.parametrize("value", ["banana", "2020-02-30", "2017-11-05T99"])
def test_ingest_and_analyze_refuse_a_bad_published_date(tmp_path, value):
    article = tmp_path / "a.txt"
    article.write_text("Jakarta - Polisi menangkap dua orang.\n", encoding="utf-8")
    store = tmp_path / "new.duckdb"
    r = invoke("ingest", article, "--published", value, "--db", store)
    assert r.exit_code == 2, r.output
    assert repr(value) in r.stderr and r.stderr.count("\n") == 1
    assert not store.exists()
    r = invoke("analyze", article, "--published", value, "--json")
    assert r.exit_code == 2 and repr(value) in r.stderr and r.stdout == ""


def test_ingesting_a_missing_path_creates_no_store(tmp_path):
    store = tmp_path / "x.duckdb"
    r = invoke("ingest", tmp_path / "nope.txt", "--db", store)
    assert r.exit_code == 1 and "nope.txt" in r.stderr
    assert not store.exists() and not list(tmp_path.iterdir())


# ============================================================ 4. the API's filters; export to stdout

def test_party_partner_location_offset_match_the_store(db):
    def keys(*args):
        r = invoke("events", "--db", db, "-f", "json", *args)
        assert r.exit_code == 0, r.output
        return [(e["doc_id"], e["id"]) for e in json.loads(r.stdout)]

    with Store(db, read_only=True) as st:
        def want(**kw):
            return [(e["doc_id"], e["id"]) for e in st.events(**kw)]

        assert keys("--party", "RUS") == want(party="RUS") and len(want(party="RUS")) == 22
        assert keys("--party", "TUR", "--partner", "RUS") == want(party="TUR", partner="RUS")
        assert keys("--party", "IDNCOP", "--partner", "TUR") == [] == want(party="IDNCOP", partner="TUR")
        assert keys("--location", "Ankara") == want(location="Ankara") and len(want(location="Ankara")) == 1
        assert keys("-n", "5", "--offset", "3") == want(limit=5, offset=3) == want()[3:8]
    r = invoke("events", "--db", db, "--offset", "-1")
    assert r.exit_code == 2


def test_sort_as_the_store_sorts(db):
    from pantau.store.sql import EVENT_SORTS

    with Store(db, read_only=True) as st:
        for order in EVENT_SORTS:
            r = invoke("events", "--db", db, "-f", "json", "--sort", order, "-n", "7", "--offset", "2")
            assert r.exit_code == 0, r.output
            assert [(e["doc_id"], e["id"]) for e in json.loads(r.stdout)] == \
                [(e["doc_id"], e["id"]) for e in st.events(sort=order, limit=7, offset=2)]
    newest = json.loads(invoke("events", "--db", db, "-f", "json", "--sort", "-date", "-n", "1").stdout)
    assert newest[0]["date"] == "2020-01-05"
    r = invoke("events", "--db", db, "--sort", "banana")
    assert r.exit_code == 2 and "'banana'" in r.stderr and all(order in r.stderr for order in EVENT_SORTS)


def test_export_writes_to_stdout_without_out(db):
    r = invoke("export", "--db", db, "-f", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 24 and r.stderr == ""
    r = invoke("export", "--db", db, "-f", "gdelt", "--actor", "TUR")
    lines = r.stdout.split("\n")[:-1]
    assert r.exit_code == 0 and len(lines) == 22 and all(len(line.split("\t")) == 61 for line in lines)
    r = invoke("export", "--db", db, "-f", "jsonl", "--location", "Ankara")
    docs = [json.loads(line) for line in r.stdout.split("\n") if line]  # (U+2028 in a value: not splitlines)
    assert [d["id"] for d in docs] == [bracket_doc().id]
    r = invoke("export", "--db", db, "-f", "plover", "--party", "IDNCOP")
    assert [json.loads(line)["event"][0] for line in r.stdout.splitlines()] == ["COERCE"]
    r = invoke("export", "--db", db, "-f", "graphml", "-o", "-")
    assert ET.fromstring(r.stdout).tag.endswith("graphml")
    for out in ([], ["-o", "-"]):
        r = invoke("export", "--db", db, "-f", "parquet", *out)
        assert r.exit_code == 2 and r.stdout == "" and "--out FILE" in r.stderr


# ============================================================ 5. the read commands do not write

def test_read_commands_leave_the_store_untouched(db):
    before = digest(db)
    for command in (["events"], ["entities"], ["quotes"], ["timeline"], ["search", "Turki"], ["stats"],
                    ["show", bracket_doc().id[:8]], ["export", "-f", "csv"]):
        r = invoke(*command, "--db", db)
        assert r.exit_code == 0, (command, r.output)
    assert digest(db) == before


def test_timeline_and_search_sort_and_page(db):
    """timeline takes --sort and --offset as events does; search takes --sort and refuses an
    unknown order with exit 2."""
    with Store(db, read_only=True) as st:
        want = [(e["doc_id"], e["id"]) for e in st.events(party="RUS", sort="-date", limit=4, offset=1)]
        dated = [r["published"] for r in st.search("Rusia", limit=50, sort="-date")]
    r = invoke("timeline", "--db", db, "--actor", "RUS", "--sort", "-date", "-n", "4", "--offset", "1", "-f", "json")
    assert r.exit_code == 0, r.output
    assert [(e["doc_id"], e["id"]) for e in json.loads(r.stdout)] == want and len(want) == 4
    r = invoke("search", "--db", db, "Rusia", "--sort", "-date", "-n", "50", "-f", "json")
    assert [x["published"] for x in json.loads(r.stdout)] == dated
    assert dated == sorted(dated, key=lambda d: d or "", reverse=True)
    bad = invoke("search", "--db", db, "Rusia", "--sort", "sideways")
    assert bad.exit_code == 2 and "relevance" in bad.output


def test_actor_strings_name_what_there_is():
    from pantau.cli.query import actors_str

    assert actors_str([{"code": "TURMIL", "text": "Hulusi Akar"}, {"code": "TURGOV", "text": ""},
                       {"code": None, "text": "warga"}]) == "TURMIL (Hulusi Akar), TURGOV, warga"
