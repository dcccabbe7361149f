"""`pantau load`: a distributed-engine output directory (Parquet) into the DuckDB store.

The directory is built by hand here in the layout the Ray engine writes (src/pantau/scale/):
documents/month=YYYY-MM/*.parquet with id, month, document (json of Document.to_dict()),
per-table folders, and errors/*.parquet.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pantau.cli import app
from pantau.loader import LoadSummary, count_documents, load_directory
from pantau.model import Document, document_from_dict
from pantau.store import Store
from pantau.store.schema import COLUMNS
from pantau.store.store import _document_rows

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    from pantau.pipeline import analyze

    files = sorted(EXAMPLES.glob("*.txt"))[:3]
    if len(files) < 3:
        pytest.skip(f"no example articles in {EXAMPLES}")
    return [analyze(f.read_text(encoding="utf-8"), source=str(f)) for f in files]


def month(doc: Document) -> str:
    p = doc.published or ""
    return p[:7] if len(p) >= 7 else "unknown"


def write_output_dir(root: Path, docs: list[Document], errors: int = 1) -> Path:
    """The engine's layout: one file per month; the first file keeps the month column, the others
    drop it (as writers that partition by a column do); an errors file; a _SUCCESS marker."""
    by_month: dict[str, list[Document]] = {}
    for d in docs:
        by_month.setdefault(month(d), []).append(d)
    for i, (m, group) in enumerate(sorted(by_month.items())):
        cols = {"id": [d.id for d in group], "month": [m] * len(group),
                "document": [json.dumps(d.to_dict(), ensure_ascii=False) for d in group]}
        if i:
            del cols["month"]
        folder = root / "documents" / f"month={m}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(cols), folder / "part-0.parquet")
        rows = [r for d in group for r in _document_rows(d)["events"]]
        folder = root / "events" / f"month={m}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({c: [r[j] for r in rows] for j, c in enumerate(COLUMNS["events"])}),
                       folder / "part-0.parquet")
    if errors:
        (root / "errors").mkdir(parents=True)
        pq.write_table(pa.table({"path": ["bad.txt"] * errors, "line": [None] * errors,
                                 "stage": ["read"] * errors, "reason": ["empty file"] * errors}),
                       root / "errors" / "part-0.parquet")
    (root / "documents" / "_SUCCESS").touch()
    return root


def test_document_from_dict_round_trip(docs):
    for d in docs:
        assert document_from_dict(d.to_dict()) == d
        assert document_from_dict(json.loads(json.dumps(d.to_dict()))) == d
        no_raw = document_from_dict(d.to_json_dict())
        assert no_raw.raw_text == ""
        no_raw.raw_text = d.raw_text
        assert no_raw == d
    assert any(e.location is not None for d in docs for e in d.events)  # nested optional records covered


def test_load_directory(tmp_path, docs):
    out = write_output_dir(tmp_path / "out", docs)
    assert len(list((tmp_path / "out" / "documents").glob("month=*"))) >= 2
    assert count_documents(out) == len(docs)
    with Store(tmp_path / "p.duckdb") as st:
        summary = load_directory(out, st, batch=2)
        n_events = sum(len(d.events) for d in docs)
        assert summary == LoadSummary(loaded=len(docs), skipped_duplicates=0, errors=1, events=n_events)
        for d in docs:
            assert st.document(d.id) == d
        assert st.con.execute("SELECT count(*) FROM events").fetchone()[0] == n_events
        assert st.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == sum(len(d.quotes) for d in docs)
        before = st.stats()

        again = load_directory(out, st)
        assert again == LoadSummary(loaded=0, skipped_duplicates=len(docs), errors=1, events=0)
        assert st.stats() == before
        if st.fts:
            assert st.search("Turki")  # the index was rebuilt by the load


def test_partial_store_loads_the_rest(tmp_path, docs):
    out = write_output_dir(tmp_path / "out", docs, errors=0)
    with Store(tmp_path / "p.duckdb") as st:
        st.write_document(docs[0])
        summary = load_directory(out, st, batch=1)
        assert (summary.loaded, summary.skipped_duplicates, summary.errors) == (len(docs) - 1, 1, 0)
        assert sorted(st.document_ids()) == sorted(d.id for d in docs)


def test_directory_is_queryable_in_place(tmp_path, docs):
    out = write_output_dir(tmp_path / "out", docs)
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/events/**/*.parquet', hive_partitioning=true)").fetchone()[0]
    assert n == sum(len(d.events) for d in docs)


def test_missing_or_empty_directory(tmp_path):
    with Store(tmp_path / "p.duckdb") as st:
        with pytest.raises(ValueError, match="no such directory"):
            load_directory(tmp_path / "nope", st)
        (tmp_path / "empty" / "documents" / "month=2018-12").mkdir(parents=True)
        with pytest.raises(ValueError, match="no documents"):
            load_directory(tmp_path / "empty", st)
        pq.write_table(pa.table({"id": pa.array([], pa.string()), "document": pa.array([], pa.string())}),
                       tmp_path / "empty" / "documents" / "month=2018-12" / "part-0.parquet")
        with pytest.raises(ValueError, match="no documents"):
            load_directory(tmp_path / "empty", st)


def cli(*args: str):
    result = CliRunner().invoke(app, list(args), env={"PANTAU_DB": None})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_cli_load(tmp_path, docs):
    out = write_output_dir(tmp_path / "out", docs)
    db = tmp_path / "p.duckdb"
    r = cli("load", str(out), "--db", str(db))
    assert r.exit_code == 0, r.output
    n_events = sum(len(d.events) for d in docs)
    assert f"loaded {len(docs)}, skipped 0 duplicate(s), 1 error(s)" in r.output
    assert f"; {n_events} events;" in r.output
    r = cli("load", str(out), "--db", str(db))
    assert r.exit_code == 0 and f"loaded 0, skipped {len(docs)} duplicate(s)" in r.output
    with Store(db, read_only=True) as st:
        assert st.con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(docs)


def test_cli_load_empty_directory_exits_1(tmp_path):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "p.duckdb"
    r = cli("load", str(tmp_path / "empty"), "--db", str(db))
    assert r.exit_code == 1
    assert "no documents" in r.output
    assert not db.exists()  # no empty database left behind
    assert cli("load", str(tmp_path / "nope"), "--db", str(db)).exit_code == 1


def test_large_string_files_mix_with_string_files(tmp_path, docs):
    """Writers differ on string vs large_string (Ray/Arrow may write either); both must load."""
    out = tmp_path / "out"
    for i, d in enumerate(docs):
        t = pa.string() if i % 2 else pa.large_string()
        folder = out / "documents" / f"month=2018-{i + 10}"
        folder.mkdir(parents=True)
        pq.write_table(pa.table({"id": pa.array([d.id], t), "month": pa.array([f"2018-{i + 10}"], t),
                                 "document": pa.array([json.dumps(d.to_dict())], t)}), folder / "x.parquet")
    with Store(tmp_path / "p.duckdb") as st:
        assert load_directory(out, st).loaded == len(docs)
        assert all(st.document(d.id) == d for d in docs)
