"""Find Indonesian temporal expressions in text and resolve them to ISO 8601 values.

Matching runs in two stages over a lower-cased copy of the text (same offsets):

1. ``_TRIGGER`` (one regex, a trie of the calendar words plus "a digit after a
   non-word character") finds the few positions where an expression can start;
2. at each trigger, only the branches of its class (``_TRIGGER_CLASSES``) are tried
   with ``regex.match`` at that position, in order, most specific first, so that
   "Kamis malam (2/2)" beats "Kamis" and "tahun 2011" beats "2011". Each branch has a
   handler that reads the match and a few words of context and returns a value or
   rejects the span (then the next branch is tried). The leftmost expression wins;
   triggers inside an accepted span are skipped.

The patterns are in ``pantau.time.patterns``; the handlers of clock times are in
``pantau.time.clock``, of durations and sets in ``pantau.time.durations``, of chains,
"tanggal 24" and now/then references in ``pantau.time.chains``; what a handler reads and
returns is ``pantau.time.context``.

All regexes are compiled once at import. On a 5,000-word Kompas text this takes about
1.7 ms in total (0.7 ms for stage 1), versus 30-40 ms for a single case-insensitive
alternation of all branches.

Resolution rules (see ``pantau.time`` for the summary):

* A weekday is evidence for the year: "Kamis (2/2)" is the 2 February, nearest on or
  before the anchor (or ``today`` when there is no anchor), that fell on a Thursday.
* A bare weekday ("pada Sabtu", "hari Sabtu") is the most recent such day on or
  before the anchor; "Sabtu lalu" strictly before; in a future clause ("akan ... pada
  Senin"), "Senin depan" or "Senin mendatang" the next one (flag ``future``).
* Relative expressions need an anchor; without one they are still reported, with
  ``value=None`` and the flag ``no_anchor``. Nothing is guessed from ``today`` except
  the year of a weekday-anchored day/month.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from ..model import YEAR_EVIDENCE, TimeValue
from . import calendar as cal
from .lexicon import (
    COUNT_WORDS, DATE_PREPOSITIONS, MONTHS, NUMBER_WORDS, PARTS, QUANTITY_WORDS, WEEKDAY_BLOCKERS,
    ORDINALS, PART_OF_DAY, PERIOD_PARTS, UNITS, WEEKDAY_NAME_FOLLOWERS, WEEKDAYS,
)
from .chains import chain_base, h_chain, h_reference, h_tanggal, shifted
from .clock import clock_suffix, h_clock, on_day, part_of_day
from .context import Handler, _Ctx, _Res, _unresolved
from .durations import approximator_flags, duration_value, h_duration, h_duration_word, h_set
from .numbers import VAGUE, quantity
from .patterns import (
    _BRANCH_ORDER, _CLASS_BRANCHES, _CLOCK_TAIL_RE, _JOINED_WEEKDAY, _PART_OF_DAY_TAIL_RE, _TRIGGER, _TRIGGER_WORDS,
    _lower,
)

# --------------------------------------------------------------------------- helpers


def _weekday(name: str) -> int:
    return WEEKDAYS[re.sub(r"\s+", " ", name.lower())]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year(y: str, ref: dt.date, flags: list[str]) -> int:
    if len(y) == 2:
        flags.append("two_digit_year")
        return cal.expand_two_digit_year(int(y), ref.year)
    return int(y)


def _weekday_date(m: re.Match[str], ctx: _Ctx, day: int, month: int) -> _Res:
    """A weekday with a day and month, with or without a stated year."""
    wd = _weekday(m["wd"])
    flags: list[str] = []
    ref = ctx.anchor or ctx.today
    if m["y"]:
        year = _year(m["y"], ref, flags)
        stated = cal.safe_date(year, month, day)
        if stated is None:
            return _unresolved("day", "invalid_date")
        if stated.weekday() == wd:
            return _Res(stated.isoformat(), "day", None, flags)
        # The weekday contradicts the stated year. Trust the weekday when the anchor's
        # year, one off the stated one, makes it match (a year typo around New Year).
        a = ctx.anchor
        if a and abs(a.year - year) == 1:
            fixed = cal.safe_date(a.year, month, day)
            if fixed and fixed.weekday() == wd:
                return _Res(fixed.isoformat(), "day", a, flags + ["year_corrected_by_weekday"])
        return _Res(stated.isoformat(), "day", None, flags + ["weekday_mismatch"])
    # No year: the weekday picks it.
    groups = m.groupdict()
    rel_shift = _REL_SHIFT.get(_rel_key(groups.get("rel") or groups.get("after")) or "", 0)
    future = ctx.anchor is not None and (rel_shift > 0 or ctx.future_context(m.start()))
    found = cal.year_from_weekday(day, month, wd, ref, future_days=31 if future else 0)
    if found and ctx.anchor and (ctx.anchor - found).days > 366:
        found = None  # with a known anchor, a match years back is a typo, not evidence
    if found:
        flags.append("year_from_weekday")
        if found > ref:
            flags.append("future")
        return _Res(found.isoformat(), "day", ref, flags)
    if ctx.anchor:
        near = cal.nearest_year(day, month, ctx.anchor, future=future)
        if near:
            return _Res(near.isoformat(), "day", ctx.anchor, ["year_from_anchor", "weekday_mismatch"])
    return _unresolved("day", "weekday_mismatch")


def _day_month(ctx: _Ctx, start: int, day: int, month: int, y: str | None,
               rel: str | None = None) -> _Res:
    """A day and month without weekday; the year stated, or taken from the anchor.

    ``rel`` is the word after it: "4 Juni lalu" (the latest on or before the anchor),
    "4 Juni mendatang" (the first on or after), "4 Juni ini" (the anchor's year).
    """
    flags: list[str] = []
    if y:
        d = cal.safe_date(_year(y, ctx.anchor or ctx.today, flags), month, day)
        return _Res(d.isoformat(), "day", None, flags) if d else _unresolved("day", "invalid_date")
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return _unresolved("day", "invalid_date")
    a = ctx.anchor
    if a is None:
        return _unresolved("day", "no_anchor")
    shift = _REL_SHIFT.get(_rel_key(rel) or "", None)
    if shift == 0:
        d = cal.safe_date(a.year, month, day)
    elif shift is not None and shift < 0:
        d = max((c for yr in (a.year - 1, a.year) if (c := cal.safe_date(yr, month, day)) and c <= a),
                default=None)
    else:
        d = cal.nearest_year(day, month, a, future=shift is not None or ctx.future_context(start))
    if d is None:
        return _unresolved("day", "invalid_date")
    flags.append("relative" if rel else "year_from_anchor")
    if d > a:
        flags.append("future")
    return _Res(d.isoformat(), "day", a, flags)


def _part_flags(part: str | None) -> list[str]:
    return [PARTS[part.lower()]] if part else []


def _week_result(ctx: _Ctx, shift: int, flags: list[str]) -> _Res:
    if ctx.anchor is None:
        return _unresolved("week", "relative", "no_anchor")
    d = ctx.anchor + dt.timedelta(weeks=shift)
    return _Res(cal.iso_week(d), "week", ctx.anchor, ["relative"] + flags + (["future"] if shift > 0 else []))


_REL_SHIFT = {
    "lalu": -1, "kemarin": -1, "yang lalu": -1, "silam": -1,
    "ini": 0,
    "depan": 1, "mendatang": 1, "nanti": 1, "besok": 1, "yang akan datang": 1,
}


def _rel_key(rel: str | None) -> str | None:
    return re.sub(r"\s+", " ", rel.lower()) if rel else None


# --------------------------------------------------------------------------- handlers


def _h_wd_paren(m, ctx):
    d, mo = int(m["d"]), int(m["m"])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return _weekday_date(m, ctx, d, mo)


def _h_wd_textual(m, ctx):
    return _weekday_date(m, ctx, int(m["d"]), _month(m["mon"]))


def _minggu_is_week(m: re.Match[str], ctx: _Ctx) -> bool:
    """'Minggu' is Sunday or 'week': Sunday after 'hari', or capitalised mid-sentence."""
    if m["hari"]:
        return False
    if m["wd"] != "minggu":
        return False
    if ctx.text[m.start("wd")] != "M" or ctx.sentence_initial(m.start("wd")):
        return True
    prev = ctx.prev_word(m.start("wd"))
    return prev.isdigit() or prev in NUMBER_WORDS or prev in ("beberapa", "satu", "per", "tiap", "setiap")


def _h_wd_rel(m, ctx):
    rel = _rel_key(m["rel"])
    if _minggu_is_week(m, ctx):
        return _week_result(ctx, _REL_SHIFT[rel], [])
    wd = _weekday(m["wd"])
    a = ctx.anchor
    if a is None:
        return _unresolved("day", "relative", "no_anchor")
    return _weekday_rel(ctx, wd, _REL_SHIFT[rel], m["tod"])


def _weekday_rel(ctx: _Ctx, wd: int, shift: int, tod: str | None) -> _Res:
    """A weekday with lalu (shift < 0), ini (0) or depan (> 0), seen from the anchor."""
    a = ctx.anchor
    if shift < 0:
        return _Res(*part_of_day(cal.weekday_before(a, wd), tod), a, ["relative"])
    if shift == 0:  # "Senin ini": the nearest Monday, before or after (on a Friday, the next one)
        d = min(cal.weekday_on_or_before(a, wd), cal.weekday_on_or_after(a, wd), key=lambda d: abs((d - a).days))
        return _Res(*part_of_day(d, tod), a, ["relative"] + (["future"] if d > a else []))
    return _Res(*part_of_day(cal.weekday_after(a, wd), tod), a, ["relative", "future"])


def _h_wd_bare(m, ctx):
    wd_start = m.start("wd")
    prev = ctx.prev_word(m.start())
    if prev in WEEKDAY_BLOCKERS or ctx.next_word(m.end("wd")) in WEEKDAY_NAME_FOLLOWERS:
        return None
    if m["wd"] == "minggu" and not m["hari"]:
        if ctx.text[wd_start] != "M" or prev.isdigit() or prev in NUMBER_WORDS or prev in ("beberapa", "per"):
            return None  # "dua minggu", "minggu" = week
    a = ctx.anchor
    if a is None:
        return _unresolved("day", "no_anchor")
    wd = _weekday(m["wd"])
    joined = _JOINED_WEEKDAY.match(ctx.low, m.end())
    if joined is not None:
        return _weekday_rel(ctx, wd, _REL_SHIFT[joined["rel"]], m["tod"])
    if ctx.future_context(wd_start):
        return _Res(*part_of_day(cal.weekday_on_or_after(a, wd), m["tod"]), a, ["future"])
    return _Res(*part_of_day(cal.weekday_on_or_before(a, wd), m["tod"]), a, [])


def _h_dmy(m, ctx):
    d, mo = int(m["d"]), int(m["m"])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None  # "(45/7)" is not a date
    return _day_month(ctx, m.start(), d, mo, m["y"])


def _range(first: _Res, end_day: int, end_month: int) -> _Res:
    """A day range from its resolved first day; the end lies on or after the start."""
    if first.value is None:
        return _Res(None, "range", first.anchor, first.flags)
    start = dt.date.fromisoformat(first.value)
    end = cal.safe_date(start.year, end_month, end_day)
    if end is not None and end < start:
        end = cal.safe_date(start.year + 1, end_month, end_day)
    if end is None:
        return _Res(None, "range", first.anchor, ["invalid_date"])
    return _Res(cal.iso_range(start, end), "range", first.anchor, first.flags)


def _h_day_range(m, ctx):
    """"24-30 Desember 2018", "29 Mei - 20 Juni 2020"; a stated year is the end's year."""
    d1, d2, mo = int(m["d1"]), int(m["d2"]), _month(m["mon"])
    mo1 = _month(m["mon1"]) if m["mon1"] else mo
    if not (1 <= d1 <= 31 and 1 <= d2 <= 31) or (mo1, d1) == (mo, d2):
        return None
    y = m["y"]
    if y and (mo1, d1) > (mo, d2):  # "28 Desember - 3 Januari 2021"
        y = str(int(y) - 1)
    return _range(_day_month(ctx, m.start(), d1, mo1, y), d2, mo)


def _h_dmy_range(m, ctx):
    """"Jumat - Minggu (2 - 4 / 4 / 2021)", "(28 / 10 - 1 / 11 / 2020)"."""
    d1, d2, mo = int(m["d1"]), int(m["d2"]), int(m["m2"])
    mo1 = int(m["m1"]) if m["m1"] else mo
    if not (1 <= d1 <= 31 and 1 <= d2 <= 31 and 1 <= mo <= 12 and 1 <= mo1 <= 12):
        return None
    if m["y"] and len(m["y"]) == 4 and (mo1, d1) > (mo, d2):
        return _range(_day_month(ctx, m.start(), d1, mo1, str(int(m["y"]) - 1)), d2, mo)
    if m["wd"]:
        return _range(_weekday_date(m, ctx, d1, mo1), d2, mo)
    return _range(_day_month(ctx, m.start(), d1, mo1, m["y"]), d2, mo)


def _h_dm_text(m, ctx):
    return _day_month(ctx, m.start(), int(m["d"]), _month(m["mon"]), m["y"], m["rel"])


def _h_month_range(m, ctx):
    y, mo1, mo2 = int(m["y"]), _month(m["mon1"]), _month(m["mon"])
    if mo1 == mo2:
        return None
    y1 = y - 1 if mo1 > mo2 else y  # "Desember - Februari 2020"
    return _Res(f"{cal.iso_month(y1, mo1)}/{cal.iso_month(y, mo2)}", "range", None, [])


def _h_month_year(m, ctx):
    return _Res(cal.iso_month(int(m["y"]), _month(m["mon"])), "month", None, _part_flags(m["part"]))


def _h_month_rel(m, ctx):
    rel = _rel_key(m["rel"])
    if not (m["part"] or m["bulan"] or rel or ctx.prev_word(m.start()) in DATE_PREPOSITIONS):
        return None  # a bare month name without any date context
    flags = _part_flags(m["part"])
    a = ctx.anchor
    if a is None:
        return _unresolved("month", *(["relative"] if rel else []), "no_anchor", *flags)
    month = _month(m["mon"])
    if rel and rel.startswith("tahun"):
        year = a.year + _REL_SHIFT[rel.split(" ", 1)[1]]
        return _Res(cal.iso_month(year, month), "month", a, ["relative"] + flags)
    if rel:
        shift = _REL_SHIFT[rel]
        direction = "past" if shift < 0 else "this" if shift == 0 else "future"
        flags = ["relative"] + flags
    else:
        direction = "future_or_this" if ctx.future_context(m.start()) else "past_or_this"
        flags = ["year_from_anchor"] + flags
    year, month = cal.nearest_month(month, a, direction=direction)
    if (year, month) > (a.year, a.month):
        flags.append("future")
    return _Res(cal.iso_month(year, month), "month", a, flags)


def _h_period_part(m, ctx):
    """"semester I - 2020" 2020-H1, "triwulan II 2020" 2020-Q2; without a year, the anchor's."""
    letter, n = PERIOD_PARTS[m["kind"]], ORDINALS[m["q"]]
    if letter == "H" and n > 2:
        return None
    if m["y"]:
        return _Res(f"{m['y']}-{letter}{n}", "quarter" if letter == "Q" else "half")
    if ctx.anchor is None:
        return _unresolved("quarter" if letter == "Q" else "half", "no_anchor")
    return _Res(f"{ctx.anchor.year}-{letter}{n}", "quarter" if letter == "Q" else "half", ctx.anchor,
                ["year_from_anchor"])


def _h_year_part(m, ctx):
    return _Res(m["y"], "year", None, _part_flags(m["part"]))


def _h_year_range(m, ctx):
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not y1 < y2 <= y1 + 100:
        return None
    return _Res(f"{y1}/{y2}", "range", None, [])


def _h_year(m, ctx):
    if not m["tahun"]:
        prev = ctx.prev_word(m.start())
        if prev in QUANTITY_WORDS or prev.startswith(("rp", "us$", "$")):
            return None
        if ctx.next_word(m.end()) in COUNT_WORDS:
            return None
        if ctx.text[m.end():m.end() + 1] == ":":  # "2000:" a count or time in a list
            return None
    return _Res(m["y"], "year", None, [])


_BEBERAPA = 7  # "beberapa" (several) is read as "up to 7" units, see _h_n_rel


def _minus(a: dt.date, unit: str, n: int) -> dt.date:
    """The anchor moved n units back (n < 0: forward). Months clamp the day."""
    if unit == "hari":
        return a - dt.timedelta(days=n)
    if unit in ("pekan", "minggu"):
        return a - dt.timedelta(weeks=n)
    months = n * (12 if unit == "tahun" else 1)
    y, mo = cal.shift_month(a.year, a.month, -months)
    if not dt.MINYEAR <= y <= dt.MAXYEAR:
        raise OverflowError("date value out of range")  # left unresolved by `_resolve_at`
    for day in (a.day, 30, 29, 28):
        d = cal.safe_date(y, mo, day)
        if d:
            return d
    raise AssertionError("unreachable")


#: "N hari kemudian / setelahnya / sebelumnya": counted from the day the text last fixed
_CHAIN_SIGN = {"kemudian": 1, "setelahnya": 1, "sesudahnya": 1, "berikutnya": 1, "setelah itu": 1,
               "sesudah itu": 1, "sebelumnya": -1, "sebelum itu": -1}


def _h_n_rel(m, ctx):
    unit = m["unit"].lower()
    rel = _rel_key(m["rel"])
    raw_n = " ".join((m["n"] or "").lower().split())
    if rel in ("setelah", "sesudah", "sebelum"):
        return None  # "10 hari setelah pembicaraan": a duration before an event (the duration branch)
    if raw_n in VAGUE and raw_n != "beberapa":  # "puluhan tahun lalu": some time back, no number
        ref = "PAST_REF" if rel in ("lalu", "yang lalu", "silam", "sebelumnya", "sebelum itu") else \
            "FUTURE_REF" if rel in ("ke depan", "mendatang", "lagi") else None
        if ref is None:
            return _Res(f"PX{UNITS[unit][0]}", "duration", None, ["approximate"])
        return _Res(ref, "reference", None, ["approximate"])
    approximate = raw_n == "beberapa"
    n = 1 if m["se"] else _BEBERAPA if approximate else quantity(raw_n)
    if n is None or n != int(n) or n == 0 or n > 200:
        return None
    n = int(n)
    flags = ["relative"] + (["approximate"] if approximate else [])
    if rel in _CHAIN_SIGN:
        if approximate:
            return _Res(None, "unknown", None, flags + ["relative_to_text"])
        base, from_text = chain_base(ctx, unit)
        if base is None:
            return _unresolved("unknown", "relative", "relative_to_text" if from_text else "no_anchor")
        d = _minus(base, unit, -_CHAIN_SIGN[rel] * n)
        value, granularity = shifted(d, unit, 0)
        return _Res(value, granularity, base, flags, from_text=from_text)
    if rel in ("terakhir", "belakangan", "belakangan ini", "ke depan", "mendatang"):
        # "tiga hari ke depan", "dalam beberapa hari terakhir": a stretch of time (TimeML DURATION)
        return _Res(duration_value([(None if approximate else n, unit)]), "duration", None,
                    ["approximate"] if approximate else [])
    kind = "ahead" if rel == "lagi" else "ago"  # lalu, yang lalu, silam
    if kind == "ahead":
        flags.append("future")
    a = ctx.anchor
    if a is None:
        return _unresolved("range" if approximate else "unknown", *flags, "no_anchor")
    sign = -1 if kind == "ahead" else 1
    if approximate:  # "beberapa hari yang lalu" / "beberapa hari lagi": 1..7 units back / ahead, a range
        lo, hi = sorted((_minus(a, unit, sign * n), _minus(a, unit, sign)))
        if unit == "hari":
            return _Res(cal.iso_range(lo, hi), "range", a, flags)
        if unit in ("pekan", "minggu"):
            return _Res(cal.iso_range(cal.week_monday(lo), cal.week_monday(hi) + dt.timedelta(days=6)),
                        "range", a, flags)
        if unit == "bulan":
            return _Res(f"{cal.iso_month(lo.year, lo.month)}/{cal.iso_month(hi.year, hi.month)}",
                        "range", a, flags)
        return _Res(f"{lo.year:04d}/{hi.year:04d}", "range", a, flags)
    d = _minus(a, unit, sign * n)
    if unit == "hari":
        return _Res(d.isoformat(), "day", a, flags)
    if unit in ("pekan", "minggu"):
        return _Res(cal.iso_week(d), "week", a, flags)
    if unit == "bulan":
        return _Res(cal.iso_month(d.year, d.month), "month", a, flags)
    return _Res(f"{d.year:04d}", "year", a, flags)


_REL_DAY = {"hari": 0, "kemarin": -1, "besok": 1, "lusa": 2, "pagi": 0, "siang": 0, "sore": 0,
            "petang": 0, "malam": 0, "tadi": 0, "dini": 0}


def _h_rel_day(m, ctx):
    words = m["w"].lower().split()
    if words[0] == "kemarin" and len(words) > 1 and words[1] in ("dulu", "lusa"):
        shift = -2  # kemarin dulu / kemarin lusa: the day before yesterday
    elif words[0] == "besok" and len(words) > 1:
        shift = 2  # besok lusa
    else:
        shift = _REL_DAY[words[0]]
    flags = ["relative"] + (["future"] if shift > 0 else [])
    # "pagi ini", "tadi malam", "kemarin sore", "dini hari tadi": a part of that day (TIME)
    tod = m["tod"] or next((w for w in (" ".join(words[:2]), words[0], words[-1]) if w in PART_OF_DAY), None)
    if ctx.anchor is None:
        return _unresolved("time" if tod else "day", *flags, "no_anchor")
    return _Res(*part_of_day(ctx.anchor + dt.timedelta(days=shift), tod), ctx.anchor, flags)


def _h_period_rel(m, ctx):
    unit = m["unit"].lower()
    rel = _rel_key(m["rel"])
    part = m["part"].lower() if m["part"] else None
    if not rel and not part:
        return None
    a = ctx.anchor
    if unit in ("pekan", "minggu") and part in ("akhir", "penghujung"):
        return _weekend(m, ctx, rel)
    shift = _REL_SHIFT[rel] if rel else 0
    flags = _part_flags(part)
    if unit in ("pekan", "minggu"):
        return _week_result(ctx, shift, flags)
    if a is None:
        return _unresolved("month" if unit == "bulan" else "year", "relative", "no_anchor", *flags)
    flags = ["relative"] + flags + (["future"] if shift > 0 else [])
    if unit == "bulan":
        y, mo = cal.shift_month(a.year, a.month, shift)
        return _Res(cal.iso_month(y, mo), "month", a, flags)
    return _Res(f"{a.year + shift:04d}", "year", a, flags)


def _weekend(m: re.Match[str], ctx: _Ctx, rel: str | None) -> _Res:
    """'akhir pekan (lalu|ini|depan)': the Saturday-Sunday of that ISO week."""
    a = ctx.anchor
    if a is None:
        return _unresolved("range", "relative", "no_anchor")
    flags = ["relative"]
    if rel:
        shift = _REL_SHIFT[rel]
        sat = cal.week_monday(a) + dt.timedelta(weeks=shift, days=5)
    elif a.weekday() >= 5:
        sat = cal.week_monday(a) + dt.timedelta(days=5)
    elif ctx.future_context(m.start()):
        sat = cal.weekday_after(a, 5)
    else:
        sat = cal.weekday_before(a, 5)
    if sat > a:
        flags.append("future")
    return _Res(cal.iso_range(sat, sat + cal.DAY), "range", a, flags)


_HANDLERS: dict[str, Handler] = {
    "wd_paren": _h_wd_paren, "wd_numeric": _h_wd_paren, "wd_textual": _h_wd_textual,
    "wd_rel": _h_wd_rel, "wd_bare": _h_wd_bare,
    "dmy_paren": _h_dmy, "ymd": _h_dmy, "dmy": _h_dmy,
    "day_range": _h_day_range, "dm_text": _h_dm_text, "dmy_range": _h_dmy_range,
    "month_range": _h_month_range,
    "month_year": _h_month_year, "month_rel": _h_month_rel,
    "year_part": _h_year_part, "year_range": _h_year_range, "year": _h_year,
    "n_rel": _h_n_rel, "rel_day": _h_rel_day, "period_rel": _h_period_rel,
    "duration": h_duration, "duration_word": h_duration_word, "clock": h_clock, "clock_bare": h_clock, "set": h_set,
    "reference": h_reference, "chain": h_chain, "tanggal": h_tanggal, "period_part": _h_period_part,
}
assert set(_HANDLERS) == set(_BRANCH_ORDER)

#: branches whose day values carry a weekday that agreed with the date: the reporting
#: days of Indonesian news ("Senin (11/12/2017)"); ``document_anchor`` builds on these.
WEEKDAY_ANCHORED = frozenset({"wd_paren", "wd_numeric", "wd_textual"})
#: branches that give a full calendar day from the text alone (with a stated year).
EXPLICIT_DAY = frozenset({"dmy_paren", "ymd", "dmy", "dm_text"})

# --------------------------------------------------------------------------- driver


def find_with_branches(text: str, anchor: dt.date | None, *, today: dt.date | None = None,
                       sentence_spans: list[tuple[int, int]] | None = None,
                       anchor_flags: list[str] | tuple[str, ...] = ()
                       ) -> list[tuple[TimeValue, str]]:
    """``find_time_expressions`` plus the name of the branch that matched each value."""
    low = _lower(text)
    ctx = _Ctx(text, low, anchor, today or dt.date.today(),
               sorted(s for s, _ in sentence_spans) if sentence_spans is not None else None,
               anchor_flags=list(anchor_flags))
    out: list[tuple[TimeValue, str]] = []
    taken = 0  # end of the last accepted expression: leftmost match wins
    padded = " " + low  # the trigger regex consumes one non-word character before a trigger
    for t in _TRIGGER.finditer(padded):
        start = t.start(1) - 1
        if start < taken:
            continue
        word = t.group(1)
        if word.isdigit():
            found = None
            paren = low.rfind("(", max(0, start - 3), start)
            if paren >= 0 and not low[paren + 1:start].strip() and paren >= taken:
                found = _resolve_at(paren, _CLASS_BRANCHES["paren"], ctx)
            found = found or _resolve_at(start, _CLASS_BRANCHES["digit"], ctx)
        else:
            if word == "depan":  # "ke depan": the expression starts at "ke"
                if low[max(0, start - 3):start] != "ke " or start - 3 < taken:
                    continue
                start -= 3
            found = _resolve_at(start, _CLASS_BRANCHES[_TRIGGER_WORDS[word]], ctx)
        if found is None:
            continue
        bm, name, res = found
        end = bm.end()
        if res.value is not None and (res.granularity == "day" or _PART_OF_DAY_VALUE.fullmatch(res.value)):
            # The Kompas bundle with a part of the day, "Kamis malam (2/2)" or "Senin (11/12/2017)
            # pagi", stays the DATE "Kamis malam (2/2)", "Senin (11/12/2017)" with the day's value:
            # the seed gold's convention (TimeML would write 2023-02-02TNI). With a clock time
            # after it, it is one TIME.
            end, res = _with_clock(ctx, end, res, bundle=name == "wd_paren")
        flags = list(dict.fromkeys(res.flags + _inferred_flags(ctx, res)))
        if res.granularity == "year" and "relative" not in flags and (
                _DESIGNATION.search(ctx.low[max(0, bm.start() - 40):bm.start()]) or _named_year(ctx, bm, name)):
            flags.append("designation")
        tv = TimeValue(
            text=text[bm.start():end], start=bm.start(), end=end, value=res.value,
            granularity=res.granularity, anchor=res.anchor.isoformat() if res.anchor else None,
            flags=flags,
        )
        if ctx.sentence_starts is not None:
            tv.sentence = max(0, bisect.bisect_right(ctx.sentence_starts, bm.start()) - 1)
        _remember_point(ctx, res, flags)
        out.append((tv, name))
        taken = end
    return out


def _with_clock(ctx: _Ctx, end: int, res: _Res, bundle: bool) -> tuple[int, _Res]:
    """A day followed by its clock time ("Minggu (28/12/2014) pukul 06.18 WIB") or by a part of
    the day ("Senin (27/4/2020) pagi") is one TIME."""
    day = dt.date.fromisoformat(res.value[:10])
    cm = _CLOCK_TAIL_RE.match(ctx.low, end)
    if cm is not None and (suffix := clock_suffix(cm)) is not None:
        flags = res.flags + approximator_flags(cm)
        return cm.end(), _Res(on_day(day, suffix), "time", res.anchor, flags, res.from_text)
    tm = _PART_OF_DAY_TAIL_RE.match(ctx.low, end)
    if tm is None or bundle or res.granularity != "day":
        return end, res
    return tm.end(), _Res(*part_of_day(day, tm["dtod"]), res.anchor, res.flags, res.from_text)


#: a day with a part of it ("Minggu malam" 2021-03-28TNI), which a clock time may follow
_PART_OF_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\dT[A-Z]{2}")

#: which units a value fixes for the chains that follow it (``_Ctx.text_points``)
_POINT_UNITS = {"day": ("hari", "pekan", "bulan", "tahun"), "time": ("hari", "pekan", "bulan", "tahun"),
                "week": ("pekan", "tahun"), "month": ("bulan", "tahun"), "year": ("tahun",)}
#: the granularity of one end of a range, by its length ("2018-12-30", "2018-12", "2018")
_END_GRANULARITY = {10: "day", 7: "month", 4: "year"}


def _remember_point(ctx: _Ctx, res: _Res, flags: list[str]) -> None:
    """Note the day, week, month or year a value fixed, for the chains after it. A range fixes
    its end ("24-30 Desember 2018 ... Keesokan harinya" is 2018-12-31)."""
    value, granularity = res.value, res.granularity
    if value is not None and granularity == "range":
        value = value.rsplit("/", 1)[-1]
        granularity = _END_GRANULARITY.get(len(value), "")
    units = _POINT_UNITS.get(granularity)
    if value is None or units is None or {"approximate", "designation"} & set(flags) \
            or not value[:4].isdigit():
        return
    if granularity == "week":
        first = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    else:
        first = dt.date(int(value[:4]), int(value[5:7]) if len(value) >= 7 else 1,
                        int(value[8:10]) if len(value) >= 10 else 1)
    inferred = [f for f in flags if f in _INFERRED_FLAGS]
    # the finer units an earlier value fixed are stale now: after "3 Maret 2015 ... Juni 2018",
    # "sehari kemudian" does not count from 3 March 2015
    ctx.text_points.clear()
    for unit in units:
        ctx.text_points[unit] = (first, inferred)


#: the flags that say a year was guessed, and on what evidence (see ``pantau.model.YEAR_EVIDENCE``)
_INFERRED_FLAGS = frozenset({"year_inferred", *YEAR_EVIDENCE})


def _inferred_flags(ctx: _Ctx, res: _Res) -> list[str]:
    """The inferred-year flags a value inherits from what it was resolved against: the anchor
    (when its year was guessed), the last day of the text (when that one's was), or ``today``
    (a weekday date in an article with no anchor at all: the latest year up to today)."""
    if res.value is None or res.anchor is None:
        return []
    if res.from_text:
        return next((f for d, f in ctx.text_points.values() if d == res.anchor), [])
    if ctx.anchor is None:
        return ["year_inferred", "year_latest_before_today"] if "year_from_weekday" in res.flags else []
    return ctx.anchor_flags


def _resolve_at(start: int, branches: list[tuple[str, re.Pattern[str]]], ctx: _Ctx):
    """Try the branches in order at ``start``; the first whose handler accepts wins."""
    for name, regex in branches:
        bm = regex.match(ctx.low, start)
        if bm is None or bm.end() == start:
            continue
        try:
            res = _HANDLERS[name](bm, ctx)
        except OverflowError:  # the anchor is near an end of the calendar (published 9999-12-31)
            res = _unresolved("unknown", "out_of_range")
        if res is not None:
            return bm, name, _within_calendar(res)
    return None


_VALUE_YEAR = re.compile(r"-?\d+")  # the year that starts a value: "2019-01-02", "2018-W52", "2011"


def _within_calendar(res: _Res) -> _Res:
    """``res``, or unresolved (flag ``out_of_range``) when a year of its value falls outside
    1..9999: relative expressions near the ends of the calendar ("tahun depan" after 9999-12-31,
    "beberapa tahun lalu" in year 1) that ``datetime`` cannot hold or ISO 8601 cannot write."""
    if res.value is None or res.granularity in ("duration", "set", "reference"):
        return res  # P2D, XXXX-WXX-1, PRESENT_REF: no calendar year in them
    for part in res.value.split("/"):
        m = _VALUE_YEAR.match(part)
        if m is None or not dt.MINYEAR <= int(m[0]) <= dt.MAXYEAR:
            return _Res(None, res.granularity, res.anchor, [*res.flags, "out_of_range"])
    return res


# "UU Nomor 11 Tahun 2020", "UU No 2 / 2020", "POJK No 11 / POJK.03 / 2020": the year names a
# law or a document, not when anything happened
_DESIGNATION = re.compile(r"\b(?:nomor|no\.?)\s*\d+[a-z]?(?:\s*/\s*[\w.-]+){0,3}\s*/?\s*$")
# the capitalised word right before a bare year: "Pilkada 2020", "Sleman dalam Angka 2019"
_NAME_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w.-]*)\s+$")


def _named_year(ctx: _Ctx, bm: re.Match[str], branch: str) -> bool:
    """A bare year right after a capitalised name that is no date word ("Pilkada 2020", "Piala
    Dunia 2022", "Indeks Krisis Global 2020"): it names an event, an index or a publication by
    its year, which is no time that anything in the text happened at (the TimeML guideline's
    designations). "Maret 2020", "Sejak 2019", "Tahun 2020" are dates."""
    if branch != "year" or bm["tahun"]:
        return False
    name = _NAME_BEFORE.search(ctx.text, max(0, bm.start() - 40), bm.start())
    if name is None:
        return False
    word = name.group(1).lower().rstrip(".")
    return not (word in DATE_PREPOSITIONS or word in MONTHS or word in WEEKDAYS or word in PARTS
                or ctx.sentence_initial(name.start(1)) and word in _SENTENCE_OPENERS)


#: sentence-initial words before a year that are not names ("Hingga 2020", "Namun 2019")
_SENTENCE_OPENERS = frozenset("namun tetapi tapi kemudian lalu bahkan hanya pada di dan hingga sejak".split())


def find_time_expressions(text: str, anchor: dt.date | None, *, today: dt.date | None = None,
                          sentence_spans: list[tuple[int, int]] | None = None,
                          anchor_flags: list[str] | tuple[str, ...] = ()) -> list[TimeValue]:
    """All temporal expressions in ``text``, resolved against ``anchor`` where needed.

    ``anchor`` is the document's reference day (usually its publication date, see
    ``document_anchor``); ``today`` (default: ``date.today()``) only bounds the year of
    weekday-anchored dates when there is no anchor. ``sentence_spans`` (character
    offsets) set ``TimeValue.sentence`` and the clause used for future detection.
    ``anchor_flags`` (from ``pantau.time.anchor.anchor_with_evidence``) mark every value resolved against an anchor
    whose year was inferred. Offsets are into ``text``; ``text[tv.start:tv.end] == tv.text``.
    """
    return [tv for tv, _ in find_with_branches(text, anchor, today=today, sentence_spans=sentence_spans,
                                               anchor_flags=anchor_flags)]
