"""Read source files into `RawArticle`s: plain text, HTML, JSON Lines, JSON, gzip of any of them.

Robustness rules: a bad file (binary, empty, too large, undecodable, broken JSON) never raises;
it becomes an `IngestError` with a one-line reason and the run goes on. Files are sniffed, not
trusted by name, where that is cheap (gzip magic, `<html`, NUL bytes).
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20_000_000
_SNIFF = 8192  # bytes looked at for binary / HTML / gzip sniffing

_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_JSONL_EXT = {".jsonl", ".ndjson", ".jsonlines"}
_JSON_EXT = {".json"}


@dataclass
class RawArticle:
    text: str  # decoded and normalised (see `normalise_text`)
    path: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    line: int | None = None  # 1-based line number for JSONL, item number (1-based) for a JSON list
    content_hash: str = ""  # sha256 hex (first 16) of the normalised text: the article id
    encoding: str = "utf-8"  # "utf-8", "utf-16" or "cp1252" (non-UTF-8 bytes read as cp1252)
    source_id: str | None = None  # an `id` the record itself carried (JSONL/JSON)


@dataclass
class IngestError:
    path: str
    reason: str  # one line: "binary file (NUL bytes)", "line 7: invalid JSON", ...
    line: int | None = None


class _Reject(Exception):
    """A file-level problem; carries the IngestError reason."""


# --------------------------------------------------------------------------- text helpers

_TRAILING_WS = re.compile(r"[ \t\u00a0\u3000]+$", re.M)


def normalise_text(text: str) -> str:
    """NFC, \\r\\n and \\r to \\n, no BOM, trailing spaces stripped per line and around the text.

    This is the form that is hashed, so the same article read from a CRLF file, a BOM'd file or
    a JSONL line gets the same id.
    """
    text = unicodedata.normalize("NFC", text.replace("\ufeff", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _TRAILING_WS.sub("", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    # Decode the offending bytes as cp1252; its five undefined bytes fall back to Latin-1.
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                   else chr(b) for b in bad), err.end


codecs.register_error("pantau-cp1252", _cp1252_fallback)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding label). Never loses a byte: UTF-8 first (BOM allowed), UTF-16 by
    BOM, else each byte that is not valid UTF-8 is read as cp1252 (this also reads a whole
    Latin-1/cp1252 file correctly, and a mostly-UTF-8 file with a few stray cp1252 bytes)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="pantau-cp1252").lstrip("\ufeff"), "cp1252"


def _check_binary(head: bytes) -> None:
    """Reject binary content by its first bytes (UTF-16 with a BOM is text)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if head.startswith(b"%PDF"):
        raise _Reject("unsupported format (PDF)")
    if b"\x00" in head:
        raise _Reject("binary file (NUL bytes)")
    # Control characters other than tab/newline/CR/FF/VT/ESC are rare in any text.
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 11, 12, 13, 27))
    if head and ctrl / len(head) > 0.05:
        raise _Reject(f"binary file ({ctrl} control characters in the first {len(head)} bytes)")


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n} bytes"


# --------------------------------------------------------------------------- format detection

def _is_gzip(path: Path) -> bool:
    if path.suffix.lower() == ".gz":
        return True
    with open(path, "rb") as f:  # gzip without the suffix
        return f.read(2) == b"\x1f\x8b"


def _inner_name(path: Path) -> str:
    name = path.name
    return name[:-3] if name.lower().endswith(".gz") else name


def _kind(name: str, head: bytes) -> str:
    ext = os.path.splitext(name)[1].lower()
    if ext in _JSONL_EXT:
        return "jsonl"
    if ext in _JSON_EXT:
        return "json"
    if ext in _HTML_EXT:
        return "html"
    sniff = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<html" in sniff:
        return "html"
    return "text"


def _open(path: Path, gz: bool):
    # gzip.open streams: nothing is decompressed beyond what is read.
    return gzip.open(path, "rb") if gz else open(path, "rb")


def _read_limited(f, max_bytes: int, what: str) -> bytes:
    """Read the whole stream, refusing more than max_bytes (a gzip may expand a lot)."""
    data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Reject(f"{what} too large (> {_mb(max_bytes)} limit)")
    return data


# --------------------------------------------------------------------------- record builders

def _article(text: str, path: str, encoding: str, *, title=None, url=None, published=None,
             source=None, line=None, source_id=None) -> RawArticle:
    text = normalise_text(text)
    return RawArticle(text=text, path=path, title=_s(title), url=_s(url), published=_s(published),
                      source=_s(source), line=line,
                      content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
                      encoding=encoding, source_id=_s(source_id))


def _s(v) -> str | None:
    """Optional metadata value -> stripped str or None."""
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def _from_record(obj, path: str, encoding: str, where: str, line: int) -> RawArticle | IngestError:
    """One JSON object -> RawArticle, or an IngestError naming its line/item."""
    if not isinstance(obj, dict):
        return IngestError(path, f"{where}: not a JSON object", line)
    text = obj.get("text")
    if text is None:
        return IngestError(path, f"{where}: no 'text' field", line)
    if not isinstance(text, str):
        return IngestError(path, f"{where}: 'text' is not a string", line)
    if not text.strip():
        return IngestError(path, f"{where}: empty 'text'", line)
    published = obj.get("published") or obj.get("date")
    return _article(text, path, encoding, title=obj.get("title"), url=obj.get("url"),
                    published=published, source=obj.get("source"), line=line, source_id=obj.get("id"))


def _read_jsonl(f, path: str, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    """Stream a JSON Lines file: max_bytes bounds each line, not the file (a corpus may be big)."""
    seen = False
    lineno = 0
    while True:
        raw = f.readline(max_bytes + 1)
        if not raw:
            break
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the oversized line
                raw = f.readline(1 << 20)
            yield IngestError(path, f"line {lineno}: line too large (> {_mb(max_bytes)} limit)", lineno)
            seen = True
            continue
        if b"\x00" in raw:
            yield IngestError(path, f"line {lineno}: binary data (NUL bytes)", lineno)
            seen = True
            continue
        text, enc = decode(raw)
        if not text.strip():
            continue
        seen = True
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            yield IngestError(path, f"line {lineno}: invalid JSON ({e.msg} at column {e.colno})", lineno)
            continue
        yield _from_record(obj, path, enc, f"line {lineno}", lineno)
    if not seen:
        raise _Reject("empty file")


def _read_json(data: bytes, path: str) -> Iterator[RawArticle | IngestError]:
    text, enc = decode(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Reject(f"invalid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    if isinstance(obj, dict):
        yield _from_record(obj, path, enc, "object", None)
        return
    if not isinstance(obj, list):
        raise _Reject("JSON is neither an object nor a list of objects")
    if not obj:
        raise _Reject("empty file")
    for i, item in enumerate(obj, 1):
        yield _from_record(item, path, enc, f"item {i}", i)


def _read_html(data: bytes, path: str) -> RawArticle:
    import trafilatura  # imported lazily: only HTML needs it, and it is slow to import

    html, enc = decode(data)
    doc = trafilatura.bare_extraction(html, favor_recall=True, include_comments=False,
                                      include_tables=False, with_metadata=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise _Reject("HTML page without article text")
    return _article(text, path, enc, title=doc.title, url=doc.url, published=doc.date)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    """Yield the articles of one file; raises _Reject / OSError for file-level problems."""
    size = path.stat().st_size
    if size == 0:
        raise _Reject("empty file")
    gz = _is_gzip(path)
    name = _inner_name(path) if gz else path.name
    # Checked before reading, so a huge file is refused at once. JSON Lines are streamed, so a big
    # corpus file is fine: there max_bytes bounds each line instead.
    if size > max_bytes and os.path.splitext(name)[1].lower() not in _JSONL_EXT:
        raise _Reject(f"file too large ({_mb(size)} > {_mb(max_bytes)} limit)")
    sp = str(path)
    with _open(path, gz) as f:
        try:
            head = f.peek(_SNIFF)[:_SNIFF]
        except (OSError, EOFError, zlib.error) as e:
            if not gz:
                raise
            raise _Reject(f"corrupt gzip ({e})") from None
        _check_binary(head)
        kind = _kind(name, head)
        try:
            if kind == "jsonl":
                yield from _read_jsonl(f, sp, max_bytes)
                return
            data = _read_limited(f, max_bytes, "decompressed file" if gz else "file")
        except (OSError, EOFError, zlib.error) as e:
            if not gz:
                raise
            raise _Reject(f"corrupt gzip ({e})") from None
    if not data.strip():
        raise _Reject("empty file")
    if kind == "json":
        yield from _read_json(data, sp)
    elif kind == "html":
        yield _read_html(data, sp)
    else:
        text, enc = decode(data)
        if not text.strip():
            raise _Reject("empty file")
        yield _article(text, sp, enc)


# --------------------------------------------------------------------------- from memory
# For workers that receive file contents or JSON Lines from a distributed reader (Ray Data)
# instead of local paths; the same parsing as `iter_articles`.

def article_from_line(line: str, path: str, line_no: int | None = None) -> RawArticle | IngestError:
    """One JSON Lines record."""
    where = f"line {line_no}" if line_no else "line"
    try:
        obj = json.loads(line)
    except ValueError as e:
        return IngestError(path, f"{where}: invalid JSON ({e.msg})", line_no)
    return _from_record(obj, path, "utf-8", where, line_no)


def articles_from_bytes(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> list[RawArticle | IngestError]:
    """The articles of one whole file given as bytes (gzip already undone or not)."""
    try:
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
            name = _inner_name(Path(path))
        else:
            name = Path(path).name
        if not data.strip():
            raise _Reject("empty file")
        if len(data) > max_bytes:
            raise _Reject(f"file too large ({_mb(len(data))} > {_mb(max_bytes)} limit)")
        head = data[:_SNIFF]
        _check_binary(head)
        kind = _kind(name, head)
        if kind == "jsonl":
            text, _ = decode(data)
            return [article_from_line(line, path, i) for i, line in enumerate(text.splitlines(), 1) if line.strip()]
        if kind == "json":
            return list(_read_json(data, path))
        if kind == "html":
            return [_read_html(data, path)]
        text, enc = decode(data)
        if not text.strip():
            raise _Reject("empty file")
        return [_article(text, path, enc)]
    except _Reject as e:
        return [IngestError(path, str(e))]
    except (OSError, EOFError, zlib.error) as e:
        return [IngestError(path, f"corrupt gzip ({e})")]


# --------------------------------------------------------------------------- walking

def _walk(root: Path) -> Iterator[Path]:
    """Files under root, recursively, sorted (deterministic), hidden files and folders skipped."""
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if not fn.startswith("."):
                yield Path(dirpath) / fn


def iter_articles(paths: Iterable[str | Path], *, published: str | None = None,
                  source: str | None = None, max_bytes: int = MAX_BYTES,
                  ) -> Iterator[RawArticle | IngestError]:
    """Yield every article in `paths` (files or folders) in a deterministic order.

    `published` / `source` fill in what an article does not carry itself. Never raises for a bad
    or unreadable file: it yields an IngestError and goes on.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files: Iterable[Path] = _walk(p)
        else:
            files = [p]
        for fp in files:
            for item in _safe_read(fp, max_bytes):
                if isinstance(item, RawArticle):
                    item.published = item.published or published
                    item.source = item.source or source
                yield item


def _safe_read(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    sp = str(path)
    try:
        yield from _read_file(path, max_bytes)
    except _Reject as e:
        yield IngestError(sp, str(e))
    except FileNotFoundError:
        yield IngestError(sp, "no such file")
    except PermissionError:
        yield IngestError(sp, "permission denied")
    except IsADirectoryError:
        yield IngestError(sp, "is a directory")
    except OSError as e:
        yield IngestError(sp, f"unreadable ({e.strerror or e})")
    except Exception as e:  # noqa: BLE001 - a reader bug must not stop a corpus run
        yield IngestError(sp, f"unexpected error ({type(e).__name__}: {e})".replace("\n", " "))
