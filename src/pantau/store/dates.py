"""ISO 8601 values of any granularity → the (first day, last day) they cover.

pantau dates are often partial: "2017-11", "2018-W52", "2011", "2018-12-24/2018-12-30".
The store keeps the ISO string and this DATE pair so that range filters can ask
"does the event's period overlap the window?".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # also matches datetimes "2023-02-02T10:00"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")  # "semester I-2020": 2020-H1
_YEAR = re.compile(r"^(\d{4})$")


def iso_range(value: str | None) -> tuple[date | None, date | None]:
    """Return the first and last day covered by an ISO value; (None, None) if unparseable.

    Both days or neither: a caller that needs only one end ("to" needs the last day) must not
    be handed a value whose other end is broken ("2017-01-01/" once passed as a start)."""
    if not value:
        return None, None
    value = value.strip()
    try:
        if "/" in value:
            a, b = value.split("/", 1)
            start, end = iso_range(a)[0], iso_range(b)[1]
            return (start, end) if start and end else (None, None)
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if m := _WEEK.match(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            last = 3 * q
            return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1])
        if m := _HALF.match(value):
            y, last = int(m[1]), 6 * int(m[2])
            return date(y, last - 5, 1), date(y, last, calendar.monthrange(y, last)[1])
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
    except (ValueError, OverflowError):  # month 13, week 54, year 0; 9999-W52 runs past date.max
        pass
    return None, None


# What a date *filter* may be: a whole value, nothing trailing ("2017-01-01T99" is refused, while
# iso_range reads the day of any datetime, as stored values carry times and zones).
_TIME = r"(?:T(?:[01]\d|2[0-3])(?::[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?"
_ONE = rf"\d{{4}}(?:-\d{{2}}(?:-\d{{2}}{_TIME})?|-W\d{{2}}|-Q[1-4])?"
_FILTER = re.compile(rf"{_ONE}(?:/{_ONE})?", re.ASCII)  # ASCII: no other digits


def valid_iso(value: str) -> bool:
    """True for a complete ISO value that iso_range can read at both ends: what the API and
    the pages accept as `from` / `to`. One check for every endpoint, so that no value reaches a
    query that the store would refuse (the store raises ValueError, which would be a 500)."""
    value = value.strip()
    if len(value) > 64 or not _FILTER.fullmatch(value):
        return False
    start, end = iso_range(value)
    return start is not None and end is not None
