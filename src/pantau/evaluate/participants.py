"""Scoring who takes part in each event against a participants gold (schema pantau-participants/1).

The seed gold (`../shared/gold/seeds.json`) scores whole events on five articles; this one
isolates the argument roles on many more: for each trigger word of the gold (a character offset
in the cleaned article text) it collects the actors and recipients of the events pantau coded
from that trigger and compares their text with the annotated phrases.

A system participant matches a gold phrase when one contains the other, case-folded ("Presiden
Joko Widodo" ~ "Joko Widodo"); each gold phrase is matched at most once. Per role:
precision = matched system participants / system participants, recall = matched gold phrases /
gold phrases. Triggers marked event=false have no gold participants, so anything coded there
counts against precision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pantau.model import Document

SCHEMA = "pantau-participants/1"
ROLES = ("actor", "recipient")


def load_gold(path: str | Path) -> dict:
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    if gold.get("schema") != SCHEMA:
        raise ValueError(f"{path}: not a {SCHEMA} file")
    return gold


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _match(system: list[tuple[str, ...]], gold: list[str]) -> int:
    """How many system participants (each: its text and its entity's canonical name) match a
    distinct gold phrase."""
    left = [_fold(g) for g in gold]
    hits = 0
    for names in system:
        for k, g in enumerate(left):
            if g and any(n and (g in n or n in g) for n in map(_fold, names)):
                hits += 1
                left[k] = ""
                break
    return hits


@dataclass
class RoleScore:
    matched_system: int = 0
    system: int = 0
    matched_gold: int = 0
    gold: int = 0

    def as_dict(self) -> dict:
        p = self.matched_system / self.system if self.system else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "system": self.system,
                "gold": self.gold, "matched_system": self.matched_system, "matched_gold": self.matched_gold}


@dataclass
class ParticipantReport:
    split: str
    items: int = 0
    roles: dict[str, RoleScore] = field(default_factory=lambda: {r: RoleScore() for r in ROLES})
    misses: list[dict] = field(default_factory=list)
    drifted: list[str] = field(default_factory=list)  # gold items whose trigger offset no longer fits the text

    def as_dict(self) -> dict:
        both = RoleScore(*(sum(getattr(self.roles[r], f) for r in ROLES)
                           for f in ("matched_system", "system", "matched_gold", "gold")))
        return {"schema": "pantau-participants-eval/1", "split": self.split, "items": self.items,
                **{r: self.roles[r].as_dict() for r in ROLES}, "both": both.as_dict(),
                "drifted": self.drifted, "misses": self.misses}


def _system_participants(document: Document, start: int, trigger: str) -> dict[str, list[tuple[str, ...]]]:
    """Per role, each participant coded at the trigger as (its text, its entity's canonical
    name): "Presiden" linked to Joko Widodo matches the gold "Joko Widodo"."""
    canonical = {m.entity_id: m.canonical_name for m in document.mentions if m.entity_id and m.canonical_name}
    out: dict[str, list[tuple[str, ...]]] = {r: [] for r in ROLES}
    for ev in document.events:
        if ev.evidence.start <= start < ev.evidence.end and ev.trigger == trigger:
            for role, actors in (("actor", ev.actors), ("recipient", ev.recipients)):
                for a in actors:
                    names = (a.text or "", canonical.get(a.entity_id, ""))
                    if a.text and names not in out[role]:
                        out[role].append(names)
    return out


def score(gold: dict, documents: dict[str, Document], *, split: str = "all") -> ParticipantReport:
    """Score the analysed articles (article id → Document) on the gold items of `split`
    (dev, test or all)."""
    report = ParticipantReport(split=split)
    for item in gold["items"]:
        if split != "all" and item["split"] != split:
            continue
        document = documents.get(item["article"])
        if document is None:
            raise KeyError(f"article {item['article']} (gold item {item['id']}) was not analysed")
        start, trigger = item["trigger_start"], item["trigger"]
        if document.clean_text[start:start + len(trigger)] != trigger:
            report.drifted.append(item["id"])
            continue
        report.items += 1
        system = _system_participants(document, start, trigger)
        for role in ROLES:
            gold_phrases = item[role] if item["event"] else []
            score_ = report.roles[role]
            matched = _match(system[role], gold_phrases)
            score_.system += len(system[role])
            score_.gold += len(gold_phrases)
            score_.matched_system += matched
            score_.matched_gold += matched
            if matched < max(len(system[role]), len(gold_phrases)):
                report.misses.append({"id": item["id"], "role": role, "trigger": trigger,
                                      "gold": gold_phrases, "system": [names[0] for names in system[role]]})
    return report
