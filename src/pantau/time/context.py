"""What a handler of ``pantau.time.expressions`` reads (the text around a match, the anchors)
and what it returns (a value with its granularity, anchor and flags)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from .patterns import _CLAUSE_START, _FUTURE_CUE, _NEXT_WORD, _PREV_WORD, _REPORTING, _SENT_END


@dataclass
class _Res:
    """What a handler found: the value and how it was obtained."""

    value: str | None
    granularity: str
    anchor: dt.date | None = None  # what it was resolved against (None: absolute)
    flags: list[str] = field(default_factory=list)
    from_text: bool = False  # resolved against the last time the text fixed (``_Ctx.text_points``), not the anchor


@dataclass
class _Ctx:
    text: str  # the original text (for case)
    low: str  # the same, lower-cased, same offsets (for matching)
    anchor: dt.date | None
    today: dt.date
    sentence_starts: list[int] | None
    #: flags for every value resolved against ``anchor`` when the anchor's year is a guess
    #: (["year_inferred", "year_from_text_dates"]); empty when it was published or stated
    anchor_flags: list[str] = field(default_factory=list)
    #: the last time the text fixed so far, per unit ("hari", "pekan", "bulan", "tahun"), with the
    #: flags it carried: what "keesokan harinya", "dua hari kemudian", "tahun sebelumnya" and a
    #: bare "pukul 13.00" count from. "Februari 2020" fixes a month and a year, not a day.
    text_points: dict[str, tuple[dt.date, list[str]]] = field(default_factory=dict)

    def text_point(self, unit: str) -> tuple[dt.date | None, list[str]]:
        return self.text_points.get("pekan" if unit == "minggu" else unit, (None, []))

    def prev_word(self, pos: int) -> str:
        m = _PREV_WORD.search(self.low, max(0, pos - 40), pos)
        return m.group(1) if m else ""

    def next_word(self, pos: int) -> str:
        m = _NEXT_WORD.match(self.low, pos)
        return m.group(1) if m else ""

    def sentence_start(self, pos: int) -> int:
        if self.sentence_starts is not None:
            i = bisect.bisect_right(self.sentence_starts, pos) - 1
            return self.sentence_starts[i] if i >= 0 else 0
        lo = max(0, pos - 600)
        last = lo
        for m in _SENT_END.finditer(self.text, lo, pos):
            last = m.end()
        return last

    def sentence_initial(self, pos: int) -> bool:
        """True when only quotes/brackets/space stand between the sentence start and pos."""
        return not self.text[self.sentence_start(pos):pos].strip(" \t“\"'‘([-–—")

    def future_context(self, pos: int) -> bool:
        """Does the clause before ``pos`` speak about the future ("akan ... pada Senin")?

        The clause starts at the sentence start or after the last "bahwa", colon,
        semicolon or quote mark. A future cue counts unless a reporting verb follows it
        ("Erdogan, yang akan ..., mengatakan pada Senin" is past).
        """
        start = self.sentence_start(pos)
        for m in _CLAUSE_START.finditer(self.low, start, pos):
            start = m.end()
        cue = None
        for cue in _FUTURE_CUE.finditer(self.low, start, pos):
            pass
        if cue is None:
            return False
        return _REPORTING.search(self.low, cue.end(), pos) is None


Handler = Callable[[re.Match[str], _Ctx], "_Res | None"]


def _unresolved(granularity: str = "unknown", *flags: str) -> _Res:
    return _Res(None, granularity, None, list(flags))
