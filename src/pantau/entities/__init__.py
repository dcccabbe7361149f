"""Entity recognition and linking.

Recognition is KB- and rule-driven first (aliases, fuzzy names, role titles, sector phrases,
names before speech verbs); then the trained NER shipped in `pantau.models` (issue 3) adds the
names none of those found. A name the KB does not know becomes a document entity of its own
(`pantau:new/per/retno-marsudi`): the same name in another article is the same entity. People
named by initials ("AS (28)", "tersangka HS") are the exception: an entity of their article only
(`pantau:new/per/as@<article id>`), since initials name no one across articles.

What a mention carries besides its entity: `code`, the CAMEO actor code it stands for *in this
sentence* — "militer Turki" is TURMIL, "Menteri Luar Negeri Rusia" is RUSGOV, "Ankara" as the
subject of a verb is TUR (capital metonymy).

The package, by concern: `lexicon` (the words it reads by, and predicates on one word or
mention), `recognizer` (finding candidate names: KB aliases, towns, name shapes, the trained
NER), `linker` (the `pantau_entities` component: candidates → linked, coded mentions) and
`passes` (decisions over all of an article's mentions: titles, new entities, initials, the
dateline). Data flows lexicon → recognizer → passes → linker.
"""

from __future__ import annotations

from spacy.language import Language

from pantau.model import Document, Mention
# what the quotes, the event rules and the tests read from the entity stage
from .lexicon import (
    CUE_VERBS, NOT_ACTING, PERSON_PRONOUNS, PLACE_NOUNS, SPEECH_VERBS, initials_entity_id, is_person, new_entity_id,
    stands_for_state, title_word,
)
from .linker import EntityLinker

__all__ = ["CUE_VERBS", "NOT_ACTING", "PERSON_PRONOUNS", "PLACE_NOUNS", "SPEECH_VERBS", "EntityLinker", "antecedent",
           "initials_entity_id", "is_person", "make_entities", "new_entity_id", "stands_for_state", "title_word"]


@Language.factory("pantau_entities")
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp)


# -- reference resolution used by quotes and events -----------------------------------------
def antecedent(document: Document, pos: int, *, country: str | None = None,
               types: tuple[str, ...] = ("PER",)) -> Mention | None:
    """The most recent linked person mentioned before `pos` (optionally of a given country):
    what 'Dia', 'ia', 'katanya' and 'Pejabat Turki ini' refer to in news prose."""
    best = None
    for m in document.mentions:
        if m.start >= pos:
            break
        if m.type in types and is_person(m) and (country is None or m.country == country):
            best = m
    return best
