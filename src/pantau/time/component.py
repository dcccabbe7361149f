"""spaCy component for the time stage: sets the document anchor and its time values."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pantau.time import document_anchor, find_time_expressions
from pantau.nlp import doc_text, sentence_index


_YEAR_WRITTEN = re.compile(r"\b(19|20)\d\d\b|/\s*\d\d\s*\)")


@Language.component("pantau_time")
def time_component(doc: Doc) -> Doc:
    document = doc._.document
    if document is None:
        return doc
    anchor, how = document_anchor(doc_text(doc), document.published)
    doc._.anchor = anchor
    spans = [(s.start, s.end) for s in document.sentences]
    document.time_values = find_time_expressions(doc_text(doc), anchor, sentence_spans=spans)
    for tv in document.time_values:
        tv.sentence = sentence_index(document, tv.start)
    if document.published is None and how == "explicit_dates":
        # "Senin (11/12/2017)" written with its year names the reporting day; one whose year we
        # inferred from the weekday ("Kamis (2/2)") is a guess, so it anchors but is not published
        day = anchor.isoformat()
        if any(tv.value == day and _YEAR_WRITTEN.search(tv.text)
               and not {"year_from_weekday", "year_corrected_by_weekday"} & set(tv.flags)
               for tv in document.time_values):
            document.published, document.published_source = day, "text"
    return doc
