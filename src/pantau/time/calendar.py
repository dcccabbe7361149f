"""Pure calendar arithmetic for the resolver: no text, no regexes.

Weekday indices are ``date.weekday()`` (Monday = 0 .. Sunday = 6).
"""

from __future__ import annotations

import datetime as dt

DAY = dt.timedelta(days=1)

#: how far back ``year_from_weekday`` looks. Every (day, month, weekday) combination
#: recurs within 28 years (29 February within 28 as well, in the 1901-2099 span).
WEEKDAY_SEARCH_YEARS = 40


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)`` or None when that day does not exist."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_week(d: dt.date) -> str:
    """ISO 8601 week of a day: 2019-01-02 -> '2019-W01', 2018-12-29 -> '2018-W52'."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_range(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def week_monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) moved by k months."""
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """The latest day with this weekday that is on or before ``anchor``."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_before(anchor: dt.date, weekday: int) -> dt.date:
    """The latest day with this weekday strictly before ``anchor`` ("Sabtu lalu")."""
    return weekday_on_or_before(anchor - DAY, weekday)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    """The earliest day with this weekday on or after ``anchor``."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The earliest day with this weekday strictly after ``anchor`` ("Senin depan")."""
    return weekday_on_or_after(anchor + DAY, weekday)


def weekday_in_week(anchor: dt.date, weekday: int) -> dt.date:
    """That weekday in the anchor's ISO week (Monday..Sunday): "Jumat ini"."""
    return week_monday(anchor) + dt.timedelta(days=weekday)


def year_from_weekday(day: int, month: int, weekday: int, ref: dt.date, *,
                      future_days: int = 0) -> dt.date | None:
    """The date ``day/month`` of the year whose weekday matches, nearest on or before ``ref``.

    With ``future_days`` > 0 a matching date up to that many days after ``ref`` is taken
    first (used when the sentence speaks about the future). None if no year in the
    search window matches (an impossible day such as 31/4).
    """
    if future_days:
        for year in (ref.year, ref.year + 1):
            d = safe_date(year, month, day)
            if d and d.weekday() == weekday and ref < d <= ref + dt.timedelta(days=future_days):
                return d
    for year in range(ref.year, ref.year - WEEKDAY_SEARCH_YEARS, -1):
        d = safe_date(year, month, day)
        if d and d <= ref and d.weekday() == weekday:
            return d
    return None


def nearest_year(day: int, month: int, ref: dt.date, *, future: bool = False) -> dt.date | None:
    """``day/month`` in the year that puts it nearest to ``ref`` (ties go to the past).

    With ``future`` the earliest such date on or after ``ref``.
    """
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1)
                  if (d := safe_date(y, month, day))]
    if not candidates:  # 29 February near no leap year
        return None
    if future:
        later = [d for d in candidates if d >= ref]
        return min(later) if later else None
    return min(candidates, key=lambda d: (abs((d - ref).days), d > ref))


def nearest_month(month: int, ref: dt.date, *, direction: str) -> tuple[int, int]:
    """The (year, month) of a month name relative to ``ref``.

    direction: 'past' = strictly before ref's month ("Januari lalu"),
    'past_or_this' = on or before, 'future' = strictly after ("Maret depan"),
    'future_or_this' = on or after, 'this' = in ref's year ("Maret ini").
    """
    if direction == "this":
        return ref.year, month
    if direction in ("past", "past_or_this"):
        year = ref.year if (month < ref.month or (direction == "past_or_this" and month == ref.month)) \
            else ref.year - 1
        return year, month
    year = ref.year if (month > ref.month or (direction == "future_or_this" and month == ref.month)) \
        else ref.year + 1
    return year, month


def expand_two_digit_year(yy: int, ref_year: int) -> int:
    """'19' -> 2019; a two-digit year more than one year after ``ref_year`` is 19xx."""
    year = 2000 + yy
    return year if year <= ref_year + 1 else 1900 + yy
