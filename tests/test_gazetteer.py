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
