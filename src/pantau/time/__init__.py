"""Indonesian temporal expressions -> ISO 8601 values, anchored to the document's day.

Public API (pure functions; the spaCy component wraps them):

    analyze_time(text, published, *, today=None, sentence_spans=None) -> TimeAnalysis
    find_time_expressions(text, anchor, *, today=None, sentence_spans=None, anchor_flags=()) -> list[TimeValue]
    anchor_with_evidence(text, published, *, today=None) -> (date | None, how, flags)
    document_anchor(text, published, *, today=None, fallback_today=False) -> (date | None, how)
    parse_published(s) -> str | None

Values (TimeML; ``TimeValue.type`` is DATE, TIME, DURATION or SET):

* DATE: day ``2023-02-02``, ISO week ``2018-W52``, month ``2017-11``, quarter ``2020-Q2``,
  half year ``2020-H1``, year ``2011``, range ``2018-12-24/2018-12-30`` (also
  ``2017-05/2017-11``, ``2011/2015``), and the references ``PRESENT_REF`` ("saat ini", "kini",
  "sekarang"), ``PAST_REF`` ("saat itu", "ketika itu", "dulu"), ``FUTURE_REF`` ("masa depan",
  "ke depan", "nanti") with granularity ``reference``;
* TIME: ``2014-12-28T06:18+07:00`` ("Minggu (28/12/2014) pukul 06.18 WIB"; WIB +07:00, WITA
  +08:00, WIT +09:00, UTC/GMT Z), ``2020-05-25T13:00`` (a bare "pukul 13.00" on the day the
  text last fixed), ``2020-04-27TMO`` (a part of the day: pagi MO, siang MI, sore AF, petang
  EV, malam NI); granularity ``time``;
* DURATION: ``PT48H``, ``P6Y``, ``P18M`` ("satu setengah tahun"), ``P2Y3M``, ``PXD``
  ("beberapa hari"); "tiga hari ke depan" and "dalam tiga hari terakhir" are durations;
  granularity ``duration`` (``pantau.time.durations``, quantities by ``pantau.time.numbers``);
* SET: ``XXXX-WXX-1`` ("setiap Senin"), ``P1Y`` ("tiap tahun", "per tahun"), ``XXXX-08-17``,
  ``XXXX-XX-XXTNI`` ("setiap malam"); granularity ``set``.

Unresolvable expressions are still reported with ``value=None``. ``TimeValue.confidence`` is
1.0 unless the year was inferred (``pantau.model.YEAR_EVIDENCE``).

Flags on a ``TimeValue``:

* ``relative`` - computed from the anchor (kemarin, pekan lalu, Sabtu lalu, ...)
* ``future`` - points after the anchor (besok, Senin depan, "akan ... pada Senin")
* ``year_from_weekday`` - day/month without year; the weekday chose the year
* ``year_corrected_by_weekday`` - stated year contradicted the weekday; the anchor's year fits
* ``weekday_mismatch`` - weekday and date disagree and no correction was safe
* ``year_from_anchor`` - day/month or month without year, no weekday: year nearest the anchor
* ``approximate`` - "beberapa" (several) read as up to 7 units
* ``early`` / ``mid`` / ``late`` - awal / pertengahan / akhir of the period
* ``relative_to_text`` - "beberapa hari kemudian": counted from the text, by an unknown amount
* ``designation`` - the year of a law's or a regulation's number ("UU Nomor 11 Tahun 2020",
  "UU No 2/2020"): a year, but not when anything happened
* ``year_inferred`` plus its evidence, one of ``year_from_published_year`` (0.9),
  ``year_from_text_dates`` (0.8), ``year_from_text_years`` (0.6), ``year_latest_before_today``
  (0.3): the year (of the value or of the day it was counted from) is a guess in an article
  without a publication date; the web UI and the CLI show such dates as inferred
* ``approximate`` / ``more_than`` / ``less_than`` - "sekitar", "lebih dari", "kurang dari",
  "hampir" before a clock time or a duration (TimeML ``mod``)
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
  cover 1..7 units back, "beberapa hari/bulan lagi" 1..7 units ahead (``future``).
  "dalam beberapa hari mendatang" and "N hari terakhir" are stretches of time, DURATIONs
  (PXD, PND), not dates.
* "sepekan lalu"/"dua pekan lalu" are ISO weeks (like "pekan lalu"), "N bulan lalu"
  months, "N tahun lalu" years, "N hari lalu" days.
* Chains ("keesokan harinya", "dua hari kemudian", "tahun sebelumnya", a bare "pukul 13.00")
  count from the day, month or year the text last fixed, not from the publication day
  (``pantau.time.chains``); a later month or year makes an earlier day stale, a range fixes
  its end, and a chain finer than what the text fixed is left unresolved (``relative_to_text``); "10 hari setelah pembicaraan" is a DURATION before an event.
* An undated article's anchor and the year of its yearless weekday dates come from its own
  evidence before "the latest year up to today": ``anchor.anchor_with_evidence``.
* A bare weekday is the latest such day on or before the anchor, unless its clause
  has a future cue before it (akan, bakal, dijadwalkan, ...; not when a reporting verb
  stands between cue and weekday): then the first on or after (``future``).
"""

from .anchor import anchor_with_evidence, document_anchor, parse_published
from .document import TimeAnalysis, analyze_time
from .expressions import find_time_expressions

__all__ = ["TimeAnalysis", "analyze_time", "anchor_with_evidence", "document_anchor", "find_time_expressions",
           "parse_published"]
