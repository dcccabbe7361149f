"""Load the Parquet output directory of the distributed (Ray) engine into the DuckDB store.

The directory (see src/pantau/scale/):

    DIR/documents/month=YYYY-MM/*.parquet   id, month, document (json.dumps(Document.to_dict()))
    DIR/<table>/month=YYYY-MM/*.parquet     the store's tables (articles, sentences, mentions, ...)
    DIR/errors/*.parquet                    path, line, stage, reason (absent when there were none)

Only `documents/` is read: each record is rebuilt into a `Document` and stored with
`Store.write_documents`, so the store holds exactly what `pantau ingest` would have written.
The per-table files are for querying the directory in place (DuckDB `read_parquet`, Spark, ...).

Reading streams record batches: memory stays bounded by `batch` documents plus one Parquet row
group, whatever the size of the directory. Ids are content hashes, so loading a directory twice,
or re-running a load that was killed half way, adds nothing that is already stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pantau.model import document_from_dict
from pantau.store import Store

_PARTITIONING = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")
# Fixed, not inferred: writers differ on string vs large_string (and on keeping the partition
# column in the files), and an inferred schema refuses to merge the two. Both cast to this.
_DOCUMENTS_SCHEMA = pa.schema([("id", pa.large_string()), ("document", pa.large_string()),
                               ("month", pa.string())])


@dataclass
class LoadSummary:
    loaded: int  # documents newly written to the store
    skipped_duplicates: int  # documents whose id was already stored (or repeated in DIR)
    errors: int  # rows in DIR/errors: articles the engine could not read or analyse
    events: int = 0  # events added to the store


def _parquet_files(folder: Path) -> list[str]:
    """Listed by suffix so that markers such as _SUCCESS or .crc files are never opened."""
    return sorted(str(f) for f in folder.rglob("*.parquet") if f.is_file()) if folder.is_dir() else []


def _dataset(folder: Path) -> ds.Dataset | None:
    """The document files under `folder` (hive `month=` partitions), or None when there are none."""
    files = _parquet_files(folder)
    if not files:
        return None
    return ds.dataset(files, schema=_DOCUMENTS_SCHEMA, format="parquet", partitioning=_PARTITIONING,
                      partition_base_dir=str(folder))


def count_documents(path: str | Path) -> int:
    """How many document records DIR holds (from the Parquet footers: cheap). ValueError, with a
    one-line message, when DIR is missing or holds no documents."""
    path = Path(path)
    if not path.is_dir():
        raise ValueError(f"{path}: no such directory")
    dataset = _dataset(path / "documents")
    n = dataset.count_rows() if dataset is not None else 0
    if n == 0:
        raise ValueError(f"{path}: no documents (expected Parquet files under {path / 'documents'})")
    return n


def count_errors(path: str | Path) -> int:
    """Rows in DIR/errors (from the Parquet footers; 0 when the folder is absent)."""
    return sum(pq.ParquetFile(f).metadata.num_rows for f in _parquet_files(Path(path) / "errors"))


def load_directory(path: str | Path, store: Store, *, batch: int = 64,
                   on_progress: Callable[[int], None] | None = None) -> LoadSummary:
    """Store every document of an engine output directory; see the module docstring.

    Each batch of `batch` documents is one transaction. `on_progress(n)` is called after each
    batch with the number of records it read. Rebuilds the full-text index when anything was
    loaded (and the FTS extension is available)."""
    path = Path(path)
    count_documents(path)
    dataset = _dataset(path / "documents")
    events_before = _count(store, "events")
    loaded = skipped = 0
    # small read-ahead: the default (16 batches x 4 files) would hold hundreds of MB of text
    for record_batch in dataset.to_batches(columns=["id", "document"], batch_size=batch,
                                           batch_readahead=1, fragment_readahead=1):
        ids = record_batch.column("id").to_pylist()
        stored = _stored_ids(store, ids)  # skip parsing the JSON of what is already there
        docs = [document_from_dict(json.loads(text))
                for doc_id, text in zip(ids, record_batch.column("document").to_pylist())
                if doc_id not in stored]
        written = store.write_documents(docs) if docs else 0
        loaded += written
        skipped += len(ids) - written
        if on_progress is not None:
            on_progress(len(ids))
    if loaded and store.fts:
        store.rebuild_search_index()
    return LoadSummary(loaded=loaded, skipped_duplicates=skipped, errors=count_errors(path),
                       events=_count(store, "events") - events_before)


def _stored_ids(store: Store, ids: list[str]) -> set[str]:
    rows = store.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
    return {r[0] for r in rows}


def _count(store: Store, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
