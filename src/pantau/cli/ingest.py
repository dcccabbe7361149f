"""The pipeline commands: ingest (into the store, or with Ray into Parquet), load (that Parquet
into the store) and analyze (without storing)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from pantau.cli.common import (
    DEFAULT_DB, DbOption, Engine, PublishedOption, check_published, err, fail, open_writable, progress_bar,
)
from pantau.cli.output import out_console, print_table


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: txt, html, jsonl, json, gz.")],
    published: PublishedOption = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Source name for articles that carry none.")] = None,
    db: DbOption = DEFAULT_DB,
    processes: Annotated[int, typer.Option("--processes", "-j", help="spaCy worker processes.")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this process into --db; ray: a Ray cluster into --out (Parquet).")] = Engine.local,
    out: Annotated[Optional[Path], typer.Option("--out", help="With --engine ray: the Parquet output folder (its tables are replaced).")] = None,
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="Join this Ray cluster (default: start a local Ray).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="With --engine ray: actors, each with its own loaded pipeline.")] = 2,
):
    """Read, clean, analyse and store articles. Re-ingesting the same article stores it once.

    With `--engine ray` the same analysis runs on Ray Data and writes Parquet tables partitioned by
    publication month to --out (load them with `pantau load OUT --db FILE`)."""
    import time as _time

    check_published(published)
    if engine is Engine.ray:
        if out is None:
            fail("--engine ray writes Parquet: give --out DIR")
        try:
            from pantau.scale import run as run_ray
        except ImportError:
            fail("Ray is not installed (pip install 'pantau[ray]')")
        summary = run_ray([str(p) for p in paths], out, address=ray_address, workers=workers,
                          published=published, source=source)
        err.print(f"analysed {summary.articles} article(s), {summary.errors} error(s) (see {out}/errors); "
                  f"{summary.seconds:.1f} s -> {out}")
        if summary.articles == 0:
            raise typer.Exit(1)
        return

    from rich.progress import TextColumn

    from pantau.runner import ingest as run_ingest
    from pantau.store.access import StoreUnavailable

    t0 = _time.perf_counter()
    done = 0
    try:
        with progress_bar(TextColumn("{task.fields[rate]}")) as progress:
            task = progress.add_task("ingesting", total=None, rate="")

            def tick(_what: str) -> None:
                nonlocal done
                done += 1
                rate = done / max(_time.perf_counter() - t0, 1e-9)
                progress.update(task, advance=1, rate=f"{rate:.1f} articles/s")

            # the path, not an open store: the file is created on the first write and held only
            # while a batch is written
            summary = run_ingest([str(p) for p in paths], db, published=published, source=source,
                                 n_process=processes, on_article=tick)
    except StoreUnavailable as exc:  # what was written before stays; a re-run goes on from there
        fail(str(exc), 1)
    seconds = _time.perf_counter() - t0
    for failure in summary.failed:  # the reason names the line or item where there is one
        err.print(f"failed: {failure.path}: {failure.reason}")
    err.print(f"ingested {summary.ingested}, skipped {summary.duplicates} duplicate(s), failed {len(summary.failed)}; "
              f"{summary.events} events; {seconds:.1f} s -> {db}")
    if summary.read_nothing:
        raise typer.Exit(1)


def load(
    directory: Annotated[Path, typer.Argument(help="Output directory of the distributed engine (pantau.scale).")],
    db: DbOption = DEFAULT_DB,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per transaction.")] = 64,
):
    """Store the articles of a distributed-engine output directory (Parquet), as `ingest` would.

    Reads DIR/documents/month=YYYY-MM/*.parquet; stored articles are skipped, so a re-run adds nothing.

    To query DIR in place instead (any table, or errors), e.g. in DuckDB:
    SELECT * FROM read_parquet('DIR/events/**/*.parquet', hive_partitioning=true)
    """
    import time as _time

    from pantau.loader import count_documents, load_directory

    t0 = _time.perf_counter()
    try:
        total = count_documents(directory)  # before opening the store: no empty database on error
    except ValueError as exc:
        fail(str(exc), 1)
    with open_writable(db) as store, progress_bar() as progress:
        task = progress.add_task("loading", total=total)
        summary = load_directory(directory, store, batch=batch,
                                 on_progress=lambda n: progress.update(task, advance=n))
    seconds = _time.perf_counter() - t0
    errors = f" (see {directory / 'errors'})" if summary.errors else ""
    err.print(f"loaded {summary.loaded}, skipped {summary.skipped_duplicates} duplicate(s), "
              f"{summary.errors} error(s) recorded by the engine{errors}; {summary.events} events; "
              f"{seconds:.1f} s -> {db}")


def analyze(
    files: Annotated[list[Path], typer.Argument(help="Article files (any format `ingest` reads).")],
    published: PublishedOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per article (JSON Lines).")] = False,
):
    """Analyse articles without storing anything; prints events, or JSON Lines with --json."""
    check_published(published)
    from pantau.ingest import IngestError, iter_articles
    from pantau.pipeline import analyze_documents, prepare

    failures = 0
    prepared = []
    for item in iter_articles([str(f) for f in files], published=published):
        if isinstance(item, IngestError):
            failures += 1
            err.print(f"failed: {item.path}: {item.reason}")
            continue
        try:
            prepared.append(prepare(item.text, published=item.published, source=item.source or item.path,
                                    title=item.title, url=item.url, doc_id=item.content_hash))
        except Exception as exc:  # as in `ingest`: one bad article must not stop the others
            failures += 1
            unit = "item" if item.path.lower().endswith((".json", ".json.gz")) else "line"
            where = f"{unit} {item.line}: " if item.line else ""
            err.print(f"failed: {item.path}: {where}clean failed: {exc}")

    def failed(document, stage, exc):
        nonlocal failures
        failures += 1
        err.print(f"failed: {document.source}: {stage} failed: {exc}")

    analysed = 0
    for doc in analyze_documents(prepared, on_error=failed):
        analysed += 1
        if json_out:
            sys.stdout.write(json.dumps(doc.to_json_dict(), ensure_ascii=False) + "\n")
            continue
        out_console().rule(Text(f"{doc.source}  ({doc.outlet or '?'}, {doc.published or 'no date'})"))
        table = Table("type", "cameo", "actor", "recipient", "date", "modality", "evidence", show_lines=False)
        for e in doc.events:
            table.add_row(*map(Text, (e.event_type, e.cameo_code or "", ";".join(a.code or "" for a in e.actors),
                                      ";".join(r.code or "" for r in e.recipients), e.date or "", e.modality,
                                      e.evidence.text[:90])))
        print_table(table)
    if not analysed and failures:
        raise typer.Exit(1)
