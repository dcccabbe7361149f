"""The PLOVER/CAMEO event coder for Indonesian: learned models trained on annotated news, the
hand-written rules beside them, and one place where their decisions meet.

Data flows one way: rules → view → models → decision → events.
- component.py: the spaCy component "pantau_events" that runs the flow and writes the events
- rules/: the hand-written rule coder, `RuleCoder` (rules/__init__.py maps its modules); its
  events are features and candidates of the learned coder, and it dates, places and sources
  every event (rules/context.py)
- features.py: what the learned models read of an article (`ArticleView`) and their features
- linear.py: the linear models as shipped (numpy scoring; scikit-learn only to train them)
- detector.py: which words trigger which PLOVER type (the linear model, mixed with tagger.py's)
- tagger.py: the trigger tagger, a small CNN over each word's context (model/triggers/)
- roles.py: which mentions are an event's actors and recipients, and unnamed participants
- codes.py: the CAMEO code a participant takes in this article
- modality.py: asserted, claimed, future, negated or hypothetical
- combine.py: the decision: models, rules and context together, with the settings chosen on dev
- coding.py: the CAMEO/PLOVER/Goldstein tables (data/cameo.tsv) and the actor record of a mention
- lexicon.py: the trigger lexicon (data/triggers_id.tsv) and the word normalisation it is matched with
- build_tables.py: builds data/cameo.tsv from the CAMEO codebook, the PLOVER mapping and Goldstein scores
- data/: the tables, with their sources and licences (data/SOURCES.md); model/: the trained
  models (`training/train_events.py`; model/README.md is their card)
"""

from __future__ import annotations

from spacy.language import Language

from pantau import models
from pantau.events.coding import cameo_table
from pantau.events.component import EventsComponent
from pantau.events.lexicon import trigger_lexicon
from pantau.events.rules import RuleCoder

EventCoder = RuleCoder  # its older name, which the tests of the rules import

__all__ = ["EventCoder", "EventsComponent", "RuleCoder", "cameo_table", "make_events", "trigger_lexicon"]


@Language.factory("pantau_events")
def make_events(nlp: Language, name: str, use_parse: bool = True, mode: str = "combined") -> EventsComponent:
    if use_parse and models.available()["ud"]:
        models.load_ud(nlp.vocab)  # now, not in the first article: `syntax.parses` finds it cached
    return EventsComponent(use_parse=use_parse, mode=mode)
