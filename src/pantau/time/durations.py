"""Durations (TimeML DURATION) and sets (TimeML SET).

Durations: a quantity and a unit, "48 jam" PT48H, "enam tahun" P6Y, "sepekan" P1W, "satu
setengah tahun" P18M, "2 tahun 3 bulan" P2Y3M, "beberapa hari" / "bertahun-tahun" PXD / PXY
(TimeML writes an unknown amount as X). The quantity is read by ``pantau.time.numbers`` (digits
or words). "tiga hari ke depan" and "dalam tiga hari terakhir" are durations too (TimeML), see
``expressions._h_n_rel``; "tiga hari lalu" and "tiga hari kemudian" are dates.

Sets: "setiap Senin" XXXX-WXX-1, "tiap tahun" P1Y, "setiap tanggal 17" XXXX-XX-17, "setiap 17
Agustus" XXXX-08-17, "setiap Agustus" XXXX-08.
"""

from __future__ import annotations

import re
from decimal import Decimal

from . import calendar as cal
from .context import _Ctx, _Res
from .lexicon import APPROXIMATORS, MONTHS, PART_OF_DAY, RATE_UNITS, UNITS, WEEKDAYS
from .numbers import is_vague, quantity

#: a fractional amount in the next smaller unit, where that is whole ("1,5 tahun" = P18M)
_SMALLER = {("Y", False): (12, "M", False), ("W", False): (7, "D", False), ("D", False): (24, "H", True),
            ("H", True): (60, "M", True), ("M", True): (60, "S", True)}
_NUMBERING = frozenset({"nomor", "no", "no.", "nomer", "pasal", "ayat", "kode", "nrp", "nip", "seri"})
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d\b")
_ORDER = ["CE", "DE", "Y", "M", "W", "D"], ["H", "M", "S"]


def _unit(word: str) -> tuple[str, bool]:
    return UNITS[word.lower()]


def _amount(n: Decimal | int | None) -> str:
    if n is None:
        return "X"
    # fixed-point, never an exponent: ISO 8601 has no "PT1e-05S"
    return str(int(n)) if n == int(n) else format(Decimal(str(n)).normalize(), "f")


def duration_value(parts: list[tuple[float | None, str]]) -> str:
    """The TimeML value of (amount, unit word) parts: [(2, "tahun"), (3, "bulan")] -> "P2Y3M"."""
    date_part: dict[str, str] = {}
    time_part: dict[str, str] = {}
    for n, word in parts:
        letter, is_time = _unit(word)
        if n is not None and n != int(n) and (letter, is_time) in _SMALLER:
            factor, smaller, smaller_time = _SMALLER[(letter, is_time)]
            if n * factor == int(n * factor):
                n, letter, is_time = n * factor, smaller, smaller_time
        target = time_part if is_time else date_part
        target[letter] = _amount(n)
    dates = "".join(f"{date_part[k]}{k}" for k in _ORDER[0] if k in date_part)
    times = "".join(f"{time_part[k]}{k}" for k in _ORDER[1] if k in time_part)
    return "P" + dates + ("T" + times if times else "")


def h_duration(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    mod = approximator_flags(m)
    if m["unit_r"]:  # "bertahun-tahun": for years, an unknown number of them
        return _Res(duration_value([(None, m["unit_r"])]), "duration", None, ["approximate"] + mod)
    if ctx.prev_word(m.start()) in _NUMBERING or _YEAR_AFTER.match(ctx.low, m.end()):
        return None  # "Nomor 1 Tahun 2020", "Pasal 2 ayat": a numbering, not a stretch of time
    unit = m["unit"].lower()  # "minggu" after a count is a week, however capitalised
    rate = _rate(m, ctx, unit)
    if rate is not None:
        return rate
    n = Decimal(1) if m["se"] else quantity(m["n"])
    if n is None and not is_vague(m["n"]):
        return None  # an absurd amount ("99999999999999999999 tahun"): no duration
    if n is not None:
        if n == 0:
            return None
        if m["half"]:
            n += Decimal("0.5")
    parts = [(n, unit)]
    if m["unit2"] and _unit(m["unit2"]) != _unit(unit):
        parts.append((quantity(m["n2"]), m["unit2"].lower()))
    flags = ["approximate"] if n is None else []
    return _Res(duration_value(parts), "duration", None, list(dict.fromkeys(flags + mod)))


#: words before "sehari"/"sebulan" that make it a rate: "dua kali seminggu", "Rp 3 juta sehari"
_RATE_BEFORE = frozenset("kali juta ribu ratus miliar milyar triliun rupiah dolar orang".split())


def _rate(m: re.Match[str], ctx: _Ctx, unit: str) -> _Res | None:
    """A frequency or rate, TimeML SET rather than DURATION: "dua kali seminggu" (P1W),
    "Rp 3 juta sehari" (P1D), "dua pekan sekali" (P2W)."""
    if m["approx"] or m["unit2"]:
        return None
    if m["se"] and (ctx.prev_word(m.start()) in _RATE_BEFORE or ctx.prev_word(m.start()).isdigit()):
        return _Res(duration_value([(1, unit)]), "set")
    if ctx.next_word(m.end()) == "sekali" and m["n"] and (n := quantity(m["n"])) is not None:
        return _Res(duration_value([(n, unit)]), "set")
    return None


def approximator_flags(m: re.Match[str]) -> list[str]:
    """"sekitar 3 jam" -> ["approximate"], "lebih dari 3 jam" -> ["more_than"] (TimeML mod)."""
    approx = m.groupdict().get("approx")
    return [APPROXIMATORS[" ".join(approx.split())]] if approx else []


def h_duration_word(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """"sepanjang hari" (all day) P1D; "pekan-pekan sebelumnya" (a plural of the unit) PXW."""
    if m["all"]:
        return _Res(duration_value([(1, m["all"])]), "duration")
    if m["pl"] == "minggu" and ctx.text[m.start("pl")] == "M":
        return None  # "Minggu-Minggu": Sundays
    return _Res(duration_value([(None, m["pl"])]), "duration", None, ["approximate"])


_ADJECTIVE_UNIT = {"mingguan": "pekan", "bulanan": "bulan", "tahunan": "tahun"}  # "laporan bulanan"


def h_set(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    if m["wd"]:
        weekday = WEEKDAYS[" ".join(m["wd"].split())]
        return _Res(f"XXXX-WXX-{weekday + 1}", "set")
    if m["d"] or m["d2"]:
        day = int(m["d"] or m["d2"])
        month = MONTHS[m["mon"]] if m["d2"] else None
        # a leap year bounds the day: "setiap 29 Februari" recurs, "setiap 31 Februari" never does
        if cal.safe_date(2000, month or 1, day) is None:
            return None
        return _Res(f"XXXX-{f'{month:02d}' if month else 'XX'}-{day:02d}", "set")
    if m["mon2"]:
        return _Res(f"XXXX-{MONTHS[m['mon2']]:02d}", "set")
    if m["tod"]:  # "setiap malam"
        return _Res(f"XXXX-XX-XXT{PART_OF_DAY[' '.join(m['tod'].split())]}", "set")
    if m["per"]:  # "228 laporan per hari"; "30 kilometer per jam" is a speed
        return None if ctx.prev_word(m.start()) in RATE_UNITS else _Res(duration_value([(1, m["per"])]), "set")
    unit = m["unit"] or m["redup"] or m["each"] or _ADJECTIVE_UNIT.get(m["adj"])
    return _Res(duration_value([(1, unit)]), "set")  # "setiap hari": every P1D
