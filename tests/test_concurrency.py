"""Issue 25, items 7 and 9: readers are never locked out by an ingest, a server does not keep an
ingest out, and a search index left stale by a killed run misses nothing and is rebuilt.

The ingest runs as a subprocess (DuckDB's file lock is per process) while this process reads
through a Store, the web app and the CLI; see `pantau.store.access` for the mechanism."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pantau.store import Store
from pantau.store.access import StoreBusy, connect, writer_marker
from pantau.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "kompas-pfsa-408.jsonl"


def _ingest_cmd(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "pantau.cli", "ingest", str(source), "--db", str(db)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not BENCH.exists():
        pytest.skip(f"no bench corpus at {BENCH}")
    path = tmp_path_factory.mktemp("corpus") / "slice.jsonl"
    lines = BENCH.read_text(encoding="utf-8").splitlines()[:40]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_readers_and_server_keep_answering_through_an_ingest(tmp_path, corpus):
    db = tmp_path / "store.duckdb"
    subprocess.run(_ingest_cmd(ROOT / "examples", db), check=True, capture_output=True)
    client = TestClient(create_app(db))
    before = client.get("/api/stats").json()["articles"]
    proc = subprocess.Popen(_ingest_cmd(corpus, db), stderr=subprocess.PIPE, text=True)
    counts, failures = [], []
    while proc.poll() is None:
        try:
            with Store(db, read_only=True, wait=30) as st:
                direct = st.con.execute("SELECT count(*) FROM articles").fetchone()[0]
            answer = client.get("/api/stats")
            if answer.status_code != 200:
                failures.append(answer.text)
            else:
                counts.append(answer.json()["articles"])
                counts.append(direct)
        except Exception as exc:  # noqa: BLE001 - each failure is what the test is about
            failures.append(repr(exc))
        time.sleep(0.1)
    _, stderr = proc.communicate()
    assert proc.returncode == 0, stderr
    assert not failures, failures[:3]
    final = client.get("/api/stats").json()["articles"]
    assert final == before + 40
    # the readers saw the store grow batch by batch, never shrink
    assert len(set(counts)) >= 3, counts
    assert all(a <= b for a, b in zip(counts[::2], counts[2::2]))


def test_a_busy_server_does_not_keep_an_ingest_out(tmp_path, corpus):
    """A server answering requests back to back (always one in flight) must still let the writer
    in: the writer's marker holds new requests back until it has written."""
    db = tmp_path / "store.duckdb"
    subprocess.run(_ingest_cmd(ROOT / "examples", db), check=True, capture_output=True)
    app = create_app(db, cache=False)
    stop = threading.Event()
    answered = []

    def hammer():
        with TestClient(app) as client:
            while not stop.is_set():
                answered.append(client.get("/api/events?limit=5").status_code)

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        result = subprocess.run(_ingest_cmd(corpus, db), capture_output=True, text=True, timeout=600)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert result.returncode == 0, result.stderr
    assert "ingested 40" in result.stderr
    assert answered and set(answered) == {200}


def test_a_writer_that_waits_too_long_gets_a_one_line_error(tmp_path):
    db = tmp_path / "x.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        with pytest.raises(StoreBusy, match="is busy"):
            connect(db, read_only=True, wait=0.5)
        assert 0.4 < time.monotonic() - t0 < 5
        with pytest.raises(StoreBusy):
            connect(db, read_only=False, wait=0.3)
        assert not writer_marker(db).exists()  # the waiting writer cleaned up after itself
    finally:
        holder.kill()
        holder.wait()


def test_a_search_index_left_stale_misses_nothing_and_is_rebuilt(tmp_path, seed_db):
    """A run killed after writing but before its index rebuild: readers scan instead of missing
    the new article, and the next ingest rebuilds the index even when it stores nothing."""
    import shutil

    from pantau.pipeline import analyze
    from pantau.runner import ingest

    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    doc = analyze("Jakarta - Warga Desa Zumbalaya memprotes pembangunan bendungan di sungai mereka.",
                  published="2021-03-01")
    with Store(db) as st:  # written as a batch of ingest is, then "killed": no rebuild
        st.write_documents([doc])
        assert st._meta("fts_dirty") == "1"
    with Store(db, read_only=True) as st:
        assert not st.search_index_fresh()
        assert [r["id"] for r in st.search("zumbalaya")] == [doc.id]
        assert [a["id"] for a in st.articles(q="zumbalaya")[0]] == [doc.id]
    summary = ingest([ROOT / "examples"], db)  # everything already stored
    assert summary.ingested == 0
    with Store(db, read_only=True) as st:
        assert st.search_index_fresh()
        assert [r["id"] for r in st.search("zumbalaya")] == [doc.id]


def test_the_cli_reads_while_the_store_is_held_for_a_moment(tmp_path, seed_db):
    """`pantau events` waits for a writer's window instead of failing with DuckDB's lock error."""
    import shutil

    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(1.5); c.close(); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        r = subprocess.run([sys.executable, "-m", "pantau.cli", "events", "--db", str(db), "-n", "2",
                            "--format", "json"], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert len(json.loads(r.stdout)) == 2
    finally:
        holder.kill()
        holder.wait()
