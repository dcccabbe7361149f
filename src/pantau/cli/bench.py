"""`pantau bench`: pipeline throughput against bare tokenisation, or articles/s per Ray worker count."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from pantau.cli.common import Engine, fail
from pantau.cli.output import print_table


def counts(value: str, option: str) -> list[int]:
    """A comma-separated list of process or worker counts ("1,2"); a one-line error otherwise."""
    try:
        numbers = [int(p) for p in value.split(",") if p.strip()]
    except ValueError:
        numbers = []
    if not numbers or min(numbers) < 1:
        fail(f"{option} takes positive whole numbers, e.g. 2 or 1,2 (got {value!r})")
    return numbers


def bench(
    corpus: Annotated[Path, typer.Argument(help="JSONL corpus with a `text` field.")] = Path("../shared/bench/kompas-pfsa-408.jsonl"),
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", help="Only the first N articles.")] = None,
    processes: Annotated[str, typer.Option("--processes", "-j", help=(
        "spaCy worker processes; several, comma-separated (-j 1,2), measure each in turn in one run."))] = "1",
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local, or ray (beside the local engine, same run).")] = Engine.local,
    workers: Annotated[str, typer.Option("--workers", help="With --engine ray: worker counts to measure, e.g. 1,2.")] = "1,2",
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
    coder: Annotated[str, typer.Option("--coder", help="The event coder: combined (default), model or rules.")] = "combined",
):
    """Pipeline throughput (articles/s, tokens/s, peak RSS) against bare tokenisation, same run.
    With --engine ray: articles/s per Ray worker count and the scaling efficiency."""
    from pantau.bench import run, run_ray

    if not corpus.exists():
        fail(f"no corpus at {corpus}")
    if engine is Engine.ray:
        rows = run_ray(corpus, worker_counts=counts(workers, "--workers"), limit=limit)
        if json_out:
            print(json.dumps(rows, indent=2))
            return
        table = Table("engine", "workers", "articles", "seconds", "articles/s", "per worker", "scaling efficiency",
                      title=Text(f"pantau bench --engine ray: {corpus.name}"))
        for r in rows:
            table.add_row(r["engine"], str(r["workers"]), str(r["articles"]), f"{r['seconds']:.1f}",
                          f"{r['articles_per_s']:.2f}", f"{r['per_worker']:.2f}",
                          "" if r["efficiency"] is None else f"{r['efficiency']:.2f}")
        print_table(table)
        return
    numbers = counts(processes, "--processes")
    # one measurement per count, each with its own bare-tokenisation pass; the pipeline is loaded
    # once (load_seconds of the later runs is then near 0)
    from pantau.events.component import MODES

    if coder not in MODES:
        fail(f"--coder must be one of {', '.join(MODES)}, not {coder!r}")
    results = [run(corpus, limit=limit, n_process=n, parse=parse, coder=coder).to_dict() for n in numbers]
    if json_out:  # one count: the measurement's object; several: a list of them, in the order given
        print(json.dumps(results[0] if len(results) == 1 else results, indent=2))
        return
    values = ["value"] if len(results) == 1 else [f"-j {n}" for n in numbers]
    table = Table("measure", *values, title=Text(f"pantau bench: {corpus.name}"))
    for key in ("articles", "tokens", "n_process", "load_seconds", "tokenize_seconds", "pipeline_seconds",
                "articles_per_s", "tokens_per_s", "tokenize_tokens_per_s", "slowdown_vs_tokenizer",
                "events", "mentions", "quotes", "peak_rss_mb"):
        table.add_row(key, *(f"{d[key]:.2f}" if isinstance(d[key], float) else str(d[key]) for d in results))
    print_table(table)
