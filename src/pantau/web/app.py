"""The FastAPI application behind `pantau serve`: the REST API (`/api/...`) and the HTML pages over
one store, in one process.

    app = create_app("pantau.duckdb")                      # read-only
    app = create_app("pantau.duckdb", allow_ingest=True, token="s3cret")

The store is opened read-only unless ingesting is allowed, and only for the time of a request
(`Database`): an ingest in another process writes between requests. Writes (POST /api/articles)
take a lock, one at a time.
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
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from pantau import __version__
from pantau.ingest.readers import MAX_BYTES
from pantau.store import Store
from pantau.store.access import data_version
from pantau.web.cache import ResponseCache
from pantau.web.security import SecurityHeaders

HERE = Path(__file__).parent
log = logging.getLogger("pantau.web")


class Database:
    """The store behind the app, opened per request.

    For a DuckDB file, each request opens its own connection and closes it when it is answered
    (`reading()`, `writing()`): between requests the file is free, so a `pantau ingest` in another
    process can write its batches while the server runs, and each request sees every batch
    committed before it began (see `pantau.store.access`). Requests that overlap share one hold
    on the file (DuckDB's instance cache hands out a second connection at no cost); the first
    after an idle spell costs about 15 ms. A Parquet folder cannot change and stays open, with a
    pool of cursors.

    `version` changes with every commit to the file, from any process: the caches compare it."""

    def __init__(self, path: str | Path, writable: bool = False):
        from pantau.store.store import OrderCache

        self.path = Path(path)
        self.writable = writable
        self.parquet: Store | None = None
        self.order_cache = OrderCache()  # event orders, per data version, shared by the requests
        self.write_lock = threading.Lock()
        self._writes = 0  # this process's own writes (a Parquet folder has no file version)
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        if self.path.is_dir():  # the Parquet output of `pantau ingest --engine ray`
            from pantau.store.store import open_parquet

            if writable:
                raise ValueError(f"{path}: a Parquet folder is read-only; ingest needs a DuckDB file")
            self.parquet = open_parquet(self.path)
            self.parquet.con.execute("SET threads = 1")
            return
        if not writable and not self.path.exists():
            raise FileNotFoundError(f"no database at {path} (create one with `pantau ingest`, or pass --db)")
        with self._open():  # fail at start, not on the first request, if it is no pantau store
            pass

    @property
    def version(self) -> tuple:
        if self.parquet is not None:
            return (self._writes,)
        return (self._writes, *data_version(self.path))

    def _open(self) -> Store:
        # In one process DuckDB shares a file between connections of one mode only: a server that
        # writes reads through read-write connections too.
        store = Store(self.path, read_only=not self.writable, order_cache=self.order_cache)
        # One DuckDB thread per query: a server runs many small queries at once, each on its
        # request's thread, and handing a 2 ms query to a thread pool costs more than it saves
        # (measured: an article read 12 → 7 ms on 2 cores).
        store.con.execute("SET threads = 1")
        return store

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
        """A connection to the store for one request. (FastAPI may run a request's dependencies
        and its endpoint on different threads: a connection per request, not per thread.)"""
        if self.parquet is not None:
            try:
                view = self._idle.get_nowait()
            except queue.Empty:
                view = self.parquet.cursor()
            try:
                yield view
            finally:
                self._idle.put(view)
            return
        with self._open() as store:
            yield store

    @contextlib.contextmanager
    def writing(self) -> Iterator[Store]:
        """The store for one write, one writer at a time in this process."""
        with self.write_lock, self._open() as store:
            yield store
            self._writes += 1

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        if self.parquet is not None:
            self.parquet.close()


def create_app(db: str | Path, *, allow_ingest: bool = False, token: str | None = None, cache: bool = True,
               max_upload: int = MAX_BYTES) -> FastAPI:
    """The app over the store at `db` (a DuckDB file or a Parquet folder). With `allow_ingest`,
    POST /api/articles accepts articles from clients that send `Authorization: Bearer <token>`,
    bodies (and each gzip's content) up to `max_upload` bytes. `cache` keeps GET answers until
    the next write (see cache.py)."""
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
    app.state.max_upload = max_upload
    # Each middleware added wraps the ones before it: the last added sees a request first.
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    if cache:  # outside gzip: a hit skips gzip, routing and the store
        app.add_middleware(ResponseCache, database=database)
    app.add_middleware(CatchUnexpected)  # outside the cache, which must see the error as an error
    app.add_middleware(SecurityHeaders)  # outermost: on cache hits, static files and 500s too
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

    @app.exception_handler(Exception)  # a last resort: CatchUnexpected answers nearly all
    async def unexpected(request: Request, exc: Exception):
        return internal_error(request, exc)

    return app


def internal_error(request: Request, exc: Exception) -> Response:
    """The 500 answer, logged: JSON for /api/, the HTML error page for pages. No detail beyond
    the exception's type leaves the server (messages may hold paths and SQL)."""
    log.error("unexpected error on %s", request.url.path, exc_info=exc)
    if not request.url.path.startswith("/api/"):
        from pantau.web import pages

        try:
            return pages.error_page(request, 500, "internal error: the server could not answer this page")
        except Exception:  # noqa: BLE001 - the page itself failed: plain text then
            log.exception("the error page failed too")
            return PlainTextResponse("500 internal error", status_code=500)
    return JSONResponse({"error": f"internal error: {type(exc).__name__}"}, status_code=500)


class CatchUnexpected:
    """Answers an unhandled exception with a 500 and does not raise it further.

    FastAPI's exception_handler(Exception) runs in Starlette's outermost ServerErrorMiddleware,
    which answers and then re-raises for the server to log; uvicorn, seeing the exception, closes
    the connection, so a keep-alive client's next request was reset. Here the error is logged
    and answered, and the connection stays usable. Once an answer has started, only closing the
    connection can tell the client that it is incomplete: then the exception goes on."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started:
                raise
            await internal_error(Request(scope), exc)(scope, receive, send)


def app_from_environment() -> FastAPI:
    """The app for `pantau serve`, configured through the environment so that uvicorn can build
    it in each worker process (PANTAU_SERVE_DB, PANTAU_SERVE_INGEST, PANTAU_SERVE_NO_CACHE, PANTAU_TOKEN)."""
    import os

    return create_app(os.environ["PANTAU_SERVE_DB"], allow_ingest=bool(os.environ.get("PANTAU_SERVE_INGEST")),
                      token=os.environ.get("PANTAU_TOKEN") or None, cache=not os.environ.get("PANTAU_SERVE_NO_CACHE"))


def _plain_errors(errors) -> list[dict]:
    """Pydantic's error dicts without the values that are not JSON (exceptions in `ctx`)."""
    return [{k: v for k, v in e.items() if k in ("type", "loc", "msg", "input")} for e in errors]
