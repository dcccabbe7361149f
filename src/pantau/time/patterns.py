"""The patterns of Indonesian temporal expressions, compiled once at import: the branches (one
regex each, most specific first), the trigger trie that finds where an expression can start, and
the context patterns the handlers read (sentence ends, future cues, reporting verbs). How they
are matched and resolved is `pantau.time.expressions`."""

from __future__ import annotations

import re

from .lexicon import (
    APPROXIMATORS, FULL_MONTHS, FUTURE_CUES, MONTHS, ORDINALS, PARTS, PERIOD_PARTS, REFERENCE_WORDS, REPORTING_VERBS,
    TIMES_OF_DAY, UNITS, WEEKDAYS, ZONES,
)
from .numbers import DIGIT_WORDS, DIGITS_RE, VAGUE, VAGUE_RE, WORDS_RE


def _alt(words) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    return "(?:" + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    ) + ")"


_SUBST = {
    "WD": _alt(WEEKDAYS),
    "TOD": _alt(TIMES_OF_DAY),
    "MONF": _alt(FULL_MONTHS) + r"(?!\w)",
    "MON": _alt(MONTHS) + r"(?!\w)",
    "Y4": r"(?:19|20)\d\d",
    "YEND": r"(?!\w|[.,/-]\d|-an\b)",  # a year ends here: not "2.000", "2011-an", "2011/12"
    "PART": _alt(PARTS),
    "NUMW": WORDS_RE,
    "NUMD": DIGITS_RE,
    "VAGUE": VAGUE_RE,
    "UNIT": _alt(UNITS),
    "ZONE": _alt(ZONES) + r"(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?(?!\w)",
    "REF": _alt(REFERENCE_WORDS),
    "APPROX": r"(?:(?P<approx>" + _alt(APPROXIMATORS) + r")\s+)?",
    "PPART": _alt(PERIOD_PARTS),
    "ORD": _alt(ORDINALS),
    "DMSEP": r"\s*[/-]\s*",
}


def _p(src: str) -> str:
    for key, val in _SUBST.items():
        src = src.replace("{" + key + "}", val)
    return src


# A clock time: "pukul 06.18 WIB", "jam 7 malam", "pukul 19.00 waktu setempat"; the hour and
# minutes, the time of day that makes a 12-hour clock 24-hour, and the zone.
_CLOCK = (r"{APPROX}(?:pukul|jam|pk\.?)\s+(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?(?![\d.:]\d)"
          r"(?:\s+(?P<ctod>{TOD}))?(?:\s*(?P<zone>{ZONE}))?")
# what may join a clock time to the day before it: "Minggu (28/12/2014) pukul 06.18 WIB",
# "Senin (25/5) malam sekitar pukul 20.00"
_CLOCK_TAIL = r"(?:\s+(?P<dtod>{TOD}))?\s*,?\s*" + _CLOCK
# a part of the day after a day: "Senin (27/4/2020) pagi" (TIME 2020-04-27TMO)
_PART_OF_DAY_TAIL = r"\s+(?P<dtod>{TOD})(?![\w-])"

# (name, pattern). Order matters at equal start positions: most specific first.
_BRANCH_SOURCES: list[tuple[str, str]] = [
    # Kamis malam (2/2) · Rabu (2/1/2018) · Senin (13 / 04 / 2020) · Rabu (2/1/19)
    ("wd_paren", r"\b(?P<wd>{WD})(?:\s+(?P<tod>{TOD}))?(?:\s+(?P<rel>lalu|kemarin|besok|ini|depan|mendatang|silam))?"
                 r"(?:\s+(?P<tod2>{TOD}))?\s*,?\s*\(\s*(?P<d>\d{1,2}){DMSEP}"
                 r"(?P<m>\d{1,2})(?:{DMSEP}(?P<y>\d{4}|\d{2}))?\s*\)(?:\s+(?P<after>kemarin|lalu|silam)\b)?"),
    # Rabu, 2/1/2019
    ("wd_numeric", r"\b(?P<wd>{WD})\s*,\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*"
                   r"(?P<y>\d{4}|\d{2})(?![\w/])"),
    # Rabu, 02 Januari 2019 · Senin 1 Juli
    ("wd_textual", r"\b(?P<wd>{WD})\s*,?\s+(?P<d>\d{1,2})\s+(?P<mon>{MON})"
                   r"(?:\.?\s*,?\s*(?P<y>{Y4}){YEND})?"),
    # Sabtu lalu · hari Minggu lalu · Senin depan · Jumat ini · minggu lalu (= week)
    ("wd_rel", r"\b(?:(?P<hari>hari)\s+)?(?P<wd>{WD})(?:\s+(?P<tod>{TOD}))?\s+(?P<rel>lalu|kemarin|ini|"
               r"depan|mendatang|nanti|besok|silam|yang\s+lalu|yang\s+akan\s+datang)\b"),
    # hari Sabtu · Senin · Minggu pagi (not followed by its date in parens)
    ("wd_bare", r"\b(?:(?P<hari>hari)\s+)?(?P<wd>{WD})(?:\s+(?P<tod>{TOD}))?\b"
                r"(?!(?:\s+{TOD})?\s*,?\s*\(\s*\d)"),
    # Jumat - Minggu (2 - 4 / 4 / 2021) · (28 / 10 - 1 / 11 / 2020) · (21-22/5)
    ("dmy_range", r"(?:\b(?P<wd>{WD})\s*(?:-|–|—|hingga|sampai|dan)\s*(?P<wd2>{WD})\s*,?\s*)?"
                  r"\(\s*(?P<d1>\d{1,2})(?:\s*/\s*(?P<m1>\d{1,2}))?\s*(?:-|–|—|hingga|sampai|dan)\s*"
                  r"(?P<d2>\d{1,2})\s*/\s*(?P<m2>\d{1,2})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?\s*\)"),
    # (13/4) · (13 / 04 / 2020)
    ("dmy_paren", r"\(\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?\s*\)"),
    # 2019-01-02
    ("ymd", r"(?<![\w.,/-])(?P<y>{Y4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])"),
    # 2/1/2019 · 02-01-2019
    ("dmy", r"(?<![\w.,/-])(?P<d>\d{1,2}){DMSEP}(?P<m>\d{1,2}){DMSEP}(?P<y>{Y4})(?![\w/-])"),
    # 24-30 Desember 2018 · 2 dan 3 Januari · 29 Mei - 20 Juni 2020
    ("day_range", r"(?<![\w.,])(?P<d1>\d{1,2})(?:\s+(?P<mon1>{MONF}))?\s*(?:-|–|—|s/d|s\.d\.|hingga|sampai|dan)\s*"
                  r"(?P<d2>\d{1,2})\s+(?P<mon>{MONF})(?:\s*,?\s*(?P<y>{Y4}){YEND})?"),
    # 30 September 2015 · 1 Juli · 2 Jan. 2019
    ("dm_text", r"(?<![\w.,])(?P<d>\d{1,2})\s+(?P<mon>{MON})(?:\.?\s*,?\s*(?P<y>{Y4}){YEND}|\s+(?P<rel>"
                r"lalu|yang\s+lalu|silam|kemarin|mendatang|depan|nanti|ini)\b)?"),
    # Maret - Mei 2020 · Januari hingga Juni 2020
    ("month_range", r"\b(?P<mon1>{MONF})\s*(?:-|–|—|s/d|hingga|sampai|dan)\s*(?P<mon>{MONF})\s*,?\s*"
                    r"(?:tahun\s+)?(?P<y>{Y4}){YEND}"),
    # November 2017 · akhir Desember 2018 · bulan Maret tahun 2019
    ("month_year", r"\b(?:(?P<part>{PART})\s+)?(?:bulan\s+)?(?P<mon>{MONF})\s*,?\s*(?:tahun\s+)?"
                   r"(?P<y>{Y4}){YEND}"),
    # Januari lalu · awal Januari · bulan Maret · pada Mei · Maret tahun lalu
    ("month_rel", r"\b(?:(?P<part>{PART})\s+)?(?:(?P<bulan>bulan)\s+)?(?P<mon>{MONF})(?:\s+(?P<rel>"
                  r"lalu|kemarin|ini|depan|mendatang|nanti|yang\s+lalu|silam|"
                  r"tahun\s+(?:lalu|ini|depan|kemarin))\b)?"),
    # akhir 2018 · awal tahun 2019
    ("year_part", r"\b(?P<part>{PART})\s+(?:(?P<tahun>tahun)\s+)?(?P<y>{Y4}){YEND}"),
    # 2011-2015 · tahun 2011 hingga 2015
    ("year_range", r"(?<![\w.,/-])(?:(?P<tahun>tahun)\s+)?(?P<y1>{Y4})\s*(?:-|–|—|s/d|hingga|sampai)\s*"
                   r"(?P<y2>{Y4}){YEND}"),
    # tahun 2011 · sejak 2011 · (2011)
    ("year", r"(?<![\w.,/$-])(?:(?P<tahun>tahun)\s+)?(?P<y>{Y4}){YEND}"),
    # dua hari lalu · 3 hari yang lalu · sepekan lalu · beberapa hari yang lalu
    # dalam beberapa hari mendatang · 10 hari setelah
    ("n_rel", r"(?<![\w.,])(?:(?P<dalam>dalam)\s+)?(?:(?P<n>\d{1,3}|{NUMW}|{VAGUE})\s+|(?P<se>se))"
              r"(?P<unit>hari|pekan|minggu|bulan|tahun)\s+(?P<rel>(?:yang\s+)?lalu|silam|terakhir|"
              r"belakangan(?:\s+ini)?|ke\s+depan|mendatang|lagi|berikutnya|sebelumnya|"
              r"(?:setelah|sesudah|sebelum)\s+itu|sebelum|"
              r"kemudian|setelahnya|setelah|sesudahnya|sesudah)\b"),
    # 48 jam · enam tahun · sepekan · satu setengah tahun · 2 tahun 3 bulan · bertahun-tahun
    ("duration", r"(?<![\w.,]){APPROX}(?:(?:(?P<n>{NUMD}|{NUMW}|{VAGUE})\s+|(?P<se>se))(?P<unit>{UNIT})"
                 r"(?:\s+(?P<half>setengah)(?!\s+{UNIT}))?"
                 r"(?:\s+(?:dan\s+)?(?P<n2>{NUMD}|{NUMW})\s+(?P<unit2>{UNIT}))?"
                 r"|ber(?P<unit_r>{UNIT})-(?P=unit_r))(?!\w|-)"),
    # sepanjang hari (all day) · pekan-pekan sebelumnya · bulan-bulan terakhir (a plural: some number of them)
    ("duration_word", r"\b(?:sepanjang\s+(?P<all>hari|pekan|bulan|tahun)"
                      r"(?!\s+(?:\d|(?:ini|itu|lalu|depan|kemarin|mendatang)\b))|(?P<pl>hari|pekan|minggu|bulan|tahun)"
                      r"\s*-\s*(?P=pl)(?:\s+(?P<prel>terakhir|sebelumnya|belakangan|berikutnya|mendatang))?)(?![\w-])"),
    # 13.00 WIB (a clock time without "pukul" needs its zone)
    ("clock_bare", r"(?<![\w.,:/])(?P<h>\d{1,2})[.:](?P<mi>\d{2})(?:\s+(?P<ctod>{TOD}))?\s*(?P<zone>{ZONE})"),
    # pukul 13.00 · jam 7 malam · pukul 08.37 WIT
    ("clock", r"\b" + _CLOCK),
    # setiap Senin · tiap tahun · setiap tanggal 17 · setiap 17 Agustus · setiap malam · per hari ·
    # sehari-hari · bulanan · tahun ke tahun
    ("set", r"\b(?:(?:setiap|tiap|saban)\s+(?:(?P<wd>{WD})|(?:tanggal|tgl\.?)\s+(?P<d>\d{1,2})|"
            r"(?P<d2>\d{1,2})\s+(?P<mon>{MONF})|(?P<mon2>{MONF})|(?P<tod>{TOD})|(?P<unit>{UNIT})(?:nya)?)|"
            r"per\s+(?P<per>{UNIT})|se(?P<redup>hari|minggu|pekan|bulan|tahun)-(?P=redup)|"
            r"(?P<adj>mingguan|bulanan|tahunan)|(?P<each>hari|minggu|pekan|bulan|tahun)\s+ke\s+(?P=each))(?![\w-])"),
    # semester I - 2020 · triwulan II 2020 · kuartal kedua tahun 2020 · kuartal III
    ("period_part", r"\b(?P<kind>{PPART})\s+(?P<q>{ORD})(?!\w)(?:\s*(?:-|/|,)?\s*(?:tahun\s+)?(?P<y>{Y4}){YEND})?"),
    # saat ini · kini · sekarang · saat itu · ketika itu · masa depan
    ("reference", r"\b(?P<w>{REF})(?!\w|-)"),
    # keesokan harinya · hari berikutnya · malam harinya · tahun itu. Not "hari yang sama": the
    # same day as the story's main one, often not the day last named (seed 004: Putin's press
    # conference "di hari yang sama" is the 23rd, the day before it the text last named the 22nd)
    ("chain", r"\b(?:(?P<next>keesokan(?:\s+hari(?:nya)?)?|esok\s+hari(?:nya)?|besoknya)|"
              r"(?P<unit>hari|pekan|minggu|bulan|tahun)\s+(?P<rel>berikutnya|selanjutnya|sebelumnya|itu|"
              r"tersebut)|(?P<tod>{TOD})\s+(?P<same>harinya|itu))\b"),
    # tanggal 24 · tanggal 24 kemarin (not "tanggal 24 Mei": that is a day and month)
    ("tanggal", r"\b(?:tanggal|tgl\.?)\s+(?P<d>\d{1,2})(?!\d|\s*[/-]\s*\d|\s+{MON})"
                r"(?:\s+(?P<rel>kemarin|lalu|ini|mendatang|depan|nanti)\b)?"),
    # hari ini · kemarin · besok · lusa · pagi ini · tadi malam
    ("rel_day", r"\b(?P<w>hari\s+ini|kemarin\s+(?:dulu|lusa)|kemarin(?:\s+(?:hari\s+)?{WD}(?!\s*,?\s*\(\s*\d))?|"
                r"besok\s+lusa|besok|lusa|"
                r"(?:pagi|siang|sore|petang|malam)\s+(?:ini|tadi)|tadi\s+(?:pagi|siang|sore|petang|malam)|"
                r"dini\s+hari\s+tadi)(?:\s+(?P<tod>{TOD}))?\b"),
    # pekan lalu · bulan lalu · tahun depan · akhir pekan · awal tahun ini
    ("period_rel", r"\b(?:(?P<part>{PART})\s+)?(?P<unit>pekan|minggu|bulan|tahun)(?:\s+(?P<rel>lalu|"
                   r"kemarin|ini|depan|mendatang|yang\s+lalu|silam|yang\s+akan\s+datang)\b)?"),
]

# All matching runs on a lower-cased copy of the text (same length, see ``_lower``), with
# case-sensitive regexes: much faster than re.IGNORECASE. Handlers that care about case
# ("Minggu" = Sunday vs "minggu" = week) look at the original text at the same offsets.
_BRANCH_RES: dict[str, re.Pattern[str]] = {n: re.compile(_p(s)) for n, s in _BRANCH_SOURCES}
_CLOCK_TAIL_RE = re.compile(_p(_CLOCK_TAIL))
_PART_OF_DAY_TAIL_RE = re.compile(_p(_PART_OF_DAY_TAIL))
_BRANCH_ORDER = [n for n, _ in _BRANCH_SOURCES]


def _trie(words) -> str:
    """A regex for a set of words, factored into a trie so that sre rejects fast."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(root)


# Stage 1 finds trigger words (or the first digit of a number) after a non-word
# character; stage 2 tries, at each trigger, only the branches that can start there.
_TRIGGER_CLASSES: dict[str, list[str]] = {
    "digit": ["clock_bare", "ymd", "dmy", "day_range", "dm_text", "year_range", "year", "n_rel", "duration"],
    "paren": ["dmy_range", "dmy_paren"],
    "weekday": ["dmy_range", "wd_paren", "wd_numeric", "wd_textual", "wd_rel", "wd_bare", "chain", "set", "duration_word",
                "period_rel"],
    "month": ["month_range", "month_year", "month_rel"],
    "part": ["month_year", "month_rel", "year_part", "reference", "period_rel"],
    "bulan": ["month_year", "month_rel", "chain", "set", "duration_word", "period_rel"],
    "tahun": ["year_range", "year", "chain", "set", "duration_word", "period_rel"],
    "hari": ["wd_rel", "wd_bare", "rel_day", "chain", "set", "reference", "duration_word"],
    "pekan": ["chain", "set", "duration_word", "period_rel"],
    "sepanjang": ["duration_word"],
    "rel_day": ["rel_day", "chain"],
    "count": ["n_rel", "duration", "set"],
    "clock": ["clock"],
    "approx": ["clock", "duration"],
    "set": ["set"],
    "period_part": ["period_part"],
    "reference": ["reference"],
    "chain": ["chain"],
    "tanggal": ["tanggal"],
}
_TRIGGER_WORDS: dict[str, str] = {}
for _w in WEEKDAYS:
    _TRIGGER_WORDS[_w] = "weekday"
for _w in FULL_MONTHS:
    _TRIGGER_WORDS[_w] = "month"
for _w in PARTS:
    _TRIGGER_WORDS[_w] = "part"
for _w in ("kemarin", "besok", "lusa", "tadi", "dini", "pagi", "siang", "sore", "petang", "malam"):
    _TRIGGER_WORDS[_w] = "rel_day"
for _w in [*DIGIT_WORDS, *VAGUE, "dalam", "sepuluh", "sebelas", "seratus", "seribu", "setengah",
           *("se" + u for u in UNITS), *("ber" + u for u in UNITS)]:
    _TRIGGER_WORDS[_w] = "count"
for _w in REFERENCE_WORDS:
    if not _w.startswith("ke "):  # "ke depan" is found from "depan" (see ``find_with_branches``)
        _TRIGGER_WORDS.setdefault(_w.split()[0].split("-")[0], "reference")
_TRIGGER_WORDS.update({"bulan": "bulan", "tahun": "tahun", "hari": "hari", "pekan": "pekan",
                       "pukul": "clock", "jam": "clock", "pk": "clock", "setiap": "set", "tiap": "set",
                       "saban": "set", "keesokan": "chain", "esok": "chain", "besoknya": "chain",
                       "tanggal": "tanggal", "tgl": "tanggal", "per": "set", "mingguan": "set",
                       "bulanan": "set", "tahunan": "set", "sekitar": "approx", "kurang": "approx",
                       "lebih": "approx", "hampir": "approx", "depan": "reference", "sepanjang": "sepanjang"})
for _w in PERIOD_PARTS:
    _TRIGGER_WORDS[_w] = "period_part"
_TRIGGER = re.compile(r"[^\w](\d|" + _trie(_TRIGGER_WORDS) + r"(?!\w))")
_CLASS_BRANCHES = {c: [(n, _BRANCH_RES[n]) for n in names] for c, names in _TRIGGER_CLASSES.items()}


def _lower(text: str) -> str:
    """Lower-case without changing the length (only U+0130 'İ' lower-cases to two chars)."""
    return text.replace("\u0130", "I").lower()


_SENT_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")
_CLAUSE_START = re.compile(r"\bbahwa\b|[:;“”\"]")
_FUTURE_CUE = re.compile(r"\b" + _alt(FUTURE_CUES) + r"\b")
_REPORTING = re.compile(r"\b" + _alt(REPORTING_VERBS) + r"\b")
_PREV_WORD = re.compile(r"([^\s(\[“\"]+)\s*$")
# "Minggu dan Senin ini": a bare weekday shares the word after the weekday it is joined to
_JOINED_WEEKDAY = re.compile(_p(
    r"\s+(?:dan|atau|hingga|sampai|-|–)\s+{WD}\s+(?P<rel>lalu|kemarin|ini|depan|mendatang)\b"))
_NEXT_WORD = re.compile(r"\s*([^\s,.;:!?)\]”\"]+)")
