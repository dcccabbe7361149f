"""Read source files into `RawArticle`s: plain text, HTML, JSON Lines, JSON, gzip of any of them.

Robustness rules: a bad file (binary, empty, too large, undecodable, broken JSON) never raises;
it becomes an `IngestError` with a one-line reason and the run goes on, and a bad record inside
a JSON Lines file or a JSON list costs that record only. Files are sniffed, not trusted by name,
where that is cheap (gzip magic, `<html`, NUL bytes). Paths and reasons are printable one-liners
(`display_path`): a file name may hold any byte, including newlines and terminal escapes.
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

    def __post_init__(self):
        # what reaches a terminal or a log must be one printable line, whatever the input held
        self.path, self.reason = printable(self.path), printable(self.reason)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with control characters, line separators and lone surrogates written as escapes
    (\\n, \\x1b, \\udcff): one line that cannot drive a terminal and that any encoder accepts."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def display_path(path: str | Path) -> str:
    """A path as pantau stores and shows it. A file name is bytes: a name that is not UTF-8
    arrives from the OS with surrogate escapes ("bad\\udcffname"), which neither DuckDB nor
    Arrow can encode; its bytes are written as \\xff instead, and control characters escaped."""
    raw = os.fsencode(path)
    return printable(raw.decode("utf-8", "backslashreplace"))


class _Reject(Exception):
    """A file-level problem; carries the IngestError reason."""


# --------------------------------------------------------------------------- text helpers

_TRAILING_WS = re.compile(r"[ \t\u00a0\u3000]+$", re.M)
# A JSON string may hold "\\ud800" on its own: not a character, and no encoder writes it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """NFC, \\r\\n and \\r to \\n, no BOM or NUL, a lone surrogate (possible only from a JSON
    escape) as U+FFFD, trailing spaces stripped per line and around the text.

    This is the form that is hashed, so the same article read from a CRLF file, a BOM'd file or
    a JSONL line gets the same id.
    """
    text = unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", text.replace("\ufeff", "").replace("\x00", "")))
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


def _check_nul(data: bytes) -> None:
    """A NUL anywhere in a text file (not only in the sniffed head) makes it binary: what holds
    one is a corrupt or non-text file, and a NUL inside a stored text breaks tools downstream."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    at = data.find(b"\x00")
    if at >= 0:
        raise _Reject(f"binary file (NUL byte at offset {at:,})")


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n} bytes"


def _over(size: int, limit: int) -> str:
    """"25 MB > 20 MB limit"; in bytes where rounding would print the two alike."""
    if _mb(size) == _mb(limit):
        return f"{size:,} bytes > {limit:,} bytes limit"
    return f"{_mb(size)} > {_mb(limit)} limit"


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
        raise _Reject(f"{what} too large (over the {_mb(max_bytes)} limit)")
    return data


# --------------------------------------------------------------------------- record builders

def _article(text: str, path: str, encoding: str, *, title=None, url=None, published=None,
             source=None, line=None, source_id=None) -> RawArticle:
    text = normalise_text(text)
    if not text:  # only what normalising drops (BOMs, NULs, spaces)
        raise _Reject("empty text")
    return RawArticle(text=text, path=path, title=_s(title), url=_s(url), published=_s(published),
                      source=_s(source), line=line,
                      content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
                      encoding=encoding, source_id=_s(source_id))


def _s(v) -> str | None:
    """Optional metadata value -> stripped str or None."""
    if v is None:
        return None
    v = _LONE_SURROGATE.sub("\ufffd", str(v).replace("\x00", "")).strip()
    return v or None


def _from_record(obj, path: str, encoding: str, where: str, line: int | None) -> RawArticle | IngestError:
    """One JSON object -> RawArticle, or an IngestError naming its line/item. Never raises: what
    goes wrong with one record must not end the reading of its file."""
    try:
        return _record_article(obj, path, encoding, where, line)
    except _Reject as e:
        return IngestError(path, f"{where}: {e}", line)
    except Exception as e:  # noqa: BLE001 - a reader bug costs this record, not the file
        return IngestError(path, f"{where}: unexpected error ({type(e).__name__}: {e})", line)


def _parse_json(text: str):
    """json.loads, with nesting too deep for the parser reported as invalid JSON (the C parser
    recurses: 100k nested brackets raise RecursionError)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _record_article(obj, path: str, encoding: str, where: str, line: int | None) -> RawArticle | IngestError:
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
            yield IngestError(path, f"line {lineno}: line too large (over the {_mb(max_bytes)} limit)", lineno)
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
            obj = _parse_json(text)
        except json.JSONDecodeError as e:
            yield IngestError(path, f"line {lineno}: invalid JSON ({e.msg} at column {e.colno})", lineno)
            continue
        yield _from_record(obj, path, enc, f"line {lineno}", lineno)
    if not seen:
        raise _Reject("empty file")


def _read_json(data: bytes, path: str) -> Iterator[RawArticle | IngestError]:
    text, enc = decode(data)
    if text.lstrip().startswith("["):
        yield from _read_json_list(text, path, enc)
        return
    try:
        obj = _parse_json(text)
    except json.JSONDecodeError as e:
        raise _Reject(f"invalid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    if not isinstance(obj, dict):
        raise _Reject("JSON is neither an object nor a list of objects")
    yield _from_record(obj, path, enc, "object", None)


_WS = re.compile(r"[ \t\n\r]*")


def _read_json_list(text: str, path: str, encoding: str) -> Iterator[RawArticle | IngestError]:
    """A JSON list read item by item, so that one bad item (nested too deeply for the parser, or
    holding what no encoder writes) costs that item, not the list. A syntax error ends the
    reading there: what follows cannot be trusted to be where the items are."""
    decoder = json.JSONDecoder()
    pos = _WS.match(text, text.index("[") + 1).end()
    if text.startswith("]", pos):
        raise _Reject("empty file")
    item = 0
    while True:
        item += 1
        try:
            obj, pos = decoder.raw_decode(text, pos)
            yield _from_record(obj, path, encoding, f"item {item}", item)
        except RecursionError:
            pos = _value_end(text, pos)
            yield IngestError(path, f"item {item}: invalid JSON (nested too deeply)", item)
        except json.JSONDecodeError as e:
            if item == 1:
                raise _Reject(f"invalid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
            yield IngestError(path, f"item {item}: invalid JSON ({e.msg} at line {e.lineno}, column {e.colno}); "
                                    "the rest of the file is not read", item)
            return
        pos = _WS.match(text, pos).end()
        if text.startswith(",", pos):
            pos = _WS.match(text, pos + 1).end()
            continue
        if text.startswith("]", pos) and not text[pos + 1:].strip():
            return
        yield IngestError(path, f"after item {item}: invalid JSON (',' or ']' expected); "
                                "the rest of the file is not read", item)
        return


def _value_end(text: str, pos: int) -> int:
    """The offset just after the JSON value starting at `pos`, found by counting brackets outside
    strings: no recursion, so it works where the parser gave up on depth."""
    depth, in_string, escaped = 0, False, False
    for i in range(pos, len(text)):
        c = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


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
        raise _Reject(f"file too large ({_over(size, max_bytes)})")
    sp = display_path(path)
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
    _check_nul(data)
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

def gunzip_limited(data: bytes, max_bytes: int) -> bytes:
    """Undo gzip, refusing output over max_bytes as soon as it passes it: a 1 MB upload can
    expand to gigabytes, and `gzip.decompress` would hold them all. Concatenated members are
    read like `gzip.decompress` does."""
    out, total = [], 0
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while data:
            chunk = inflater.decompress(data, max_bytes + 1 - total)
            total += len(chunk)
            out.append(chunk)
            if total > max_bytes:
                raise _Reject(f"decompressed file too large (over the {_mb(max_bytes)} limit)")
            data = inflater.unconsumed_tail
            if inflater.eof:
                break
        if not inflater.eof:
            raise _Reject("corrupt gzip (truncated)")
        data = inflater.unused_data.lstrip(b"\x00")  # gzip allows zero padding between members
    return b"".join(out)

# For workers that receive file contents or JSON Lines from a distributed reader (Ray Data)
# instead of local paths; the same parsing as `iter_articles`.

def article_from_line(line: str, path: str, line_no: int | None = None) -> RawArticle | IngestError:
    """One JSON Lines record."""
    where = f"line {line_no}" if line_no else "line"
    try:
        obj = _parse_json(line)
    except ValueError as e:
        return IngestError(path, f"{where}: invalid JSON ({e.msg})", line_no)
    return _from_record(obj, path, "utf-8", where, line_no)


def articles_from_bytes(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> list[RawArticle | IngestError]:
    """The articles of one whole file given as bytes (gzip already undone or not)."""
    try:
        if data[:2] == b"\x1f\x8b":
            data = gunzip_limited(data, max_bytes)
            name = _inner_name(Path(path))
        else:
            name = Path(path).name
        if not data.strip():
            raise _Reject("empty file")
        if len(data) > max_bytes:
            raise _Reject(f"file too large ({_over(len(data), max_bytes)})")
        head = data[:_SNIFF]
        _check_binary(head)
        kind = _kind(name, head)
        if kind != "jsonl":  # JSON Lines: a NUL costs its line (below)
            _check_nul(data)
        if kind == "jsonl":
            text, _ = decode(data)
            items = [IngestError(path, f"line {i}: binary data (NUL bytes)", i) if "\x00" in line
                     else article_from_line(line, path, i)
                     for i, line in enumerate(text.split("\n"), 1) if line.strip()]
            return items or [IngestError(path, "empty file")]
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
    sp = display_path(path)
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
