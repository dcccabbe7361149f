"""The reference day of a document: its publication date, or what the text itself shows."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from . import calendar as cal
from .expressions import EXPLICIT_DAY, WEEKDAY_ANCHORED, find_with_branches
from .lexicon import ENGLISH_MONTHS, MONTHS, WEEKDAYS

_ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                 "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_WORDS = "|".join(re.escape(w) for w in sorted([*WEEKDAYS, *_ENGLISH_DAYS], key=len, reverse=True))
_TZ = r"(?:\s*(?:WIB|WITA|WIT|UTC|GMT|Z|[+-]\d{2}:?\d{2}))?"
_TIME = r"(?:\s*(?:[,|\-–]|pukul|jam|at)?\s*(?:pukul\s+|jam\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?"
_LEAD = rf"\s*(?:(?:{_DAY_WORDS})\.?\s*,?\s*)?"

_PUB_PATTERNS = [re.compile(p + _TZ + r"\s*", re.IGNORECASE) for p in (
    # 2019-01-02 · 2019-01-02T11:18:00+07:00 · 2019-01-02 11:18
    r"\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?",
    # Rabu, 02 Januari 2019 11:18 · 2 Jan 2019 | 11:18 WIB · Wednesday, 2 January 2019
    _LEAD + r"(?P<d>\d{1,2})\s+(?P<mon>[^\W\d_]+)\.?\s*,?\s+(?P<y>\d{4})" + _TIME,
    # January 2, 2019 · Jan 2, 2019 11:18
    _LEAD + r"(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})" + _TIME,
    # 02/01/2019 · 02-01-2019 11:18 (Indonesian day/month/year)
    _LEAD + r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})" + _TIME,
    # Januari 2019
    r"\s*(?P<mon>[^\W\d_]+)\s+(?P<y>\d{4})",
    # 2018
    r"\s*(?P<y>(?:19|20)\d\d)",
)]


def _month_number(name: str) -> int | None:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or ENGLISH_MONTHS.get(key)


def parse_published(s: str | None) -> str | None:
    """A publication date as written in a page header or metadata, as ISO 8601.

    "Rabu, 02 Januari 2019 11:18" -> "2019-01-02T11:18"; "2019-01-02" -> "2019-01-02";
    "2019-01-02T11:18:05+07:00" -> "2019-01-02T11:18" (local time kept, zone and seconds
    dropped); "02/01/2019" -> "2019-01-02" (day first); "Januari 2019" -> "2019-01";
    "2018" -> "2018". Anything else (including a whole copyright line) -> None.
    """
    if not s or not s.strip():
        return None
    for pat in _PUB_PATTERNS:
        m = pat.fullmatch(s)
        if m is None:
            continue
        groups = m.groupdict()
        year = int(m["y"])
        if groups.get("mon") is not None:
            month = _month_number(m["mon"])
            if month is None:
                continue
        elif groups.get("m") is not None:
            month = int(m["m"])
        else:
            return f"{year:04d}" if 1000 <= year <= 2999 else None
        if groups.get("d") is None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        try:
            day = dt.date(year, month, int(m["d"]))
        except ValueError:
            return None
        if groups.get("H") is not None:
            hour, minute = int(m["H"]), int(m["M"])
            if hour < 24 and minute < 60:
                return f"{day.isoformat()}T{hour:02d}:{minute:02d}"
        return day.isoformat()
    try:  # RFC 2822 (RSS): "Wed, 02 Jan 2019 11:18:00 +0700"
        parsed = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.strftime("%Y-%m-%dT%H:%M") if parsed else None


#: a full explicit date this close to the top of the text is a header or dateline.
HEADER_CHARS = 300


def document_anchor(text: str, published: str | None, *, today: dt.date | None = None,
                    fallback_today: bool = False) -> tuple[dt.date | None, str]:
    """The day that relative expressions in ``text`` are resolved against, and how it was found.

    ``anchor_with_evidence`` without the flags that say whether its year was inferred.
    """
    anchor, how, _ = anchor_with_evidence(text, published, today=today, fallback_today=fallback_today)
    return anchor, how


# "JAKARTA, KOMPAS —": the lead of a print daily (an online lead names its domain,
# "JAKARTA, KOMPAS.com -", or puts the outlet in brackets, "Jakarta (ANTARA) -")
_PRINT_LEAD = re.compile(r"\s*[A-Z][A-Z '-]{1,40},\s+[A-Z][A-Za-z]{2,30}\s+(?:\u2014|--)\s")


def anchor_with_evidence(text: str, published: str | None, *, today: dt.date | None = None,
                         fallback_today: bool = False) -> tuple[dt.date | None, str, list[str]]:
    """The day that relative expressions in ``text`` are resolved against, how it was found,
    and, when its year is a guess, the flags that say so (``["year_inferred", evidence]``,
    evidence one of ``pantau.model.YEAR_EVIDENCE``).

    1. ``published`` (metadata or the header ``clean`` found) when it names a day: "published".
    2. Otherwise the text's own dates ("explicit_dates"):
       a. the latest weekday-anchored day date ("Senin (11/12/2017)", "Rabu, 02 Januari
          2019") that is not in the future of ``today``, does not contradict its weekday and
          is not in a future clause. Indonesian news names the reporting day this way
          (weekday + date); an article can only report days up to its publication, so the
          latest of them is the tightest bound. Plain dates without a weekday ("30 September
          2015") are mostly background and are not used as the anchor.
          The year of a yearless one ("Jumat (22/5)") is chosen from the article's evidence,
          in this order: the years of its weekday dates that state one; the year given as
          ``published`` (a batch or copyright year); the latest year of its other dated
          references ("Mei 2020", "2 April 2020"), else of the years it names ("tahun 2019"),
          when the date fits that year or the next (a history, "17 Agustus 1945", is no
          evidence for a report's year); only then the latest year up to ``today`` whose weekday fits (confidence 0.3).
          Then the anchor is moved to the day after that day when the text says so: "kemarin
          Rabu" / "Kamis kemarin" naming that weekday, or the lead of a print daily ("JAKARTA,
          KOMPAS —"), which reports days up to the one before it appears;
       b. else a full date with a stated year in the first line, within its first
          ``HEADER_CHARS`` characters (a header or dateline such as "Jakarta, 12 Mei 2020 -").
       When ``published`` is only a year ("2018"), that year bounds the search: the
       day/month+weekday dates are resolved as of the end of that year and only dates in
       it are taken.
    3. ``(today, "today")`` if ``fallback_today`` is set, else ``(None, "none")``: nothing
       relative is resolved rather than guessed.
    """
    today = today or dt.date.today()
    pub = parse_published(published) if published else None
    year_hint: int | None = None
    if pub:
        if len(pub) >= 10:
            return dt.date.fromisoformat(pub[:10]), "published", []
        if len(pub) == 4:
            year_hint = int(pub)
    ref = today if year_hint is None else min(today, dt.date(year_hint, 12, 31))
    found = find_with_branches(text, None, today=ref)

    def usable(tv) -> bool:  # a day, or a clock time on a day ("Minggu (28/12/2014) pukul 06.18")
        return (tv.granularity in ("day", "time") and tv.value is not None
                and not {"weekday_mismatch", "future", "invalid_date"} & set(tv.flags)
                and dt.date.fromisoformat(tv.value[:10]) <= today
                and (year_hint is None or tv.value.startswith(f"{year_hint:04d}-")))

    weekday = [tv for tv, branch in found if branch in WEEKDAY_ANCHORED and usable(tv)]
    stated = [dt.date.fromisoformat(tv.value[:10]) for tv in weekday if "year_from_weekday" not in tv.flags]
    yearless = [dt.date.fromisoformat(tv.value[:10]) for tv in weekday if "year_from_weekday" in tv.flags]
    if weekday:
        if stated:
            # beside "Minggu (24/5/2020)", a yearless "Jumat (22/5)" belongs to 2020, not to the
            # latest year up to today: place it up to a month after the latest stated day
            levels = [("year_from_text_dates", None, min(today, max(stated) + dt.timedelta(days=31)))]
        elif year_hint is not None:
            levels = [("year_from_published_year", None, ref)]
        else:
            levels = evidence_year_bounds(found, today)
        for evidence, earliest, bound in levels:
            placed = [d for d in (cal.year_from_weekday(d.day, d.month, d.weekday(), bound) for d in yearless)
                      if d is not None and (year_hint is None or d.year == year_hint)
                      and (earliest is None or d.year >= earliest)]
            if placed or stated:
                break
        latest = max(stated + placed)
        flags = [] if latest in stated else ["year_inferred", evidence]
        return _day_after_if_said(text, found, latest, today), "explicit_dates", flags
    # the header or dateline is the first line: a date alone on a later line is an item of a list
    # ("26 Juni 1988" in a chronology), not when the article appeared
    header_end = min(HEADER_CHARS, (text.find("\n") + 1 or len(text) + 1) - 1)
    for tv, branch in found:
        if tv.start >= header_end:
            break
        if branch in EXPLICIT_DAY and usable(tv) and not tv.flags:
            return dt.date.fromisoformat(tv.value[:10]), "explicit_dates", []
    if fallback_today:
        return today, "today", []
    return None, "none", []


def evidence_year_bounds(found, today: dt.date) -> list[tuple[str, int | None, dt.date]]:
    """The evidence for the year of a yearless weekday date in an article with no stated weekday
    date, strongest first: (evidence flag, the earliest year it may be placed in, the day up to
    which it is placed). The latest year its dated references name ("Maret 2020", "2 April
    2020"), else the latest year it names ("tahun 2019"): a report appears in that year or the
    next, so a date that fits neither is no evidence. A history ("17 Agustus 1945 ... Senin
    (25/5)") is not in 1942: the next level is tried, up to the latest year up to ``today``.
    Years after ``today`` (plans: "target 2045") and laws' years ("UU Nomor 6 Tahun 2018") are
    not evidence."""
    dated, named = [], []
    for tv, _branch in found:
        if tv.value is None or tv.anchor is not None or tv.granularity not in ("day", "month", "year") \
                or {"designation", "relative", "year_from_weekday"} & set(tv.flags):
            continue
        year = int(tv.value[:4])
        if year <= today.year:
            (dated if tv.granularity in ("day", "month") else named).append(year)
    levels: list[tuple[str, int | None, dt.date]] = []
    for evidence, years in (("year_from_text_dates", dated), ("year_from_text_years", named)):
        if years:
            levels.append((evidence, max(years), min(today, dt.date(max(years) + 1, 12, 31))))
    return levels + [("year_latest_before_today", None, today)]


def _day_after_if_said(text: str, found, latest: dt.date, today: dt.date) -> dt.date:
    """``latest`` or the day after it, when the text places publication after it: "kemarin
    Rabu" / "Kamis kemarin" naming ``latest``'s weekday, or a print daily's lead."""
    for tv, branch in found:  # read from the expressions found, not by another pass over the text
        words = tv.text.lower().split()
        if branch in ("rel_day", "wd_rel") and "kemarin" in words and len(words) >= 2 \
                and any(WEEKDAYS.get(w) == latest.weekday() for w in words):
            return latest + cal.DAY
    if _PRINT_LEAD.match(text) and latest < today:
        return latest + cal.DAY
    return latest
