"""Tests for pantau.clean: the five seed articles against the gold, then each furniture rule on
synthetic text. The seed check "no body sentence lost" is written independently of the cleaner:
it derives the expected body from the raw text and the gold strings only."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # allow running without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from pantau.clean import clean, is_sentence, normalise_outlet  # noqa: E402

EXAMPLES = ROOT / "examples"
GOLD_PATH = ROOT.parent / "shared" / "gold" / "seeds.json"


def _ws(s: str) -> str:
    """Whitespace-insensitive form (NBSP included), for comparing the raw text with clean text."""
    return " ".join(s.replace("\u00a0", " ").split())


def _load_gold() -> dict[str, dict]:
    if GOLD_PATH.exists():
        return {d["doc"][:3]: d for d in json.loads(GOLD_PATH.read_text("utf-8"))["documents"]}
    return {}


GOLD = _load_gold()
SEEDS = {p.name[:3]: p for p in sorted(EXAMPLES.glob("*.txt"))}
needs_gold = pytest.mark.skipif(not GOLD or len(SEEDS) < 5, reason="seeds/gold not available")

# Publication dates the cleaner may know (header or copyright line only; the lead's dates are the
# time module's business).
EXPECTED_PUBLISHED = {"000": (None, None), "001": ("2019-01-02T11:18", "header"),
                      "002": ("2018", "copyright"), "003": (None, None), "004": (None, None)}
# Removed text the gold does not list either way: the "(S)" signature at the end of seed 003.
ALLOWED_GONE = {"003": ["(S)"]}


def _expected_body_sentences(raw: str, gold: dict, extra: list[str]) -> list[str]:
    """Sentences of the raw text outside the gold boilerplate/metadata lines and the title."""
    drop = [_ws(s) for s in (gold.get("boilerplate") or []) + (gold.get("metadata_lines") or []) + extra]
    if gold.get("title"):
        drop.append(_ws(gold["title"]))
    lines = [_ws(ln) for ln in raw.split("\n")]
    whole = {s for s in drop if s in lines}
    fragments = [s for s in drop if s not in whole]  # inline or glued: "(Baca: ...)", "putin2"
    out = []
    for line in lines:
        if not line or line in whole:
            continue
        for frag in fragments:
            line = line.replace(frag, " ")
        for sent in re.split(r"(?<=[.!?])\s+", _ws(line)):
            if re.search(r"\w", sent):  # a lone "*" is not a sentence
                out.append(sent)
    return out


@needs_gold
@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seed_against_gold(key):
    gold, raw = GOLD[key], SEEDS[key].read_text("utf-8")
    res = clean(raw)
    text = _ws(res.text)

    for s in gold.get("boilerplate") or []:
        assert _ws(s) not in text, f"boilerplate left in: {s!r}"
    for s in gold.get("metadata_lines") or []:
        assert _ws(s) not in text, f"metadata line left in: {s!r}"
        assert s in res.metadata_lines + res.byline, f"metadata line not recorded: {s!r}"

    assert res.outlet == gold["outlet"]
    assert res.dateline == gold["dateline"]
    assert res.title == gold.get("title")
    assert (res.published, res.published_source) == EXPECTED_PUBLISHED[key]

    # no body sentence lost, and nothing in the clean text that was not in the raw text
    lost = [s for s in _expected_body_sentences(raw, gold, ALLOWED_GONE.get(key, [])) if s not in text]
    assert not lost, f"body sentences lost: {lost}"
    raw_ws = _ws(raw)
    for line in res.text.split("\n"):
        assert _ws(line) in raw_ws
    # paragraph structure: one paragraph a line, no blank or padded lines
    assert "\n\n" not in res.text and all(ln == ln.strip() and ln for ln in res.text.split("\n"))


@needs_gold
def test_seed_metadata_details():
    r3 = clean(SEEDS["003"].read_text("utf-8"))
    assert "Sumber: Aljazeera" in r3.byline
    assert r3.text.startswith("KHMEIMIM (SALAM-ONLINE): Presiden Rusia")  # dateline prefix stays
    assert "Baca Juga" in r3.removed and "Asad (kiri) dan Putin (tengah)" in r3.removed
    r4 = clean(SEEDS["004"].read_text("utf-8"))
    assert r4.removed[0] == "putin2"
    assert r4.text.startswith("Moskow, LiputanIslam.com – Presiden Rusia")  # NBSP run -> one space
    assert r4.text.split("\n")[3].endswith("sejak 2011.")  # "(Baca: ...)" cut, sentence kept
    r2 = clean(SEEDS["002"].read_text("utf-8"))
    assert r2.text.startswith("Istanbul (ANTARA News) - Turki")
    assert r2.byline == ["Editor: Mohammad Anthoni/Chaidar Abdullah", "Pewarta: Antara",
                         "Editor: Mohamad Anthoni"]
    r1 = clean(SEEDS["001"].read_text("utf-8"))
    assert r1.byline == ["Editor : Andi Chaerul Fadli"]
    assert "“" in clean(SEEDS["003"].read_text("utf-8")).text  # typographic quotes kept


@needs_gold
def test_given_published_and_title_win():
    raw = SEEDS["001"].read_text("utf-8")
    res = clean(raw, published="2019-01-03")
    assert (res.published, res.published_source) == ("2019-01-03", "given")
    raw3 = SEEDS["003"].read_text("utf-8")
    title = "Bertemu Asad, Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"
    res = clean(raw3, title=title)
    assert res.title == title and title not in res.text


# --------------------------------------------------------------------------- synthetic text

LEAD = "JAKARTA, KOMPAS — Presiden Joko Widodo meminta semua menteri bekerja lebih cepat pekan ini."
BODY1 = "Rapat itu membahas penanganan wabah dan bantuan sosial bagi warga miskin di seluruh negeri."
BODY2 = "Menteri Sosial mengatakan bantuan akan disalurkan mulai Senin depan kepada sepuluh juta keluarga."


def _article(*middle: str) -> str:
    return "\n\n".join([LEAD, BODY1, *middle, BODY2])


@pytest.mark.parametrize("line", [
    "Baca Juga : Apa Tujuan Pembentukan Pasukan Dar’ Al-Watan di Yaman?",
    "Baca juga: Jet tempur Rusia, Suriah gempur Provinsi Idlib setelah pertemuan puncak",
    "BACA JUGA: PENARIKAN MUNDUR PASUKAN RUSIA DARI SURIAH DIRAGUKAN",
    "Baca Juga", "Baca juga", "BACA JUGA", "Baca juga:",
    "Baca Juga Putin Perintahkan Pasukan Tarik Diri dari Suriah",
    "Baca Juga Apa Tujuan Pembentukan Pasukan Dar Al-Watan di Yaman?",
    "Simak juga: Jokowi minta bansos cair minggu ini", "Simak juga", "Lihat juga",
    "Lihat Juga - Video Banjir Jakarta", "Baca selengkapnya", "Simak Video: Banjir di Jakarta",
    "TAG", "TAGS", "Tag:", "Tag: Suriah, Rusia, Turki", "Tags: Jokowi, bansos, Covid-19",
    "BERITA TERKAIT", "Berita Terkait", "DISKUSI:", "SHARE THIS:", "Bagikan", "Bagikan:",
    "Leave a Reply", "Your email address will not be published. Required fields are marked *",
    "*", "Tinggalkan Balasan", "Komentar", "Positive SSL", "Advertisement", "ADVERTISEMENT",
    "Scroll to continue with content", "Scroll to continue",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
    "Ikuti kami di Instagram dan Twitter untuk berita terbaru setiap hari.",
    "---", "• • •", "***",
    "Asad (kiri) dan Putin (tengah)", "Presiden Jokowi (ki-ka), Wapres Ma'ruf Amin, Menkeu",
    "Foto: Presiden Joko Widodo berbincang dengan Menteri Keuangan di Istana Merdeka Jakarta",
    "FOTO: Warga antre bantuan sosial di kantor pos Jakarta Pusat pada Senin pagi ini",
    "Ilustrasi bendera Rusia dan Suriah",
    "Warga antre bansos di Jakarta, Senin (13/4/2020). ANTARA FOTO/Sigid Kurniawan/pras.",
])
def test_furniture_line_removed(line):
    res = clean(_article(line))
    assert line not in res.text
    assert res.text.split("\n") == [LEAD, BODY1, BODY2]
    assert line in res.removed or line in res.metadata_lines


@pytest.mark.parametrize("line,kind", [
    ("Editor: Mohamad Anthoni", "byline"), ("Editor : Andi Chaerul Fadli", "byline"),
    ("Pewarta: Antara", "byline"), ("Reporter: Dian Maharani", "byline"),
    ("Penulis: Ihsanuddin", "byline"), ("Sumber: Aljazeera", "byline"), ("Foto: Reuters", "byline"),
    ("Laporan wartawan Tribunnews.com, Taufik Ismail", "byline"), ("(ant)", "byline"),
    ("(mm/raialyoum)", "byline"), ("(*)", "byline"),
    ("Copyright © ANTARA 2018", "meta"), ("Hak Cipta © 2020 Kompas.com", "meta"),
    ("Rabu, 02 Januari 2019 11:18", "meta"),
])
def test_metadata_line_removed(line, kind):
    res = clean(_article(line))
    assert res.text.split("\n") == [LEAD, BODY1, BODY2]
    assert line in res.metadata_lines
    assert (line in res.byline) == (kind == "byline")


@pytest.mark.parametrize("code", ["(S)", "(ant)", "(*)", "(mm/raialyoum)", "(dtc/ara)"])
def test_trailing_signature_code(code):
    res = clean(_article(BODY1 + " " + code))
    assert res.text.split("\n") == [LEAD, BODY1, BODY1, BODY2]
    assert code in res.metadata_lines


def test_parenthesised_words_inside_sentences_kept():
    s = "Washington mencapai tujuannya dengan kekalahan Negara Islam Irak dan Levant (ISIL)."
    s2 = "Kapal itu dikawal oleh Amerika Serikat (AS)"
    res = clean(_article(s, s2))
    assert s in res.text and s2 in res.text


def test_inline_read_more_fragments():
    para = ("Tentara Suriah merebut kembali Aleppo timur sejak 2011. (Baca: Suriah Umumkan "
            "Pembebasan Aleppo, Rakyat Bersuka Ria) Dalam konferensi pers, Putin berharap damai. "
            "Kota itu kini tenang (Baca juga: Warga Aleppo Kembali ke Rumah).")
    res = clean(_article(para))
    assert ("Tentara Suriah merebut kembali Aleppo timur sejak 2011. Dalam konferensi pers, Putin "
            "berharap damai. Kota itu kini tenang.") in res.text.split("\n")
    assert res.removed == ["(Baca: Suriah Umumkan Pembebasan Aleppo, Rakyat Bersuka Ria)",
                           "(Baca juga: Warga Aleppo Kembali ke Rumah)"]


def test_read_more_prose_rule():
    # Rule: "Baca juga" without a separator, followed by a lowercase word, in a real sentence
    # (>= 6 words, final punctuation) is prose and stays; a headline after it is furniture.
    prose = "Baca juga buku-buku sejarah Suriah yang ditulis para ahli sebelum berangkat ke sana."
    headline = "Baca juga Putin Perintahkan Pasukannya Tarik Diri dari Suriah"
    colon = "Baca juga: buku-buku sejarah Suriah yang ditulis para ahli sebelum berangkat."
    res = clean(_article(prose, headline, colon))
    assert prose in res.text.split("\n")
    assert headline in res.removed and colon in res.removed
    mid = "Dia suka membaca. Baca juga buku itu, kata gurunya kepada para murid di kelas."
    assert mid in clean(_article(mid)).text


def test_caption_rule_keeps_sentences():
    sentence = "Presiden Jokowi (kiri) berbincang dengan Menteri Keuangan di Istana Merdeka, Senin."
    assert sentence in clean(_article(sentence)).text
    assert "Ilustrasi ini menunjukkan bagaimana virus menyebar di antara warga kota." in clean(
        _article("Ilustrasi ini menunjukkan bagaimana virus menyebar di antara warga kota.")).text


@pytest.mark.parametrize("header,expected", [
    ("Rabu, 02 Januari 2019 11:18", "2019-01-02T11:18"),
    ("02/01/2019 11:18 WIB", "2019-01-02T11:18"),
    ("Senin, 13 April 2020 | 10:15 WIB", "2020-04-13T10:15"),
    ("Senin 13 Apr 2020, 10.15 WIB", "2020-04-13T10:15"),
    ("Diterbitkan 13 April 2020", "2020-04-13"),
    ("Diterbitkan pada: Jumat, 14 September 2018 20:05 WIB", "2018-09-14T20:05"),
    ("Kompas.com - 13/04/2020, 10:15 WIB", "2020-04-13T10:15"),
    ("2020-04-13", "2020-04-13"),
    ("Published: April 13, 2020", "2020-04-13"),
])
def test_header_dates(header, expected):
    res = clean(header + "\n\n" + _article())
    assert (res.published, res.published_source) == (expected, "header")
    assert res.metadata_lines == [header] and header not in res.text
    assert res.text.split("\n") == [LEAD, BODY1, BODY2]


def test_header_date_precedence():
    res = clean("Diperbarui 14 April 2020 08:00\nDiterbitkan 13 April 2020 10:15\n\n" + _article())
    assert res.published == "2020-04-13T10:15"
    assert clean("Copyright © Kompas 2019\n" + _article(), published="2020-01-01").published_source == "given"
    res = clean(_article("Hak Cipta © 2020 Kompas.com"))
    assert (res.published, res.published_source) == ("2020", "copyright")


def test_no_date_from_body_sentences():
    res = clean("Jakarta - Presiden berkunjung ke Bandung pada Senin (13/4/2020) pagi bersama menteri.")
    assert res.published is None and res.published_source is None


def test_date_lines_of_a_list_in_the_body_are_content_not_the_publication_date():
    # issue 21: a chronology, one date per line, inside running text
    items = ["26 Juni 1988", "Kapal pertama tenggelam di perairan itu.", "12 Mei 1998",
             "Kapal kedua menyusul tenggelam di tempat yang sama."]
    res = clean(_article("Kronologi peristiwa itu sebagai berikut:", *items))
    assert res.published is None and res.published_source is None
    assert res.text.split("\n") == [LEAD, BODY1, "Kronologi peristiwa itu sebagai berikut:", *items, BODY2]
    assert not res.metadata_lines


def test_a_header_date_above_the_body_is_still_the_publication_date():
    res = clean("Judul Berita Hari Ini\n\n12 Mei 2020\n\n" + _article())
    assert (res.published, res.metadata_lines) == ("2020-05-12", ["12 Mei 2020"])
    # a dated line after the last body line (a sign-off) stays metadata as before
    res = clean(_article() + "\n\nDiperbarui 13 Mei 2020 10:00")
    assert res.published is None and res.metadata_lines == ["Diperbarui 13 Mei 2020 10:00"]


def test_a_date_only_in_removed_lines_is_never_the_publication_date():
    res = clean(_article("Baca juga: Banjir besar, Senin (11/5/2020)", "Foto: Warga mengungsi, 10 Mei 2020 (ANTARA FOTO/X)"))
    assert res.published is None and len(res.removed) == 2


@pytest.mark.parametrize("lead,dateline,outlet", [
    ("JAKARTA, KOMPAS — Presiden Joko Widodo meminta", "Jakarta", "Kompas"),
    ("JAKARTA, KOMPAS.com - Presiden Joko Widodo meminta", "Jakarta", "Kompas"),
    ("Jakarta, CNN Indonesia -- Presiden Joko Widodo meminta", "Jakarta", "CNN Indonesia"),
    ("TEMPO.CO, Jakarta - Presiden Joko Widodo meminta", "Jakarta", "Tempo"),
    ("REPUBLIKA.CO.ID, JAKARTA -- Presiden Joko Widodo meminta", "Jakarta", "Republika"),
    ("Liputan6.com, Jakarta - Presiden Joko Widodo meminta", "Jakarta", "Liputan6"),
    ("BANDA ACEH, KOMPAS - Gubernur Aceh meminta", "Banda Aceh", "Kompas"),
    ("Istanbul (ANTARA News) - Turki menyatakan", "Istanbul", "ANTARA"),
    ("KHMEIMIM (SALAM-ONLINE): Presiden Rusia", "Khmeimim", "Salam-Online"),
    ("Damaskus, Purna Warta – Sumber yang hadir", "Damaskus", "Purna Warta"),
    ("Moskow, LiputanIslam.com – Presiden Rusia", "Moskow", "LiputanIslam"),
    ("RAKYATKU.COM - Rusia dan Turki telah sepakat", None, "Rakyatku"),
    ("Suara.com - Rusia dan Turki telah sepakat", None, "Suara"),
    ("BeritaKita.com - Rusia dan Turki telah sepakat", None, "BeritaKita"),
    ("Jakarta - Presiden Joko Widodo meminta", "Jakarta", None),
    ("Pandemi Covid - 19 tidak hanya memukul dunia kesehatan", None, None),
    ("Rusia, Turki dan Iran bertemu di Astana pekan lalu", None, None),
    ("Presiden Joko Widodo, Senin - Jumat, berada di Bogor", None, None),
])
def test_dateline_and_outlet(lead, dateline, outlet):
    text = lead + " semua menteri bekerja lebih cepat pekan ini.\n\n" + BODY1
    res = clean(text)
    assert (res.dateline, res.outlet) == (dateline, outlet)
    assert res.text.startswith(lead)  # the prefix stays in the text


def test_glued_slug_removed_only_before_dateline():
    res = clean("putin2Moskow, LiputanIslam.com – Presiden Rusia Vladimir Putin memuji pasukan.")
    assert res.removed == ["putin2"] and res.dateline == "Moskow"
    assert res.text.startswith("Moskow, LiputanIslam.com – Presiden")
    for text in ("iPhone 12 dijual di Jakarta mulai pekan depan dengan harga tinggi.",
                 "eBay, Amazon – dua raksasa dagang daring – melaporkan laba naik."):
        assert clean(text).text == text and clean(text).removed == []


def test_title_rules():
    title = "Bertemu Asad, Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"
    lead = "KHMEIMIM (SALAM-ONLINE): Presiden Rusia Vladimir Putin mengunjungi pangkalan Rusia."
    assert clean(f"{title}\n\n{lead}").title == title  # blank line after it
    res = clean(f"{title}\n{lead}")  # directly followed by the lead
    assert res.title == title and res.text == lead
    # not a title: ends with a period / nothing follows / too long / not followed by blank or lead
    assert clean(f"Putin tiba di Suriah pada Senin pagi.\n\n{lead}").title is None
    assert clean(title).title is None and clean(title).text == title
    long = " ".join(["kata"] * 21)
    assert clean(f"{long}\n\n{lead}").title is None
    assert clean(f"{title}\n{BODY1}").title is None
    # a given title wins; the repeated first line goes, a different first line stays
    res = clean(f"{title}\n{lead}", title="Putin Tarik Pasukan")
    assert res.title == "Putin Tarik Pasukan" and res.text == f"{title}\n{lead}"
    res = clean(f"{title}\n\n{lead}", title=title.upper())
    assert res.text == lead


def test_whitespace_and_paragraphs():
    raw = ("JAKARTA, KOMPAS —\u00a0 Presiden\u00a0meminta “cepat”.  \r\n\r\n\r\n \u00a0 \r\n"
           "Kalimat kedua di sini.\t\n")
    res = clean(raw)
    assert res.text == "JAKARTA, KOMPAS — Presiden meminta “cepat”.\nKalimat kedua di sini."


def test_is_sentence():
    assert is_sentence("Ini adalah sebuah kalimat yang lengkap.")
    assert not is_sentence("“Kami siap bekerja sama dengan siapa pun,” kata dia")
    assert is_sentence("Ini adalah sebuah kalimat yang lengkap,” kata dia.”")
    assert not is_sentence("Terlalu pendek.")


def test_normalise_outlet():
    assert normalise_outlet("RAKYATKU.COM") == "Rakyatku"
    assert normalise_outlet("ANTARA News") == "ANTARA"
    assert normalise_outlet("detikcom") == "Detik"
    assert normalise_outlet("UNKNOWN.COM") == "UNKNOWN.COM"  # casing not obvious: literal
    assert normalise_outlet("Warta Kita") == "Warta Kita"


_PIECES = st.sampled_from([
    "Baca Juga", "Baca juga: Judul Berita", "TAG", "Editor: A", "(S)", "*", "", " ", "\u00a0",
    "Rabu, 02 Januari 2019 11:18", "Copyright © ANTARA 2018", "JAKARTA, KOMPAS — Presiden datang.",
    "Asad (kiri) dan Putin (tengah)", "Kalimat biasa yang cukup panjang untuk badan berita ini.",
    "(Baca: X)", "putin2Moskow, LiputanIslam.com – Kata.",
]) | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.sampled_from(["\n", "\n\n", " ", "\r\n"]))
def test_clean_never_fails_and_keeps_shape(pieces, sep):
    raw = sep.join(pieces)
    res = clean(raw)
    assert "\n\n" not in res.text
    assert all(ln and ln == ln.strip() for ln in res.text.split("\n")) or res.text == ""
    def flat(s: str) -> str:  # whitespace and the invisible characters clean() drops
        return re.sub(r"[\s\u00ad\u200b\u200c\u200d\ufeff]", "", s)
    for item in res.removed + res.metadata_lines:
        assert flat(item) in flat(raw)
