"""The trained models shipped in src/pantau/models load offline from the package and do their jobs
on Docs made by pantau's own tokenizer and sentence splitter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from pantau import models  # noqa: E402
from pantau.nlp import blank_indonesian, sentences_component  # noqa: E402

pytestmark = pytest.mark.skipif(not all(models.available().values()),
                                reason="the trained models are not in src/pantau/models (run `make train`)")

TEXT = ("Presiden Joko Widodo bertemu Perdana Menteri Jepang Shinzo Abe di Tokyo, Senin (2/1/2018). "
        "Keduanya membahas kerja sama ekonomi dengan Bank Indonesia dan Komisi Pemberantasan Korupsi.\n\n"
        "Menteri Luar Negeri Rusia Sergey Lavrov mengatakan bahwa pasukan Turki telah menarik diri dari Suriah.")


@pytest.fixture(scope="module")
def nlp():
    return blank_indonesian()


@pytest.fixture(scope="module")
def doc(nlp):
    doc = sentences_component(nlp.make_doc(TEXT))
    return models.annotate(doc, models.load_ud(nlp.vocab), models.load_ner(nlp.vocab))


def test_model_folders_are_small_and_have_no_training_state():
    for name in ("ner", "ud"):
        folder = models.MODELS_DIR / name
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        assert size < 12_000_000, (name, size)
        assert (folder / "config.cfg").is_file() and (folder / "meta.json").is_file()
        assert not list(folder.rglob("*optimizer*"))


def test_pipelines_and_labels():
    ner, ud = models.load_ner(), models.load_ud()
    assert ner.pipe_names == ["ner"]
    assert set(ner.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert tuple(ud.pipe_names) == models.UD_COMPONENTS
    assert models.load_ner() is ner  # cached


def test_parser_transitions_all_carry_a_relation():
    """Every left/right arc and sentence break names its relation: no unlabelled break learnt from
    the kumparan Docs, which carry no dependencies (training/convert.py, parser_labels)."""
    moves = models.load_ud().get_pipe("parser").move_names
    assert "B" not in moves and "B-ROOT" in moves
    assert all("-" in m for m in moves if m[0] in "LRB") and {"S", "D"} <= set(moves)


def test_ner_finds_people_places_organisations(doc):
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Joko Widodo", "PER") in ents
    assert ("Sergey Lavrov", "PER") in ents
    assert ("Tokyo", "LOC") in ents
    assert any(label == "ORG" and ("Bank Indonesia" in text or "Komisi Pemberantasan Korupsi" in text)
               for text, label in ents)
    assert ("Suriah", "LOC") in ents
    assert not any(text in ("bertemu", "membahas", "Presiden") for text, _ in ents)


def test_ner_on_lower_case_text(nlp):
    doc = models.annotate(nlp.make_doc("kepala dinas tata kota manado amos kenda menyatakan tidak tahu ."),
                          models.load_ner(nlp.vocab))
    assert any(e.label_ == "PER" and "amos" in e.text for e in doc.ents)


def test_parser_one_root_per_preset_sentence(doc):
    sents = list(doc.sents)
    assert len(sents) == 3  # pantau_sentences' boundaries survive the parser
    assert sents[2].text.startswith("Menteri Luar Negeri Rusia")
    for sent in sents:
        roots = [t for t in sent if t.head.i == t.i]
        assert len(roots) == 1, sent.text
        assert roots[0].dep_ == "ROOT"
        assert all(sent.start <= t.head.i < sent.end for t in sent)


def test_tags_lemmas_and_relations(doc):
    by_text = {t.text: t for t in doc}
    assert by_text["bertemu"].pos_ == "VERB"
    assert by_text["Tokyo"].pos_ == "PROPN"
    assert by_text["di"].pos_ == "ADP"
    assert by_text["menarik"].lemma_ == "tarik"
    assert by_text["mengatakan"].lemma_ == "kata"
    assert by_text["Joko"].head.text == "bertemu" or by_text["Presiden"].head.text == "bertemu"
    assert by_text["Presiden"].dep_ == "nsubj" or by_text["Joko"].dep_ == "nsubj"
    assert by_text["2/1/2018"].pos_ == "NUM"  # the date is one token (pantau's tokenizer)


CLITIC_SENTENCES = ["Dia membelinya kemarin dan bukunya hilang.", "Ia membelinya di pasar.",
                    "Polisi menangkapnya kemarin.", "Presiden mengatakannya kepada wartawan.",
                    "Mereka menyerangnya pada malam hari.", "Rumahnya terbakar dan mobilnya hilang."]


def test_clitic_feature_on_merged_tokens(nlp):
    """The morphologizer marks the -nya of a merged token (a statistical guess per token, so the
    test asks for most of them, not each): possessive on nouns, and never a clitic on a word
    without one."""
    ud = models.load_ud(nlp.vocab)
    docs = [models.annotate(nlp.make_doc(text), ud) for text in CLITIC_SENTENCES]
    merged = [t for doc in docs for t in doc if t.lower_.endswith("nya")]
    found = [models.clitic(t) for t in merged]
    assert sum(1 for f in found if f is not None and f[0] == "nya") >= 0.75 * len(merged), list(zip(merged, found))
    assert all(models.clitic(t) is None for doc in docs for t in doc if not t.lower_.endswith("nya"))
    nouns = {t.text: models.clitic(t) for doc in docs for t in doc if t.text in ("bukunya", "Rumahnya")}
    assert all(f is not None and f[2] == "nmod:poss" for f in nouns.values()) and len(nouns) == 2


def test_runs_on_the_analysis_pipelines_docs():
    """On a Doc made by the full analysis pipeline (spacy.blank('id') + pantau components)."""
    import pantau.assembly

    main = pantau.assembly.load()
    doc = main.make_doc(TEXT)
    doc = main.get_pipe("pantau_sentences")(doc)
    models.annotate(doc, models.load_ud(main.vocab), models.load_ner(main.vocab))
    assert {e.label_ for e in doc.ents} <= {"PER", "ORG", "LOC"} and len(doc.ents) >= 4
    assert all(t.dep_ for t in doc if not t.is_space)


def test_annotate_refuses_a_foreign_vocab(nlp):
    doc = nlp.make_doc("Jokowi ke Bali.")
    with pytest.raises(ValueError):
        models.annotate(doc, models.load_ner())  # the model's own vocab


def test_ner_sources_into_another_pipeline():
    nlp = blank_indonesian()
    nlp.add_pipe("ner", source=models.load_ner())
    doc = nlp("Presiden Joko Widodo tiba di Surabaya.")
    assert ("Joko Widodo", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_deterministic(nlp):
    a = models.annotate(nlp.make_doc(TEXT), models.load_ud(nlp.vocab), models.load_ner(nlp.vocab))
    b = models.annotate(nlp.make_doc(TEXT), models.load_ud(nlp.vocab), models.load_ner(nlp.vocab))
    assert [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in a] == [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in b]
    assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


def test_models_tokenize_like_the_pipeline_and_share_its_tokenizer():
    """The models get pantau's tokenizer, not the one saved with them (spaCy's, which splits
    dates and Al- names): a model called on raw text reads it as the pipeline does; and loaded
    onto the analysis pipeline's vocab, it takes that pipeline's tokenizer instead of a copy."""
    import pantau.assembly

    text = "Al-Mayadeen melaporkan (2/1/2018), xy<abc>z"
    expected = [t.text for t in blank_indonesian()(text)]
    assert "Al-Mayadeen" in expected and "2/1/2018" in expected
    own = models.load_ud()
    assert [t.text for t in own.tokenizer(text)] == expected
    assert all(t.dep_ for t in own(text))  # and the components run after it
    main = pantau.assembly.load()
    assert models.load_ner(main.vocab).tokenizer is main.tokenizer
    assert models.load_ud(main.vocab).tokenizer is main.tokenizer


def test_a_word_profile_decodes_to_the_buckets_it_was_made_of():
    from pantau.models.gazetteer import profile_id, profile_parts

    # 25 non-initial uses, 1 capitalised (< 5 %), none in capitals; 30 kumparan uses, none NNP
    seen, case, pos = profile_parts(profile_id(25, 1, 0, 30, 0))
    assert (seen, case, pos) == (3, 0, 1)
    seen, case, pos = profile_parts(profile_id(2, 2, 0, 0, 0))  # always capitalised, two uses
    assert (seen, case, pos) == (1, 3, 0)


def gazetteer_table_of(ner) -> dict:
    """The KB word table saved inside a trained NER (see pantau.models.gazetteer)."""
    for node in ner.get_pipe("ner").model.walk():
        if node.attrs.get("table"):
            return node.attrs["table"]
    return {}


def test_the_shipped_ner_learnt_from_todays_knowledge_base(nlp):
    """`make train` builds the NER's gazetteer table from the knowledge base as it is when training
    starts, and the table is saved inside the model: a KB change without a retrained NER means a
    fresh clone's `make train` no longer rebuilds what ships (issue 20: its dev F1 moved by 0.02).
    Retrain the NER (`python training/train.py --only ner`) when this fails."""
    from pantau.models import gazetteer

    shipped = gazetteer_table_of(models.load_ner(nlp.vocab))
    today = gazetteer.build_table(gazetteer.names_by_type())
    assert shipped, "the shipped NER has no gazetteer table"
    changed = sorted(w for w in set(shipped) | set(today) if shipped.get(w) != today.get(w))
    assert not changed, f"{len(changed)} words differ, e.g. {changed[:10]}"
