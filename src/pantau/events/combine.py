"""Where the learned models' and the rules' decisions meet: the one place that decides which
events an article holds, who takes part in them, and how sure pantau is.

Order of the decisions (the settings shipped in model/meta.json were chosen by F1 on the dev
split; the ablation is in docs/EVALUATION.md):
1. The detector's triggers are the events (`detector.Detector`: the linear model and the trigger
   tagger, `tagger.TriggerTagger`, mixed).
2. A rule event stands where no detection of its type overlaps its trigger (`keep_rules`): the
   rules read patterns the training data hardly shows (a withdrawal of troops).
3. Participants: the role model's (`roles.RoleModel`), coded by the code model
   (`codes.CodeModel`); a side no mention fills may take an unnamed participant of the code class
   the implicit model gives (`roles.ImplicitModel`). An event left without an actor takes, in the
   order of `context_actors`: that unnamed actor, the actors of the rule event on the same
   trigger, the speaker of the quote it sits in ("kami", an omitted subject), or the actors of
   the event before it in the same or the previous sentence.
4. A joint act whose parties all stand as actors becomes one event per party (`_reciprocal_pairs`).
5. Modality: the modality model's (`modality.ModalityModel`).
6. Confidence: the detector's probability of the event's type at its trigger, times the
   probability of its named actor (1 where the actor came from context); a rule event keeps the
   detector's probability of its type at its trigger.
7. Outside the training domain (an article at home in another country) the rules decide where
   they found an event, and a model event must reach `foreign_min_confidence`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from pantau.events import features
from pantau.events.codes import CodeModel, actor_for
from pantau.events.coding import actor_of
from pantau.events.detector import Detector
from pantau.events.linear import LinearModel
from pantau.events.modality import ModalityModel
from pantau.events.roles import ImplicitModel, RoleModel
from pantau.events.tagger import TriggerTagger
from pantau.events.tagger import available as tagger_available
from pantau.model import Actor, Document, Event, Mention


@dataclass
class Decision:
    """One event the coder settles on, before its date, place and source chain are read."""

    event_type: str
    start: int  # the trigger's token span
    end: int
    actors: list[Actor]
    recipients: list[Actor]
    modality: str
    confidence: float
    source: str  # "model", "rules" or "both"
    rule_event: Event | None = None
    actor_mentions: list[Mention] = field(default_factory=list)  # the named actors' mentions
    unnamed_actor: str | None = None  # the code class the implicit-actor model gives, if any


@dataclass
class Settings:
    """The decision thresholds, chosen on the dev split and shipped in the model's meta.json."""

    detect: float = 0.75  # a word is a trigger when P(no trigger) is below this
    tagger_weight: float = 0.0  # the trigger tagger's share of the detector's probabilities (0: none)
    role: float = 0.4  # a mention takes a role when it is its likeliest and reaches this
    role_fallback: float = 0.1  # else the likeliest candidate, when it reaches this
    # an unnamed participant when the implicit model's likeliest reading of the side is a code class
    # and its probability reaches this (0: the likeliest reading decides; dev chose it, meta.json)
    implicit: float = 0.5
    # a side the implicit model reads as named, where no mention took the role, takes the implicit
    # model's likeliest code class (roles.ImplicitModel.backoff)
    implicit_backoff: bool = False
    keep_rules: bool = True  # a rule event stands where no detection of its type overlaps its trigger
    context_actors: tuple[str, ...] = ("rules", "speaker", "previous", "implicit")
    # The models learnt from Indonesian news about Indonesia. An article at home elsewhere (a
    # dateline abroad: the Syria stories of the seeds) is outside what they saw: there the rules
    # decide where they found an event, and a model event must reach this confidence.
    domain_home: str = "IDN"
    foreign_min_confidence: float = 0.5


@dataclass
class Combiner:
    detector: Detector
    roles: RoleModel
    modality: ModalityModel
    codes: CodeModel
    implicit: ImplicitModel
    settings: Settings = field(default_factory=Settings)

    def decide(self, view: features.ArticleView, document: Document, mode: str = "combined") -> list[Decision]:
        """The events of one article. `mode`: "combined"; "model", the learned decisions alone (no
        rule event is kept and no actor taken from one; the models still read the rules'
        triggers as features)."""
        s = self.settings
        if mode == "model":
            s = replace(s, keep_rules=False, context_actors=tuple(c for c in s.context_actors if c != "rules"))
        foreign = view.home is not None and view.home != s.domain_home
        kept = []
        for d in self.detector.detect(view):
            rule_event = _rule_event_at(view, d.start, d.end, d.event_type)
            if not (foreign and s.keep_rules and rule_event is not None):  # abroad, the rules' event stands
                kept.append((d, rule_event))
        # every model scores all of the article's triggers in one batch
        items = [((d.start, d.end), d.event_type, rule_event) for d, rule_event in kept]
        roles = self.roles.assign(view, items)
        modalities = self.modality.predict(view, items)
        unnamed = {side: self.implicit.code_classes(side, view, [(trig, t) for trig, t, _ in items])
                   for side in ("actor", "recipient")}
        records = self.codes.actors(view, [r.index for pair in roles for side in pair for r in side])
        decisions: list[Decision] = []
        for n, (d, rule_event) in enumerate(kept):
            named_actors, named_recipients = roles[n]
            actors = _unique([records[r.index] for r in named_actors])
            recipients = _unique([records[r.index] for r in named_recipients])
            if not recipients and unnamed["recipient"][n] is not None:
                recipients = [actor_for(unnamed["recipient"][n], view.home, "")]
            source = "both" if rule_event is not None and rule_event.event_type == d.event_type else "model"
            p_actor = max((r.probability for r in named_actors), default=1.0)
            decisions.append(Decision(d.event_type, d.start, d.end, actors, recipients, modalities[n][0],
                                      round(d.probability * p_actor, 4), source, rule_event,
                                      [r.mention for r in named_actors], unnamed["actor"][n]))
        if s.keep_rules:
            covered = [(d.start, d.end, d.event_type) for d in decisions]
            for event, a, b in view.rule_events:
                if any(x < b and a < y and t == event.event_type for x, y, t in covered):
                    continue
                p = self.detector.probability(view, a, b, event.event_type)
                decisions.append(Decision(event.event_type, a, b, list(event.actors), list(event.recipients),
                                          event.modality, round(p, 4), "rules", event))
        if foreign:
            decisions = [d for d in decisions if d.source == "rules" or d.confidence >= s.foreign_min_confidence]
        decisions.sort(key=lambda x: x.start)
        self._fill_actors(view, document, decisions, s)
        return [pair for d in decisions for pair in _reciprocal_pairs(d)]

    def _fill_actors(self, view: features.ArticleView, document: Document, decisions: list[Decision],
                     s: Settings) -> None:
        last: Decision | None = None
        for d in decisions:
            if not d.actors:
                for how in s.context_actors:
                    d.actors = _context_actor(how, view, document, d, last)
                    if d.actors:
                        break
                if d.actors:  # a participant cannot be both sides
                    d.recipients = [r for r in d.recipients if not _same(r, d.actors)] or d.recipients
            if d.actors:
                last = d


RECIPROCAL_TYPES = ("CONSULT", "AGREE", "COOPERATE")


def _reciprocal_pairs(d: Decision) -> list[Decision]:
    """A joint act whose parties all stand as actors ("Rusia dan Turki telah sepakat", "bertemu"
    with no guest): one decision per party, the others its recipients, as the guideline codes it
    (one party as actor, the other as recipient) and as the rules do."""
    if d.source == "rules" or d.recipients or d.event_type not in RECIPROCAL_TYPES:
        return [d]
    distinct = {(a.entity_id or a.code or a.text) for a in d.actors}
    if len(distinct) < 2:
        return [d]
    return [replace(d, actors=[a], recipients=[b for b in d.actors if b is not a]) for a in d.actors]


def _unique(actors: list[Actor]) -> list[Actor]:
    """One record per participant: "Putin" and "dia" in one sentence are one actor."""
    seen, out = set(), []
    for a in actors:
        key = a.entity_id or (a.code, a.text)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _same(r: Actor, actors: list[Actor]) -> bool:
    return any((r.entity_id and r.entity_id == a.entity_id) or r.text == a.text for a in actors)


def _rule_event_at(view: features.ArticleView, a: int, b: int, etype: str) -> Event | None:
    """The rule event whose trigger overlaps tokens [a, b): of the same type if there is one."""
    found = [ev for ev, s, e in view.rule_events if s < b and a < e]
    return next((ev for ev in found if ev.event_type == etype), found[0] if found else None)


def _context_actor(how: str, view: features.ArticleView, document: Document, d: Decision,
                   last: Decision | None) -> list[Actor]:
    """The actor an event without a named one takes from `how`: its unnamed actor ("implicit"),
    the rule event on its trigger, the speaker of its quote, or the event just before it."""
    if how == "implicit":
        return [actor_for(d.unnamed_actor, view.home, "")] if d.unnamed_actor is not None else []
    if how == "rules":
        return list(d.rule_event.actors) if d.rule_event is not None and d.rule_event.actors else []
    if how == "speaker":
        quote = view.quote_of(d.start)
        if quote is None:
            return []
        from pantau.events.rules.speakers import speaker_mention

        m = speaker_mention(document, quote)
        return [actor_of(m)] if m is not None and (m.code or m.entity_id) else []
    if how == "previous":
        if last is not None and view.sent_of[d.start] - view.sent_of[last.start] <= 1:
            return list(last.actors)
        return []
    raise ValueError(f"unknown context actor {how!r}")


MODELS = ("detector", "roles", "modality", "codes", "implicit_actor", "implicit_recipient")
TAGGER = "triggers"  # the trigger tagger's folder (a spaCy pipeline), beside the linear models


def available(folder: Path) -> bool:
    return all((folder / f"{name}.npz").is_file() for name in MODELS) and (folder / "meta.json").is_file()


def load(folder: Path) -> Combiner:
    """The shipped models (`training/train_events.py` writes them) and their chosen settings."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    settings = Settings(**{k: tuple(v) if isinstance(v, list) else v for k, v in meta.get("settings", {}).items()})
    tagger = None
    if settings.tagger_weight > 0:
        if not tagger_available(folder / TAGGER):
            raise FileNotFoundError(f"{folder / TAGGER}: the trigger tagger the settings mix in is missing "
                                    "(rebuild with `make train`)")
        tagger = TriggerTagger(folder / TAGGER)
    return build({name: LinearModel.load(folder, name) for name in MODELS}, settings, meta.get("never_triggers", ()),
                 tagger)


def build(m: dict[str, LinearModel], settings: Settings, never_triggers=(), tagger: TriggerTagger | None = None) -> Combiner:
    """The combiner of the six models (by the names in MODELS) and the trigger tagger, with these
    settings and the words the detector skips."""
    return Combiner(Detector(m["detector"], settings.detect, frozenset(never_triggers), tagger, settings.tagger_weight),
                    RoleModel(m["roles"], settings.role, settings.role_fallback), ModalityModel(m["modality"]),
                    CodeModel(m["codes"]), ImplicitModel(m["implicit_actor"], m["implicit_recipient"], settings.implicit,
                                                         settings.implicit_backoff),
                    settings)
