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
_YEAR = re.compile(r"^(\d{4})$")


def iso_range(value: str | None) -> tuple[date | None, date | None]:
    """Return the first and last day covered by an ISO value; (None, None) if unparseable."""
    if not value:
        return None, None
    value = value.strip()
    try:
        if "/" in value:
            a, b = value.split("/", 1)
            return iso_range(a)[0], iso_range(b)[1]
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
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
    except ValueError:  # e.g. month 13, week 54
        pass
    return None, None
