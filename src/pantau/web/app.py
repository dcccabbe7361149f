"""The FastAPI application behind `pantau serve`: the REST API (`/api/...`) and the HTML pages over
one store, in one process.

    app = create_app("pantau.duckdb")                      # read-only
    app = create_app("pantau.duckdb", allow_ingest=True, token="s3cret")

The store is opened read-only unless ingesting is allowed. Every request thread reads through its
own DuckDB connection (`Store.cursor()`: connections must not be shared between threads); writes
(POST /api/articles) take a lock and go through the main connection.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from pantau import __version__
from pantau.store import Store
from pantau.web.cache import ResponseCache

HERE = Path(__file__).parent
log = logging.getLogger("pantau.web")


class Database:
    """The open store, a pool of read connections, and a version number that grows with each
    write (so that caches know when to forget).

    A request borrows one connection for its whole life (`reading()`): FastAPI may run a request's
    dependencies and its endpoint on different threads, so a connection per thread is not
    enough; a connection per request is, and the pool saves opening one each time."""

    def __init__(self, path: str | Path, writable: bool = False):
        path = Path(path)
        if path.is_dir():  # the Parquet output of `pantau ingest --engine ray`
            from pantau.store.store import open_parquet

            if writable:
                raise ValueError(f"{path}: a Parquet folder is read-only; ingest needs a DuckDB file")
            self.store = open_parquet(path)
        else:
            if not writable and not path.exists():
                raise FileNotFoundError(f"no database at {path} (create one with `pantau ingest`, or pass --db)")
            self.store = Store(path, read_only=not writable)
        # One DuckDB thread per query: a server runs many small queries at once, each on its
        # request's thread, and handing a 2 ms query to a thread pool costs more than it saves
        # (measured: an article read 12 → 7 ms on 2 cores).
        self.store.con.execute("SET threads = 1")
        self.write_lock = threading.Lock()
        self.version = 0
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
        """A read connection to the store, for one request at a time."""
        try:
            view = self._idle.get_nowait()
        except queue.Empty:
            view = self.store.cursor()
        try:
            yield view
        finally:
            self._idle.put(view)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        self.store.close()


def create_app(db: str | Path, *, allow_ingest: bool = False, token: str | None = None, cache: bool = True) -> FastAPI:
    """The app over the store at `db` (a DuckDB file or a Parquet folder). With `allow_ingest`,
    POST /api/articles accepts articles from clients that send `Authorization: Bearer <token>`.
    `cache` keeps GET answers until the next write (see cache.py)."""
    if allow_ingest and not token:
        raise ValueError("--allow-ingest needs a token: set PANTAU_TOKEN")
    from pantau.web import api, pages

    database = Database(db, writable=allow_ingest)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        database.close()

    app = FastAPI(
        title="pantau", version=__version__, lifespan=lifespan,
        summary="Indonesian news → event data: events, actors, quotes, dates and places, with the sentence "
                "behind every record.",
        # FastAPI's own docs pages load their scripts from a CDN; pantau renders /api/docs itself.
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.db = database
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    if cache:  # added last = outermost: a hit skips gzip, routing and the store
        app.add_middleware(ResponseCache, database=database)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        """422 with one readable line per bad parameter (and FastAPI's detail for programs)."""
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where or 'request'}: {e.get('msg')}")
        if not request.url.path.startswith("/api/"):
            return pages.error_page(request, 422, "; ".join(problems))
        return JSONResponse({"error": "; ".join(problems), "detail": _plain_errors(exc.errors())}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if not request.url.path.startswith("/api/"):
            return pages.error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse({"error": f"internal error: {type(exc).__name__}"}, status_code=500)

    return app


def app_from_environment() -> FastAPI:
    """The app for `pantau serve`, configured through the environment so that uvicorn can build
    it in each worker process (PANTAU_SERVE_DB, PANTAU_SERVE_INGEST, PANTAU_SERVE_NO_CACHE, PANTAU_TOKEN)."""
    import os

    return create_app(os.environ["PANTAU_SERVE_DB"], allow_ingest=bool(os.environ.get("PANTAU_SERVE_INGEST")),
                      token=os.environ.get("PANTAU_TOKEN") or None, cache=not os.environ.get("PANTAU_SERVE_NO_CACHE"))


def _plain_errors(errors) -> list[dict]:
    """Pydantic's error dicts without the values that are not JSON (exceptions in `ctx`)."""
    return [{k: v for k, v in e.items() if k in ("type", "loc", "msg", "input")} for e in errors]
