"""Expressions that count from the text, not from the publication day, and "now/then" words.

* Chains: "keesokan harinya", "hari berikutnya", "malam harinya", "tahun itu", and (in
  ``expressions._h_n_rel``) "sehari kemudian", "dua hari setelahnya", "sebulan sebelumnya". They
  speak of the time the text last fixed ("Minggu (28/12/2014) ... Keesokan harinya" is
  2014-12-29; "2018 ... tahun sebelumnya" is 2017), so they count from ``ctx.text_point``; where
  the text fixed nothing before them, from the anchor (the publication day), which is what a
  reader assumes then; where it fixed only a coarser unit ("Maret 2019 ... dua hari kemudian"),
  they are left unresolved (flag ``relative_to_text``).
* "tanggal 24 (kemarin)": the 24th of the anchor's month, or of the month before when the 24th
  is still ahead; in a future clause or with "mendatang"/"depan"/"nanti" the next 24th.
* References (TimeML): "saat ini", "kini", "sekarang" PRESENT_REF; "saat itu", "ketika itu"
  PAST_REF; "masa depan", "kelak" FUTURE_REF. They are DATEs whose value names no day; event
  dates fall back to the publication day for them.
"""

from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .context import _Ctx, _Res, _unresolved
from .clock import part_of_day
from .lexicon import BEFOREHAND, REFERENCE_WORDS

_STEP = {"berikutnya": 1, "selanjutnya": 1, "sebelumnya": -1, "itu": 0, "tersebut": 0}


def chain_base(ctx: _Ctx, unit: str = "hari") -> tuple[dt.date | None, bool]:
    """(the time a chain in ``unit`` counts from, whether the text fixed it): the last day, week,
    month or year the text named ("tahun sebelumnya" after "2018" is 2017), else the anchor."""
    point, _ = ctx.text_point(unit)
    if point is not None:
        return point, True
    if ctx.text_points:  # the text fixed only a coarser unit ("Maret 2019 ... dua hari kemudian"):
        return None, True  # the chain counts from a day it never named, not from the anchor
    return ctx.anchor, False


def shifted(base: dt.date, unit: str, n: int) -> tuple[str, str]:
    """(value, granularity) of ``base`` moved n units: days, ISO weeks, months, years."""
    if unit == "hari":
        return (base + dt.timedelta(days=n)).isoformat(), "day"
    if unit in ("pekan", "minggu"):
        return cal.iso_week(base + dt.timedelta(weeks=n)), "week"
    if unit == "bulan":
        y, mo = cal.shift_month(base.year, base.month, n)
        return cal.iso_month(y, mo), "month"
    return f"{base.year + n:04d}", "year"


def h_chain(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    if m["unit"] == "minggu" and ctx.text[m.start("unit")] == "M":
        return None  # "Minggu itu": Sunday, not "that week"
    base, from_text = chain_base(ctx, m["unit"] or "hari")
    if base is None:
        return _unresolved("day", "relative", "relative_to_text" if from_text else "no_anchor")
    flags = ["relative"]
    if m["next"]:
        return _Res((base + cal.DAY).isoformat(), "day", base, flags, from_text=from_text)
    if m["tod"]:  # "malam harinya", "pagi itu": that same day, that part of it
        return _Res(*part_of_day(base, m["tod"]), base, flags, from_text=from_text)
    value, granularity = shifted(base, m["unit"], _STEP[" ".join(m["rel"].split())])
    return _Res(value, granularity, base, flags, from_text=from_text)


def h_tanggal(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    a = ctx.anchor
    if a is None:
        return _unresolved("day", "relative", "no_anchor")
    rel = m["rel"]
    future = rel in ("mendatang", "depan", "nanti") or (rel is None and ctx.future_context(m.start()))
    step = 1 if future else -1
    y, mo = a.year, a.month
    for _ in range(13):  # the nearest month that has that day, on the side the words say
        d = cal.safe_date(y, mo, day)
        if d is not None and (rel == "ini" or (d >= a if future else d <= a)):
            return _Res(d.isoformat(), "day", a, ["relative"] + (["future"] if d > a else []))
        if rel == "ini":
            return _unresolved("day", "invalid_date")
        y, mo = cal.shift_month(y, mo, step)
    return None


def h_reference(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    word = " ".join(m["w"].split())
    if word in ("dulu", "dahulu") and ctx.prev_word(m.start()) in BEFOREHAND:
        return None  # "terlebih dahulu", "lebih dulu": first, beforehand
    return _Res(REFERENCE_WORDS[word], "reference")
