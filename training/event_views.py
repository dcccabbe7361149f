"""Analyse annotated articles up to the event coder and keep what the learned coder reads.

For each article: the analysed `Document` (cleaned text, sentences, mentions, quotes) and its
`ArticleView` (pantau.events.features), with the rule coder's events and their trigger spans.
Used by `train_events.py`; the same view is built inside the pipeline at run time.
"""

from __future__ import annotations

import json
from pathlib import Path


def analyse(texts: dict[str, str], *, parse: bool = True) -> dict[str, tuple]:
    """Article id → (Document, ArticleView)."""
    from pantau import assembly
    from pantau.events.features import view_of
    from pantau.pipeline import prepare

    nlp = assembly.load(parse)
    coder = nlp.get_pipe("pantau_events").rules
    out = {}
    prepared = (prepare(text, doc_id=aid) for aid, text in texts.items())
    pairs = ((document.clean_text, document) for document in prepared)
    with nlp.select_pipes(disable=["pantau_events", "pantau_detach"]):
        for sdoc, document in nlp.pipe(pairs, as_tuples=True, batch_size=16):
            rule_events = coder.code(sdoc, document)
            out[document.id] = (document, view_of(sdoc, document, rule_events))
    return out


def read_articles(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as f:
        return {row["id"]: row["text"] for row in map(json.loads, f) if row.get("id")}
