"""The analysis pipeline assembled: spaCy's Indonesian language with pantau's tokenizer and every
stage, in order (`load`).

Stages after `clean` are spaCy pipeline components, so that `nlp.pipe(docs, n_process=N)` runs
the whole analysis and a Ray worker can run the same object. Each component reads and enriches
the typed `Document` carried on `doc._.document`; the spaCy `Doc` supplies tokens and sentences.

Order: sentences → time → entities → places → quotes → events (→ detach).
Time runs before entities because role titles ("Menteri Luar Negeri Rusia") are resolved to the
office holder *on the article's date*; quotes run before events because an event inside a quote
("Kami mengusahakan gencatan senjata") takes its actor from the quote's speaker.

Imports flow one way: this module imports the stages, the stages import `pantau.nlp` (the
tokenizer, the sentence component and the per-Doc helpers), and `pantau.nlp` imports no stage.

The time budget (docs/LIMITS.md): a `pantau_budget` component before the first stage notes when
the article's analysis began, and one after each stage raises `TimeoutError` for that article
once ARTICLE_TIMEOUT seconds have passed; `pantau.pipeline.analyze_documents` reports it and
drops that article alone. The check runs between stages: a stage that is already running is not
interrupted (every stage is meant to be linear in the article's length; see the limits page).
"""

from __future__ import annotations

import time
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pantau.nlp import blank_indonesian, share_tokenizer
from pantau.settings import env_number

#: the stages, in order (each a registered spaCy component)
PIPELINE = ("pantau_sentences", "pantau_time", "pantau_entities", "pantau_places", "pantau_quotes", "pantau_events",
            "pantau_detach")


#: seconds one article's analysis may take (from its first stage to its last), checked after each
#: stage; 0 or less: no budget. Default 60, or the environment variable PANTAU_ARTICLE_TIMEOUT.
ARTICLE_TIMEOUT: float = env_number("PANTAU_ARTICLE_TIMEOUT", 60.0)

BUDGET_KEY = "pantau_budget_start"  # doc.user_data: when the article's first stage began (monotonic)


class BudgetCheck:
    """Before the first stage (`after` None): note the start time. After a stage: raise
    `TimeoutError` when the article has used up ARTICLE_TIMEOUT."""

    def __init__(self, after: str | None):
        self.after = after

    def __call__(self, doc: Doc) -> Doc:
        now = time.monotonic()
        if self.after is None:
            doc.user_data[BUDGET_KEY] = now
            return doc
        budget = ARTICLE_TIMEOUT
        began = doc.user_data.get(BUDGET_KEY)
        if budget > 0 and began is not None and now - began > budget:
            raise TimeoutError(f"analysis over the {budget:g} s budget "
                               f"({now - began:.1f} s when {self.after} ended)")
        return doc


@Language.factory("pantau_budget", default_config={"after": None})
def make_budget_check(nlp: Language, name: str, after: str | None) -> BudgetCheck:
    return BudgetCheck(after)


@lru_cache(maxsize=2)
def load(parse: bool = True) -> Language:
    """The full analysis pipeline (cached: building it loads the knowledge base). `parse=False`
    leaves the dependency parse out: the event coder and the quote attributor then use their
    rules alone (faster; to measure what the parse adds)."""
    # Importing the stage modules registers their components.
    from pantau import entities, events, quotes  # noqa: F401
    from pantau.places import component as _places  # noqa: F401
    from pantau.time import component as _time  # noqa: F401

    nlp = blank_indonesian()
    share_tokenizer(nlp)
    nlp.add_pipe("pantau_budget", name="pantau_budget_start", config={"after": None})
    for name in PIPELINE:
        nlp.add_pipe(name, config={"use_parse": parse} if name in ("pantau_quotes", "pantau_events") else {})
        if name != "pantau_detach":
            nlp.add_pipe("pantau_budget", name=f"{name}_budget", config={"after": name})
    return nlp
