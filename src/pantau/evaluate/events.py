"""Scoring events against exhaustive PLOVER annotation (the plover-id format), sentence by sentence.

The gold: JSON Lines, one article a line, `{"id", "events": [{"evidence", "trigger", "types",
"actors": [{"text", "refers_to", "code"}], "recipients": [...], "reciprocal", "modality", ...}]}`
(`../shared/data/plover-id/annotations/`). An article read twice (the agreement sample) is scored
on its first reading in file order, the primary one.

The rule (issue 20): a gold event is **found** when some output actor-recipient pair
- has a type among the gold `types`,
- has evidence overlapping the gold evidence in the cleaned text,
- has an actor country (the first three letters of its code) among the gold actors' countries, or
  any actor at all where the gold lists no coded actor, and likewise for the recipient;
  a reciprocal gold event also matches the pair swapped.
Precision counts the output pairs that match some gold event. An event with no actor (or no
recipient) gives pairs with an empty side, which match only a gold event that lists none there.

Also reported: recall of the type alone in the right sentence, of type + actor country, of the
whole match with whole codes (`IDNCOP`, not `IDN`), per type, and the modality of the found ones.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pantau.model import Document, Event

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass
class GoldEvent:
    article: str
    evidence: str
    trigger: str
    types: tuple[str, ...]
    actors: tuple[str | None, ...]  # codes
    recipients: tuple[str | None, ...]
    reciprocal: bool
    modality: str
    span: tuple[int, int] | None = None  # the evidence's place in the cleaned text, once located
    trigger_span: tuple[int, int] | None = None


def is_dev(article_id: str) -> bool:
    """The plover-id split: an article whose number ends in 7 is dev (never trained on)."""
    digits = re.sub(r"\D", "", article_id)
    return digits.endswith("7")


def load_gold(paths: list[str | Path]) -> dict[str, list[GoldEvent]]:
    """Article id → its gold events, the first reading of each article in file order."""
    gold: dict[str, list[GoldEvent]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON ({exc})") from None
                if rec.get("id") in gold:
                    continue  # the second reading of the agreement sample
                gold[rec["id"]] = [GoldEvent(
                    article=rec["id"], evidence=e["evidence"], trigger=e.get("trigger") or "",
                    types=tuple(e.get("types") or ()),
                    actors=tuple(p.get("code") for p in e.get("actors") or ()),
                    recipients=tuple(p.get("code") for p in e.get("recipients") or ()),
                    reciprocal=bool(e.get("reciprocal")), modality=e.get("modality") or "asserted",
                ) for e in rec.get("events") or ()]
    return gold


def _squash(text: str) -> tuple[str, list[int]]:
    """The text with every run of whitespace made one space, and each kept character's offset."""
    out, where = [], []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                out.append(" ")
                where.append(i)
            space = True
        else:
            out.append(ch)
            where.append(i)
            space = False
    return "".join(out), where


def locate(needle: str, text: str, squashed: tuple[str, list[int]] | None = None, near: int = 0) -> tuple[int, int] | None:
    """Where `needle` sits in `text`: exactly, or with whitespace runs squashed (the cleaner joins
    lines), or by its first or last 30 characters when the cleaner changed something inside."""
    at = text.find(needle, near)
    if at < 0:
        at = text.find(needle)
    if at >= 0:
        return at, at + len(needle)
    flat, where = squashed or _squash(text)
    n = " ".join(needle.split())
    at = flat.find(n)
    if at >= 0:
        return where[at], where[at + len(n) - 1] + 1
    for piece, from_end in ((n[:30], False), (n[-30:], True)):
        if len(piece) >= 20 and flat.count(piece) == 1:
            at = flat.find(piece)
            start = where[at] - (len(n) - 30 if from_end else 0)
            return max(0, start), min(len(text), max(0, start) + len(needle))
    return None


def place_gold(events: list[GoldEvent], text: str) -> int:
    """Locate each gold event's evidence and trigger in the cleaned text; returns how many could
    not be placed (they stay in the gold and count as missed)."""
    squashed = _squash(text)
    lost = 0
    for g in events:
        g.span = locate(g.evidence, text, squashed)
        if g.span is None:
            lost += 1
            continue
        if g.trigger:
            at = text.find(g.trigger, g.span[0], g.span[1] + 5)
            g.trigger_span = (at, at + len(g.trigger)) if at >= 0 else None
    return lost


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def pairs(event: Event) -> list[tuple[str | None, str | None]]:
    """The actor-recipient pairs an event stands for (codes; None for an empty side or no code)."""
    actors = [a.code for a in event.actors] or [None]
    recipients = [r.code for r in event.recipients] or [None]
    return [(a, r) for a in actors for r in recipients]


def _side_ok(system: str | None, gold: tuple[str | None, ...], whole: bool) -> bool:
    wanted = {(c if whole else _country(c)) for c in gold if c}
    if not wanted:
        return True
    return system is not None and (system if whole else _country(system)) in wanted


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def pair_matches(g: GoldEvent, etype: str, span: tuple[int, int], actor: str | None, recipient: str | None,
                 *, whole: bool = False, roles: str = "both") -> bool:
    """Does one output pair find the gold event? `roles`: "both", "actor" or "none" (type alone)."""
    if g.span is None or etype not in g.types or not _overlap(span, g.span):
        return False
    if roles == "none":
        return True
    if roles == "actor":
        return _side_ok(actor, g.actors, whole) or (g.reciprocal and _side_ok(actor, g.recipients, whole))
    straight = _side_ok(actor, g.actors, whole) and _side_ok(recipient, g.recipients, whole)
    swapped = g.reciprocal and _side_ok(recipient, g.actors, whole) and _side_ok(actor, g.recipients, whole)
    return straight or swapped


@dataclass
class Counts:
    found: int = 0
    gold: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0


@dataclass
class EventReport:
    articles: int = 0
    gold_events: int = 0
    unplaced: int = 0
    system_events: int = 0
    system_pairs: int = 0
    matched_pairs: int = 0
    recall: Counts = field(default_factory=Counts)  # the rule of item 1
    type_only: Counts = field(default_factory=Counts)
    type_actor: Counts = field(default_factory=Counts)
    whole_codes: Counts = field(default_factory=Counts)
    per_type: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(Counter))
    modality: Counter = field(default_factory=Counter)  # of found events: "right" / "wrong"
    misses: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_pairs / self.system_pairs if self.system_pairs else 0.0

    def as_dict(self, *, misses: bool = False) -> dict:
        r, p = self.recall.recall, self.precision
        per_type = {}
        for t in TYPES:
            c = self.per_type.get(t, {})
            if not c:
                continue
            gold, found, sys_, ok = c.get("gold", 0), c.get("found", 0), c.get("system", 0), c.get("matched", 0)
            per_type[t] = {"gold": gold, "found": found, "recall": round(found / gold, 3) if gold else None,
                           "system_pairs": sys_, "precision": round(ok / sys_, 3) if sys_ else None}
        out = {
            "articles": self.articles, "gold_events": self.gold_events, "unplaced_gold": self.unplaced,
            "system_events": self.system_events, "system_pairs": self.system_pairs,
            "recall": round(r, 4), "precision": round(p, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "recall_type_in_sentence": round(self.type_only.recall, 4),
            "recall_type_actor": round(self.type_actor.recall, 4),
            "recall_whole_codes": round(self.whole_codes.recall, 4),
            "modality_accuracy_of_found": round(self.modality["right"] / max(1, sum(self.modality.values())), 4),
            "per_type": per_type,
        }
        if misses:
            out["misses"] = self.misses
        return out


def score(gold: dict[str, list[GoldEvent]], documents: dict[str, Document]) -> EventReport:
    """Score the analysed documents (article id → Document) against the gold of those articles."""
    report = EventReport()
    for article, golds in gold.items():
        document = documents.get(article)
        if document is None:
            raise KeyError(f"article {article} of the gold is not among the analysed articles")
        report.articles += 1
        report.unplaced += place_gold(golds, document.clean_text)
        report.gold_events += len(golds)
        outputs = [(e, (e.evidence.start, e.evidence.end), pairs(e)) for e in document.events]
        report.system_events += len(outputs)
        for e, span, ps in outputs:
            for a, r in ps:
                report.system_pairs += 1
                report.per_type[e.event_type]["system"] += 1
                if any(pair_matches(g, e.event_type, span, a, r) for g in golds):
                    report.matched_pairs += 1
                    report.per_type[e.event_type]["matched"] += 1
        for g in golds:
            for counts, kw in ((report.recall, {}), (report.type_only, {"roles": "none"}),
                               (report.type_actor, {"roles": "actor"}), (report.whole_codes, {"whole": True})):
                counts.gold += 1
                hit = next((e for e, span, ps in outputs for a, r in ps
                            if pair_matches(g, e.event_type, span, a, r, **kw)), None)
                if hit is not None:
                    counts.found += 1
                if counts is report.recall:
                    report.per_type[g.types[0] if g.types else "?"]["gold"] += 1
                    if hit is not None:
                        report.per_type[g.types[0]]["found"] += 1
                        report.modality["right" if hit.modality == g.modality else "wrong"] += 1
                    else:
                        report.misses.append({"article": article, "types": list(g.types), "trigger": g.trigger,
                                              "actors": list(g.actors), "recipients": list(g.recipients),
                                              "evidence": g.evidence})
    return report
