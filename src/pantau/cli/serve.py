"""`pantau serve`: the REST API and the web UI over the store (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from pantau.cli.common import DEFAULT_DB, DbOption, err, fail


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help=(
        "Accept POST /api/articles from clients sending the bearer token in $PANTAU_TOKEN."))] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes (read-only mode only).")] = 1,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Keep GET answers until the next write.")] = True,
):
    """The REST API (/api, documented at /api/docs) and the web UI over the store, read-only
    unless --allow-ingest."""
    import uvicorn

    token = os.environ.get("PANTAU_TOKEN") or None
    if allow_ingest and not token:
        fail("--allow-ingest needs a token: set PANTAU_TOKEN")
    if allow_ingest and workers > 1:
        fail("--allow-ingest runs one process (DuckDB has one writer); drop --workers")
    os.environ["PANTAU_SERVE_DB"] = str(db.resolve())
    os.environ["PANTAU_SERVE_INGEST"] = "1" if allow_ingest else ""
    os.environ["PANTAU_SERVE_NO_CACHE"] = "" if cache else "1"
    try:
        from pantau.web.app import app_from_environment

        app_from_environment().state.db.close()  # fail here, in one line, if the store cannot be opened
    except Exception as exc:  # missing, locked by another process, not a DuckDB file, other schema version
        fail(f"cannot open {db}: {exc}", 1)
    err.print(f"pantau: serving {db} on http://{host}:{port}/ ({'ingest allowed' if allow_ingest else 'read-only'})")
    uvicorn.run("pantau.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False)
