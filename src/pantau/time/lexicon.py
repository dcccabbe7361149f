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
WEEKDAY_NAME_FOLLOWERS = frozenset("agung putih suci abu kliwon legi pahing pon wage berkah".split())
