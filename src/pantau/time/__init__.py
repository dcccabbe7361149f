"""Indonesian temporal expressions -> ISO 8601 values, anchored to the document's day.

Public API (pure functions; the spaCy component wraps them):

    find_time_expressions(text, anchor, *, today=None, sentence_spans=None) -> list[TimeValue]
    document_anchor(text, published, *, today=None, fallback_today=False) -> (date | None, how)
    parse_published(s) -> str | None

Values: day ``2023-02-02``, ISO week ``2018-W52``, month ``2017-11``, year ``2011``,
range ``2018-12-24/2018-12-30`` (also ``2017-05/2017-11``, ``2011/2015``). Unresolvable
expressions are still reported with ``value=None``.

Flags on a ``TimeValue``:

* ``relative`` - computed from the anchor (kemarin, pekan lalu, Sabtu lalu, ...)
* ``future`` - points after the anchor (besok, Senin depan, "akan ... pada Senin")
* ``year_from_weekday`` - day/month without year; the weekday chose the year
* ``year_corrected_by_weekday`` - stated year contradicted the weekday; the anchor's year fits
* ``weekday_mismatch`` - weekday and date disagree and no correction was safe
* ``year_from_anchor`` - day/month or month without year, no weekday: year nearest the anchor
* ``approximate`` - "beberapa" (several) read as up to 7 units
* ``early`` / ``mid`` / ``late`` - awal / pertengahan / akhir of the period
* ``relative_to_event`` - "10 hari setelah ...": relative to another event, unresolved
* ``designation`` - the year of a law's or a regulation's number ("UU Nomor 11 Tahun 2020",
  "UU No 2/2020"): a year, but not when anything happened
* ``no_anchor`` - needs an anchor and none was given
* ``two_digit_year``, ``invalid_date``

Decisions worth knowing:

* ``document_anchor``: publication date if it names a day; else the latest
  weekday-anchored day date in the text ("Senin (11/12/2017)": the reporting-day
  convention of Indonesian news; an article reports days up to its publication, so
  the latest is the tightest bound), else a full date in the first 300 characters
  (header/dateline); else None. Plain historical dates ("17 Agustus 1945") are never
  anchors. See ``anchor.document_anchor``.
* "beberapa hari yang lalu" (several days ago) is the range from 7 days before the
  anchor to the day before it (``approximate``): a range is a containment claim, so
  it is kept wide enough to be right. "beberapa pekan/bulan/tahun lalu" likewise
  cover 1..7 units back. "dalam beberapa hari mendatang" is the day after the anchor
  to 7 days after; "N hari terakhir" is [anchor - N, anchor].
* "sepekan lalu"/"dua pekan lalu" are ISO weeks (like "pekan lalu"), "N bulan lalu"
  months, "N tahun lalu" years, "N hari lalu" days.
* A bare weekday is the latest such day on or before the anchor, unless its clause
  has a future cue before it (akan, bakal, dijadwalkan, ...; not when a reporting verb
  stands between cue and weekday): then the first on or after (``future``).
"""

from .anchor import document_anchor, parse_published
from .expressions import find_time_expressions

__all__ = ["document_anchor", "find_time_expressions", "parse_published"]
