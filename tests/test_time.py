"""Tests for pantau.time: Indonesian temporal expressions -> ISO 8601, anchored."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pantau.time import document_anchor, find_time_expressions, parse_published
from pantau.time import calendar as cal
from pantau.time.lexicon import MONTH_NAMES, WEEKDAY_NAMES

D = dt.date
TODAY = D(2026, 11, 21)  # the "today" of the gold notes for seed 000
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def values(text, anchor, **kw):
    """[(text, value)] of every expression found."""
    return [(tv.text, tv.value) for tv in find_time_expressions(text, anchor, today=TODAY, **kw)]


def one(text, anchor, **kw):
    found = find_time_expressions(text, anchor, today=TODAY, **kw)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------- seed sentences

SEED_000 = (
    "Sumber lokal yang hadir di provinsi Aleppo yang terletak di utara Suriah melaporkan pada "
    "Kamis malam (2/2) bahwa militer Turki mengosongkan pangkalan militer di provinsi ini.\n"
    "Beberapa hari yang lalu, situs yang dekat dengan kelompok teroris Tahrir al-Sham mengklaim "
    "bahwa tentara Suriah menargetkan pangkalan Turki di desa Afes.\n"
    "Menteri Pertahanan Turki Halusi Akar mengumumkan pada hari Kamis bahwa pertemuan negara "
    "dengan Suriah dan Rusia terus berlanjut.\n"
    "Akar mengatakan bahwa pertemuan trilateral antara Turki, Rusia, dan Suriah akan berlanjut "
    "di tingkat teknis dalam beberapa hari mendatang.\n"
    "Sergei Lavrov, Menteri Luar Negeri Rusia, mengumumkan pada hari Selasa (31/1) bahwa "
    "kesepakatan awal telah dicapai bagi Iran untuk bergabung.\n"
)

SEED_001 = (
    "Rabu, 02 Januari 2019 11:18\nEditor : Andi Chaerul Fadli\n\n"
    "RAKYATKU.COM - Rusia dan Turki telah sepakat untuk mengoordinasikan operasi darat di Suriah "
    "setelah pengumuman penarikan militer Amerika Serikat pekan lalu, kata menteri luar negeri "
    "Turki dan Rusia.\n"
    "\"Kami memberikan perhatian khusus,\" kata Menteri Luar Negeri Rusia, Sergei Lavrov setelah "
    "pembicaraan dengan timpalan Turki Mevlut Cavusoglu di Moskow pada Sabtu lalu, dikutip dari "
    "Al Jazeera, Rabu (2/1/2018).\n"
    "Selain Lavrov dan Cavusoglu, Menteri Pertahanan Turki Hulusi Akar mengadakan pembicaraan "
    "pada hari Sabtu dengan Menteri Pertahanan Rusia Sergey Shoygu.\n"
    "Dalam langkah mengejutkan, Presiden AS Donald Trump pekan lalu mengatakan ia menarik semua "
    "2.000 tentara dari Suriah.\n"
)

SEED_002 = (
    "Istanbul (ANTARA News) - Turki menyatakan pada Jumat pihaknya berbicara dengan semua pihak "
    "dalam konflik Suriah.\n"
    "Ankara gagal pekan lalu untuk mencapai perjanjian bagi gencatan senjata dari Rusia dan Iran.\n"
    "Turki sudah menampung 3,5 juta warga Suriah.\n"
    "Presiden Tayyip Erdogan akan mengadakan pembicaraan di Rusia pada Senin dengan Presiden "
    "Vladimir Putin untuk membahas krisis Suriah, 10 hari setelah pembicaraan yang serupa di "
    "Teheran, kata para pejabat Turki dan Rusia.\n"
)

SEED_003 = (
    "TV rezim Suriah melaporkan bahwa Putin bertemu Basyar Asad di Pangkalan Udara Khmeimim, "
    "sebelah tenggara Latakia, Suriah, Senin (11/12/2017) pagi, lansir Aljazeera.\n"
    "Sebagai sekutu utama rezim Suriah dalam perang tersebut, Rusia memulai intervensi secara "
    "resmi pada 30 September 2015.\n"
    "Pada November 2017 lalu, Asad mengucapkan terima kasih kepada Putin.\n"
    "Bulan lalu, berbagai faksi bertemu di ibu kota Kazakhstan, Astana.\n"
    "Sampai saat ini, sekitar 465.000 orang terbunuh dalam konflik tersebut, dan lebih dari 12 "
    "juta warga Suriah telah mengungsi.\n"
)

SEED_004 = (
    "ujar Putin dalam pertemuan Menteri Pertahanan Rusia Sergey Shoygu, Jumat (23/12/2016).\n"
    "Seperti diketahui, Kamis malam (22/12/2016), tentara Suriah mengumumkan keberhasilannya. "
    "Keberhasilannya ini menjadi kemenangan terbesar pasukan Suriah dalam perang yang memorak "
    "porandakan negara ini sejak 2011.\n"
    "dia mengatakan kecil sekali kemungkinan Rusia akan campur tangan di Negeri 1001 Malam tersebut.\n"
)


def test_seed_000_weekday_gives_year_and_anchor():
    anchor, how = document_anchor(SEED_000, None, today=TODAY)
    assert (anchor, how) == (D(2023, 2, 2), "explicit_dates")
    got = dict(values(SEED_000, anchor))
    assert got["Kamis malam (2/2)"] == "2023-02-02"
    assert got["Selasa (31/1)"] == "2023-01-31"
    assert got["hari Kamis"] == "2023-02-02"
    assert got["Beberapa hari yang lalu"] == "2023-01-26/2023-02-01"
    assert got["dalam beberapa hari mendatang"] == "PXD"  # a stretch of time: TimeML DURATION


def test_seed_000_without_anchor_uses_today_for_weekday_dates_only():
    found = {tv.text: tv for tv in find_time_expressions(SEED_000, None, today=TODAY)}
    assert found["Kamis malam (2/2)"].value == "2023-02-02"
    # no anchor: the latest matching year up to today, a guess that says so
    assert found["Kamis malam (2/2)"].flags == ["year_from_weekday", "year_inferred", "year_latest_before_today"]
    assert found["Kamis malam (2/2)"].confidence < 0.5
    assert found["Kamis malam (2/2)"].anchor == TODAY.isoformat()
    assert found["hari Kamis"].value is None and "no_anchor" in found["hari Kamis"].flags


def test_seed_001_header_and_year_correction():
    assert parse_published("Rabu, 02 Januari 2019 11:18") == "2019-01-02T11:18"
    anchor, how = document_anchor(SEED_001, "Rabu, 02 Januari 2019 11:18", today=TODAY)
    assert (anchor, how) == (D(2019, 1, 2), "published")
    found = find_time_expressions(SEED_001, anchor, today=TODAY)
    got = [(tv.text, tv.value) for tv in found]
    assert got == [
        ("Rabu, 02 Januari 2019", "2019-01-02"),
        ("pekan lalu", "2018-W52"),
        ("Sabtu lalu", "2018-12-29"),
        ("Rabu (2/1/2018)", "2019-01-02"),
        ("hari Sabtu", "2018-12-29"),
        ("pekan lalu", "2018-W52"),
    ]
    rabu = found[3]
    assert rabu.flags == ["year_corrected_by_weekday"] and rabu.anchor == "2019-01-02"


def test_seed_001_anchor_from_header_line_in_text():
    # Without metadata, the header line "Rabu, 02 Januari 2019" (weekday-anchored) is the
    # anchor; "Rabu (2/1/2018)" contradicts its weekday and is not used.
    assert document_anchor(SEED_001, None, today=TODAY) == (D(2019, 1, 2), "explicit_dates")


def test_seed_002_needs_the_publication_date():
    assert document_anchor(SEED_002, "2018", today=TODAY) == (None, "none")
    for tv in find_time_expressions(SEED_002, None, today=TODAY):
        if tv.text in ("Jumat", "pekan lalu", "Senin"):
            assert tv.value is None
    got = {tv.text: tv for tv in find_time_expressions(SEED_002, D(2018, 9, 14), today=TODAY)}
    assert got["Jumat"].value == "2018-09-14"
    assert got["pekan lalu"].value == "2018-W36"
    assert got["Senin"].value == "2018-09-17" and "future" in got["Senin"].flags
    # "10 hari setelah pembicaraan": a duration before an event, not a date
    assert got["10 hari"].value == "P10D" and got["10 hari"].type == "DURATION"
    assert "3,5" not in " ".join(got)


def test_seed_003_bulan_lalu():
    anchor, how = document_anchor(SEED_003, None, today=TODAY)
    assert (anchor, how) == (D(2017, 12, 11), "explicit_dates")
    assert values(SEED_003, anchor) == [
        ("Senin (11/12/2017)", "2017-12-11"),
        ("30 September 2015", "2015-09-30"),
        ("November 2017", "2017-11"),
        ("Bulan lalu", "2017-11"),
        ("saat ini", "PRESENT_REF"),  # "Sampai saat ini, ..."
    ]


def test_seed_004_years_and_false_positives():
    anchor, _ = document_anchor(SEED_004, None, today=TODAY)
    assert anchor == D(2016, 12, 23)
    assert values(SEED_004, anchor) == [
        ("Jumat (23/12/2016)", "2016-12-23"),
        ("Kamis malam (22/12/2016)", "2016-12-22"),
        ("2011", "2011"),
    ]


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.json").exists(), reason="shared gold not present")
def test_gold_dates_of_the_seed_articles():
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text())
    for doc in gold["documents"]:
        text = (SHARED / "seeds" / f"{doc['doc']}.txt").read_text()
        published = doc.get("published_if_given") or doc["published"]
        anchor, _ = document_anchor(text, published, today=TODAY)
        found = [(tv.text, tv.value) for tv in find_time_expressions(text, anchor, today=TODAY)]
        for item in doc["dates"]:
            assert (item["text"], item["value"]) in found, (doc["doc"], item, found)


# ----------------------------------------------------------------- formats

A = D(2019, 1, 2)  # a Wednesday


@pytest.mark.parametrize("text,anchor,expected", [
    ("Senin (11/12/2017)", None, ("Senin (11/12/2017)", "2017-12-11")),
    ("pada Senin (13 / 04 / 2020).", None, ("Senin (13 / 04 / 2020)", "2020-04-13")),
    ("Senin pagi (13/4/2020)", None, ("Senin pagi (13/4/2020)", "2020-04-13")),
    ("Minggu (3/3/2019)", None, ("Minggu (3/3/2019)", "2019-03-03")),
    ("Rabu (2/1/19)", None, ("Rabu (2/1/19)", "2019-01-02")),
    ("Rabu, 2/1/2019", None, ("Rabu, 2/1/2019", "2019-01-02")),
    ("Senin kemarin (11 / 5 / 2020).", None, ("Senin kemarin (11 / 5 / 2020)", "2020-05-11")),
    ("rapat (13/4) di Jakarta", D(2020, 4, 14), ("(13/4)", "2020-04-13")),
    ("pada 30 September 2015.", None, ("30 September 2015", "2015-09-30")),
    ("pada 2 Januari 2019", None, ("2 Januari 2019", "2019-01-02")),
    ("Rabu, 02 Januari 2019 11:18", None, ("Rabu, 02 Januari 2019", "2019-01-02")),
    ("2 Jan. 2019", None, ("2 Jan. 2019", "2019-01-02")),
    ("pada 1 Juli", D(2019, 6, 20), ("1 Juli", "2019-07-01")),
    ("pada 4 Juni lalu", D(2020, 6, 1), ("4 Juni lalu", "2019-06-04")),
    ("Pada November 2017 lalu", None, ("November 2017", "2017-11")),
    ("Januari lalu", D(2019, 3, 5), ("Januari lalu", "2019-01")),
    ("Januari lalu", D(2019, 1, 20), ("Januari lalu", "2018-01")),
    ("awal Januari", D(2019, 3, 5), ("awal Januari", "2019-01")),
    ("pada Maret tahun lalu", D(2019, 3, 5), ("Maret tahun lalu", "2018-03")),
    ("akhir 2018", None, ("akhir 2018", "2018")),
    ("pada tahun 2011", None, ("tahun 2011", "2011")),
    ("sejak 2011.", None, ("2011", "2011")),
    ("periode 2011-2015", None, ("2011-2015", "2011/2015")),
    ("periode Maret - Mei 2020", None, ("Maret - Mei 2020", "2020-03/2020-05")),
    ("24-30 Desember 2018", None, ("24-30 Desember 2018", "2018-12-24/2018-12-30")),
    ("29 Mei - 20 Juni 2020", None, ("29 Mei - 20 Juni 2020", "2020-05-29/2020-06-20")),
    ("Jumat - Minggu (2 - 4 / 4 / 2021)", None,
     ("Jumat - Minggu (2 - 4 / 4 / 2021)", "2021-04-02/2021-04-04")),
    ("2019-01-02", None, ("2019-01-02", "2019-01-02")),
    ("tanggal 02-01-2019", None, ("02-01-2019", "2019-01-02")),
])
def test_explicit_formats(text, anchor, expected):
    assert values(text, anchor) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("hari ini", "2019-01-02"), ("kemarin", "2019-01-01"), ("besok", "2019-01-03"),
    ("lusa", "2019-01-04"), ("kemarin sore", "2019-01-01TAF"), ("tadi malam", "2019-01-02TNI"),
    ("Sabtu lalu", "2018-12-29"), ("pada Sabtu", "2018-12-29"), ("hari Sabtu", "2018-12-29"),
    ("pada Rabu", "2019-01-02"), ("Rabu lalu", "2018-12-26"), ("Senin depan", "2019-01-07"),
    ("Senin mendatang", "2019-01-07"), ("Jumat ini", "2019-01-04"), ("Kamis kemarin", "2018-12-27"),
    ("hari Minggu lalu", "2018-12-30"),
    ("pekan lalu", "2018-W52"), ("minggu lalu", "2018-W52"), ("Minggu lalu,", "2018-W52"),
    ("pekan ini", "2019-W01"), ("pekan depan", "2019-W02"), ("minggu depan", "2019-W02"),
    ("bulan lalu", "2018-12"), ("bulan ini", "2019-01"), ("bulan depan", "2019-02"),
    ("tahun lalu", "2018"), ("tahun ini", "2019"), ("tahun depan", "2020"),
    ("akhir tahun lalu", "2018"), ("akhir pekan lalu", "2018-12-29/2018-12-30"),
    ("dua hari lalu", "2018-12-31"), ("3 hari yang lalu", "2018-12-30"),
    ("sepekan lalu", "2018-W52"), ("dua pekan lalu", "2018-W51"), ("tiga bulan lalu", "2018-10"),
    ("setahun lalu", "2018"), ("lima tahun silam", "2014"),
    ("beberapa hari yang lalu", "2018-12-26/2019-01-01"),
    ("beberapa hari lalu", "2018-12-26/2019-01-01"),
    ("dua hari lagi", "2019-01-04"),
])
def test_relative_expressions(text, expected):
    tv = one(text, A)
    assert tv.value == expected and tv.anchor == "2019-01-02"


@pytest.mark.parametrize("text, expected", [
    # windows of time are TimeML DURATIONs (issue 21: "tiga hari ke depan" is not a date range)
    ("dalam beberapa hari mendatang", "PXD"), ("dalam tiga hari terakhir", "P3D"),
    ("tiga hari ke depan", "P3D"),
])
def test_windows_are_durations(text, expected):
    tv = one(text, A)
    assert (tv.value, tv.type) == (expected, "DURATION")


def test_relative_without_anchor_is_reported_unresolved():
    for text in ("kemarin", "pekan lalu", "Sabtu lalu", "pada Sabtu", "bulan lalu", "1 Juli",
                 "beberapa hari yang lalu"):
        tv = one(text, None)
        assert tv.value is None and "no_anchor" in tv.flags, text


def test_future_clause_moves_a_bare_weekday_forward():
    a = D(2018, 9, 14)  # a Friday
    assert one("Erdogan akan bertemu Putin pada Senin.", a).value == "2018-09-17"
    assert one("Turki menyatakan pada Senin bahwa ia akan bertemu Putin.", a).value == "2018-09-10"
    assert one("Turki, yang akan menjadi tuan rumah, mengatakan pada Senin.", a).value == "2018-09-10"
    assert one("Ia mengatakan bahwa pertemuan akan digelar pada Senin.", a).value == "2018-09-17"
    assert one("pertemuan dijadwalkan pada Jumat", a).value == "2018-09-14"  # on or after


def test_sentence_spans_bound_the_future_clause():
    text = "Dia akan datang. Pada Senin dia bicara."
    a = D(2018, 9, 14)
    assert one(text, a).value == "2018-09-10"
    tv = one(text, a, sentence_spans=[(0, 16), (17, len(text))])
    assert tv.value == "2018-09-10" and tv.sentence == 1


def test_weekday_mismatch_keeps_the_stated_year():
    tv = one("Senin (2/1/2018)", None)  # 2 Jan 2018 was a Tuesday; no anchor to correct with
    assert tv.value == "2018-01-02" and tv.flags == ["weekday_mismatch"]
    tv = one("Rabu (2/1/2018)", D(2025, 5, 1))  # the anchor's year is too far to correct
    assert tv.value == "2018-01-02" and "weekday_mismatch" in tv.flags


@pytest.mark.parametrize("text", [
    "Presiden AS menarik semua 2.000 tentara dari Suriah",
    "sekitar 465.000 orang terbunuh",
    "Turki sudah menampung 3,5 juta warga Suriah",
    "di Negeri 1001 Malam tersebut",
    "sebanyak 2000 peserta",
    "ada 2010 orang yang mengungsi",
    "umat Islam menunaikan salat Jumat di masjid",
    "setiap Senin ia berpuasa",
    "selama dua minggu",
    "Mei adalah nama yang bagus",
    "harga Rp 2015 per lembar",
    "dalam 10 hari",
    "skor (2-1) untuk tuan rumah",
    "perbandingan (45/7) itu",
])
def test_not_dates(text):
    found = find_time_expressions(text, A, today=TODAY)
    assert [tv.text for tv in found if tv.type in ("DATE", "TIME")] == []


def test_minggu_is_sunday_or_week():
    assert values("Minggu (3/3/2019)", None) == [("Minggu (3/3/2019)", "2019-03-03")]
    assert one("Banjir melanda Jakarta, Minggu.", A).value == "2018-12-30"
    assert one("pada hari minggu", A).value == "2018-12-30"
    assert one("Minggu ini, kata dia.", A).value == "2019-W01"
    assert one("dia datang Minggu lalu", A).value == "2018-12-30"  # capitalised mid-sentence


def test_parse_published():
    assert parse_published("Rabu, 02 Januari 2019 11:18") == "2019-01-02T11:18"
    assert parse_published("2019-01-02") == "2019-01-02"
    assert parse_published("2019-01-02T11:18:05+07:00") == "2019-01-02T11:18"
    assert parse_published("2 Jan 2019 | 11.18 WIB") == "2019-01-02T11:18"
    assert parse_published("02/01/2019") == "2019-01-02"
    assert parse_published("January 2, 2019") == "2019-01-02"
    assert parse_published("Wed, 02 Jan 2019 11:18:00 +0700") == "2019-01-02T11:18"
    assert parse_published("Januari 2019") == "2019-01"
    assert parse_published("2018") == "2018"
    assert parse_published("Copyright © ANTARA 2018") is None
    assert parse_published("31/02/2019") is None
    assert parse_published("") is None and parse_published(None) is None


def test_document_anchor_rules():
    # published wins; a year alone is not a day
    assert document_anchor("Senin (11/12/2017)", "2019-01-02", today=TODAY) == (A, "published")
    assert document_anchor("kemarin", "2018", today=TODAY) == (None, "none")
    # with the year known, weekday dates of that year are used
    assert document_anchor("pada Jumat (14/9) lalu", "2018", today=TODAY) == \
        (D(2018, 9, 14), "explicit_dates")
    # the latest weekday-anchored date, not the background history
    text = "Kamis (22/12/2016) lalu dan Jumat (23/12/2016). Pada 17 Agustus 1945 ..."
    assert document_anchor(text, None, today=TODAY) == (D(2016, 12, 23), "explicit_dates")
    # a plain date counts only as a header/dateline
    assert document_anchor("Jakarta, 12 Mei 2020 - kemarin", None, today=TODAY) == \
        (D(2020, 5, 12), "explicit_dates")
    assert document_anchor("x " * 200 + "pada 17 Agustus 1945", None, today=TODAY) == (None, "none")
    assert document_anchor("tanpa tanggal", None, today=TODAY, fallback_today=True) == (TODAY, "today")


def test_yearless_weekday_dates_go_with_the_stated_years():
    # an undated 2020 story read years later: "Jumat (22/5)" fits a Friday in 2020 and in the
    # later year; beside "Minggu (24/5/2020)" it is 2020's, and the anchor stays in 2020
    text = "Presiden shalat Idul Fitri, Minggu (24/5/2020) pagi. Pada Jumat (22/5), ia rapat."
    later = D(2026, 12, 4)
    assert document_anchor(text, None, today=later) == (D(2020, 5, 24), "explicit_dates")
    # a yearless day after the stated one, within a month, still moves the anchor on
    text = "Minggu (24/5/2020) ia rapat; pada Selasa (26/5) ia meninjau pasar."
    assert document_anchor(text, None, today=later) == (D(2020, 5, 26), "explicit_dates")
    # with no stated year, the weekday alone places it (the latest fitting year up to today)
    assert document_anchor("Pada Jumat (22/5) ia rapat.", None, today=later) == (D(2026, 5, 22), "explicit_dates")


# ----------------------------------------------------------------- properties

dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31))


@given(d=dates, back=st.integers(0, 6), form=st.sampled_from(["pada {}", "hari {}", "{}"]))
def test_bare_weekday_is_the_latest_on_or_before_the_anchor(d, back, form):
    anchor = d + dt.timedelta(days=back)
    tv = one("Ia tiba " + form.format(WEEKDAY_NAMES[d.weekday()]) + ".", anchor)
    assert tv.value == d.isoformat()


@given(d=dates, back=st.integers(1, 7))
def test_weekday_lalu_is_the_latest_strictly_before_the_anchor(d, back):
    anchor = d + dt.timedelta(days=back)
    tv = one(f"Ia tiba {WEEKDAY_NAMES[d.weekday()]} lalu.", anchor)
    assert tv.value == d.isoformat()


@given(d=st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31)),
       ahead=st.integers(0, 3000), tod=st.sampled_from(["", " malam", " pagi"]))
def test_weekday_day_month_takes_the_nearest_matching_year(d, ahead, tod):
    ref = d + dt.timedelta(days=ahead)
    text = f"{WEEKDAY_NAMES[d.weekday()]}{tod} ({d.day}/{d.month})"
    [tv] = find_time_expressions(text, None, today=ref)
    got = D.fromisoformat(tv.value)
    assert got.weekday() == d.weekday() and (got.month, got.day) == (d.month, d.day)
    assert d <= got <= ref  # d itself matches, so the nearest is no earlier than d
    for year in range(got.year + 1, ref.year + 1):  # nothing nearer
        later = cal.safe_date(year, d.month, d.day)
        assert later is None or later > ref or later.weekday() != d.weekday()
    assert tv.flags == ["year_from_weekday", "year_inferred", "year_latest_before_today"]
    assert tv.anchor == ref.isoformat()


@given(d=dates, ahead=st.integers(0, 365))
def test_weekday_day_month_with_anchor(d, ahead):
    anchor = d + dt.timedelta(days=ahead)
    tv = one(f"{WEEKDAY_NAMES[d.weekday()]} ({d.day}/{d.month})", anchor)
    assert tv.value == d.isoformat()


@given(anchor=dates)
def test_pekan_lalu_is_the_iso_week_before(anchor):
    tv = one("pekan lalu", anchor)
    y, w = tv.value.split("-W")
    monday = D.fromisocalendar(int(y), int(w), 1)
    assert monday == cal.week_monday(anchor) - dt.timedelta(days=7)
    assert one("minggu lalu", anchor).value == tv.value


@given(anchor=dates)
def test_bulan_lalu_and_tahun_lalu(anchor):
    y, m = cal.shift_month(anchor.year, anchor.month, -1)
    assert one("bulan lalu", anchor).value == f"{y:04d}-{m:02d}"
    assert one("tahun lalu", anchor).value == str(anchor.year - 1)


@given(d=st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)))
def test_rendered_dates_round_trip(d):
    name, month = WEEKDAY_NAMES[d.weekday()], MONTH_NAMES[d.month]
    for text in (f"{d.day} {month} {d.year}", f"{name} ({d.day}/{d.month}/{d.year})",
                 f"{name}, {d.day:02d} {month} {d.year}", f"{name} ({d.day} / {d.month:02d} / {d.year})"):
        tv = one(text, None)
        assert (tv.text, tv.value, tv.granularity, tv.flags) == (text, d.isoformat(), "day", [])


@given(d=st.dates(min_value=D(1901, 1, 1), max_value=D(2098, 12, 31)), off=st.sampled_from([-1, 1]))
def test_year_typo_corrected_by_weekday_and_anchor(d, off):
    wrong = cal.safe_date(d.year + off, d.month, d.day)
    assume(wrong is not None and wrong.weekday() != d.weekday())
    tv = one(f"{WEEKDAY_NAMES[d.weekday()]} ({d.day}/{d.month}/{wrong.year})", d)
    assert tv.value == d.isoformat() and tv.flags == ["year_corrected_by_weekday"]


_VOCAB = ["Senin", "Minggu", "minggu", "Jumat", "(", ")", "/", "-", " ", ",", ".", "\n", "2/2",
          "(31/1)", "2019", "2.000", "hari", "ini", "lalu", "pekan", "bulan", "tahun", "akhir",
          "Januari", "Mei", "beberapa", "dalam", "mendatang", "akan", "kemarin", "se", "dua",
          "30", "12", "İ", "ß", "“", "1001", "Rp", "orang", "yang"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=200),
                      st.lists(st.sampled_from(_VOCAB), max_size=40).map(" ".join),
                      st.lists(st.sampled_from(_VOCAB), max_size=40).map("".join)),
       anchor=st.one_of(st.none(), dates))
def test_never_crashes_and_offsets_are_exact(text, anchor):
    found = find_time_expressions(text, anchor, today=TODAY)
    last_end = 0
    for tv in found:
        assert 0 <= tv.start < tv.end <= len(text)
        assert text[tv.start:tv.end] == tv.text
        assert tv.start >= last_end  # ordered, not overlapping
        last_end = tv.end
        assert tv.granularity in ("day", "week", "month", "year", "range", "unknown",
                                  "time", "duration", "set", "reference")
        assert tv.type in ("DATE", "TIME", "DURATION", "SET")
        if tv.value is not None and tv.granularity == "day":
            D.fromisoformat(tv.value)
    document_anchor(text, None, today=TODAY)


def test_the_year_of_a_laws_number_is_marked_a_designation():
    from pantau.time import find_time_expressions

    anchor = dt.date(2020, 6, 1)
    for text in ("UU No 2 / 2020 dibatalkan", "Perppu Nomor 1 Tahun 2020 disahkan", "Inpres No. 6 / 2020"):
        values = find_time_expressions(text, anchor)
        assert values and values[0].value == "2020" and "designation" in values[0].flags, text
    assert "designation" not in find_time_expressions("Pada tahun 2020 Rusia menyerang.", anchor)[0].flags


@pytest.mark.parametrize("history", ["Pada 17 Agustus 1945 Indonesia merdeka.",
                                     "Soekarno lahir 6 Juni 1901 di Surabaya."])
def test_a_history_is_no_evidence_for_the_year_of_a_report(history):
    """A yearless weekday date is placed in the year of the latest dated reference or the next,
    else on the next level of evidence: not decades before it (1942, 1896)."""
    from pantau.time.anchor import anchor_with_evidence
    text = f"{history} Senin (25/5) warga upacara."
    anchor, how, flags = anchor_with_evidence(text, None, today=D(2026, 12, 8))
    assert (anchor, flags) == (D(2026, 5, 25), ["year_inferred", "year_latest_before_today"])
    anchor, _, flags = anchor_with_evidence("Pada Maret 2020 wabah datang. " + text, None, today=D(2026, 12, 8))
    assert (anchor, flags) == (D(2020, 5, 25), ["year_inferred", "year_from_text_dates"])


@pytest.mark.parametrize("text, expected", [
    # a later month or year makes the day before it stale
    ("Pada 3 Maret 2015 ia datang. Pada Juni 2018 ia lulus. Pukul 13.00 ia pergi.", None),
    ("Pada 3 Maret 2015 ia datang. Pada 2018 ia lulus. Sehari kemudian ia pergi.", None),
    ("Pada 3 Maret 2015 ia datang. Pada 2018 ia lulus. Bulan berikutnya ia pergi.", None),
    # the text fixed only a coarser unit: no count from the publication day
    ("Pada Maret 2019 ia datang. Dua hari kemudian ia pergi.", None),
    ("Pada Maret 2019 ia datang. Keesokan harinya ia pergi.", None),
    # a range fixes its end
    ("Pada 24-30 Desember 2018 ada acara. Keesokan harinya ia pergi.", "2018-12-31"),
    ("Pada Maret 2019 ia datang. Tahun berikutnya ia pergi.", "2020"),
])
def test_chains_count_from_what_the_text_fixed_last(text, expected):
    tv = find_time_expressions(text, D(2020, 5, 25), today=TODAY)[-1]
    assert tv.value == expected
    if expected is None:
        assert "relative_to_text" in tv.flags


@pytest.mark.parametrize("text, expected", [
    ("pukul 1 malam", "2020-05-25T01:00"), ("jam 2 malam", "2020-05-25T02:00"),
    ("pukul 5 malam", "2020-05-25T05:00"), ("pukul 6 malam", "2020-05-25T18:00"),
    ("pukul 11 malam", "2020-05-25T23:00"), ("pukul 12 malam", "2020-05-25T00:00"),
    ("pukul 3 sore", "2020-05-25T15:00"), ("pukul 6 petang", "2020-05-25T18:00"),
    ("pukul 24.00", "2020-05-25T24:00"),
])
def test_night_and_midnight_clock_times(text, expected):
    assert one(text, D(2020, 5, 25)).value == expected


@pytest.mark.parametrize("text, expected", [
    ("beberapa hari lagi", "2020-05-26/2020-06-01"), ("beberapa bulan lagi", "2020-06/2020-12"),
    ("beberapa tahun lagi", "2021/2027"), ("beberapa hari yang lalu", "2020-05-18/2020-05-24"),
    ("beberapa bulan lalu", "2019-10/2020-04"),
])
def test_several_units_ahead_or_back_is_a_range_on_that_side(text, expected):
    assert one(text, D(2020, 5, 25)).value == expected


def test_quantities_are_exact_and_written_without_exponents():
    assert find_time_expressions("99999999999999999999 tahun", D(2020, 5, 25)) == []  # no P1e+20Y
    assert one("0,00001 detik", D(2020, 5, 25)).value == "PT0.00001S"
    assert one("1,25 jam", D(2020, 5, 25)).value == "PT75M"
    assert one("dua ribu tahun", D(2020, 5, 25)).value == "P2000Y"


def test_a_set_on_a_day_its_month_never_has_is_no_set():
    assert one("setiap 29 Februari", D(2020, 5, 25)).value == "XXXX-02-29"
    assert one("setiap 30 April", D(2020, 5, 25)).value == "XXXX-04-30"
    for text in ("setiap 31 Februari", "setiap 31 April"):
        assert all(tv.type != "SET" and tv.value is None for tv in find_time_expressions(text, D(2020, 5, 25)))
