"""The Ray Data engine: the same analysis as `pantau ingest`, on a Ray cluster, to Parquet.

    files ─► read (Ray Data) ─► parse + analyse (map_batches, one loaded `nlp` per actor)
          ─► documents/, articles/, mentions/, ... (Parquet, partitioned by publication month), errors/

- Inputs: local files, folders and glob patterns (expanded here), or URIs of any filesystem
  pyarrow supports (``s3://bucket/feed.jsonl.gz``), passed to Ray as they are. JSON Lines files
  (``.jsonl``/``.ndjson``, gzipped or not) are read line by line, every other file whole.
- Each actor loads the pipeline once (`AnalyzeBatch.__init__`) and runs `analyze_documents` over
  its batches; an article or line that cannot be read or analysed becomes a row of ``errors/``
  with its reason instead of failing the job. Ray retries tasks of a worker that dies.
- The per-table Parquet files carry the DuckDB store's own column types
  (`store.document_tables`); ``documents/`` holds each whole `Document` as JSON for `pantau load`.
- Ids are content hashes, so the output of a run is the same for the same input, and each run
  replaces the tables in ``--out`` (re-running does not duplicate; load several output folders
  into one database with `pantau load`, which skips ids it already has).

Ray is an optional extra (``pip install pantau[ray]``): nothing here is imported by the local path.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
ERROR_SCHEMA = pa.schema([("path", pa.string()), ("line", pa.int64()), ("stage", pa.string()), ("reason", pa.string())])


@dataclass
class RayRunSummary:
    articles: int
    errors: int
    out: str
    seconds: float


def expand_inputs(paths: list[str]) -> tuple[list[str], list[str]]:
    """(JSON Lines files, other files). Local folders are walked (hidden files skipped) and glob
    patterns expanded, in sorted order; URIs are kept as they are."""
    files: list[str] = []
    for p in paths:
        if "://" in p:
            files.append(p)
        elif any(ch in p for ch in "*?["):
            files += sorted(f for f in glob.glob(p, recursive=True) if os.path.isfile(f))
        elif os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files += [os.path.join(root, n) for n in sorted(names) if not n.startswith(".")]
        else:
            files.append(p)
    jsonl = [f for f in files if f.lower().endswith(JSONL_SUFFIXES)]
    return jsonl, [f for f in files if not f.lower().endswith(JSONL_SUFFIXES)]


def month_of(published: str | None) -> str:
    """The partition key: YYYY-MM of the publication date, else "unknown"."""
    if published and len(published) >= 7 and published[4] == "-":
        return published[:7]
    return "unknown"


class AnalyzeBatch:
    """A Ray actor's work: parse raw records, analyse them, return documents and errors. The
    pipeline is loaded once per actor, not once per batch."""

    def __init__(self, published: str | None = None, source: str | None = None):
        from pantau import assembly

        assembly.load()
        self.published, self.source = published, source

    def __call__(self, batch: dict) -> dict:
        from pantau.ingest.readers import article_from_line, articles_from_bytes
        from pantau.pipeline import analyze_raw

        items = []
        for path, kind, line, data in zip(batch["path"], batch["kind"], batch["line"], batch["data"]):
            path = str(path)
            items += [article_from_line(str(line), path)] if kind == "line" else articles_from_bytes(bytes(data), path)
        errors: list[tuple] = []
        docs = list(analyze_raw(items, on_failure=lambda *failure: errors.append(failure),
                                published=self.published, source=self.source))
        out = {"kind": [], "id": [], "month": [], "document": [], "path": [], "line": [], "stage": [], "reason": []}
        for d in docs:
            for k, v in (("kind", "doc"), ("id", d.id), ("month", month_of(d.published)),
                         ("document", json.dumps(d.to_dict(), ensure_ascii=False)), ("path", None),
                         ("line", None), ("stage", None), ("reason", None)):
                out[k].append(v)
        for path, line, stage, reason in errors:
            for k, v in (("kind", "error"), ("id", None), ("month", None), ("document", None), ("path", path),
                         ("line", line), ("stage", stage), ("reason", reason)):
                out[k].append(v)
        return out


def table_rows(batch: pa.Table, table: str) -> pa.Table:
    """One store table's rows for a batch of analysed documents, with a month column."""
    from pantau.model import document_from_dict
    from pantau.store.store import document_tables

    docs = [document_from_dict(json.loads(s)) for s in batch.column("document").to_pylist()]
    months = dict(zip(batch.column("id").to_pylist(), batch.column("month").to_pylist()))
    rows = document_tables(docs)[table]
    key = "id" if table == "articles" else "doc_id"
    return rows.append_column("month", pa.array([months[i] for i in rows.column(key).to_pylist()], pa.string()))


def read_inputs(paths: list[str]):
    """One Ray dataset of raw records: {path, kind: line|file, line, data}."""
    import ray.data

    jsonl, other = expand_inputs(paths)
    parts = []
    if jsonl:
        parts.append(ray.data.read_text(jsonl, include_paths=True).map(
            lambda r: {"path": r["path"], "kind": "line", "line": r["text"], "data": b""}))
    if other:
        parts.append(ray.data.read_binary_files(other, include_paths=True).map(
            lambda r: {"path": r["path"], "kind": "file", "line": "", "data": r["bytes"]}))
    if not parts:
        raise ValueError("no input files")
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def init_ray(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the cluster at `address`, or start a local Ray on this machine."""
    import ray

    if ray.is_initialized():
        return
    kwargs = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    if address:
        ray.init(address=address, **kwargs)
    else:
        ray.init(num_cpus=num_cpus, **kwargs)
    import ray.data

    ray.data.DataContext.get_current().enable_progress_bars = False


def run(paths: list[str], out: str | Path, *, address: str | None = None, workers: int = 2,
        batch_size: int = 16, published: str | None = None, source: str | None = None) -> RayRunSummary:
    """Analyse `paths` on Ray into the Parquet folder `out` (its tables are replaced)."""
    import time

    import ray.data  # noqa: F401 - fail early with a clear ImportError when the extra is missing

    t0 = time.perf_counter()
    # a local Ray gets one CPU beyond the actor pool: the read and split tasks need one too, and
    # with every CPU held by an actor they would never be scheduled
    init_ray(address, num_cpus=None if address else max(workers, 1) + 1)
    analysed = read_inputs(paths).map_batches(
        AnalyzeBatch, fn_constructor_kwargs={"published": published, "source": source},
        compute=ray.data.ActorPoolStrategy(size=workers), batch_size=batch_size, batch_format="numpy",
    ).materialize()  # analysed once, then split into tables below
    out = Path(out)
    docs = analysed.filter(expr="kind == 'doc'").select_columns(["id", "month", "document"]).materialize()
    errors = analysed.filter(expr="kind == 'error'").select_columns(["path", "line", "stage", "reason"])
    for sub in ("documents", "errors", "entities", *_tables()):
        shutil.rmtree(out / sub, ignore_errors=True)
    n_docs = docs.count()
    if n_docs:
        docs.write_parquet(str(out / "documents"), partition_cols=["month"])
        for table in _tables():
            docs.map_batches(table_rows, fn_kwargs={"table": table}, batch_format="pyarrow",
                             batch_size=64).write_parquet(str(out / table), partition_cols=["month"])
        write_entities(out)
    error_rows = errors.take_all()
    if error_rows:
        (out / "errors").mkdir(parents=True, exist_ok=True)
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(error_rows, schema=ERROR_SCHEMA), out / "errors" / "errors.parquet")
    return RayRunSummary(articles=n_docs, errors=len(error_rows), out=str(out), seconds=time.perf_counter() - t0)


def write_entities(out: Path) -> None:
    """`entities/`: one row per linked entity seen in the mentions (the store's entities table),
    aggregated by DuckDB over the mentions Parquet, which it streams."""
    import duckdb

    (out / "entities").mkdir(parents=True, exist_ok=True)
    duckdb.execute(f"""
        COPY (SELECT entity_id AS id, first(canonical_name ORDER BY doc_id, position) AS canonical_name,
                     first(type ORDER BY doc_id, position) AS type, first(country ORDER BY doc_id, position) AS country,
                     first(code ORDER BY doc_id, position) AS code
              FROM read_parquet('{out / "mentions"}/**/*.parquet', hive_partitioning = true)
              WHERE entity_id IS NOT NULL GROUP BY entity_id ORDER BY entity_id)
        TO '{out / "entities" / "entities.parquet"}' (FORMAT parquet)""")


def _tables() -> tuple[str, ...]:
    from pantau.store.store import ARTICLE_TABLES

    return ARTICLE_TABLES
