"""What the server adds to every answer and what it keeps to itself.

- `SecurityHeaders`: a Content-Security-Policy that lets a page load only the server's own
  scripts, styles and data (article text is untrusted input: should markup ever slip through
  the escaping, no inline script or foreign resource runs), plus nosniff, no framing and no
  referrer beyond this site. Pages have no inline scripts, handlers or style attributes, so
  the policy needs no 'unsafe-inline'.
- `http_url`: whether an input URL may become a link (http/https only: `javascript:` and
  `data:` URLs run or show content in this site's name).
- `public_source`: an article's `source` without the server's directories.
- `limited_body`, `check_gzip`: upload limits (413) that hold at most about the limit in memory.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from pathlib import PureWindowsPath

from starlette.exceptions import HTTPException
from starlette.requests import Request

# img-src data: for the empty favicon (`<link rel="icon" href="data:,">`, which spares a
# request for /favicon.ico); nothing else needs more than 'self'.
CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware adding HEADERS to every HTTP answer. It must be the outermost one (added
    last), so that cached answers, static files and error pages get the headers too."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                # a new message, not a change to one an inner middleware may keep
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


# No whitespace or control characters anywhere: browsers drop tabs and newlines inside a URL,
# so "java\tscript:" would run as javascript:.
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def http_url(value: object) -> bool:
    """True for an http:// or https:// URL, the only kind an input URL may be linked as."""
    return isinstance(value, str) and _HTTP_URL.fullmatch(value) is not None


_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def public_source(source: str | None) -> str | None:
    """`source` as it may leave the server: a feed name or a web URL as is; a file path (what
    `pantau ingest` records when the input names no source) cut to its file name.

    The file name, not a path relative to where the ingest ran: the store does not keep that
    folder, and a relative path ("../../home/x/...") can still spell out the server's layout;
    the name tells the reader which file it was, which is all the page needs."""
    if not source:
        return source
    if source.lower().startswith("file:"):
        source = re.sub(r"^file:(//[^/]*)?", "", source, flags=re.IGNORECASE)
    elif _URL.match(source):
        return source
    if "/" in source or "\\" in source:  # any path, absolute or not: its last part
        return PureWindowsPath(source).name or None  # PureWindowsPath splits at / and at \
    return source


# ---------------------------------------------------------------------- upload limits
# An upload is refused as soon as it is known to be too large: by its Content-Length before
# anything is read, by counting while it streams in, and a gzip by counting what it expands to
# in bounded steps (a 1 MB gzip of zeros expands to 1 GB).

GUNZIP_STEP = 64 * 1024  # bytes decompressed at a time


def size_text(n: int) -> str:
    """An exact size: "20 MB", "1.5 MB", or "20,000,001 bytes" where a rounded figure would not
    be exact (and could read "20 MB > 20 MB limit")."""
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g} MB"
    return f"{n:,} bytes"


def one_line(text: str) -> str:
    """A client's file name fit for a one-line message: control characters escaped, cut short."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)[:200]


def too_large(message: str) -> HTTPException:
    return HTTPException(status_code=413, detail=message)


def limited_body(request: Request, limit: int) -> Request:
    """`request` with a body that may not exceed `limit` bytes: 413 at once for a larger
    Content-Length, else 413 as soon as the bytes read pass the limit (a chunked body has no
    length): no more than `limit` bytes, plus the one chunk that crosses it, are held or spooled."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(f"request body too large: {size_text(int(declared))} > {size_text(limit)} limit")
    seen = 0

    async def receive():
        nonlocal seen
        message = await request.receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise too_large(f"request body too large: over the {size_text(limit)} limit")
        return message

    return Request(request.scope, receive)


def check_gzip(data: bytes, limit: int, name: str, step: int = GUNZIP_STEP) -> None:
    """413 if `data` is a gzip that expands to more than `limit` bytes. Decompresses `step`
    bytes at a time and keeps only a count; every member of a multi-member gzip is counted
    (what `gzip.decompress` would expand). A corrupt gzip passes: the reader reports it."""
    if data[:2] != b"\x1f\x8b":
        return
    total = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            while block := f.read(step):
                total += len(block)
                if total > limit:
                    raise too_large(f"{one_line(name)}: gzip expands to over the {size_text(limit)} limit")
    except (OSError, EOFError, zlib.error):
        return
