"""spaCy component for the time stage: sets the document anchor and its time values."""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from pantau.time.document import analyze_time
from pantau.nlp import doc_text, sentence_index


_YEAR_WRITTEN = re.compile(r"\b(19|20)\d\d\b|/\s*\d\d\s*\)")


@Language.component("pantau_time")
def time_component(doc: Doc) -> Doc:
    document = doc._.document
    if document is None:
        return doc
    spans = [(s.start, s.end) for s in document.sentences]
    found = analyze_time(doc_text(doc), document.published, sentence_spans=spans)
    anchor, how = found.anchor, found.how
    doc._.anchor = anchor
    document.time_values = found.time_values
    for tv in document.time_values:
        tv.sentence = sentence_index(document, tv.start)
    if document.published is None and how == "explicit_dates" and not found.anchor_flags:
        # "Senin (11/12/2017)" written with its year names the reporting day (or the day before
        # it, for a print daily or "kemarin Rabu", see ``anchor_with_evidence``); one whose year
        # we inferred from the weekday ("Kamis (2/2)") is a guess, so it anchors but is not published
        written = {tv.value[:10] for tv in document.time_values if tv.value and _YEAR_WRITTEN.search(tv.text)
                   and not {"year_from_weekday", "year_corrected_by_weekday"} & set(tv.flags)}
        if anchor.isoformat() in written:
            document.published, document.published_source = anchor.isoformat(), "text"
        elif (anchor - dt.timedelta(days=1)).isoformat() in written:
            document.published, document.published_source = anchor.isoformat(), "text_next_day"
    return doc
