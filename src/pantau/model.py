"""The typed records that flow between pipeline stages and out to users.

Every stage reads and enriches one `Document`; none reaches back upstream.
The field names here are the public contract of `pantau analyze --json`
(see docs/analyze.schema.json), the DuckDB tables and the exports: rename
nothing without a migration.

Offsets (`start`, `end`) are character offsets into `Document.clean_text`.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "claimed", "future", "negated", "hypothetical")
ENTITY_TYPES = ("PER", "ORG", "LOC", "GPE")


@dataclass
class Role:
    """An office held by a person, e.g. Turkey's defence minister 2018-07-10..2023-06-03."""

    office: str  # normalised office key, e.g. "defence_minister", "foreign_minister", "president"
    country: str | None  # ISO 3166 alpha-3
    code: str | None = None  # CAMEO actor code while in office, e.g. "TURMIL", "RUSGOV"
    start: str | None = None  # ISO date, None = unknown
    end: str | None = None  # ISO date, None = still in office / unknown
    source: str | None = None


@dataclass
class Entity:
    """A knowledge-base entity. `id` is a Wikidata QID where known, else a stable `pantau:` id."""

    id: str
    canonical_name: str  # English Wikipedia/Wikidata label
    type: str  # PER / ORG / LOC / GPE
    country: str | None = None  # ISO 3166 alpha-3
    code: str | None = None  # CAMEO actor code when the entity acts as itself ("RUS", "IGOUNO", "SYRREB")
    roles: list[Role] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    source: str | None = None


@dataclass
class Mention:
    """A span of the clean text linked (or not) to a KB entity."""

    text: str
    start: int
    end: int
    type: str
    entity_id: str | None = None
    canonical_name: str | None = None
    country: str | None = None
    code: str | None = None  # CAMEO actor code this mention stands for in context ("TURMIL" for "militer Turki")
    sentence: int | None = None
    method: str | None = None  # how it was found/linked: alias, fuzzy, coref, role, pronoun


@dataclass
class TimeValue:
    text: str
    start: int
    end: int
    value: str | None  # TimeML value: 2023-02-02, 2017-11, 2018-W52, 2011, "2018-12-24/2018-12-30", 2014-12-28T06:18+07:00, P2D, XXXX-WXX-1, PRESENT_REF
    granularity: str  # day / week / month / year / range / unknown; time / duration / set / reference for the other types
    anchor: str | None = None  # ISO date it was resolved against, None if absolute
    flags: list[str] = field(default_factory=list)  # e.g. year_corrected_by_weekday, year_from_weekday, year_inferred
    sentence: int | None = None
    type: str = ""  # TimeML type: DATE / TIME / DURATION / SET; "" is filled from the granularity
    confidence: float | None = None  # 1.0, or below when the year was inferred (see YEAR_EVIDENCE); None is filled from flags

    def __post_init__(self) -> None:
        # Both follow from stored fields, so a record read back from the store (which keeps
        # granularity and flags) gets the same type and confidence that the time stage gave.
        if not self.type:
            self.type = TIMEX_TYPES.get(self.granularity, "DATE")
        if self.confidence is None:
            self.confidence = min((YEAR_EVIDENCE[f] for f in self.flags if f in YEAR_EVIDENCE), default=1.0)

    @property
    def inferred(self) -> bool:
        """The year (or the day it was counted from) is a guess, not stated nor published."""
        return "year_inferred" in self.flags


#: TimeML type of the granularities that are not dates (every other granularity is a DATE).
TIMEX_TYPES = {"time": "TIME", "duration": "DURATION", "set": "SET", "reference": "DATE"}

#: How sure an inferred year is, by the evidence that chose it (the flag beside ``year_inferred``):
#: the year of the publication date of the batch or source (only a year was given); the years of
#: the article's own dated references; only years it mentions; nothing but "the latest year up to
#: today whose weekday fits" (a 2020 story read in 2026 is placed in 2026: often wrong).
YEAR_EVIDENCE = {
    "year_from_published_year": 0.9,
    "year_from_text_dates": 0.8,
    "year_from_text_years": 0.6,
    "year_latest_before_today": 0.3,
}


@dataclass
class Place:
    name: str  # canonical name
    id: str | None = None  # GeoNames id ("geonames:170654") or KB id
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str | None = None  # the surface form in the article


@dataclass
class Actor:
    """One participant of an event, coded CAMEO-style."""

    code: str | None  # "TURMIL", "RUS", "IGOUNO"
    country: str | None  # ISO alpha-3 (first three letters of code for states)
    sector: str | None  # GOV, MIL, REB, ... or None
    entity_id: str | None
    text: str  # the span that named it


@dataclass
class Evidence:
    doc_id: str | None
    sentence: int
    start: int
    end: int
    text: str


@dataclass
class Event:
    id: str
    event_type: str  # PLOVER type
    cameo_code: str | None
    goldstein: float | None
    quad_class: int | None
    actors: list[Actor]
    recipients: list[Actor]
    evidence: Evidence
    trigger: str = ""
    mode: str | None = None
    context: str | None = None
    date: str | None = None
    date_granularity: str | None = None
    date_text: str | None = None
    location: Place | None = None
    modality: str = "asserted"
    reported_by: list[str] = field(default_factory=list)  # the source chain, outermost first
    confidence: float = 0.5  # the learned coder's probability: P(type at the trigger) × P(actor); a rule event the model did not confirm keeps P(type) at its trigger


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str  # direct / indirect
    cue: str | None
    speaker_entity_id: str | None
    speaker_name: str | None
    speaker_text: str | None = None  # the span that named the speaker ("Dia", "kata Lavrov")
    sentence: int | None = None


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Document:
    id: str  # content hash of the raw text (stable across re-ingests)
    raw_text: str
    clean_text: str = ""
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None  # ISO date or datetime, or a year "2018" when only that is known
    published_source: str | None = None  # given / header / copyright / text (a written weekday date) / text_next_day (the day after it: a print daily, "kemarin Rabu")
    url: str | None = None
    source: str | None = None  # where the file came from (path or feed name)
    byline: list[str] = field(default_factory=list)  # editor/reporter lines, verbatim
    removed: list[str] = field(default_factory=list)  # boilerplate lines removed by clean
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    time_values: list[TimeValue] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json_dict(self) -> dict[str, Any]:
        """The `pantau analyze --json` record (docs/analyze.schema.json)."""
        d = self.to_dict()
        d.pop("raw_text")
        return d


def event_date_inferred(document: "Document", event: "Event") -> bool:
    """The event's date rests on an inferred year: the time value it came from says so, or it
    took the article's anchor (no ``date_text``) and the values resolved against that anchor say
    so. The same rule as ``pantau.store.sql.DATE_INFERRED``."""
    if not event.date:
        return False
    inferred = {t.text for t in document.time_values if t.inferred}
    return event.date_text in inferred if event.date_text else bool(inferred)


def document_from_dict(d: dict[str, Any]) -> Document:
    """The inverse of `Document.to_dict()` (and of `to_json_dict()`, whose missing raw_text
    becomes ""): rebuilds every nested record. Keys the model does not know are ignored, missing
    ones take the field's default, so records written by an older or newer pantau still load."""
    return _from_value(Document, {"raw_text": "", **d})


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_value(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):  # X | None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_value(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_from_value(item, v) for v in value]
    if dataclasses.is_dataclass(tp):
        hints = _field_types(tp)
        return tp(**{f.name: _from_value(hints[f.name], value[f.name])
                     for f in dataclasses.fields(tp) if f.name in value})
    return value
