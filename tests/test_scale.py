"""The Ray engine: same results as the local path, errors as rows, re-runs that do not duplicate,
the Parquet folder queried in place. Runs a local Ray with 2 CPUs (1 actor + the read tasks)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

ray = pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'pantau[ray]')")

from pantau.loader import load_directory  # noqa: E402
from pantau.runner import ingest as local_ingest  # noqa: E402
from pantau.scale import expand_inputs, month_of, run  # noqa: E402
from pantau.store import Store  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EVENTS = "SELECT doc_id, id, event_type, cameo_code, date, modality, location_name, evidence_text FROM events ORDER BY ALL"
ACTORS = "SELECT doc_id, event_id, role, position, code, country, sector, entity_id, text FROM event_actors ORDER BY ALL"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for f in EXAMPLES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    (folder / "feed.jsonl").write_text('{"text": "Rusia menyerang Ukraina pada Senin (24/2/2022)."}\n{broken\n',
                                       encoding="utf-8")
    (folder / "bad.bin").write_bytes(b"\x00\x01\x02 binary")
    return folder


@pytest.fixture(scope="module")
def ray_out(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = run([str(inputs)], out, workers=1)
    yield out, summary
    ray.shutdown()


def test_ray_and_local_paths_give_the_same_tables(inputs, ray_out, tmp_path):
    out, summary = ray_out
    assert summary.articles == 6 and summary.errors == 2
    with Store(tmp_path / "ray.duckdb") as st:
        loaded = load_directory(out, st)
        assert loaded.loaded == 6
    with Store(tmp_path / "local.duckdb") as st:
        local_ingest([str(inputs)], st)
    ray_db = duckdb.connect(str(tmp_path / "ray.duckdb"), read_only=True)
    local_db = duckdb.connect(str(tmp_path / "local.duckdb"), read_only=True)
    assert ray_db.execute(EVENTS).fetchall() == local_db.execute(EVENTS).fetchall()
    assert ray_db.execute(ACTORS).fetchall() == local_db.execute(ACTORS).fetchall()
    assert len(ray_db.execute(EVENTS).fetchall()) > 40


def test_parquet_tables_carry_the_store_types_and_months(ray_out):
    out, _ = ray_out
    con = duckdb.connect()
    events = con.execute(f"SELECT * FROM read_parquet('{out}/events/**/*.parquet', hive_partitioning=true)").fetch_arrow_table()
    assert str(events.schema.field("date_start").type) == "date32[day]"
    months = {r[0] for r in con.execute(f"SELECT DISTINCT month FROM read_parquet('{out}/articles/**/*.parquet', hive_partitioning=true)").fetchall()}
    assert {"2019-01", "2017-12", "2016-12", "unknown"} <= months


def test_bad_records_become_error_rows(ray_out):
    out, _ = ray_out
    rows = duckdb.connect().execute(f"SELECT path, stage, reason FROM read_parquet('{out}/errors/*.parquet') ORDER BY path").fetchall()
    assert [(Path(p).name, stage) for p, stage, _ in rows] == [("bad.bin", "read"), ("feed.jsonl", "read")]
    assert "binary" in rows[0][2] and "invalid JSON" in rows[1][2]


def test_rerunning_replaces_rather_than_duplicates(inputs, ray_out):
    out, _ = ray_out
    again = run([str(inputs)], out, workers=1)
    assert again.articles == 6
    n = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out}/documents/**/*.parquet')").fetchone()[0]
    assert n == 6


def test_input_expansion_and_months(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    jsonl, other = expand_inputs([str(tmp_path), "s3://bucket/feed.ndjson"])
    assert [Path(p).name for p in jsonl] == ["a.jsonl.gz", "feed.ndjson"]
    assert [Path(p).name for p in other] == ["b.txt"]
    assert month_of("2019-01-02T11:18") == "2019-01" and month_of("2018") == "unknown" and month_of(None) == "unknown"


def test_entities_table_and_querying_the_folder_in_place(ray_out, tmp_path):
    from typer.testing import CliRunner

    from pantau.cli import app
    from pantau.store.store import open_parquet

    out, _ = ray_out
    with open_parquet(out) as st:
        entities = {e["canonical_name"] for e in st.entities()}
        assert {"Sergey Lavrov", "Hulusi Akar", "Syria"} <= entities
        assert len(st.events(actor="RUS")) > 5
    result = CliRunner().invoke(app, ["events", "--db", str(out), "--type", "CONSULT", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"CONSULT"' in result.output
