"""Scoring the time stage against TimeML gold (TIMEX3 only): `pantau evaluate time FILE.tml...`.

A gold file holds the article text with inline ``<TIMEX3 type= value=>`` tags and its document
creation time in ``<DCT>`` (see tests/data/timeml/GUIDELINE.md). The time stage runs on the
text exactly as it stands in the file (stripped of the tags), so offsets compare one to one;
the cleaner is not run (it would move offsets, and it is scored on its own by the seed gold).

Scores, per TIMEX3 type and for DATE+TIME together (the issue's bar) and all types:

- extent precision / recall / F1, *strict* (same start and end) and *relaxed* (the spans
  overlap). Pairs are one to one: each gold expression takes the unpaired system expression
  that overlaps it most (ties: the earlier one);
- value accuracy on the relaxed pairs whose gold has a value: the system value equals the gold value exactly; also
  "day" accuracy, which compares only up to the day (the time of day, part of day and zone
  left out), as the issue's "95% if the time of day is ignored" does;
- type accuracy on the relaxed pairs.

Per type: recall and value accuracy count gold expressions of that type, precision counts
system expressions of that type.

Decisions: years the time stage flags ``designation`` ("UU Nomor 11 Tahun 2020", "Pilkada
2020") are not TIMEX3s in TimeML (they name a law or an event) and are left out of the system's
side. The time stage writes a range as one value ("2011/2015", "24-30 Desember 2018"),
which events need; TimeML tags each end point. A system range whose text joins its two ends
with "-", "hingga", "sampai", "s/d" or "dan" outside brackets is scored as two expressions,
the text split at the joiner, with the values of its two ends. A day range inside a Kompas
bundle, "Jumat - Minggu (2 - 4 / 4 / 2021)", whose ends cannot be separated, is scored as the
one DURATION it spans (P3D), as the guideline tags it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

GROUPS = ("DATE", "TIME", "DURATION", "SET", "DATE+TIME", "all")


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    flags: list[str] = field(default_factory=list)


@dataclass
class TimemlDoc:
    doc_id: str
    dct: str | None
    text: str
    timexes: list[Timex]


def read_timeml(path: str | Path) -> TimemlDoc:
    """A TimeML file: its id, DCT value, plain text and TIMEX3 spans (offsets into the text)."""
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or Path(path).stem).strip()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value") if dct_el is not None else None
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(el: ET.Element, pos: int) -> int:
        """Append ``el``'s text and its descendants' (each followed by its tail), from offset
        ``pos``: a TIMEX3 inside a sentence or paragraph element (<s>, <p>) is read too."""
        if el.tag == "TIMEX3":
            inner = "".join(el.itertext())
            timexes.append(Timex(pos, pos + len(inner), inner, el.get("type", ""), el.get("value")))
        parts.append(el.text or "")
        pos += len(el.text or "")
        for child in el:
            pos = walk(child, pos)
            parts.append(child.tail or "")
            pos += len(child.tail or "")
        return pos

    walk(text_el, 0)
    return TimemlDoc(doc_id, dct, "".join(parts), timexes)


_JOINER = re.compile(r"\s*(?:-|–|—|s/d|s\.d\.|hingga|sampai|dan)\s*", re.IGNORECASE)


_DAY_RANGE = re.compile(r"(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)")


def split_ranges(timexes: list[Timex]) -> list[Timex]:
    """System ranges as TimeML writes them (see the module's decision)."""
    out = []
    for t in timexes:
        joiner = _JOINER.search(t.text) if t.value and "/" in t.value and t.type == "DATE" else None
        if joiner is not None and "(" in t.text and (days := _DAY_RANGE.fullmatch(t.value)):
            # a bundle whose ends cannot be told apart ("Jumat - Minggu (2 - 4 / 4 / 2021)"): TimeML
            # tags the whole as the DURATION it spans (P3D)
            span = (dt.date.fromisoformat(days[2]) - dt.date.fromisoformat(days[1])).days + 1
            out.append(Timex(t.start, t.end, t.text, "DURATION", f"P{span}D", t.flags))
            continue
        if joiner is None or "(" in t.text or joiner.start() == 0 or joiner.end() == len(t.text):
            out.append(t)
            continue
        first, second = t.value.split("/", 1)
        out.append(Timex(t.start, t.start + joiner.start(), t.text[:joiner.start()], "DATE", first, t.flags))
        out.append(Timex(t.start + joiner.end(), t.end, t.text[joiner.end():], "DATE", second, t.flags))
    return out


def system_timexes(text: str, published: str | None, today: dt.date | None = None) -> list[Timex]:
    """The time stage's expressions in ``text`` (``published`` None: without a publication date)."""
    from pantau.time import analyze_time

    found = analyze_time(text, published, today=today).time_values
    return split_ranges([Timex(tv.start, tv.end, tv.text, tv.type, tv.value, list(tv.flags)) for tv in found
                         if "designation" not in tv.flags])


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0  # gold expressions matched exactly (counted by the gold's type: recall)
    relaxed: int = 0  # gold expressions paired by overlap (by the gold's type: recall)
    sys_strict: int = 0  # system expressions matched exactly (by the system's type: precision)
    sys_relaxed: int = 0  # system expressions paired by overlap (by the system's type: precision)
    valued: int = 0  # relaxed pairs whose gold has a value (what value accuracy is taken over)
    value: int = 0  # ... with the exact value
    value_day: int = 0  # ... with the value equal up to the day
    type: int = 0  # relaxed pairs with the right type

    def add(self, other: "Counts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        def f1(p: float | None, r: float | None) -> float | None:
            return round(2 * p * r / (p + r), 4) if p and r else (0.0 if p is not None and r is not None else None)

        sp, sr = ratio(self.sys_strict, self.system), ratio(self.strict, self.gold)
        rp, rr = ratio(self.sys_relaxed, self.system), ratio(self.relaxed, self.gold)
        return {
            "gold": self.gold, "system": self.system,
            "strict": {"precision": sp, "recall": sr, "f1": f1(sp, sr), "matched": self.strict},
            "relaxed": {"precision": rp, "recall": rr, "f1": f1(rp, rr), "matched": self.relaxed},
            "value_accuracy": ratio(self.value, self.valued), "value_correct": self.value,
            "value_accuracy_day": ratio(self.value_day, self.valued),
            "type_accuracy": ratio(self.type, self.relaxed),
        }


def _groups(timex_type: str) -> tuple[str, ...]:
    extra = ("DATE+TIME",) if timex_type in ("DATE", "TIME") else ()
    return (timex_type, *extra, "all")


def _day(value: str | None) -> str | None:
    return value.split("T", 1)[0] if value else value


def pair(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed pairs: each gold takes the free system span that overlaps it most."""
    taken: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for i, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if i not in taken and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            taken.add(best)
            pairs.append((g, system[best]))
    return pairs


def score_document(doc: TimemlDoc, system: list[Timex]) -> tuple[dict[str, Counts], dict]:
    """Counts per group for one document, and its misses (for --json)."""
    counts = {g: Counts() for g in GROUPS}
    for g in doc.timexes:
        for k in _groups(g.type):
            counts[k].gold += 1
    for s in system:
        for k in _groups(s.type):
            counts[k].system += 1
    pairs = pair(doc.timexes, system)
    wrong_values = []
    for g, s in pairs:
        exact = (g.start, g.end) == (s.start, s.end)
        for k in _groups(g.type):
            c = counts[k]
            c.relaxed += 1
            c.strict += exact
            if g.value is not None:  # a gold without a value says nothing on the system's
                c.valued += 1
                c.value += s.value == g.value
                c.value_day += _day(s.value) == _day(g.value)
            c.type += s.type == g.type
        for k in _groups(s.type):
            counts[k].sys_relaxed += 1
            counts[k].sys_strict += exact
        if g.value is not None and s.value != g.value:
            wrong_values.append({"text": g.text, "gold": [g.type, g.value], "system": [s.type, s.value, s.text],
                                 "flags": s.flags})
    paired_gold = {id(g) for g, _ in pairs}
    paired_system = {id(s) for _, s in pairs}
    problems = {
        "missed": [{"text": g.text, "type": g.type, "value": g.value} for g in doc.timexes if id(g) not in paired_gold],
        "false_positives": [{"text": s.text, "type": s.type, "value": s.value} for s in system
                            if id(s) not in paired_system],
        "wrong_values": wrong_values,
    }
    return counts, problems


def evaluate_files(paths: list[Path], *, with_dct: bool = True, today: dt.date | None = None) -> dict:
    """The report of ``pantau evaluate time``: overall and per-document scores and problems."""
    total = {g: Counts() for g in GROUPS}
    documents = []
    for path in paths:
        doc = read_timeml(path)
        system = system_timexes(doc.text, doc.dct if with_dct else None, today=today)
        counts, problems = score_document(doc, system)
        for k in GROUPS:
            total[k].add(counts[k])
        documents.append({"doc": doc.doc_id, "file": str(path), "dct": doc.dct,
                          "scores": counts["all"].as_dict(), "problems": problems})
    overall = {k: total[k].as_dict() for k in GROUPS}
    return {"files": len(paths), "with_dct": with_dct, "today": (today or dt.date.today()).isoformat(),
            "overall": overall, "documents": documents}
