"""Clock times (TimeML TIME): "pukul 06.18 WIB", "jam 7 malam", "13.00 WITA".

A clock time is written on the day it belongs to: the day right before it ("Minggu (28/12/2014)
pukul 06.18 WIB" is one expression, 2014-12-28T06:18+07:00), else the last day the text fixed,
else (when the text fixed no month or year either) the publication day. Without any of them the value is left unresolved (``no_anchor``)
rather than written as "XXXX-XX-XXT13:00": a time without its day says little to a user.

Zones: WIB +07:00, WITA +08:00, WIT +09:00, UTC/GMT Z (and "GMT+7"); "waktu setempat" (local
time) and no zone write no offset. A 12-hour reading is fixed by the time of day after it:
"pukul 7 malam" is 19:00, "pukul 3 sore" 15:00; "pukul 12 malam" is midnight and "pukul 1
malam" 01:00 (the night runs past midnight); "pukul 24.00" is T24:00, the end of its day.
"""

from __future__ import annotations

import datetime as dt
import re

from .context import _Ctx, _Res, _unresolved
from .durations import approximator_flags
from .lexicon import PART_OF_DAY, PM_TIMES_OF_DAY, ZONES

_OFFSET = re.compile(r"([+-])\s*(\d{1,2})(?::?(\d{2}))?$")


def zone_offset(zone: str | None) -> str | None:
    """The ISO offset a zone word names ("wib" -> "+07:00", "gmt+7" -> "+07:00", "" for local
    time), or None for an offset out of range."""
    if not zone:
        return ""
    zone = re.sub(r"\s+", " ", zone.strip().lower())
    if (off := _OFFSET.search(zone)) is not None:
        hours, minutes = int(off[2]), int(off[3] or 0)
        if hours > 14 or minutes > 59:
            return None
        return f"{off[1]}{hours:02d}:{minutes:02d}"
    return ZONES.get(zone, "")


def clock_suffix(m: re.Match[str]) -> str | None:
    """"T06:18+07:00" from a match with groups h, mi, ctod, zone; None when it is no clock time."""
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    tod = (m["ctod"] or "").lower()
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    if tod == "malam":
        # the night runs past midnight: "pukul 7 malam" is 19:00, but "pukul 1 malam" / "jam 2
        # malam" are 01:00 and 02:00, and "pukul 12 malam" is midnight
        if 6 <= hour <= 11:
            hour += 12
        elif hour == 12:
            hour = 0
    elif tod in PM_TIMES_OF_DAY and 1 <= hour < 12:
        hour += 12  # "pukul 3 sore", "pukul 6 petang"
    elif tod == "siang" and 1 <= hour <= 5:
        hour += 12  # "pukul 2 siang"
    offset = zone_offset(m["zone"])
    if offset is None:
        return None
    # "pukul 24.00" stays T24:00, the end of the day it is written on (ISO 8601 and TimeML allow
    # it): the day of the value is the day the text names, as for every other clock time
    return f"T{hour:02d}:{minute:02d}{offset}"


def on_day(day: dt.date, suffix: str) -> str:
    return day.isoformat() + suffix


def h_clock(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """A clock time on its own: on the last day the text fixed, else the anchor."""
    suffix = clock_suffix(m)
    if suffix is None:
        return None
    flags = ["relative"] + approximator_flags(m)
    day, flags_of_day = ctx.text_point("hari")
    if day is not None:
        return _Res(on_day(day, suffix), "time", day, flags, from_text=True)
    if ctx.text_points:  # the text fixed only a month or a year: the clock's day is unknown
        return _unresolved("time", *flags, "relative_to_text")
    if ctx.anchor is not None:
        return _Res(on_day(ctx.anchor, suffix), "time", ctx.anchor, flags)
    return _unresolved("time", *flags, "no_anchor")


def part_of_day(day: dt.date, tod: str | None) -> tuple[str, str]:
    """(value, granularity) of a day, or of a part of it: ("2020-04-27TMO", "time")."""
    if not tod:
        return day.isoformat(), "day"
    return f"{day.isoformat()}T{PART_OF_DAY[' '.join(tod.lower().split())]}", "time"
