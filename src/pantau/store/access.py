"""Sharing one DuckDB file between a writer and readers in other processes.

DuckDB lets one process write a file or several processes read it, never both, and it refuses at
once rather than wait. pantau therefore keeps every hold short and waits its turn:

- `pantau ingest` analyses without the file open and opens it only to write a batch (about every
  second or 16 articles) and, at the end, to rebuild the search index; each batch is one
  transaction, so a reader sees the data as of the last committed batch;
- `pantau serve` opens the file per request and the read commands per command, read-only;
- whoever is refused waits and retries (`connect`), up to `PANTAU_DB_WAIT` seconds (default 60).

A writer that is refused leaves a marker file beside the database (`<db>.writer`) while it waits,
and readers that are about to open hold back while the marker is fresh: without it, a busy server
that always has some request in flight would keep an ingest out for ever. A marker older than
`MARKER_STALE` seconds (its writer was killed) is ignored.

While any connection is open in this process, DuckDB hands out further connections to the same
file from its instance cache without touching the lock: concurrent requests in one server share
one hold, and the file is released when the last of them closes.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from pantau.settings import env_number

WAIT_SECONDS = env_number("PANTAU_DB_WAIT", 60.0)
MARKER_STALE = 10.0  # seconds: a waiting writer refreshes its marker far more often than this
_FIRST_PAUSE, _MAX_PAUSE = 0.005, 0.1


class StoreUnavailable(RuntimeError):
    """The store cannot be opened: not a DuckDB file, another schema version, or busy."""


class StoreBusy(StoreUnavailable):
    """The file stayed locked by another process for longer than the wait."""


def is_lock_conflict(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, duckdb.IOException) and ("lock" in text.lower())


def writer_marker(path: str | Path) -> Path:
    return Path(f"{path}.writer")


def _marker_fresh(marker: Path) -> bool:
    try:
        return time.time() - marker.stat().st_mtime < MARKER_STALE
    except OSError:
        return False


def connect(path: str | Path, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file at `path`, waiting up to `wait` seconds (default
    `WAIT_SECONDS`) while another process holds it the other way. Raises StoreBusy after that."""
    wait = WAIT_SECONDS if wait is None else wait
    deadline = time.monotonic() + wait
    marker = writer_marker(path)
    marked = False
    pause = _FIRST_PAUSE
    try:
        while True:
            if read_only and _marker_fresh(marker) and time.monotonic() < deadline:
                time.sleep(pause)  # a writer is waiting: let it in first
                pause = min(pause * 2, _MAX_PAUSE)
                continue
            try:
                return duckdb.connect(str(path), read_only=read_only)
            except duckdb.IOException as exc:
                if not is_lock_conflict(exc):
                    raise
                if time.monotonic() >= deadline:
                    holder = "a writer" if read_only else "another process"
                    raise StoreBusy(f"{path} is busy: {holder} held it for the {wait:.0f} s this command waits "
                                    f"(PANTAU_DB_WAIT)") from None
                if not read_only:
                    marker.touch()  # (re)freshed on every try
                    marked = True
                time.sleep(pause)
                pause = min(pause * 2, _MAX_PAUSE)
    finally:
        if marked:
            marker.unlink(missing_ok=True)


def data_version(path: str | Path) -> tuple:
    """What changes whenever a commit reaches the file: the size and modification time of the
    database and of its write-ahead log. Cheap (two stats): the server's caches compare it per
    request."""
    version = []
    for p in (Path(path), Path(f"{path}.wal")):
        try:
            st = p.stat()
            version += [st.st_mtime_ns, st.st_size]
        except OSError:
            version += [0, 0]
    return tuple(version)
