"""Training-data conversion (training/convert.py) and the NER label harmonisation it shares with
`pantau evaluate ner` (pantau.evaluate.ner), on small inline samples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT / "src", ROOT / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import convert  # noqa: E402  (training/convert.py)
import spacy  # noqa: E402

from pantau.evaluate import ner as N  # noqa: E402
from pantau.evaluate import ud as U  # noqa: E402

NERP = "kepala\tO\ndinas\tO\nmanado\tB-PLC\namos\tB-PPL\nkenda\tI-PPL\ndi\tO\npiala\tB-EVT\ndunia\tI-EVT\n" \
       "bank\tB-IND\nbri\tI-IND\nbakso\tB-FNB\n\n"
NERGRIT = "Kontribusinya\tO\nGrammy\tB-ORGANISATION\nAwards\tI-ORGANISATION\nBandung\tB-PLACE\nAmos\tB-PERSON\n\n"
IDNER = "Berikut PROPN O\r\nadalah AUX O\r\nIndonesia PROPN B-LOC\r\nJokowi PROPN B-PER\r\nKPK PROPN B-ORG\r\n\r\n" \
        "Soal PROPN O\r\n\r\n"


def test_harmonise_nerp_maps_and_drops():
    (s,) = N.parse_iob(NERP.splitlines(True), "nerp")
    assert s.tokens[2:5] == ["manado", "amos", "kenda"]
    assert s.tags == ["O", "O", "B-LOC", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "I-ORG", "O"]


def test_harmonise_nergrit():
    (s,) = N.parse_iob(NERGRIT.splitlines(True), "nergrit")
    assert s.tags == ["O", "B-ORG", "I-ORG", "B-LOC", "B-PER"]


def test_harmonise_idner_three_columns_crlf():
    sents = N.parse_iob(IDNER.splitlines(True), "idner")
    assert [s.tokens for s in sents] == [["Berikut", "adalah", "Indonesia", "Jokowi", "KPK"], ["Soal"]]
    assert sents[0].tags == ["O", "O", "B-LOC", "B-PER", "B-ORG"]


def test_every_scheme_maps_only_to_per_org_loc():
    for scheme, mapping in N.SCHEMES.items():
        assert set(v for v in mapping.values() if v) == set(N.LABELS), scheme
    assert N.SCHEMES["nerp"]["EVT"] is None and N.SCHEMES["nerp"]["FNB"] is None


def test_unknown_labels_and_schemes_are_errors():
    with pytest.raises(ValueError):
        N.parse_iob(["a\tB-PPL\n"], "nergrit")
    with pytest.raises(ValueError):
        N.parse_iob(["a\tX-PER\n"], "idner")
    with pytest.raises(ValueError):
        N.parse_iob(["a\tO\n"], "conll03")


def test_repair_iob():
    assert N.repair_iob(["I-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG", "I-ORG"]) == \
        ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "B-ORG", "I-ORG"]
    # dropping EVT leaves no orphan I- behind: the EVT span becomes O as a whole
    (s,) = N.parse_iob(["a\tB-EVT\n", "b\tI-EVT\n", "c\tI-PPL\n"], "nerp")
    assert s.tags == ["O", "O", "B-PER"]


def test_ner_doc_entities():
    nlp = spacy.blank("id")
    (s,) = N.parse_iob(NERP.splitlines(True), "nerp")
    doc = convert.ner_doc(nlp.vocab, s)
    assert [(e.text, e.label_) for e in doc.ents] == [("manado", "LOC"), ("amos kenda", "PER"), ("bank bri", "ORG")]


CONLLU = """\
# sent_id = a
# text = Ia membelinya.
1	Ia	ia	PRON	_	Number=Sing	2	nsubj	_	_
2-3	membelinya	_	_	_	_	_	_	_	SpaceAfter=No
2	membeli	beli	VERB	_	Voice=Act	0	root	_	_
3	nya	dia	PRON	_	PronType=Prs	2	obj	_	_
4	.	.	PUNCT	_	_	2	punct	_	_

# sent_id = b
# text = Bukunya hilang.
1-2	Bukunya	_	_	_	_	_	_	_	_
1	Buku	buku	NOUN	_	Number=Sing	3	nsubj	_	_
2	nya	dia	PRON	_	_	1	nmod:poss	_	_
3	hilang	hilang	VERB	_	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	_	_	3	punct	_	_

"""


def test_merge_mwts_keeps_one_token_with_the_host_annotation():
    a, b = U.parse_conllu(CONLLU.splitlines(True))
    m = convert.merge_mwts(a)
    assert m["words"] == ["Ia", "membelinya", "."]
    assert m["spaces"] == [True, False, True]
    assert m["pos"] == ["PRON", "VERB", "PUNCT"] and m["lemmas"][1] == "beli"
    assert m["morphs"][1] == "Clitic=nya_PRON_obj|Voice=Act"
    assert m["heads"] == [1, 1, 1] and m["deps"] == ["nsubj", "ROOT", "punct"]
    m = convert.merge_mwts(b)
    # word ids shift: "hilang" (word 3) is token 1; the host "Buku" keeps its head through the merge
    assert m["words"] == ["Bukunya", "hilang", "."] and m["heads"] == [1, 1, 1]
    assert m["morphs"][0] == "Clitic=nya_PRON_nmod:poss|Number=Sing"


def test_ud_doc_joins_sentences_and_keeps_trees():
    nlp = spacy.blank("id")
    sents = U.parse_conllu(CONLLU.splitlines(True))
    doc = convert.ud_doc(nlp.vocab, sents)
    assert doc.text == "Ia membelinya. Bukunya hilang. "
    assert [s.text.strip() for s in doc.sents] == ["Ia membelinya.", "Bukunya hilang."]
    assert doc[4].head.i == 4 and doc[4].dep_ == "ROOT" and doc[3].head.i == 4
    assert doc[1].morph.get("Clitic") == ["nya_PRON_obj"] and doc[1].lemma_ == "beli" and doc[1].pos_ == "VERB"


def test_carve_is_fixed_disjoint_and_complete():
    items = list(range(100))
    train, dev = convert.carve(items, 0.2, seed=0)
    assert len(dev) == 20 and len(train) == 80
    assert set(train) | set(dev) == set(items) and not set(train) & set(dev)
    assert convert.carve(items, 0.2, seed=0) == (train, dev)
    assert train == sorted(train) and dev == sorted(dev)  # file order kept


def test_default_data_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PANTAU_DATA", str(tmp_path))
    assert convert.default_data() == tmp_path
    monkeypatch.delenv("PANTAU_DATA")
    assert convert.default_data() == ROOT.parent / "shared" / "data"


def test_no_test_split_is_read():
    files = [f for pair in convert.NER_FILES.values() for f in pair] + list(convert.UD_FILES.values())
    assert not any("test" in f for f in files)


KUMPARAN = "Ditjen\tNNP\nmemastikan\tVB\nada\tNN\nnya\tDT\nbarang\tNN\n.\tSYM\n\nAcara\tNN\nnya\tPR\nbesar\tjj\n\n\n"


def test_kumparan_sentences_join_split_clitics(tmp_path):
    f = tmp_path / "dataset_postag.txt"
    f.write_text(KUMPARAN, encoding="utf-8")
    sents = convert.read_kumparan(f)
    # "ada" "nya" is one token as pantau's tokenizer writes it, with the host's tag; tags upper-cased
    assert sents == [[("Ditjen", "NNP"), ("memastikan", "VB"), ("adanya", "NN"), ("barang", "NN"), (".", "SYM")],
                     [("Acaranya", "NN"), ("besar", "JJ")]]
    doc = convert.kumparan_doc(spacy.blank("id").vocab, sents)
    assert [t.tag_ for t in doc][:3] == ["NNP", "VB", "NN"]
    assert not doc.has_annotation("POS") and not doc.has_annotation("DEP")  # nothing for the UD components


def test_parser_labels_come_from_the_dependency_docs_only(tmp_path):
    """spaCy counts the parser's transitions on every training Doc; a kumparan Doc (no
    dependencies) would add an unlabelled sentence break. parser_labels counts the UD Docs alone."""
    from spacy.pipeline._parser_internals.arc_eager import ArcEager
    from spacy.training import Example

    vocab = spacy.blank("id").vocab
    ud = convert.ud_doc(vocab, U.parse_conllu(CONLLU.splitlines(True)))
    f = tmp_path / "dataset_postag.txt"
    f.write_text(KUMPARAN, encoding="utf-8")
    kumparan = convert.kumparan_doc(vocab, convert.read_kumparan(f))
    BREAK, LEFT, RIGHT = 4, 2, 3
    mixed = ArcEager.get_actions(examples=[Example(d, d) for d in (ud, kumparan)], min_freq=1)
    assert "" in mixed[BREAK]  # the artefact
    labels = convert.parser_labels([ud], min_freq=1)
    assert "" not in labels[str(BREAK)] and labels[str(BREAK)]["ROOT"] == 2  # two sentences, two roots
    assert labels[str(LEFT)]["nsubj"] == 2 and labels[str(RIGHT)]["punct"] == 2
    assert convert.parser_min_action_freq() >= 1  # read from ud.cfg


def test_kumparan_corpus_is_found_in_the_nlp_id_package(tmp_path, monkeypatch):
    pkg = tmp_path / "nlp_id"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("raise ImportError('its dependencies are not needed')\n")
    (pkg / "data" / "dataset_postag.txt").write_text(KUMPARAN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert convert.kumparan_file() == pkg / "data" / "dataset_postag.txt"  # found without importing it


# word statistics for the NER's embedding layer (training/lexicon.py) -----------------------------

import lexicon  # noqa: E402  (training/lexicon.py)


def test_case_counts_skip_positions_where_case_is_not_free():
    sents = [["Presiden", "Prabowo", "datang", "."], ["Kata", "presiden", ":", "Rapat", "PBB", "mulai"],
             ["“", "Kami", "siap", "”", "ujar", "Prabowo"]]
    counts = lexicon.case_counts(sents)
    assert counts["prabowo"] == [2, 2, 0]
    assert counts["presiden"] == [1, 0, 0]  # the sentence-initial "Presiden" says nothing
    assert "rapat" not in counts and "kami" not in counts  # after a colon, after an opening quote
    assert counts["pbb"] == [1, 1, 1]
    assert "." not in counts and "”" not in counts


def test_word_counts_join_case_and_pos():
    counts = lexicon.word_counts([["Ia", "bertemu", "Jokowi"]], [[("Jokowi", "NNP"), ("bertemu", "VB")],
                                                                  [("jokowi", "NN")]])
    assert counts == {"bertemu": [1, 0, 0, 1, 0], "jokowi": [1, 1, 0, 2, 1]}


def test_word_clusters_group_words_by_context():
    """Months share their contexts, so do towns; the two groups must not mix, and a seeded
    run gives the same clusters."""
    import random

    rng = random.Random(1)
    months, towns = ["januari", "februari", "maret", "april"], ["bandung", "medan", "surabaya", "makassar"]
    fillers = [f"kata{i}" for i in range(40)]
    sents = []
    for _ in range(600):
        sents.append(["pada", "tanggal", "5", rng.choice(months), "lalu", rng.choice(fillers)])
        sents.append(["warga", "kota", rng.choice(towns), "berkumpul", "di", rng.choice(fillers)])
    words, space = lexicon.word_space(sents, dims=12)
    assert space.shape == (len(words), 12) and "januari" in words and "5" not in words
    assert lexicon.word_space(sents, dims=100)[0] == []  # fewer words than dimensions: none
    clusters = lexicon.word_clusters(words, space, sizes=[6])
    fine = {w: ids[0] for w, ids in clusters.items()}
    assert len({fine[m] for m in months}) == 1 and len({fine[t] for t in towns}) == 1
    assert fine["januari"] != fine["medan"]
    assert lexicon.word_clusters(words, space, sizes=[6]) == clusters  # seeded
    assert lexicon.word_clusters([], space[:0], sizes=[6]) == {}
    # months are nearer each other than to towns in the reduced space
    index = {w: i for i, w in enumerate(words)}
    sim = lambda a, b: float(space[index[a]] @ space[index[b]])  # noqa: E731
    assert sim("januari", "maret") > sim("januari", "medan")
