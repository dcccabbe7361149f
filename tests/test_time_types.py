"""Tests for the TimeML side of pantau.time (issue 21): types, clock times, durations, sets,
now/then references, chains counted from the text, and the inferred year of undated articles."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pantau.model import YEAR_EVIDENCE, TimeValue
from pantau.time import analyze_time, document_anchor, find_time_expressions
from pantau.time.lexicon import WEEKDAY_NAMES

D = dt.date
TODAY = D(2026, 12, 8)
A = D(2020, 5, 25)  # a Monday

# An Indonesian numeral writer of its own (not pantau's reader), for the property tests.
_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def words(n: int) -> str:
    """1..999 in Indonesian words: 11 sebelas, 25 dua puluh lima, 120 seratus dua puluh."""
    if n < 10:
        return _ONES[n]
    if n < 20:
        return {10: "sepuluh", 11: "sebelas"}.get(n) or f"{_ONES[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_ONES[tens]} puluh" + (f" {words(rest)}" if rest else "")
    hundreds, rest = divmod(n, 100)
    return ("seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus") + (f" {words(rest)}" if rest else "")


def found(text: str, anchor: dt.date | None = A) -> list[TimeValue]:
    return find_time_expressions(text, anchor, today=TODAY)


def one(text: str, anchor: dt.date | None = A) -> TimeValue:
    values = found(text, anchor)
    assert len(values) == 1, [(v.text, v.value) for v in values]
    return values[0]


def bundle(d: dt.date) -> str:
    """The Kompas weekday bundle of a day: "Senin (25/5/2020)"."""
    return f"{WEEKDAY_NAMES[d.weekday()]} ({d.day}/{d.month}/{d.year})"


# ----------------------------------------------------------------- durations

UNIT_LETTERS = {"hari": "P{}D", "pekan": "P{}W", "bulan": "P{}M", "tahun": "P{}Y", "jam": "PT{}H", "menit": "PT{}M"}


@given(n=st.integers(1, 999), unit=st.sampled_from(sorted(UNIT_LETTERS)), as_words=st.booleans())
def test_a_quantity_and_a_unit_is_a_duration(n, unit, as_words):
    amount = words(n) if as_words else str(n)
    tv = one(f"Pemeriksaan berlangsung selama {amount} {unit} di sana.")
    assert (tv.type, tv.value) == ("DURATION", UNIT_LETTERS[unit].format(n))
    assert tv.text == f"{amount} {unit}"  # "selama" (a preposition) is not part of it


@pytest.mark.parametrize("text, value", [
    ("48 jam", "PT48H"), ("enam tahun", "P6Y"), ("sepekan", "P1W"), ("sehari", "P1D"),
    ("satu setengah tahun", "P18M"), ("setengah jam", "PT30M"), ("1,5 hari", "PT36H"),
    ("2 tahun 3 bulan", "P2Y3M"), ("beberapa hari", "PXD"), ("bertahun-tahun", "PXY"),
    ("puluhan tahun", "PXY"), ("tiga hari ke depan", "P3D"), ("dalam tiga hari terakhir", "P3D"),
    ("dua dekade", "P2DE"), ("sepanjang hari", "P1D"), ("pekan - pekan sebelumnya", "PXW"),
    ("bulan-bulan terakhir", "PXM"),
])
def test_duration_values(text, value):
    tv = one(text)
    assert (tv.type, tv.value, tv.granularity) == ("DURATION", value, "duration")


def test_sepanjang_before_a_date_is_a_preposition():
    assert [(tv.text, tv.value) for tv in found("sepanjang tahun 2020")] == [("tahun 2020", "2020")]


def test_durations_are_not_numbers_of_laws_nor_dates():
    assert [tv.value for tv in found("Perppu Nomor 1 Tahun 2020 disahkan")] == ["2020"]
    assert one("tiga hari lalu").value == "2020-05-22"  # a date, not a duration
    tv = one("lebih dari 3 jam")
    assert (tv.value, tv.flags, tv.text) == ("PT3H", ["more_than"], "lebih dari 3 jam")
    assert one("10 hari setelah pembicaraan itu").value == "P10D"


# ----------------------------------------------------------------- clock times

ZONES = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00", "": ""}


@given(d=st.dates(D(1950, 1, 1), D(2090, 12, 31)), hour=st.integers(0, 23), minute=st.integers(0, 59),
       zone=st.sampled_from(sorted(ZONES)))
def test_a_day_and_its_clock_time_are_one_time(d, hour, minute, zone):
    text = f"Gempa terjadi {bundle(d)} pukul {hour:02d}.{minute:02d} {zone}".rstrip() + "."
    tv = one(text, None)
    assert tv.type == "TIME"
    assert tv.value == f"{d.isoformat()}T{hour:02d}:{minute:02d}{ZONES[zone]}"
    assert tv.text.startswith(WEEKDAY_NAMES[d.weekday()]) and tv.text.endswith(zone or f"{minute:02d}")


@given(d=st.dates(D(1950, 1, 1), D(2090, 12, 31)), hour=st.integers(1, 11))
def test_a_bare_clock_time_takes_the_day_the_text_fixed(d, hour):
    text = f"Polisi tiba {bundle(d)}. Hingga pukul {hour} malam, warga masih berkumpul."
    values = found(text, d + dt.timedelta(days=400))
    clock = hour + 12 if hour >= 6 else hour  # "pukul 1 malam" is 01:00, "pukul 7 malam" 19:00
    assert values[-1].type == "TIME" and values[-1].value == f"{d.isoformat()}T{clock:02d}:00"


def test_clock_times_zones_and_approximators():
    tv = one("sekitar pukul 08.37 WIT")
    assert (tv.value, tv.text, tv.flags) == ("2020-05-25T08:37+09:00", "sekitar pukul 08.37 WIT",
                                             ["relative", "approximate"])
    assert one("13.00 WITA").value == "2020-05-25T13:00+08:00"
    assert one("pukul 19.00 waktu setempat").value == "2020-05-25T19:00"
    assert one("Senin (27/4/2020) pagi").value == "2020-04-27"  # the bundle keeps the day (seed gold)
    assert one("Selasa pagi").value == "2020-05-19TMO"  # a part of a day is a TIME
    assert one("siang ini").value == "2020-05-25TMI"
    assert one("pukul 13.00", None).value is None  # no day to put it on: not guessed


# ----------------------------------------------------------------- sets and references

@pytest.mark.parametrize("text, value", [
    ("setiap Senin", "XXXX-WXX-1"), ("tiap Jumat", "XXXX-WXX-5"), ("tiap tahun", "P1Y"), ("setiap hari", "P1D"),
    ("setiap tanggal 17", "XXXX-XX-17"), ("setiap 17 Agustus", "XXXX-08-17"), ("setiap malam", "XXXX-XX-XXTNI"),
    ("228 laporan per hari", "P1D"), ("sehari-hari", "P1D"), ("laporan bulanan", "P1M"), ("tahun ke tahun", "P1Y"),
    # rates and frequencies: TimeML SETs, not DURATIONs
    ("Rp 3 juta sehari", "P1D"), ("beroperasi dua kali seminggu", "P1W"), ("uji usap dua pekan sekali", "P2W"),
])
def test_sets(text, value):
    tv = one(text)
    assert (tv.type, tv.value) == ("SET", value)


def test_a_speed_is_no_set():
    assert found("melaju 30 kilometer per jam") == []


@pytest.mark.parametrize("text, value", [
    ("saat ini", "PRESENT_REF"), ("kini", "PRESENT_REF"), ("sekarang", "PRESENT_REF"), ("saat itu", "PAST_REF"),
    ("ketika itu", "PAST_REF"), ("zaman dahulu", "PAST_REF"), ("masa depan", "FUTURE_REF"), ("ke depan", "FUTURE_REF"),
    ("dalam waktu dekat", "FUTURE_REF"), ("puluhan tahun lalu", "PAST_REF"),
])
def test_references(text, value):
    tv = one(text)
    assert (tv.type, tv.value, tv.granularity) == ("DATE", value, "reference")


def test_beforehand_is_no_past():
    assert found("Ia harus meminta izin terlebih dahulu.") == []


# ----------------------------------------------------------------- chains and anchoring

@given(d=st.dates(D(1950, 1, 1), D(2090, 12, 31)), n=st.integers(1, 60),
       word=st.sampled_from(["kemudian", "setelahnya", "sebelumnya"]))
def test_n_days_later_counts_from_the_day_the_text_fixed(d, n, word):
    text = f"Banjir datang {bundle(d)}. {words(n).capitalize()} hari {word}, warga mengungsi."
    values = found(text, d + dt.timedelta(days=400))  # the publication day is far: not it
    sign = -1 if word == "sebelumnya" else 1
    assert values[-1].value == (d + dt.timedelta(days=sign * n)).isoformat()
    assert values[-1].anchor == d.isoformat()


def test_chains_count_from_their_own_unit():
    text = "Produksi pada 2018 naik dibanding tahun sebelumnya. Pada Februari 2020 turun dari bulan sebelumnya."
    assert [(tv.text, tv.value) for tv in found(text)] == [
        ("2018", "2018"), ("tahun sebelumnya", "2017"), ("Februari 2020", "2020-02"), ("bulan sebelumnya", "2020-01")]
    text = "Minggu (28/12/2014) pukul 06.18 WIB pesawat hilang. Keesokan harinya tim berangkat."
    assert [tv.value for tv in found(text)] == ["2014-12-28T06:18+07:00", "2014-12-29"]


def test_deictic_forms_of_a_day():
    assert (one("tanggal 24 kemarin").value, one("tanggal 24 kemarin").text) == ("2020-05-24", "tanggal 24 kemarin")
    assert one("tanggal 28 mendatang").value == "2020-05-28"
    assert one("tanggal 30").value == "2020-04-30"  # the 30th last passed
    tv = one("Minggu (28/12/2014) kemarin")
    assert (tv.text, tv.value) == ("Minggu (28/12/2014) kemarin", "2014-12-28")
    assert one("kemarin Minggu").value == "2020-05-24"
    assert one("Jumat ini", D(2020, 5, 29)).value == "2020-05-29"
    assert one("Senin ini", D(2020, 5, 29)).value == "2020-06-01"  # the nearest Monday
    assert [tv.value for tv in found("pada Minggu dan Senin ini", D(2020, 12, 18))] == ["2020-12-20", "2020-12-21"]


def test_quarters_halves_and_named_years():
    assert one("semester I - 2020").value == "2020-H1"
    assert one("triwulan II 2020").value == "2020-Q2"
    pilkada = one("menjelang Pilkada 2020 yang aman")
    assert pilkada.value == "2020" and "designation" in pilkada.flags
    assert "designation" not in one("Sejak 2019 harga naik").flags


# ----------------------------------------------------------------- undated articles

COVID = ("JAKARTA, KOMPAS — Kasus Covid-19 pertama diumumkan pada Maret 2020. Pemerintah, Senin (25/5), "
         "mengumumkan pelonggaran. Kemarin, jumlah kasus naik.")


def test_the_year_of_a_yearless_weekday_date_comes_from_the_article():
    result = analyze_time(COVID, None, today=TODAY)  # 25 May was a Monday in 2020 and in 2026
    assert result.anchor_flags == ["year_inferred", "year_from_text_dates"]
    # the print daily ("JAKARTA, KOMPAS —") appears the day after the latest day it reports
    assert result.anchor == D(2020, 5, 26)
    senin = next(tv for tv in result.time_values if tv.text == "Senin (25/5)")
    assert senin.value == "2020-05-25" and senin.inferred and senin.confidence == YEAR_EVIDENCE["year_from_text_dates"]
    kemarin = next(tv for tv in result.time_values if tv.text == "Kemarin")
    assert kemarin.value == "2020-05-25" and kemarin.inferred  # counted from an inferred anchor
    maret = next(tv for tv in result.time_values if tv.text == "Maret 2020")
    assert not maret.inferred and maret.confidence == 1.0  # a stated year is no guess


def test_without_evidence_the_latest_year_is_a_flagged_low_confidence_guess():
    result = analyze_time("Pemerintah, Senin (25/5), mengumumkan pelonggaran.", None, today=TODAY)
    assert result.anchor == D(2026, 5, 25)
    assert result.anchor_flags == ["year_inferred", "year_latest_before_today"]
    assert result.time_values[0].confidence == YEAR_EVIDENCE["year_latest_before_today"] < 0.5


def test_a_published_year_or_date_is_evidence_too():
    text = "Pemerintah, Senin (25/5), mengumumkan pelonggaran."
    result = analyze_time(text, "2015", today=TODAY)  # 25 May 2015 was a Monday
    assert (result.anchor, result.anchor_flags) == (D(2015, 5, 25), ["year_inferred", "year_from_published_year"])
    result = analyze_time(text, "2020-05-26", today=TODAY)
    assert result.anchor_flags == [] and not result.time_values[0].inferred


def test_kemarin_with_a_weekday_moves_the_anchor_to_the_next_day():
    text = "Data Rabu (9/9/2020) menunjukkan kenaikan. Berdasarkan data kemarin Rabu, kasus naik."
    assert document_anchor(text, None, today=TODAY) == (D(2020, 9, 10), "explicit_dates")
    assert document_anchor("Data Rabu (9/9/2020) menunjukkan kenaikan.", None, today=TODAY) == \
        (D(2020, 9, 9), "explicit_dates")


def test_a_print_daily_appears_the_day_after_the_latest_day_it_reports():
    text = "JAKARTA, KOMPAS — Juru bicara, Rabu (22/4/2020), menyebutkan kasus naik. Kemarin rapat digelar."
    result = analyze_time(text, None, today=TODAY)
    assert (result.anchor, result.anchor_flags) == (D(2020, 4, 23), [])
    assert result.time_values[-1].value == "2020-04-22"  # "kemarin" is the reported day
    online = analyze_time(text.replace("KOMPAS —", "KOMPAS.com -"), None, today=TODAY)
    assert online.anchor == D(2020, 4, 22)


def test_a_list_date_is_not_the_header_date():
    text = "Kronologi peristiwa itu sebagai berikut:\n26 Juni 1988\nKapal tenggelam."
    assert document_anchor(text, None, today=TODAY) == (None, "none")
    assert document_anchor("Jakarta, 12 Mei 2020 - kemarin", None, today=TODAY)[0] == D(2020, 5, 12)


def test_type_and_confidence_survive_a_round_trip_through_their_fields():
    tv = TimeValue("x", 0, 1, "P2D", "duration", flags=["year_inferred", "year_from_text_years"])
    assert (tv.type, tv.confidence) == ("DURATION", YEAR_EVIDENCE["year_from_text_years"])
    assert TimeValue("x", 0, 1, "2020", "year").type == "DATE"


# ----------------------------------------------------------------- robustness

_VOCAB = ["Senin", "Minggu", "malam", "pagi", "(", ")", "/", "-", ",", ".", "\n", "28/12/2014", "(25/5)", "2020",
          "pukul", "jam", "06.18", "13.00", "7", "WIB", "WIT", "GMT+7", "sekitar", "lebih", "dari", "kurang",
          "setiap", "tiap", "per", "hari", "pekan", "bulan", "tahun", "ke", "depan", "dua", "puluh", "se", "setengah",
          "kemudian", "sebelumnya", "keesokan", "harinya", "itu", "ini", "saat", "kini", "dulu", "terlebih", "nanti",
          "tanggal", "24", "kemarin", "semester", "I", "triwulan", "Pilkada", "beberapa", "puluhan", "ber", "sekali",
          "kali", "Rp", "juta", "dan", "Maret", "lalu"]
_TYPES = {"time": "TIME", "duration": "DURATION", "set": "SET"}


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(_VOCAB), max_size=40), glue=st.sampled_from([" ", "", "  "]),
       anchor=st.one_of(st.none(), st.dates(D(1901, 1, 1), D(2099, 12, 31))))
def test_never_crashes_and_values_fit_their_types(words, glue, anchor):
    text = glue.join(words)
    last_end = 0
    for tv in find_time_expressions(text, anchor, today=TODAY):
        assert text[tv.start:tv.end] == tv.text and tv.start >= last_end
        last_end = tv.end
        assert tv.type == _TYPES.get(tv.granularity, "DATE")
        if tv.value is None:
            continue
        if tv.type == "TIME" and tv.value[:1].isdigit():
            D.fromisoformat(tv.value[:10])
        if tv.type == "DURATION":
            assert tv.value.startswith("P") and tv.value[-1] in "YMWDHSEX"
        if tv.type == "SET":
            assert tv.value.startswith(("P", "XXXX"))
    analyze_time(text, None, today=TODAY)
