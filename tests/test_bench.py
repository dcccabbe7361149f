"""`pantau bench`: the numbers it reports are the run's own, and two processes analyse the corpus
exactly as one does (the speed figures in docs/EVALUATION.md come from this command)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pantau.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def corpus(tmp_path: Path) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))][:4]
    assert len(texts) >= 2
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts * 2), encoding="utf-8")
    return path


def test_bench_one_and_two_processes_in_one_run(tmp_path):
    path = corpus(tmp_path)
    result = CliRunner().invoke(app, ["bench", str(path), "-j", "1,2", "--json"])
    assert result.exit_code == 0, result.output
    runs = json.loads(result.output)
    assert [r["n_process"] for r in runs] == [1, 2]
    one, two = runs
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert one["articles"] == two["articles"] == n
    assert one["tokens"] == two["tokens"] > 100 * n
    # the same analysis in the worker processes as in this one
    assert (one["events"], one["mentions"], one["quotes"]) == (two["events"], two["mentions"], two["quotes"])
    assert one["mentions"] > 0 and one["events"] > 0
    for r in runs:
        assert abs(r["articles_per_s"] - r["articles"] / r["pipeline_seconds"]) < 0.01 * r["articles_per_s"] + 0.01
        assert abs(r["tokenize_tokens_per_s"] - r["tokens"] / r["tokenize_seconds"]) < 0.01 * r["tokenize_tokens_per_s"] + 1
        assert r["peak_rss_mb"] > 50


def test_bench_limit_and_bad_process_counts(tmp_path):
    path = corpus(tmp_path)
    result = CliRunner().invoke(app, ["bench", str(path), "-n", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"] == 3  # one count: one object, as before
    for bad in ("0", "dua", "1,,x"):
        result = CliRunner().invoke(app, ["bench", str(path), "-j", bad])
        assert result.exit_code == 2 and "--processes" in result.output
