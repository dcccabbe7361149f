"""Hostile inputs and the properties every input must keep, shared by the fuzz tests
(tests/test_fuzz.py, a few hundred examples in CI) and the long fuzz run (scripts/fuzz.py).

The properties: the readers never raise, name each problem in one printable line, and hand on
text that any encoder writes; `pantau.analyze` never raises and gives a record that the
analyze schema accepts, with offsets inside the text they point into."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import strategies as st

from pantau.ingest import IngestError, RawArticle
from pantau.ingest.readers import articles_from_bytes

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "analyze.schema.json").read_text())

# pieces of news text and of what has broken text pipelines before
FRAGMENTS = [
    "Jakarta", "KOMPAS.com", "-", "–", "—", "Presiden", "Joko Widodo", "Jokowi", "mengatakan", "Rusia", "Suriah",
    "menyerang", "mengecam", "bertemu", "Menteri Luar Negeri", "Polda Sumut", "Senin (25/5)", "Minggu (28/12/2014)",
    "pukul 06.18 WIB", "2/1/2018", "9999", "31/12/9999", "ke-5", "Al-Mayadeen", "album-album", "RT", "AS-Rusia",
    "(", ")", "((", "\"", "“", "”", "'", ".", ",", "!", "?", "…", ":", ";", "/", "\\", "\n", "\n\n", "\t", " ",
    "Baca juga:", "Editor:", "Penulis:", "https://", "<b>", "<script>", "&amp;", "\u00a0", "\u200b", "\ufeff",
    "\ufffd", "🙂", "ع", "中文", "a" * 300, "-" * 500, "." * 200, "(" * 50, "kata" * 100,
]
NEWS_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
    lambda parts: " ".join(parts))

NAMES = st.sampled_from(["a.txt", "a.jsonl", "a.json", "a.html", "a.txt.gz", "a.jsonl.gz", "a", "a.json.gz",
                         "feed.ndjson", "page.htm"])
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), NEWS_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
RECORDS = st.one_of(
    st.fixed_dictionaries({"text": NEWS_TEXT}, optional={
        "title": JSON_VALUES, "url": JSON_VALUES, "published": JSON_VALUES, "id": JSON_VALUES, "source": JSON_VALUES}),
    JSON_VALUES)


@st.composite
def files(draw) -> tuple[bytes, str]:
    """A file's bytes and name: raw bytes, JSON Lines / JSON made of records (some broken), or
    news text in some encoding; sometimes gzipped."""
    name = draw(NAMES)
    kind = draw(st.sampled_from(["bytes", "records", "text"]))
    if kind == "bytes":
        data = draw(st.binary(max_size=2000))
    elif kind == "records":
        lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r in draw(st.lists(RECORDS, max_size=6))]
        lines += draw(st.lists(st.sampled_from(['{"text": "putus', "[" * 3000, '{"text": "\\ud800"}', "", "null",
                                                 '{"text": "a\\u0000b"}']), max_size=2))
        if name.startswith("a.json") and not name.startswith("a.jsonl"):
            data = ("[" + ", ".join(lines) + "]").encode()
        else:
            data = "\n".join(lines).encode()
    else:
        text = draw(NEWS_TEXT)
        data = text.encode(draw(st.sampled_from(["utf-8", "utf-16", "utf-8-sig"])), "replace")
    if name.endswith(".gz") and draw(st.booleans()):
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]  # truncated
    return data, name


def check_read(data: bytes, name: str) -> list:
    """The readers' properties on one file given as bytes."""
    items = articles_from_bytes(data, name)
    assert isinstance(items, list) and items
    for item in items:
        if isinstance(item, IngestError):
            line = f"{item.path}: {item.reason}"
            assert line.isprintable(), line
        else:
            assert isinstance(item, RawArticle)
            assert item.text and "\x00" not in item.text
            item.text.encode("utf-8")  # no lone surrogate: storable
            for value in (item.title, item.url, item.published, item.source, item.source_id):
                assert value is None or (isinstance(value, str) and "\x00" not in value)
                if value is not None:
                    value.encode("utf-8")
    return items


def check_analyze(text: str, published: str | None = None):
    """`pantau.analyze`'s properties on one text."""
    from pantau.pipeline import analyze
    from test_analyze_json import validate

    doc = analyze(text, published=published)
    record = json.loads(json.dumps(doc.to_json_dict(), default=str))
    errors = validate(record, SCHEMA, SCHEMA)
    assert not errors, errors[:3]
    n = len(doc.clean_text)
    for m in doc.mentions:
        assert 0 <= m.start <= m.end <= n and doc.clean_text[m.start:m.end] == m.text
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= n
    for e in doc.events:
        assert 0 <= e.evidence.start <= e.evidence.end <= n
    for t in doc.time_values:
        assert 0 <= t.start <= t.end <= n
    return doc
