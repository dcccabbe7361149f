"""spaCy component for the places stage: geocodes the place mentions of an article.

Toponyms are resolved with the article's countries as hints, so "Ariha" in a Syria story is the
Syrian town, not a namesake elsewhere."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from pantau.places import resolve_place


@Language.component("pantau_places")
def places_component(doc: Doc) -> Doc:
    document = doc._.document
    if document is None:
        return doc
    countries = Counter(m.country for m in document.mentions if m.country and m.type in ("LOC", "GPE"))
    hints = [c for c, _ in countries.most_common(5)]
    cache: dict[str, object] = {}
    places = {}
    for m in document.mentions:
        if m.type not in ("LOC", "GPE"):
            continue
        key = m.canonical_name or m.text
        if key not in cache:
            cache[key] = resolve_place(key, hints)
        if cache[key] is not None:
            places[(m.start, m.end)] = cache[key]
    doc.user_data["pantau_places"] = places  # (start, end) → Place, read by the event coder
    return doc
