"""The spaCy component "pantau_events": the rules, then the learned models, then one decision,
written onto the `Document` as `Event` records.

    rules (rules/)  ─►  view (features.py)  ─►  decide (combine.py)  ─►  events (here)

The rule coder runs first: its events and their triggers are features of the learned models and
candidates of the combination. The decisions then get what only the sentence gives (date,
location, source chain: `rules/context.py`, shared with the rules) and become `Event` records.
`mode` chooses the coder: "combined" (the default), "model" (the learned models alone) or
"rules" (the hand-written coder alone, as before issue 20): the ablation of docs/EVALUATION.md.
Without the shipped models (a checkout whose `make train` has not run) the rules code alone.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from pantau.events import combine, features
from pantau.events.coding import cameo_table, plover_default
from pantau.events.lexicon import Trigger
from pantau.events.rules import RuleCoder, dedupe
from pantau.events.rules.context import date_of, location_of, reported_by_of
from pantau.events.rules.speakers import quote_at
from pantau.events.rules.tokens import Hit, sent_index
from pantau.model import Document, Event, Evidence

MODEL_DIR = Path(__file__).parent / "model"
MODES = ("combined", "model", "rules")


class EventsComponent:
    def __init__(self, use_parse: bool = True, mode: str = "combined", model_dir: Path = MODEL_DIR):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.rules = RuleCoder(use_parse=use_parse)
        self.combiner = combine.load(model_dir) if combine.available(model_dir) else None
        self.mode = mode

    def __call__(self, doc: Doc) -> Doc:
        document: Document | None = doc._.document
        if document is None:
            return doc
        rule_events = self.rules.code(doc, document)
        if self.mode == "rules" or self.combiner is None:
            document.events = [event for event, _start, _end in rule_events]
            return doc
        view = features.view_of(doc, document, rule_events)
        decisions = self.combiner.decide(view, document, mode=self.mode)
        places = doc.user_data.get("pantau_places", {})
        events = [self._event(doc, document, view, d, places) for d in decisions]
        document.events = dedupe([e for e in events if e is not None], document.id)
        return doc

    @staticmethod
    def _event(doc: Doc, document: Document, view: features.ArticleView, d: combine.Decision, places) -> Event | None:
        rule = d.rule_event
        if d.source == "rules" and rule is not None:
            rule.confidence = d.confidence
            return rule
        info = plover_default(d.event_type)
        if rule is not None and rule.event_type == d.event_type and rule.cameo_code in cameo_table():
            info = cameo_table()[rule.cameo_code]  # the lexicon's finer CAMEO code for this trigger
        a, b = view.sentences[view.sent_of[d.start]]
        hit = Hit(Trigger(info.code, "V", tuple(view.lower[d.start:d.end]), frozenset(), frozenset()),
                  d.start, d.end, a, b)
        sentence = document.sentences[sent_index(document, view.starts[d.start])]
        date = date_of(document, doc, hit, d.actor_mentions)
        quote = quote_at(document, view.starts[d.start])
        return Event(
            id="", event_type=d.event_type, cameo_code=info.code, goldstein=info.goldstein,
            quad_class=info.quad_class, actors=d.actors, recipients=d.recipients,
            evidence=Evidence(doc_id=document.id, sentence=sentence.index, start=sentence.start, end=sentence.end,
                              text=sentence.text),
            trigger=doc[d.start:d.end].text, mode=info.mode or None, context=info.context or None,
            date=date[0], date_granularity=date[1], date_text=date[2], location=location_of(doc, hit, document, places),
            modality=d.modality, reported_by=reported_by_of(document, doc, hit, quote), confidence=d.confidence,
        )
