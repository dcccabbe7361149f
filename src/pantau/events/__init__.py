"""The PLOVER/CAMEO event coder for Indonesian: triggers from a lexicon, their participants read
by hand-written rules from Indonesian morphology and checked against the dependency parse.

- coding.py: the CAMEO/PLOVER/Goldstein tables (data/cameo.tsv) and the actor record of a mention
- lexicon.py: the trigger lexicon (data/triggers_id.tsv) and the word normalisation it is matched with
- rules/: the hand-written rule coder, `RuleCoder` (rules/__init__.py maps its modules)
- build_tables.py: builds data/cameo.tsv from the CAMEO codebook, the PLOVER mapping and Goldstein scores
- data/: the tables, with their sources and licences (data/SOURCES.md)
This module registers the spaCy factory "pantau_events" (`make_events`).
"""

from __future__ import annotations

from spacy.language import Language

from pantau import models
from pantau.events.coding import cameo_table
from pantau.events.lexicon import trigger_lexicon
from pantau.events.rules import RuleCoder

EventCoder = RuleCoder  # its older name, which the tests import

__all__ = ["EventCoder", "RuleCoder", "cameo_table", "make_events", "trigger_lexicon"]


@Language.factory("pantau_events")
def make_events(nlp: Language, name: str, use_parse: bool = True) -> EventCoder:
    if use_parse and models.available()["ud"]:
        models.load_ud(nlp.vocab)  # now, not in the first article: `syntax.parses` finds it cached
    return EventCoder(use_parse=use_parse)
