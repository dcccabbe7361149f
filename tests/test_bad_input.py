"""Issue 25: input that once lost other input. Each test is built from the probe's reproducer:
a file name that is not UTF-8 (once aborted the whole run), a JSON Lines record with a lone
surrogate or 100k-deep nesting (once lost the rest of its file), the same in a JSON list (once lost
the whole file), a NUL past the sniffed head (once stored), names with newlines and terminal
escapes (once split the error line or reached the terminal raw), a gzip that expands past the
limit (once decompressed whole)."""

from __future__ import annotations

import gzip
import json
import os
import sys

import pytest

from pantau.ingest import IngestError, RawArticle, iter_articles
from pantau.ingest.readers import MAX_BYTES, articles_from_bytes, display_path, gunzip_limited, printable

GOOD_1 = "Polisi menangkap tersangka pencurian di Bekasi pada Senin (3/5/2021)."
GOOD_2 = "Warga memprotes kebijakan pemerintah daerah di Bandung, Jawa Barat."
DEEP = "[" * 100_000 + "]" * 100_000


def read(path) -> tuple[list[RawArticle], list[IngestError]]:
    items = list(iter_articles([path]))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, IngestError)])


def test_jsonl_surrogate_and_deep_nesting_cost_their_line_only(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join([json.dumps({"text": GOOD_1}), '{"text": "abc \\ud800 def"}', DEEP,
                            json.dumps({"text": GOOD_2})]) + "\n", encoding="utf-8")
    articles, errors = read(f)
    assert [a.text for a in articles] == [GOOD_1, "abc \ufffd def", GOOD_2]
    assert [a.line for a in articles] == [1, 2, 4]
    assert len(errors) == 1 and errors[0].line == 3 and errors[0].reason.startswith("line 3: invalid JSON")
    articles[1].text.encode("utf-8")  # the lone surrogate is gone: it would not encode


def test_json_list_keeps_the_items_around_a_bad_one(tmp_path):
    f = tmp_path / "list.json"
    f.write_text(f'[{json.dumps({"text": GOOD_1})}, {DEEP}, {{"text": "x \\udfff", "title": "t \\ud800"}}, '
                 f'{json.dumps({"text": GOOD_2})}]', encoding="utf-8")
    articles, errors = read(f)
    assert [a.text for a in articles] == [GOOD_1, "x \ufffd", GOOD_2]
    assert articles[1].title == "t \ufffd"
    assert [(e.line, e.reason) for e in errors] == [(2, "item 2: invalid JSON (nested too deeply)")]


def test_json_list_syntax_error_keeps_what_came_before(tmp_path):
    f = tmp_path / "broken.json"
    f.write_text(f'[{json.dumps({"text": GOOD_1})} {json.dumps({"text": GOOD_2})}]', encoding="utf-8")
    articles, errors = read(f)
    assert [a.text for a in articles] == [GOOD_1]
    assert len(errors) == 1 and "the rest of the file is not read" in errors[0].reason


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    raw_dir = os.fsencode(tmp_path)
    with open(raw_dir + b"/bad\xffname.txt", "wb") as fh:
        fh.write(GOOD_1.encode())
    (tmp_path / "good.txt").write_text(GOOD_2, encoding="utf-8")
    articles, errors = read(tmp_path)
    assert not errors
    assert sorted(a.text for a in articles) == sorted([GOOD_1, GOOD_2])
    bad = next(a for a in articles if a.text == GOOD_1)
    assert bad.path.endswith("bad\\xffname.txt")
    bad.path.encode("utf-8")  # storable: no surrogate escape left


def test_names_with_newlines_and_escapes_make_one_printable_error_line(tmp_path):
    (tmp_path / "new\nline.txt").write_bytes(b"")
    (tmp_path / "esc\x1b[31mred.txt").write_bytes(b"")
    _, errors = read(tmp_path)
    shown = sorted(f"{e.path}: {e.reason}" for e in errors)
    assert len(shown) == 2
    for line in shown:
        assert "\n" not in line and "\x1b" not in line
    assert any("esc\\x1b[31mred.txt: empty file" in s for s in shown)
    assert any("new\\nline.txt: empty file" in s for s in shown)


def test_printable_and_display_path():
    assert printable("a\nb\x1b[0m\u2028c\ud800") == "a\\nb\\x1b[0m\\u2028c\\ud800"
    assert display_path("/x/\udcffy") == "/x/\\xffy"
    assert display_path("/x/ü") == "/x/ü"


def test_nul_past_the_sniffed_head_makes_the_file_binary(tmp_path):
    f = tmp_path / "late-nul.txt"
    f.write_bytes(b"Kata " * 2000 + b"\x00 ekor")
    articles, errors = read(f)
    assert not articles
    assert errors[0].reason == "binary file (NUL byte at offset 10,000)"
    assert "NUL byte at offset 10,000" in articles_from_bytes(f.read_bytes(), "late-nul.txt")[0].reason


def test_nul_in_a_json_string_is_dropped_not_stored(tmp_path):
    f = tmp_path / "nul.jsonl"
    f.write_text('{"text": "halo\\u0000 dunia", "title": "ju\\u0000dul"}\n', encoding="utf-8")
    articles, _ = read(f)
    assert articles[0].text == "halo dunia" and articles[0].title == "judul"


def test_gzip_bomb_is_refused_once_past_the_limit():
    bomb = gzip.compress(b" " * 3_000_000)
    assert len(bomb) < 10_000
    with pytest.raises(Exception, match="over the 1 MB limit"):
        gunzip_limited(bomb, 1_000_000)
    got = articles_from_bytes(gzip.compress(b"a" * (MAX_BYTES + 1)), "bomb.txt.gz")
    assert len(got) == 1 and isinstance(got[0], IngestError) and "decompressed file too large" in got[0].reason


def test_gzip_members_and_truncation():
    two = gzip.compress(json.dumps({"text": GOOD_1}).encode() + b"\n") + gzip.compress(
        json.dumps({"text": GOOD_2}).encode() + b"\n")
    assert [a.text for a in articles_from_bytes(two, "feed.jsonl.gz")] == [GOOD_1, GOOD_2]
    cut = articles_from_bytes(gzip.compress(GOOD_1.encode())[:-6], "a.txt.gz")
    assert isinstance(cut[0], IngestError) and "corrupt gzip" in cut[0].reason


def test_size_message_never_says_20_mb_over_20_mb(tmp_path):
    f = tmp_path / "big.txt"
    with open(f, "wb") as fh:
        fh.write(b"x")
        fh.truncate(MAX_BYTES + 1)
    _, errors = read(f)
    assert errors[0].reason == f"file too large ({MAX_BYTES + 1:,} bytes > {MAX_BYTES:,} bytes limit)"


def test_a_bad_record_in_a_post_body_costs_only_itself(seed_db, tmp_path):
    """The probe's POST reproducer: a lone surrogate or 100k-deep nesting beside good records
    was a 500 and lost them all."""
    import shutil

    from fastapi.testclient import TestClient

    from pantau.web import create_app

    path = tmp_path / "copy.duckdb"
    shutil.copy(seed_db, path)
    body = (f'[{json.dumps({"text": GOOD_1})}, {{"text": "Warga Desa Zumbalaya mengungsi \\ud800 dari banjir."}}, '
            f'{DEEP}, 5, {json.dumps({"text": GOOD_2})}]')
    auth = {"Authorization": "Bearer t0k3n"}
    with TestClient(create_app(path, allow_ingest=True, token="t0k3n")) as client:
        r = client.post("/api/articles", content=body.encode(), headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 201, r.text
        assert r.json()["ingested"] == 3
        assert [(e["line"], e["reason"]) for e in r.json()["errors"]] == [
            (3, "item 3: invalid JSON (nested too deeply)"), (4, "item 4: not a JSON object")]
        r = client.post("/api/articles", content=b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, headers=auth)
        assert r.status_code == 422 and r.json()["error"].startswith("body: invalid JSON (nested too deeply")
