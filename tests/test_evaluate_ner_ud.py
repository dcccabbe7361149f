"""The NER and UD scorers (pantau.evaluate.ner / .ud) on tiny hand-made gold and predictions, and
the JSON shape of `pantau evaluate ner|ud --json`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from pantau.evaluate import ner as N  # noqa: E402
from pantau.evaluate import ud as U  # noqa: E402

# ------------------------------------------------------------------------------------------ NER


def test_spans_conlleval_style():
    assert N.spans(["B-PER", "I-PER", "O", "B-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC")}
    # an I- after O, or after another type, opens a new span
    assert N.spans(["I-ORG", "I-ORG", "I-LOC", "B-LOC", "I-LOC"]) == {(0, 2, "ORG"), (2, 3, "LOC"), (3, 5, "LOC")}
    assert N.spans([]) == set()


def test_ner_score_by_hand():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O", "B-PER"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"],  # PER right, LOC missed, ORG spurious
            ["B-ORG", "I-ORG", "B-PER"]]       # ORG boundary wrong (counts as both FP and FN), PER right
    r = N.score(gold, pred)
    assert r["labels"]["PER"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 2, "pred": 2, "gold": 2}
    assert r["labels"]["LOC"]["recall"] == 0.0 and r["labels"]["LOC"]["gold"] == 1
    assert r["labels"]["ORG"]["tp"] == 0 and r["labels"]["ORG"]["pred"] == 2 and r["labels"]["ORG"]["gold"] == 1
    m = r["micro"]
    assert (m["tp"], m["pred"], m["gold"]) == (2, 4, 4)
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["f1"] == 0.5
    assert r["sentences"] == 2 and r["tokens"] == 7


def test_ner_score_rejects_misaligned_input():
    with pytest.raises(ValueError):
        N.score([["O"]], [["O"], ["O"]])
    with pytest.raises(ValueError):
        N.score([["O", "O"]], [["O"]])


def test_ner_score_after_harmonisation_drops_event_spans():
    lines = ["piala\tB-EVT", "dunia\tI-EVT", "di\tO", "qatar\tB-PLC", ""]
    sents = N.parse_iob(lines, "nerp")
    assert sents[0].tags == ["O", "O", "O", "B-LOC"]
    r = N.score([s.tags for s in sents], [["B-LOC", "I-LOC", "O", "B-LOC"]])
    assert r["micro"]["tp"] == 1 and r["micro"]["pred"] == 2  # the predicted "piala dunia" LOC is a false positive


# ------------------------------------------------------------------------------------------ UD

GOLD = """\
# sent_id = 1
# text = Dia membelinya kemarin.
1	Dia	dia	PRON	_	_	2	nsubj	_	_
2-3	membelinya	_	_	_	_	_	_	_	_
2	membeli	beli	VERB	_	Voice=Act	0	root	_	_
3	nya	dia	PRON	_	_	2	obj	_	_
4	kemarin	kemarin	ADV	_	_	2	advmod	_	SpaceAfter=No
5	.	.	PUNCT	_	_	2	punct	_	_

# sent_id = 2
# text = Harga naik 2.000 rupiah.
1	Harga	harga	NOUN	_	_	2	nsubj	_	_
2	naik	naik	VERB	_	_	0	root	_	_
3	2.000	2.000	NUM	_	_	4	nummod	_	_
4	rupiah	rupiah	NOUN	_	_	2	obj	_	SpaceAfter=No
5	.	.	PUNCT	_	_	2	punct	_	_

"""


def _sent(tokens, text=""):
    """A system sentence from (form, [(id, form, lemma, upos, head, deprel), ...]) tuples."""
    s = U.UDSentence(text=text)
    for form, words in tokens:
        s.tokens.append(U.Token(form, [U.Word(i, f, lem, up, "_", "_", h, d) for i, f, lem, up, h, d in words]))
    return s


def test_ud_reader_groups_multiword_tokens():
    gold = U.parse_conllu(GOLD.splitlines(True))
    assert [len(s.tokens) for s in gold] == [4, 5]
    assert gold[0].tokens[1].form == "membelinya" and [w.form for w in gold[0].tokens[1].words] == ["membeli", "nya"]
    assert U.raw_text(gold) == "Dia membelinya kemarin. Harga naik 2.000 rupiah."
    assert not gold[0].tokens[2].space_after


def test_ud_perfect_system_scores_one():
    gold = U.parse_conllu(GOLD.splitlines(True))
    r = U.score(gold, gold)
    assert all(r[k]["f1"] == 1.0 for k in ("tokens", "sentences", "words", "upos", "lemma", "uas", "las"))


def test_ud_alignment_with_tokenisation_mismatch_and_unsplit_clitic():
    gold = U.parse_conllu(GOLD.splitlines(True))
    system = [
        # "membelinya" left as one word (no clitic split): it aligns with neither gold word
        _sent([("Dia", [(1, "Dia", "dia", "PRON", 2, "nsubj")]),
               ("membelinya", [(2, "membelinya", "beli", "VERB", 0, "root")]),
               ("kemarin", [(3, "kemarin", "kemarin", "ADV", 2, "advmod")]),
               (".", [(4, ".", ".", "PUNCT", 2, "punct")])]),
        # "2.000" wrongly split into "2" "." "000": those three words align with nothing;
        # "rupiah" keeps its head through aligned "naik"; the relation subtype is ignored (obj:x ~ obj)
        _sent([("Harga", [(1, "Harga", "harga", "NOUN", 2, "nsubj")]),
               ("naik", [(2, "naik", "naik", "VERB", 0, "root")]),
               ("2", [(3, "2", "2", "NUM", 6, "nummod")]),
               (".", [(4, ".", ".", "PUNCT", 3, "punct")]),
               ("000", [(5, "000", "000", "NUM", 3, "flat")]),
               ("rupiah", [(6, "rupiah", "rupiah", "NOUN", 2, "obj:x")]),
               (".", [(7, ".", ".", "PUNCT", 2, "punct")])]),
    ]
    r = U.score(gold, system)
    # tokens: gold 9, system 11, common spans 8 (all but 2.000; "membelinya" is the same surface token)
    assert (r["tokens"]["correct"], r["tokens"]["gold"], r["tokens"]["system"]) == (8, 9, 11)
    assert r["sentences"]["f1"] == 1.0
    # words: gold 10 (the MWT has two), system 11; aligned: Dia kemarin . Harga naik rupiah . = 7
    assert (r["words"]["correct"], r["words"]["gold"], r["words"]["system"]) == (7, 10, 11)
    assert r["upos"]["correct"] == 7
    # UAS: "Dia" and "kemarin" and "." hang from "membelinya", which is unaligned -> wrong;
    # Harga, naik (root), rupiah, "." right
    assert r["uas"]["correct"] == 4 and r["las"]["correct"] == 4
    assert r["las"]["recall"] == 0.4 and r["las"]["precision"] == round(4 / 11, 4)


def test_ud_alignment_through_expanded_clitic():
    gold = U.parse_conllu(GOLD.splitlines(True))[:1]
    host, clitic = U.split_clitic("membelinya", "nya_PRON_obj")
    assert host == "membeli" and (clitic.form, clitic.lemma, clitic.upos, clitic.deprel) == ("nya", "dia", "PRON", "obj")
    assert U.split_clitic("pun", "pun_PART_advmod:emph") is None  # the token is only the clitic
    system = [_sent([("Dia", [(1, "Dia", "dia", "PRON", 2, "nsubj")]),
                     ("membelinya", [(2, "membeli", "beli", "VERB", 0, "root"), (3, "nya", "dia", "PRON", 2, "obj")]),
                     ("kemarin", [(4, "kemarin", "kemarin", "ADV", 2, "advmod")]),
                     (".", [(5, ".", ".", "PUNCT", 2, "punct")])])]
    r = U.score(gold, system)
    assert r["words"]["f1"] == 1.0 and r["las"]["f1"] == 1.0


def test_ud_sentence_split_errors_count():
    gold = U.parse_conllu(GOLD.splitlines(True))
    merged = U.UDSentence(tokens=gold[0].tokens + gold[1].tokens)
    r = U.score(gold, [merged])
    assert r["sentences"]["correct"] == 0 and r["sentences"]["system"] == 1 and r["sentences"]["gold"] == 2
    assert r["tokens"]["f1"] == 1.0


def test_ud_text_mismatch_is_an_error():
    gold = U.parse_conllu(GOLD.splitlines(True))
    other = U.parse_conllu(GOLD.replace("Harga", "Hargo").splitlines(True))
    with pytest.raises(ValueError):
        U.score(gold, other)


def test_ud_conllu_roundtrip():
    gold = U.parse_conllu(GOLD.splitlines(True))
    again = U.parse_conllu(U.write_conllu(gold).splitlines(True))
    assert U.score(gold, again)["las"]["f1"] == 1.0
    assert [t.form for t in again[0].tokens] == ["Dia", "membelinya", "kemarin", "."]


# ------------------------------------------------------------------------------------------ CLI


def _models():
    from pantau import models

    return models.available()


@pytest.mark.skipif(not _models()["ner"], reason="no shipped NER model")
def test_cli_evaluate_ner_json(tmp_path):
    from typer.testing import CliRunner

    from pantau.cli import app

    f = tmp_path / "g.txt"
    f.write_text("Joko\tB-PERSON\nWidodo\tI-PERSON\nke\tO\nJakarta\tB-PLACE\n.\tO\n\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "ner", str(f), "--scheme", "nergrit", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) == {"file", "scheme", "labels", "micro", "sentences", "tokens"}
    assert set(data["labels"]) == {"PER", "ORG", "LOC"}
    assert set(data["micro"]) == {"precision", "recall", "f1", "tp", "pred", "gold"}
    assert data["micro"]["gold"] == 2 and data["sentences"] == 1 and data["scheme"] == "nergrit"


@pytest.mark.skipif(not _models()["ner"], reason="no shipped NER model")
def test_cli_evaluate_ner_with_a_model_folder(tmp_path):
    """--model loads a folder trained with pantau's own embedding layer (the shipped NER's, here):
    in a fresh process, where nothing has registered that layer yet (spacy.load alone fails)."""
    import subprocess
    import sys

    from pantau import models

    f = tmp_path / "g.txt"
    f.write_text("Joko\tB-PERSON\nWidodo\tI-PERSON\nke\tO\nJakarta\tB-PLACE\n.\tO\n\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", "from pantau.cli import app; app()", "evaluate", "ner", str(f),
                          "--scheme", "nergrit", "--model", str(models.NER_PATH), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert json.loads(res.stdout)["micro"]["gold"] == 2


def test_cli_evaluate_ner_bad_label(tmp_path):
    from typer.testing import CliRunner

    from pantau.cli import app

    f = tmp_path / "g.txt"
    f.write_text("Joko\tB-PPL\n\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "ner", str(f), "--scheme", "nergrit", "--json"])
    assert res.exit_code == 2


@pytest.mark.skipif(not _models()["ud"], reason="no shipped UD model")
def test_cli_evaluate_ud_json(tmp_path):
    from typer.testing import CliRunner

    from pantau.cli import app

    f = tmp_path / "g.conllu"
    f.write_text(GOLD, encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "ud", str(f), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    for key in ("tokens", "sentences", "words", "upos", "lemma", "uas", "las"):
        assert set(data[key]) == {"precision", "recall", "f1", "correct", "system", "gold"}
        assert 0.0 <= data[key]["f1"] <= 1.0
    assert data["gold_sentences"] == 2 and data["words"]["gold"] == 10
    assert data["tokens"]["f1"] == 1.0  # spaCy's tokens match these two sentences exactly


@pytest.mark.skipif(not _models()["ud"], reason="no shipped UD model")
def test_cli_evaluate_ud_warns_about_training_sentences(tmp_path):
    """The shipped UD model records the sentence ids it learnt from; scoring it on one of them is
    flagged (count in the JSON, a warning on stderr), and an unseen id is not."""
    from typer.testing import CliRunner

    from pantau.cli import app

    from pantau import models

    trained = sorted(U.trained_sentence_ids(models.load_ud().meta))
    assert len(trained) > 1000  # CSUI train + GSD dev, carved dev parts included
    f = tmp_path / "g.conllu"
    f.write_text(GOLD.replace("# sent_id = 1\n", f"# sent_id = {trained[0]}\n", 1), encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "ud", str(f), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["seen_in_training"] == 1
    assert "1 of 2 sentences" in res.stderr and "overstate" in res.stderr
    f.write_text(GOLD, encoding="utf-8")  # ids "1" and "2": not training sentences
    res = CliRunner().invoke(app, ["evaluate", "ud", str(f), "--json"])
    assert json.loads(res.stdout)["seen_in_training"] == 0 and "warning" not in res.stderr


def test_cli_evaluate_gold_form_still_parses():
    """`pantau evaluate --gold FILE` (the seed-gold scorer) is still the group's own command."""
    from typer.testing import CliRunner

    from pantau.cli import app

    res = CliRunner().invoke(app, ["evaluate", "--gold", "/nonexistent/seeds.json", "--no-problems"])
    assert res.exit_code != 0
    assert "No such command" not in res.output
