"""spaCy component for the time stage: sets the document anchor and its time values."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pantau.time import document_anchor, find_time_expressions
from pantau.nlp import sentence_index


@Language.component("pantau_time")
def time_component(doc: Doc) -> Doc:
    document = doc._.document
    if document is None:
        return doc
    anchor, how = document_anchor(doc.text, document.published)
    doc._.anchor = anchor
    spans = [(s.start, s.end) for s in document.sentences]
    document.time_values = find_time_expressions(doc.text, anchor, sentence_spans=spans)
    for tv in document.time_values:
        tv.sentence = sentence_index(document, tv.start)
    return doc
