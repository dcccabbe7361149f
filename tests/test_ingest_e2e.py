"""`pantau ingest` end to end, through the real CLI into a temporary DuckDB file.

The issue: "a directory mixing good articles with an empty file, a binary file, a Latin-1 file, a
50 MB file and a JSONL file with broken lines ingests every good article, reports each bad one by
name, and exits non-zero only if nothing could be read. Re-running the same ingest adds nothing.
Killing the process mid-ingest and re-running gives the same database as one clean run."

In-process runs use typer's CliRunner (the spaCy pipeline loads once per test session); the kill
test runs `python -m pantau.cli ingest` as a subprocess and SIGKILLs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # allow running without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from typer.testing import CliRunner  # noqa: E402

from pantau.cli import app  # noqa: E402
from pantau.ingest import content_hash, normalise_text  # noqa: E402
from pantau.store import Store  # noqa: E402

EXAMPLES = ROOT / "examples"
BENCH = ROOT.parent / "shared" / "bench" / "kompas-pfsa-408.jsonl"
COUNTED = ("articles", "sentences", "mentions", "time_values", "events", "quotes")

LATIN1_ARTICLE = (
    "JENEWA, Warta Contoh - Menteri Luar Negeri Prancis Jean-Yves Le Drian bertemu dengan utusan "
    "khusus PBB untuk Suriah di Genève pada hari Senin (14/1/2019).\n\n"
    "Pertemuan di kafe « Café de l'Hôtel » itu membahas pembentukan komite konstitusi, kata juru "
    "bicara kementerian, Agnès von der Mühll.\n\n"
    "Le Drian mengatakan bahwa Prancis mendukung proses politik yang dipimpin PBB. Harga kopi di "
    "sana 4½ franc, ujarnya sambil tersenyum.")
JSONL_GOOD = [
    {"id": "warta-1", "title": "Rusia dan Turki sepakat",
     "text": "MOSKOW, Warta Contoh – Rusia dan Turki sepakat untuk mengoordinasikan operasi darat di "
             "Suriah, kata Menteri Luar Negeri Rusia Sergei Lavrov pada hari Sabtu (29/12/2018).\n\n"
             "Lavrov bertemu Menteri Luar Negeri Turki Mevlut Cavusoglu di Moskow."},
    {"id": "warta-2",
     "text": "ANKARA, Warta Contoh – Presiden Turki Recep Tayyip Erdogan mengancam akan melancarkan "
             "operasi militer baru di timur laut Suriah pada Selasa (8/1/2019).\n\n"
             "Erdogan menuduh Amerika Serikat tidak menepati janji."},
]


def cli(*args: str, env: dict | None = None):
    result = CliRunner().invoke(app, list(args), env=env or {"PANTAU_DB": None})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as st:
        return {t: st.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


def article_ids(db: Path) -> set[str]:
    with Store(db, read_only=True) as st:
        return {r[0] for r in st.con.execute("SELECT id FROM articles").fetchall()}


def seed_files() -> list[Path]:
    files = sorted(EXAMPLES.glob("*.txt"))
    if not files:
        pytest.skip(f"no example articles in {EXAMPLES}")
    return files


# ============================================================================ bad input

@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> dict:
    """A folder of good and bad files; returns the folder and what should come out of it."""
    d = tmp_path_factory.mktemp("mixed")
    good_texts = []
    for f in seed_files():
        shutil.copy(f, d / f.name)
        good_texts.append(f.read_text(encoding="utf-8"))
    (d / "latin1_article.txt").write_bytes(LATIN1_ARTICLE.encode("latin-1"))
    good_texts.append(LATIN1_ARTICLE)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with open(d / "huge.txt", "wb") as f:  # 50 MB, sparse: one line of text, then a hole
        f.write("JAKARTA – Artikel yang terlalu besar.\n".encode())
        f.truncate(50_000_000)
    lines = [json.dumps(JSONL_GOOD[0], ensure_ascii=False),
             '{"text": "kalimat yang terpotong',  # line 2: truncated JSON
             "ini bukan JSON",  # line 3
             json.dumps({"title": "tanpa teks"}),  # line 4: no text field
             json.dumps(JSONL_GOOD[1], ensure_ascii=False)]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good_texts += [r["text"] for r in JSONL_GOOD]
    return {"dir": d, "good_ids": {content_hash(t) for t in good_texts},
            "bad": ["empty.txt", "binary.dat", "huge.txt"], "bad_lines": [2, 3, 4]}


@pytest.fixture(scope="module")
def first_ingest(bad_dir, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("db") / "mixed.duckdb"
    result = cli("ingest", str(bad_dir["dir"]), "--db", str(db))
    return {"db": db, "result": result, "counts": counts(db) if db.exists() else None}


def test_mixed_folder_exits_zero(first_ingest):
    r = first_ingest["result"]
    assert r.exit_code == 0, f"exit {r.exit_code}; stderr:\n{r.stderr}"


def test_mixed_folder_stores_every_good_article(bad_dir, first_ingest):
    stored = article_ids(first_ingest["db"])
    missing = bad_dir["good_ids"] - stored
    assert not missing, f"good articles not stored: {missing}\n{first_ingest['result'].stderr}"
    assert stored == bad_dir["good_ids"], f"unexpected rows: {stored - bad_dir['good_ids']}"
    c = first_ingest["counts"]
    assert c["sentences"] >= c["articles"] and c["events"] > 0 and c["mentions"] > 0


def test_mixed_folder_names_each_bad_file_with_a_reason(bad_dir, first_ingest):
    err = first_ingest["result"].stderr
    failed = [line for line in err.splitlines() if line.startswith("failed:")]
    for name in bad_dir["bad"]:
        hits = [line for line in failed if name in line]
        assert hits, f"{name} not reported; stderr:\n{err}"
        reason = hits[0].split(name, 1)[1].strip(": ")
        assert len(reason) > 5, f"no reason given for {name}: {hits[0]!r}"
    assert any("huge.txt" in line and "large" in line for line in failed), err
    assert any("empty.txt" in line and "empty" in line for line in failed), err
    assert any("binary.dat" in line and "binary" in line for line in failed), err
    for n in bad_dir["bad_lines"]:
        assert any("feed.jsonl" in line and f"line {n}" in line for line in failed), f"feed.jsonl line {n}:\n{err}"
    assert not any(name in line for line in failed for name in ("latin1_article", "000_", "001_")), err
    assert len(failed) == len(bad_dir["bad"]) + len(bad_dir["bad_lines"]), err
    # one location per line: "failed: feed.jsonl: line 2: ...", not "feed.jsonl:2: line 2: ..."
    assert not [line for line in failed if re.search(r":\d+: line \d+", line)], err


def test_mixed_folder_summary(bad_dir, first_ingest):
    err = first_ingest["result"].stderr
    n_good, n_bad = len(bad_dir["good_ids"]), len(bad_dir["bad"]) + len(bad_dir["bad_lines"])
    assert f"ingested {n_good}," in err, err
    assert f"failed {n_bad}" in err, err
    assert f"{first_ingest['counts']['events']} events" in err, "summary event count != events stored\n" + err


def test_latin1_article_decoded(first_ingest):
    with Store(first_ingest["db"], read_only=True) as st:
        raw, clean = st.con.execute("SELECT raw_text, clean_text FROM articles WHERE id = ?",
                                    [content_hash(LATIN1_ARTICLE)]).fetchone()
    assert raw == normalise_text(LATIN1_ARTICLE)
    for word in ("Genève", "Café de l'Hôtel", "Agnès", "Mühll", "4½"):
        assert word in clean, word
    assert "\ufffd" not in raw and "Ã" not in raw  # no replacement characters, no mojibake


def test_rerun_adds_nothing(bad_dir, first_ingest):
    before = first_ingest["counts"]
    r = cli("ingest", str(bad_dir["dir"]), "--db", str(first_ingest["db"]))
    assert r.exit_code == 0, r.stderr
    assert counts(first_ingest["db"]) == before
    n_good = len(bad_dir["good_ids"])
    assert f"ingested 0, skipped {n_good} duplicate(s)" in r.stderr, r.stderr
    assert "; 0 events;" in r.stderr, r.stderr


def test_same_article_twice_in_one_run_is_stored_once(tmp_path):
    seed = seed_files()[0]
    d = tmp_path / "dups"
    d.mkdir()
    shutil.copy(seed, d / "a.txt")
    (d / "b.txt").write_bytes(b"\xef\xbb\xbf" + seed.read_bytes().replace(b"\n", b"\r\n"))  # BOM + CRLF
    db = tmp_path / "dups.duckdb"
    r = cli("ingest", str(d), "--db", str(db))
    assert r.exit_code == 0, r.stderr
    assert article_ids(db) == {content_hash(seed.read_text(encoding="utf-8"))}
    assert "ingested 1, skipped 1 duplicate(s)" in r.stderr, r.stderr


def test_only_bad_files_exits_nonzero(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.bin").write_bytes(b"\x00\x01\x02\x03" * 1000)
    (d / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    db = tmp_path / "bad.duckdb"
    r = cli("ingest", str(d), "--db", str(db))
    assert r.exit_code != 0, r.stderr
    for name in ("empty.txt", "blob.bin", "broken.jsonl"):
        assert name in r.stderr, r.stderr
    assert "ingested 0" in r.stderr
    if db.exists():
        assert counts(db)["articles"] == 0


def test_unusable_database_is_a_one_line_error(tmp_path):
    db = tmp_path / "not-a-db.duckdb"
    db.write_text("this is not a DuckDB file\n", encoding="utf-8")
    r = cli("ingest", str(seed_files()[0]), "--db", str(db))  # (a traceback here re-raises)
    assert r.exit_code == 1
    assert r.stderr.startswith("error: cannot open"), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert db.read_text(encoding="utf-8") == "this is not a DuckDB file\n"


def test_missing_path_exits_nonzero(tmp_path):
    r = cli("ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.duckdb"))
    assert r.exit_code != 0
    assert "nope.txt" in r.stderr


# ============================================================================ kill mid-ingest

N_KILL = 36  # > 2 write batches of 16: a kill usually lands after the first commit


def _kill_corpus(dest: Path) -> Path:
    """~36 short, distinct articles: the shortest of the benchmark corpus, else seed variants."""
    records = []
    if BENCH.is_file():
        with open(BENCH, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        rows = sorted((r for r in rows if isinstance(r.get("text"), str) and r["text"].strip()),
                      key=lambda r: len(r["text"]))
        records = [{"id": r.get("id"), "text": r["text"]} for r in rows[:N_KILL]]
    else:  # offline fallback: paragraphs of the examples, recombined into distinct articles
        paras = [p for f in seed_files() for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
        for i in range(N_KILL):
            chosen = [paras[(i * 7 + k) % len(paras)] for k in range(6)]
            records.append({"id": f"synth-{i}", "text": f"Artikel {i}.\n\n" + "\n\n".join(chosen)})
    dest.mkdir(parents=True)
    corpus = dest / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return dest


def _snapshot(db: Path) -> dict:
    """Per article: metadata, row counts per child table, the event (type, actors, recipients) multiset."""
    with Store(db, read_only=True) as st:
        con = st.con
        snap = {}
        for doc_id, title, published, clean in con.execute(
                "SELECT id, title, published, clean_text FROM articles").fetchall():
            snap[doc_id] = {"meta": (title, published, clean)}
        for table in ("sentences", "mentions", "time_values", "events", "quotes"):
            for doc_id, n in con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall():
                snap.setdefault(doc_id, {"meta": None})[table] = n
        for doc in snap:
            d = st.document(doc)
            snap[doc]["event_keys"] = Counter(
                (e.event_type, tuple(a.code for a in e.actors), tuple(r.code for r in e.recipients)) for e in d.events)
        entities = sorted(con.execute("SELECT id, canonical_name, type, country, code FROM entities").fetchall())
    return {"docs": snap, "entities": entities}


def _assert_no_half_written_articles(db: Path) -> None:
    """Every article row has its sentences; no child row without its article."""
    with Store(db, read_only=True) as st:
        con = st.con
        bare = con.execute("SELECT id FROM articles a WHERE NOT EXISTS "
                           "(SELECT 1 FROM sentences s WHERE s.doc_id = a.id)").fetchall()
        assert not bare, f"articles without sentences after the kill: {bare}"
        for table in ("sentences", "mentions", "time_values", "events", "quotes"):
            orphans = con.execute(f"SELECT DISTINCT doc_id FROM {table} t WHERE NOT EXISTS "
                                  "(SELECT 1 FROM articles a WHERE a.id = t.doc_id)").fetchall()
            assert not orphans, f"{table} rows without their article: {orphans}"


def _wal(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return wal.stat().st_size if wal.exists() else 0


def test_kill_mid_ingest_then_rerun_equals_clean_run(tmp_path):
    corpus = _kill_corpus(tmp_path / "corpus")
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    cmd = [sys.executable, "-m", "pantau.cli", "ingest", str(corpus), "--db", str(killed_db)]
    env = {**os.environ, "PANTAU_DB": ""}
    from pantau import assembly

    assembly.load()  # this process's pipeline is loaded now, as the subprocess's: same code for both
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    try:
        # The schema is written at start-up; the first batch of 16 articles is one commit that
        # makes the WAL grow by the article texts. Kill shortly after that commit, mid next batch.
        deadline = time.monotonic() + 60
        base = None
        while time.monotonic() < deadline and proc.poll() is None:
            size = _wal(killed_db)
            if base is None and size:
                base = size
            elif base is not None and size > base + 4096:
                time.sleep(0.2)
                break
            time.sleep(0.02)
        finished_early = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert not finished_early, "ingest finished before it could be killed: make the corpus bigger"
    assert proc.returncode == -signal.SIGKILL

    partial = counts(killed_db)["articles"] if killed_db.exists() else 0
    if killed_db.exists():
        _assert_no_half_written_articles(killed_db)
    assert partial < N_KILL, "everything was written before the kill"

    r = cli("ingest", str(corpus), "--db", str(killed_db))
    assert r.exit_code == 0, r.stderr
    assert f"ingested {N_KILL - partial}, skipped {partial} duplicate(s)" in r.stderr, (partial, r.stderr)

    r = cli("ingest", str(corpus), "--db", str(clean_db))
    assert r.exit_code == 0, r.stderr
    assert f"ingested {N_KILL}," in r.stderr, r.stderr

    killed, clean = _snapshot(killed_db), _snapshot(clean_db)
    assert set(killed["docs"]) == set(clean["docs"])
    assert len(clean["docs"]) == N_KILL
    diffs = [doc for doc in clean["docs"] if killed["docs"][doc] != clean["docs"][doc]]
    assert not diffs, "articles that differ from a clean run: " + ", ".join(
        f"{d}: {killed['docs'][d]} != {clean['docs'][d]}" for d in diffs[:3])
    assert killed["entities"] == clean["entities"]
    assert counts(killed_db) == counts(clean_db)


def test_an_article_that_breaks_a_stage_fails_alone(tmp_path, poisoned_event_stage):
    """A stage raising on one article reports that article by name; the others are stored."""
    from pantau.runner import ingest as run_ingest
    from pantau.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Presiden Rusia Vladimir Putin bertemu Presiden Suriah Bashar al-Assad di Damaskus.\n")
    (folder / "poison.txt").write_text(f"Rusia menyerang Ukraina. {poisoned_event_stage}.\n")
    with Store(tmp_path / "t.duckdb") as store:
        summary = run_ingest([str(folder)], store)
        assert summary.ingested == 1
        assert [f.path.endswith("poison.txt") for f in summary.failed] == [True]
        assert "pantau_events failed: boom" in summary.failed[0].reason
        assert store.stats()["articles"] == 1


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_name_that_is_not_utf8_costs_nothing(tmp_path):
    """Issue 25, item 1: such a name once aborted the whole run with none of its good files stored."""
    src = tmp_path / "in"
    src.mkdir()
    texts = [r["text"] for r in JSONL_GOOD]
    with open(os.fsencode(src) + b"/bad\xffname.txt", "wb") as fh:
        fh.write(texts[0].encode())
    (src / "good.txt").write_text(texts[1], encoding="utf-8")
    db = tmp_path / "t.duckdb"
    result = cli("ingest", str(src), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert article_ids(db) == {content_hash(t) for t in texts}
    with Store(db, read_only=True) as st:
        sources = {r[0] for r in st.con.execute("SELECT source FROM articles").fetchall()}
    assert any(s.endswith("bad\\xffname.txt") for s in sources)
