"""Indonesian calendar words: month and weekday names, number words, cue words.

Month and weekday names come from CLDR through babel's ``id`` locale (babel is a
dependency; nothing is read from disk at run time), plus the spelling variants that
Indonesian news actually uses (``Jum'at``, ``Pebruari``, ``Nopember``, ``Ahad``).
Everything is lower-case; the matcher is case-insensitive.
"""

from __future__ import annotations

from babel import Locale

_ID = Locale("id")

#: month name -> month number (1..12). Full names, CLDR abbreviations, common variants.
MONTHS: dict[str, int] = {}
for _num, _name in _ID.months["format"]["wide"].items():
    MONTHS[_name.lower()] = _num
for _num, _name in _ID.months["format"]["abbreviated"].items():
    MONTHS[_name.lower().rstrip(".")] = _num
MONTHS.update({
    "pebruari": 2, "peb": 2, "nopember": 11, "nop": 11,
    "agust": 8, "agt": 8, "ags": 8, "sept": 9, "okt": 10, "des": 12,
})

#: full month names only (the abbreviations are accepted only right after a day number).
FULL_MONTHS: dict[str, int] = {
    name.lower(): num for num, name in _ID.months["format"]["wide"].items()
}
FULL_MONTHS.update({"pebruari": 2, "nopember": 11})

#: English month names, for publication-date metadata only (``parse_published``).
ENGLISH_MONTHS: dict[str, int] = {
    n.lower(): i for i, n in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"], start=1)
}
ENGLISH_MONTHS.update({k[:3]: v for k, v in list(ENGLISH_MONTHS.items())})
ENGLISH_MONTHS["sept"] = 9

#: weekday name -> ISO weekday index as in ``date.weekday()`` (Monday = 0).
WEEKDAYS: dict[str, int] = {
    name.lower(): num for num, name in _ID.days["format"]["wide"].items()
}
WEEKDAYS.update({"jum'at": 4, "jum’at": 4, "jumaat": 4, "ahad": 6})

#: Indonesian weekday name for each ``date.weekday()`` index (for rendering, tests).
WEEKDAY_NAMES: dict[int, str] = dict(_ID.days["format"]["wide"].items())
MONTH_NAMES: dict[int, str] = dict(_ID.months["format"]["wide"].items())

#: number words as they occur before time units ("dua hari lalu").
NUMBER_WORDS: dict[str, int] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
    "tiga belas": 13, "empat belas": 14, "lima belas": 15, "dua puluh": 20, "tiga puluh": 30,
}

#: parts of a period: "awal Januari", "akhir 2018", "pertengahan tahun lalu".
PARTS: dict[str, str] = {
    "awal": "early", "permulaan": "early",
    "pertengahan": "mid", "medio": "mid",
    "akhir": "late", "penghujung": "late", "ujung": "late",
}

#: times of day that may sit between a weekday and its date: "Kamis malam (2/2)".
TIMES_OF_DAY = ("pagi", "siang", "sore", "petang", "malam", "subuh", "dini hari")

#: words before a bare year or month that make it a date ("sejak 2011", "pada Maret").
DATE_PREPOSITIONS = frozenset("""
    pada sejak hingga sampai semenjak selama sepanjang mulai per antara jelang menjelang
    tahun awal akhir pertengahan medio penghujung era dekade periode musim edisi bulan
    sebelum sesudah setelah usai pasca dari di dan atau hingga s.d. s/d tanggal tgl
    copyright ©
""".split())

#: words after a 4-digit number that make it a count, not a year ("2000 orang").
COUNT_WORDS = frozenset("""
    orang tentara prajurit personel pasukan warga jiwa korban anggota pengungsi penduduk
    siswa mahasiswa peserta pekerja karyawan buruh pegawai petugas polisi relawan anak
    unit buah ekor biji lembar kali kasus suara kursi desa rumah bangunan keluarga kk
    kendaraan mobil truk bus kapal pesawat rudal roket senjata bom
    km kilometer meter m cm mm kg gram ton hektare hektar ha liter barel mw kw watt
    persen % juta ribu miliar milyar triliun ratus puluh rupiah dolar euro yen won
    poin derajat jam menit detik hari pekan minggu bulan tahun halaman pasal ayat
""".split())

#: words before a 4-digit number that make it a quantity, not a year.
QUANTITY_WORDS = frozenset("""
    rp us$ $ € sebanyak sekitar kira-kira hampir mencapai capai sejumlah total
    nomor no no. nomer pasal ayat sebesar senilai jumlah tercatat lebih kurang
    km kode nrp nip hp
""".split())

#: cues that the clause speaks about the future ("akan ... pada Senin").
FUTURE_CUES = (
    "akan", "bakal", "hendak", "berencana", "direncanakan", "dijadwalkan", "terjadwal",
    "rencananya", "dijadwalkan", "mendatang", "nanti",
)

#: reporting verbs; a future cue before one of these does not govern a later weekday
#: ("X, yang akan ..., mengatakan pada Senin").
REPORTING_VERBS = (
    "mengatakan", "menyatakan", "mengumumkan", "menegaskan", "menjelaskan", "melaporkan",
    "mengungkapkan", "menyebutkan", "menambahkan", "menuturkan", "mengklaim", "berkata",
    "kata", "ujar", "ungkap", "tutur", "jelas", "tegas", "dilaporkan", "diumumkan",
)

#: words before a weekday that make it not a date ("salat Jumat", "setiap Senin").
WEEKDAY_BLOCKERS = frozenset("""
    salat shalat sholat solat sembahyang ibadah khotbah khutbah jamaah jemaah
    setiap tiap saban
""".split())

#: words after a weekday that make it a holiday/name, not a plain date.
WEEKDAY_NAME_FOLLOWERS = frozenset("agung putih suci abu palma paskah kliwon legi pahing pon wage berkah".split())

#: time units -> (TimeML duration letter, is a clock unit written after "T"). "minggu" after a
#: number is a week ("dua minggu"); "dekade"/"dasawarsa" is TimeML's DE, "abad" its CE.
UNITS: dict[str, tuple[str, bool]] = {
    "detik": ("S", True), "menit": ("M", True), "jam": ("H", True),
    "hari": ("D", False), "pekan": ("W", False), "minggu": ("W", False),
    "bulan": ("M", False), "tahun": ("Y", False),
    "dekade": ("DE", False), "dasawarsa": ("DE", False), "abad": ("CE", False),
}

#: time zones named after a clock time -> ISO offset ("" = local time, no offset written).
ZONES: dict[str, str] = {
    "wib": "+07:00", "wita": "+08:00", "wit": "+09:00", "utc": "Z", "gmt": "Z", "waktu setempat": "",
}

#: hour shift of a time of day after a 12-hour clock time ("pukul 7 malam" is 19:00).
PM_TIMES_OF_DAY = frozenset({"sore", "petang", "malam"})

#: "now / then / later" references (TimeML's PRESENT_REF, PAST_REF, FUTURE_REF).
REFERENCE_WORDS: dict[str, str] = {
    "saat ini": "PRESENT_REF", "kini": "PRESENT_REF", "sekarang": "PRESENT_REF",
    "dewasa ini": "PRESENT_REF", "masa kini": "PRESENT_REF", "belakangan ini": "PRESENT_REF",
    "akhir-akhir ini": "PRESENT_REF", "waktu ini": "PRESENT_REF",
    "saat itu": "PAST_REF", "ketika itu": "PAST_REF", "waktu itu": "PAST_REF", "kala itu": "PAST_REF",
    "masa itu": "PAST_REF", "masa lalu": "PAST_REF", "masa lampau": "PAST_REF", "masa silam": "PAST_REF",
    "masa depan": "FUTURE_REF", "masa mendatang": "FUTURE_REF", "kelak": "FUTURE_REF",
    "hari-hari ini": "PRESENT_REF", "dulu": "PAST_REF", "dahulu": "PAST_REF", "dahulu kala": "PAST_REF",
    "zaman dulu": "PAST_REF", "zaman dahulu": "PAST_REF", "zaman dahulu kala": "PAST_REF",
    "nanti": "FUTURE_REF", "nantinya": "FUTURE_REF", "waktu dekat": "FUTURE_REF", "ke depan": "FUTURE_REF",
    "kedepan": "FUTURE_REF", "mendatang": "FUTURE_REF", "ke depannya": "FUTURE_REF",
}

#: words before "dulu"/"dahulu" that make it "first, beforehand", not "in the past"
BEFOREHAND = frozenset({"lebih", "terlebih", "dulu", "sendiri"})

#: TimeML codes of the parts of a day, written after "T" ("Senin pagi" is 2020-04-27TMO)
PART_OF_DAY: dict[str, str] = {
    "pagi": "MO", "subuh": "MO", "siang": "MI", "sore": "AF", "petang": "EV",
    "malam": "NI", "dini hari": "NI",
}

#: approximators that belong to the expression they bend (TimeML ``mod``), as flags
APPROXIMATORS: dict[str, str] = {
    "sekitar": "approximate", "kurang lebih": "approximate", "lebih kurang": "approximate",
    "hampir": "less_than", "kurang dari": "less_than", "lebih dari": "more_than",
}

#: half years and quarters: "semester I-2020" 2020-H1, "triwulan II 2020" 2020-Q2
PERIOD_PARTS: dict[str, str] = {"semester": "H", "triwulan": "Q", "kuartal": "Q"}
ORDINALS: dict[str, int] = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
    "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4,
}

#: units of measure before "per jam": "30 kilometer per jam" is a speed, not a recurrence
RATE_UNITS = frozenset("km kilometer meter m mil knot kaki liter kali".split())
