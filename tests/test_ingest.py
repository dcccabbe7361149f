"""Tests for pantau.ingest: a folder of good and bad files goes in; every good article comes out,
every bad file becomes an IngestError naming it (and its line), and nothing raises."""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # allow running without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from pantau.ingest import IngestError, RawArticle, content_hash, iter_articles  # noqa: E402

ART1 = ("Damaskus, Purna Warta – Sumber lokal melaporkan bahwa militer Turki mengosongkan "
        "pangkalan Qastun.\n\nMenteri Pertahanan Turki Halusi Akar mengumumkan pada hari Kamis "
        "bahwa pertemuan negara dengan Suriah dan Rusia terus berlanjut.")
ART2 = ("KHMEIMIM (SALAM-ONLINE): Presiden Rusia Vladimir Putin melakukan kunjungan mendadak ke "
        "sebuah pangkalan Rusia di Suriah.\n\nTV rezim Suriah melaporkan bahwa Putin bertemu Asad.")

HTML = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Turki dan Rusia sepakati koordinasi di Suriah - Warta Contoh</title>
<meta property="og:title" content="Turki dan Rusia sepakati koordinasi di Suriah">
<meta property="article:published_time" content="2019-01-02T11:18:00+07:00">
<link rel="canonical" href="https://warta.example.id/dunia/turki-rusia-suriah">
</head><body>
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/nasional">Nasional</a></li>
<li><a href="/dunia">Dunia Internasional</a></li><li><a href="/olahraga">Olahraga Terkini</a></li></ul></nav></header>
<main><article>
<h1>Turki dan Rusia sepakati koordinasi di Suriah</h1>
<p>MOSKOW, WARTA - Rusia dan Turki telah sepakat untuk mengoordinasikan operasi darat di Suriah
setelah pengumuman penarikan militer Amerika Serikat pekan lalu, kata menteri luar negeri kedua negara.</p>
<p>"Pemahaman dicapai tentang bagaimana perwakilan militer Rusia dan Turki akan terus
mengoordinasikan langkah-langkah mereka di lapangan," kata Menteri Luar Negeri Rusia Sergei Lavrov.</p>
<p>Cavusoglu mengkonfirmasi kedua negara akan mengoordinasikan operasi Suriah, dan menambahkan
mereka juga membahas rencana untuk membantu para pengungsi untuk pulang.</p>
</article></main>
<footer><p>Tentang Kami | Kontak | Pedoman Media Siber | Karir</p>
<p>Copyright &copy; 2019 Warta Contoh. All rights reserved.</p></footer>
</body></html>
"""

JSONL_LINES = [
    json.dumps({"id": "a1", "text": "Artikel pertama tentang Suriah.", "title": "Satu",
                "url": "https://x.example/1", "published": "2020-04-13", "source": "feedA"}),
    "{not json at all",
    json.dumps({"title": "tanpa teks"}),
    "",  # blank lines are skipped silently
    json.dumps({"text": "Artikel kedua tentang Rusia.", "date": "2020-04-14"}),
    json.dumps({"text": "Artikel ketiga tentang Turki."}),
]


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    _write(d / "a_good.txt", ART1)
    _write(d / "b_dup_crlf.txt", b"\xef\xbb\xbf" + ART1.replace("\n", "  \r\n").encode("utf-8") + b"\r\n")
    _write(d / "c_empty.txt", "")
    _write(d / "d_blank.txt", "  \n\t\n  ")
    _write(d / "e_binary.dat", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _write(d / "f_latin1.txt", "Menteri Luar Negeri café bertemu di Genève “kemarin”.".encode("cp1252"))
    with open(d / "g_big.txt", "wb") as f:  # sparse: 50 MB on paper, nothing written
        f.truncate(50 * 1024 * 1024)
    _write(d / "h_feed.jsonl", "\n".join(JSONL_LINES) + "\n")
    with gzip.open(d / "i_feed.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(JSONL_LINES) + "\n")
    _write(d / "j_page.html", HTML)
    _write(d / "k_list.json", json.dumps([{"text": "Satu dari daftar."}, {"txt": "salah"}]))
    _write(d / "sub" / "nested" / "l_deep.txt", ART2)
    _write(d / "sub" / "m_page.txt.gz", gzip.compress(ART2.encode("utf-8")))
    _write(d / "aa_sub" / "n_other.txt", ART2 + "\n\nParagraf tambahan.")
    _write(d / ".hidden.txt", "tidak boleh dibaca")
    _write(d / ".git" / "config.txt", "tidak boleh dibaca")
    return d


def _by_name(items) -> dict[str, list]:
    out: dict[str, list] = {}
    for it in items:
        out.setdefault(Path(it.path).name, []).append(it)
    return out


def test_mixed_folder(corpus: Path):
    items = list(iter_articles([corpus]))
    by = _by_name(items)

    # good articles
    (a,) = by["a_good.txt"]
    assert isinstance(a, RawArticle) and a.text == ART1 and len(a.content_hash) == 16
    (b,) = by["b_dup_crlf.txt"]
    assert b.text == ART1 and b.content_hash == a.content_hash  # BOM, CRLF, trailing spaces
    (deep,) = by["l_deep.txt"]
    (gz,) = by["m_page.txt.gz"]
    assert deep.text == gz.text == ART2 and deep.content_hash == gz.content_hash

    # Latin-1 / cp1252 decoded without loss
    (lat,) = by["f_latin1.txt"]
    assert lat.text == "Menteri Luar Negeri café bertemu di Genève “kemarin”."
    assert lat.encoding == "cp1252"

    # bad files: one error each, naming the file
    for name, reason in [("c_empty.txt", "empty file"), ("d_blank.txt", "empty file"),
                         ("e_binary.dat", "binary file (NUL bytes)")]:
        (err,) = by[name]
        assert isinstance(err, IngestError) and err.reason == reason
        assert err.path == str(corpus / name)
    (big,) = by["g_big.txt"]
    assert isinstance(big, IngestError) and big.reason == "file too large (52 MB > 20 MB limit)"

    # JSONL (plain and gzipped): 3 good lines, 2 bad lines named by number, the rest still read
    for name in ("h_feed.jsonl", "i_feed.jsonl.gz"):
        recs = by[name]
        good = [r for r in recs if isinstance(r, RawArticle)]
        bad = [r for r in recs if isinstance(r, IngestError)]
        assert [g.text for g in good] == ["Artikel pertama tentang Suriah.", "Artikel kedua tentang Rusia.",
                                          "Artikel ketiga tentang Turki."]
        assert [g.line for g in good] == [1, 5, 6]
        assert [(e.line, e.reason.split(" (")[0]) for e in bad] == [(2, "line 2: invalid JSON"),
                                                                   (3, "line 3: no 'text' field")]
        assert all(e.path.endswith(name) for e in bad)
        first = good[0]
        assert (first.title, first.url, first.published, first.source, first.source_id) == (
            "Satu", "https://x.example/1", "2020-04-13", "feedA", "a1")
        assert good[1].published == "2020-04-14"  # `date` accepted for `published`
    plain = [r.content_hash for r in by["h_feed.jsonl"] if isinstance(r, RawArticle)]
    zipped = [r.content_hash for r in by["i_feed.jsonl.gz"] if isinstance(r, RawArticle)]
    assert plain == zipped

    # HTML: the article paragraphs, one a line, without the navigation or the footer
    (page,) = by["j_page.html"]
    assert isinstance(page, RawArticle)
    lines = page.text.split("\n")
    assert any(ln.startswith("MOSKOW, WARTA - Rusia dan Turki telah sepakat") for ln in lines)
    assert any(ln.startswith("Cavusoglu mengkonfirmasi") for ln in lines)
    for junk in ("Beranda", "Olahraga Terkini", "Pedoman Media Siber", "All rights reserved"):
        assert junk not in page.text
    assert page.title == "Turki dan Rusia sepakati koordinasi di Suriah"
    assert page.published == "2019-01-02"
    assert page.url == "https://warta.example.id/dunia/turki-rusia-suriah"

    # JSON list: good item read, bad item named
    recs = by["k_list.json"]
    assert isinstance(recs[0], RawArticle) and recs[0].text == "Satu dari daftar."
    assert isinstance(recs[1], IngestError) and recs[1].reason == "item 2: no 'text' field"

    # hidden files and folders are skipped; nothing else is missing
    assert ".hidden.txt" not in by and "config.txt" not in by
    assert set(by) == {"a_good.txt", "b_dup_crlf.txt", "c_empty.txt", "d_blank.txt", "e_binary.dat",
                       "f_latin1.txt", "g_big.txt", "h_feed.jsonl", "i_feed.jsonl.gz", "j_page.html",
                       "k_list.json", "l_deep.txt", "m_page.txt.gz", "n_other.txt"}


def test_order_is_deterministic(corpus: Path):
    def run():
        return [(Path(i.path).relative_to(corpus).as_posix(), i.line,
                 getattr(i, "content_hash", None) or i.reason) for i in iter_articles([corpus])]
    first = run()
    assert first == run()
    files = list(dict.fromkeys(p for p, _, _ in first))
    # files of a folder in name order, then its subfolders in name order
    assert files[:11] == sorted(files[:11])
    assert files[11:] == ["aa_sub/n_other.txt", "sub/m_page.txt.gz", "sub/nested/l_deep.txt"]


def test_big_file_rejected_fast(tmp_path: Path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(50_000_000)
    t0 = time.perf_counter()
    (err,) = list(iter_articles([big]))
    assert time.perf_counter() - t0 < 1.0
    assert isinstance(err, IngestError) and "too large" in err.reason


def test_limits_apply_to_decompressed_size_and_jsonl_lines(tmp_path: Path):
    bomb = _write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 5_000))
    (err,) = list(iter_articles([bomb], max_bytes=1_000))
    assert isinstance(err, IngestError) and "too large" in err.reason
    feed = _write(tmp_path / "f.jsonl", json.dumps({"text": "x" * 5_000}) + "\n" + json.dumps({"text": "kecil"}) + "\n")
    out = list(iter_articles([feed], max_bytes=1_000))
    assert isinstance(out[0], IngestError) and out[0].line == 1 and "too large" in out[0].reason
    assert isinstance(out[1], RawArticle) and out[1].text == "kecil" and out[1].line == 2


def test_cli_defaults_fill_only_missing_metadata(tmp_path: Path):
    feed = _write(tmp_path / "f.jsonl", "\n".join(JSONL_LINES))
    txt = _write(tmp_path / "a.txt", ART1)
    items = [i for i in iter_articles([feed, txt], published="2021-01-01", source="cli")
             if isinstance(i, RawArticle)]
    assert [(i.published, i.source) for i in items] == [
        ("2020-04-13", "feedA"), ("2020-04-14", "cli"), ("2021-01-01", "cli"), ("2021-01-01", "cli")]


def test_unreadable_and_odd_inputs_never_raise(tmp_path: Path):
    missing = tmp_path / "nope.txt"
    corrupt = _write(tmp_path / "bad.jsonl.gz", b"\x1f\x8b\x08\x00garbage-not-deflate")
    notgz = _write(tmp_path / "x.txt.gz", b"plain text, not gzip")
    bad_json = _write(tmp_path / "bad.json", "{oops")
    not_obj = _write(tmp_path / "nums.jsonl", "[1, 2]\n\"teks\"\n")
    control = _write(tmp_path / "ctrl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"teks")
    out = list(iter_articles([missing, corrupt, notgz, bad_json, not_obj, control]))
    assert all(isinstance(o, IngestError) for o in out)
    reasons = [o.reason for o in out]
    assert reasons[0] == "no such file"
    assert reasons[1].startswith("corrupt gzip") and reasons[2].startswith("corrupt gzip")
    assert reasons[3].startswith("invalid JSON")
    assert reasons[4:6] == ["line 1: not a JSON object", "line 2: not a JSON object"]
    assert reasons[6].startswith("binary file (")
    assert all("\n" not in r for r in reasons)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path: Path):
    p = _write(tmp_path / "secret.txt", ART1)
    p.chmod(0)
    try:
        (err,) = list(iter_articles([p]))
        assert isinstance(err, IngestError) and err.reason == "permission denied"
    finally:
        p.chmod(0o644)


def test_utf16_and_mixed_encodings(tmp_path: Path):
    u16 = _write(tmp_path / "u16.txt", "Presiden Ma’ruf Amin tiba.".encode("utf-16"))
    (a,) = list(iter_articles([u16]))
    assert isinstance(a, RawArticle) and a.text == "Presiden Ma’ruf Amin tiba." and a.encoding == "utf-16"
    # mostly UTF-8 with one stray cp1252 byte: the UTF-8 stays UTF-8, the stray byte is read as cp1252
    mixed = _write(tmp_path / "mixed.txt", "Çavuşoğlu berkata ".encode("utf-8") + b"\x93ya\x94.")
    (m,) = list(iter_articles([mixed]))
    assert m.text == "Çavuşoğlu berkata “ya”."


def test_content_hash_normalisation():
    assert content_hash("Teks\r\nbaris  \n") == content_hash("Teks\nbaris")
    assert content_hash("Cafe\u0301") == content_hash("Café")  # NFC
    assert content_hash("a") != content_hash("b")


def test_single_path_argument_and_bench_file():
    bench = ROOT.parent / "shared" / "bench" / "kompas-pfsa-408.jsonl"
    if not bench.exists():
        pytest.skip("bench corpus not available")
    items = list(iter_articles(bench))
    assert len(items) == 408 and all(isinstance(i, RawArticle) for i in items)
    assert items[0].source_id == "pfsa-dev-0000" and items[0].line == 1
