"""A response cache for `pantau serve`: the store only changes through POST /api/articles, so a
GET answer stays right until the next write. Answers are kept whole (status, headers, body) in
an LRU bounded by bytes, keyed by path, query string and whether the client takes gzip, and
dropped all at once when the store's version moves on.

Exports (large, streamed from a temporary file) and static files (served from disk anyway) are
not cached. The cache sits outside every other middleware, so a hit costs no routing, no
query and no rendering.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

SKIP_PREFIXES = ("/api/export", "/static/")
MAX_ENTRY = 2 * 1024 * 1024  # a bigger answer is not worth keeping


class ResponseCache:
    def __init__(self, app, database, max_bytes: int = 64 * 1024 * 1024):
        self.app = app
        self.database = database
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple, tuple[dict, bytes]] = OrderedDict()
        self.size = 0
        self.version = database.version
        self.lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(SKIP_PREFIXES):
            await self.app(scope, receive, send)
            return
        gzip = any(k == b"accept-encoding" and b"gzip" in v for k, v in scope["headers"])
        key = (scope["path"], scope["query_string"], gzip)
        with self.lock:
            if self.version != self.database.version:  # written to since: forget everything
                self.entries.clear()
                self.size, self.version = 0, self.database.version
            hit = self.entries.get(key)
            if hit is not None:
                self.entries.move_to_end(key)
        if hit is not None:
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return

        version = self.database.version
        start_message: dict = {}
        chunks: list[bytes] = []
        keep = True

        async def capture(message):
            nonlocal keep
            if message["type"] == "http.response.start":
                start_message.update(message)
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_ENTRY:
                    keep = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start_message:
            body = b"".join(chunks)
            self._store(key, dict(start_message), body, version)

    def _store(self, key: tuple, start: dict, body: bytes, version: int) -> None:
        with self.lock:
            if version != self.database.version or key in self.entries:
                return  # a write happened while this answer was being made: it may be stale
            self.entries[key] = (start, body)
            self.size += len(body)
            while self.size > self.max_bytes and self.entries:
                _, (_, old) = self.entries.popitem(last=False)
                self.size -= len(old)
