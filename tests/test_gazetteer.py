"""The NER's gazetteer features (pantau.models.gazetteer): the table built from names, the extra
column the feature layer adds, and that the table travels inside a saved model."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from spacy.tokens import Doc  # noqa: E402

from pantau import models  # noqa: E402
from pantau.models import gazetteer as G  # noqa: E402
from pantau.nlp import blank_indonesian  # noqa: E402

NAMES = [("Joko Widodo", "PER"), ("Jokowi", "PER"), ("Jakarta", "LOC"),
         ("Universitas Negeri Jakarta", "ORG"), ("Al-Assad", "PER"), ("G20", "ORG"), ("...", "LOC")]


def test_table_flags_type_and_position():
    table = G.build_table(NAMES)
    assert table["joko"] == G.flag("PER", G.FIRST)
    assert table["widodo"] == G.flag("PER", G.LATER)
    assert table["jokowi"] == G.flag("PER", G.WHOLE)
    # one word, several names: the flags add up
    assert table["jakarta"] == G.flag("LOC", G.WHOLE) | G.flag("ORG", G.LATER)
    assert table["universitas"] == G.flag("ORG", G.FIRST)
    # pantau's tokenizer keeps al- names whole; punctuation-only names add nothing
    assert table["al-assad"] == G.flag("PER", G.WHOLE)
    assert "..." not in table and "." not in table
    assert all(0 < v < 2 ** 9 for v in table.values())


def test_features_add_the_gazetteer_column():
    nlp = blank_indonesian()
    layer = G.gazetteer_features(["NORM", "SHAPE"])
    layer.attrs["table"] = G.build_table(NAMES)
    doc = nlp.make_doc("Jokowi tiba di JAKARTA kemarin")
    (features,) = layer.predict([doc])
    assert features.shape == (5, 3)
    assert list(features[:, 0]) == [t.norm for t in doc]
    # the lookup is lower-cased: "JAKARTA" is Jakarta; an unknown word gets 0
    assert list(features[:, 2]) == [G.flag("PER", G.WHOLE), 0, 0,
                                    G.flag("LOC", G.WHOLE) | G.flag("ORG", G.LATER), 0]


def test_embedding_layer_shapes_and_initialisation_builds_the_table(monkeypatch):
    monkeypatch.setattr(G, "names_by_type", lambda: NAMES)
    model = G.gazetteer_hash_embed(width=16, attrs=["NORM", "PREFIX"], rows=[100, 50], gazetteer_rows=64)
    nlp = blank_indonesian()
    docs = [nlp.make_doc("Joko Widodo ke Jakarta"), nlp.make_doc("Halo")]
    model.initialize(X=docs)
    features = next(n for n in model.walk() if n.name == "pantau_gazetteer_features")
    assert features.attrs["table"]["widodo"] == G.flag("PER", G.LATER)
    out = model.predict(docs)
    assert [o.shape for o in out] == [(4, 16), (1, 16)]


def test_table_survives_serialisation(monkeypatch):
    monkeypatch.setattr(G, "names_by_type", lambda: NAMES)
    model = G.gazetteer_hash_embed(width=8, attrs=["NORM"], rows=[50])
    nlp = blank_indonesian()
    model.initialize(X=[nlp.make_doc("Jokowi")])
    fresh = G.gazetteer_hash_embed(width=8, attrs=["NORM"], rows=[50]).from_bytes(model.to_bytes())
    table = next(n for n in fresh.walk() if n.name == "pantau_gazetteer_features").attrs["table"]
    assert table == G.build_table(NAMES)
    doc = nlp.make_doc("Jokowi ke Jakarta")
    assert numpy.allclose(model.predict([doc])[0], fresh.predict([doc])[0])


def _shipped_table():
    ner = models.load_ner()
    layers = [n for n in ner.get_pipe("ner").model.walk() if n.name == "pantau_gazetteer_features"]
    return layers[0].attrs["table"] if layers else None


@pytest.mark.skipif(not models.available()["ner"], reason="no trained NER in src/pantau/models")
def test_shipped_ner_carries_its_gazetteer():
    table = _shipped_table()
    assert table, "the shipped NER was trained without gazetteer features"
    assert table["jakarta"] & G.flag("LOC", G.WHOLE)
    assert table["widodo"] & G.flag("PER", G.LATER)
    assert len(table) > 10_000


@pytest.mark.skipif(not models.available()["ner"], reason="no trained NER in src/pantau/models")
def test_the_gazetteer_column_changes_the_ner_input():
    """The shipped model's features for a name differ with and without its table entry: the NER
    really reads the column (a table that is loaded but never used would pass the test above)."""
    ner = models.load_ner()
    tok2vec = ner.get_pipe("ner").model.get_ref("tok2vec")
    features = next(n for n in tok2vec.walk() if n.name == "pantau_gazetteer_features")
    doc = Doc(ner.vocab, words=["pak", "sutrisno", "datang"])
    saved = features.attrs["table"]

    def vectors(table):  # one row per token (the parser model's tok2vec ends in list2array)
        features.attrs["table"] = table
        out = tok2vec.predict([doc])
        return out[0] if isinstance(out, list) else out

    try:
        with_name = vectors({**saved, "sutrisno": G.flag("PER", G.WHOLE)})
        without = vectors({k: v for k, v in saved.items() if k != "sutrisno"})
    finally:
        features.attrs["table"] = saved
    assert with_name.shape[0] == 3
    assert not numpy.allclose(with_name[1], without[1])


# v2: word profiles and clusters -------------------------------------------------------------------


def test_profile_ids_separate_names_from_common_words():
    never = G.profile_id(0, 0, 0, 0, 0)
    name = G.profile_id(60, 60, 0, 50, 50)  # always capitalised, always NNP
    word = G.profile_id(60, 0, 0, 50, 0)  # never capitalised, never NNP
    acronym = G.profile_id(60, 60, 60, 50, 50)  # written in capitals
    title = G.profile_id(60, 36, 0, 50, 25)  # "presiden": capitalised before a name only
    assert never == 0
    assert len({name, word, acronym, title}) == 4 and 0 not in {name, word, acronym, title}
    # how often a word was seen is part of the id (1 sighting says less than 60)
    assert G.profile_id(1, 1, 0, 0, 0) != G.profile_id(60, 60, 0, 0, 0)
    # a word only in the tagged corpus, or only in the cased text, still gets an id
    assert G.profile_id(0, 0, 0, 5, 5) > 0 and G.profile_id(5, 5, 0, 0, 0) > 0
    ids = {G.profile_id(s, c, u, p, n) for s in (0, 1, 5, 50) for c in (0, 1, 5) for u in (0, 5)
           for p in (0, 3, 50) for n in (0, 3) if c <= s and u <= s and n <= p}
    assert all(0 <= i <= 200 for i in ids)


def _profiles_file(tmp_path):
    import json

    path = tmp_path / "word-profiles.json"
    path.write_text(json.dumps({"counts": {"prabowo": [60, 60, 0, 50, 50], "datang": [80, 0, 0, 70, 0]},
                                "cluster_sizes": [4, 16], "clusters": {"prabowo": [3, 9], "datang": [0, 2]}}),
                    encoding="utf-8")
    return path


def test_v2_features_add_profile_and_cluster_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(G, "names_by_type", lambda: NAMES)
    layer = G.gazetteer_features(["NORM"], str(_profiles_file(tmp_path)))
    nlp = blank_indonesian()
    doc = nlp.make_doc("PRABOWO datang ke Jakarta")
    layer.initialize(X=[doc])
    (features,) = layer.predict([doc])
    # NORM, gazetteer, profile, cluster among 4, cluster among 16
    assert features.shape == (4, 5)
    assert list(features[:, 2]) == [G.profile_id(60, 60, 0, 50, 50), G.profile_id(80, 0, 0, 70, 0), 0, 0]
    # cluster ids are shifted by one: 0 stays "not clustered"
    assert list(features[:, 3]) == [4, 1, 0, 0] and list(features[:, 4]) == [10, 3, 0, 0]
    # v1 layers (the shipped NER before v2) keep their two columns
    assert G.gazetteer_features(["NORM"]).attrs["profiles_path"] == ""


def test_v2_tables_travel_inside_the_model(tmp_path, monkeypatch):
    monkeypatch.setattr(G, "names_by_type", lambda: NAMES)
    path = _profiles_file(tmp_path)
    model = G.gazetteer_hash_embed_v2(width=8, attrs=["NORM"], rows=[50], profiles=str(path),
                                      cluster_rows=[8, 32])
    nlp = blank_indonesian()
    doc = nlp.make_doc("prabowo datang")
    model.initialize(X=[doc])
    path.unlink()  # a loaded model never reads the file again
    fresh = G.gazetteer_hash_embed_v2(width=8, attrs=["NORM"], rows=[50], profiles=str(path),
                                      cluster_rows=[8, 32])
    fresh.from_bytes(model.to_bytes())
    assert numpy.allclose(model.predict([doc])[0], fresh.predict([doc])[0])
    layer = next(n for n in fresh.walk() if n.name == "pantau_gazetteer_features")
    assert layer.attrs["clusters"] == [{"prabowo": 4, "datang": 1}, {"prabowo": 10, "datang": 3}]


@pytest.mark.skipif(not models.available()["ner"], reason="no trained NER in src/pantau/models")
def test_shipped_ner_carries_word_profiles_and_clusters():
    """The shipped NER reads the profile and cluster columns (GazetteerHashEmbed.v2), with tables
    learnt from running text: a name that is always capitalised and a common word get different
    profiles, and country names share a cluster."""
    layer = next(n for n in models.load_ner().get_pipe("ner").model.walk() if n.name == "pantau_gazetteer_features")
    profiles, clusters = layer.attrs["profiles"], layer.attrs["clusters"]
    assert len(profiles) > 10_000 and len(clusters) == 1 and len(clusters[0]) > 5_000
    assert profiles["jakarta"] != profiles["kemarin"]
    (by_word,) = clusters
    assert by_word["rusia"] == by_word["iran"] == by_word["turki"]
    assert by_word["rusia"] != by_word["mengatakan"]
