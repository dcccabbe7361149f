"""The time stage for one document, as a pure function: the spaCy component
(``pantau.time.component``) and ``pantau evaluate time`` both call it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import TimeValue
from .anchor import anchor_with_evidence
from .expressions import find_time_expressions


@dataclass
class TimeAnalysis:
    anchor: dt.date | None  # the day relative expressions were resolved against
    how: str  # published / explicit_dates / today / none (see ``document_anchor``)
    anchor_flags: list[str] = field(default_factory=list)  # ["year_inferred", evidence] when guessed
    time_values: list[TimeValue] = field(default_factory=list)


def analyze_time(text: str, published: str | None, *, today: dt.date | None = None,
                 sentence_spans: list[tuple[int, int]] | None = None) -> TimeAnalysis:
    """Anchor the document (``anchor_with_evidence``) and resolve its expressions against it."""
    anchor, how, flags = anchor_with_evidence(text, published, today=today)
    values = find_time_expressions(text, anchor, today=today, sentence_spans=sentence_spans,
                                   anchor_flags=flags)
    return TimeAnalysis(anchor, how, flags, values)
