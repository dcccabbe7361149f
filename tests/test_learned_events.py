"""The learned event coder (issue 20): the shipped models, their scoring, the combination with the
rules, and the training script's data handling. Sentences here are written for the tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy
import pytest

from pantau import assembly
from pantau.events import combine
from pantau.events.component import MODEL_DIR
from pantau.events.linear import LinearModel, fit
from pantau.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))


def test_the_shipped_models_are_complete_and_the_pipeline_uses_them():
    assert combine.available(MODEL_DIR)
    component = assembly.load(True).get_pipe("pantau_events")
    assert component.combiner is not None and component.mode == "combined"
    meta = (MODEL_DIR / "meta.json").read_text(encoding="utf-8")
    assert "CC BY-NC-SA" in meta and "plover-id" in meta


def test_an_arrest_and_an_appeal_are_found_with_the_models_probability():
    doc = analyze("JAKARTA, KOMPAS — Polisi menangkap tiga pelaku pencurian sepeda motor di Bekasi, Senin "
                  "(3/8/2020). Gubernur Jawa Barat meminta warga tetap tinggal di rumah.", published="2020-08-04")
    types = {e.event_type for e in doc.events}
    assert {"COERCE", "REQUEST"} <= types, [(e.event_type, e.trigger) for e in doc.events]
    arrest = next(e for e in doc.events if e.event_type == "COERCE")
    assert arrest.actors and arrest.actors[0].country == "IDN"
    assert arrest.date == "2020-08-03" and arrest.cameo_code and arrest.goldstein is not None
    for e in doc.events:
        assert 0.0 < e.confidence < 1.0


def test_the_coder_modes_are_the_ablation(rules_coder):
    """With the component in "rules" mode the events are the rule coder's own."""
    text = "Rusia dan Turki telah sepakat untuk mengoordinasikan operasi darat di Suriah."
    ruled = analyze(text)
    coder = assembly.load(True).get_pipe("pantau_events").rules
    assert [(e.event_type, e.trigger) for e in ruled.events] == [("AGREE", "sepakat"), ("AGREE", "sepakat")]
    assert {e.confidence for e in ruled.events} <= {0.7, 0.8}  # the rules' constants, no model probability
    assert coder is not None


def test_a_joint_act_of_two_parties_gives_each_party_as_actor_once():
    doc = analyze("Menteri Luar Negeri Rusia dan Menteri Luar Negeri Turki bertemu di Moskwa, Selasa (29/12/2018).",
                  published="2018-12-30")
    consult = [e for e in doc.events if e.event_type == "CONSULT"]
    assert consult
    pairs = {(e.actors[0].country, e.recipients[0].country) for e in consult if e.actors and e.recipients}
    assert ("RUS", "TUR") in pairs or ("TUR", "RUS") in pairs


def test_linear_model_probabilities_survive_the_float16_files(tmp_path):
    rng = numpy.random.default_rng(0)
    vocab = {f"f{i}": i for i in range(50)}
    model = LinearModel(["a", "b", "c"], vocab, rng.normal(size=(50, 3)), rng.normal(size=3))
    model.save(tmp_path, "m")
    again = LinearModel.load(tmp_path, "m")
    rows = [["f1", "f2", "unknown"], [], ["f49", "f49"]]
    p, q = model.proba(rows), again.proba(rows)
    assert numpy.allclose(p.sum(axis=1), 1.0) and numpy.abs(p - q).max() < 1e-3


def test_fitting_is_deterministic_and_learns_a_separable_rule():
    rows = [["w=menangkap", "bias"], ["w=meminta", "bias"], ["w=rumah", "bias"]] * 20
    labels = ["COERCE", "REQUEST", "O"] * 20
    first, second = fit(rows, labels, c=10.0), fit(rows, labels, c=10.0)
    assert numpy.array_equal(first.weights, second.weights)
    predicted = [first.classes[i] for i in first.proba([["w=menangkap", "bias"], ["w=rumah", "bias"]]).argmax(1)]
    assert predicted == ["COERCE", "O"]


def test_training_keeps_the_dev_split_out_and_names_one_mention_per_participant():
    from train_events import best_mention

    from pantau.events.features import ArticleView
    from pantau.model import Mention

    words = ["Kepala", "Kejaksaan", "Negeri", "Jakarta", "Selatan", "Anang", "Supriatna", "diperiksa", "."]
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    body = Mention("Kejaksaan Negeri Jakarta Selatan", starts[1], starts[5] - 1, "ORG", code="IDNJUD")
    place = Mention("Jakarta Selatan", starts[3], starts[5] - 1, "LOC")
    person = Mention("Anang Supriatna", starts[5], starts[7] - 1, "PER", code="IDNJUD")
    view = ArticleView(words, starts, [(0, len(words))], [body, place, person], [], [])
    gold = {"text": "Kepala Kejaksaan Negeri Jakarta Selatan Anang Supriatna", "refers_to": "Anang Supriatna"}
    assert best_mention(view, [0, 1, 2], gold, (0, starts[7] - 1)) == 2
    from train_events import split

    assert split({"pfsa-dev-0407": [], "pfsa-dev-0406": [], "pfsa-dev-0017": []}) == (
        ["pfsa-dev-0406"], ["pfsa-dev-0407", "pfsa-dev-0017"])


@pytest.mark.parametrize("mode", ["model", "combined"])
def test_every_mode_writes_valid_events(mode):
    component = assembly.load(True).get_pipe("pantau_events")
    before, component.mode = component.mode, mode
    try:
        doc = analyze("Warga Desa Wadas menolak pengukuran tanah oleh Badan Pertanahan Nasional dan berunjuk rasa "
                      "di depan kantor bupati, Selasa (8/2/2022).", published="2022-02-09")
    finally:
        component.mode = before
    assert doc.events
    for e in doc.events:
        assert e.id.startswith(doc.id) and e.evidence.text in doc.clean_text
        assert e.modality in ("asserted", "claimed", "future", "negated", "hypothetical")
        assert e.quad_class in (1, 2, 3, 4)


def test_scores_are_the_bias_plus_each_rows_own_weights():
    rng = numpy.random.default_rng(1)
    vocab = {f"f{i}": i for i in range(30)}
    model = LinearModel(["a", "b"], vocab, rng.normal(size=(30, 2)), rng.normal(size=2))
    rows = [["f1", "f2"], [], ["unknown"], ["f3", "f3", "f29"], [], ["f0"]]
    expected = [model.bias + sum((model.weights[vocab[f]] for f in set(r) if f in vocab), numpy.zeros(2))
                for r in rows]
    assert numpy.abs(model.scores(rows) - numpy.array(expected)).max() < 1e-5


def test_the_detectors_mix_is_a_normalised_weighted_geometric_mean():
    from pantau.events.tagger import mix

    linear = numpy.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], dtype=numpy.float32)
    tagged = numpy.array([[0.9, 0.05, 0.05], [0.2, 0.2, 0.6]], dtype=numpy.float32)
    assert mix(linear, tagged, 0.0) is linear
    mixed = mix(linear, tagged, 0.5)
    root = numpy.sqrt(linear * tagged)
    assert numpy.allclose(mixed, root / root.sum(axis=1, keepdims=True), atol=1e-5)
    assert numpy.allclose(mixed.sum(axis=1), 1.0, atol=1e-5)
    # the tagger's share moves a row towards the tagger's reading
    assert mix(linear, tagged, 0.8)[1, 2] > mix(linear, tagged, 0.2)[1, 2]


def test_the_shipped_trigger_tagger_reads_an_arrest_and_is_mixed_in():
    from pantau.events.tagger import TriggerTagger

    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["settings"]["tagger_weight"] > 0
    detector = combine.load(MODEL_DIR).detector
    assert detector.tagger is not None and detector.tagger_weight == meta["settings"]["tagger_weight"]
    words = "Polisi menangkap tiga pelaku pencurian sepeda motor di Bekasi dan Depok .".split()
    probs = TriggerTagger(MODEL_DIR / combine.TAGGER).probabilities(words, detector.model.classes)
    assert numpy.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    none, coerce = detector.model.classes.index("O"), detector.model.classes.index("COERCE")
    assert probs[1].argmax() == coerce, probs[1]
    assert probs[words.index("dan"), none] > 0.9 and probs[words.index("Bekasi"), none] > 0.9


def test_settings_that_mix_in_a_missing_tagger_are_a_clear_error(tmp_path):
    for f in MODEL_DIR.iterdir():
        if f.is_file():
            (tmp_path / f.name).write_bytes(f.read_bytes())
    assert combine.available(tmp_path)
    with pytest.raises(FileNotFoundError, match="trigger tagger"):
        combine.load(tmp_path)


class _FakeTagger:
    """Reads every word as O except 'menahan', which it reads as COERCE; knows no AID."""

    labels = ["O", "COERCE", "REQUEST"]

    def __init__(self):
        self.spans = []

    def probabilities_of_spans(self, words, spans, classes):
        self.spans.append(list(spans))
        out = []
        for a, b in spans:
            rows = numpy.zeros((b - a, len(classes)), dtype=numpy.float32)
            for r, w in enumerate(words[a:b]):
                rows[r, classes.index("COERCE" if w == "menahan" else "O")] = 1.0
            out.append(rows)
        return out

    def known(self, classes):
        return numpy.array([c in self.labels for c in classes])


def test_the_tagger_is_mixed_into_the_rows_of_its_own_sentences_only():
    from pantau.events import detector as detector_module
    from pantau.events.detector import Detector
    from pantau.events.features import ArticleView

    words = ["Polisi", "menahan", "dia", ",", "kata", "polisi", ".", "!", "Warga", "diam", "."]
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    view = ArticleView(words, starts, [(0, 7), (7, 8), (8, 11)], [], [], [])
    classes = ["O", "AID", "COERCE", "REQUEST"]
    # the linear model: "menahan" and "diam" may be triggers, nothing else
    weights = numpy.array([[0.0, 0.5, 2.0, 0.0],   # w=menahan
                           [0.0, 2.0, 0.0, 0.0]])  # w=diam
    linear_model = LinearModel(classes, {"w=menahan": 0, "w=diam": 1}, weights, numpy.array([3.0, 0.0, 0.0, 0.0]))
    tagger = _FakeTagger()
    det = Detector(linear_model, 0.8, frozenset({"kata"}), tagger, 0.5)
    plain = Detector(linear_model, 0.8, frozenset({"kata"}))
    idx, mixed = det.token_probabilities(view)
    _, linear = plain.token_probabilities(view)
    assert "kata" not in [words[i] for i in idx] and "," not in [words[i] for i in idx]
    below = detector_module.TAG_SENTENCES_BELOW
    assert all(linear[r, 0] < below for r, i in enumerate(idx) if words[i] in ("menahan", "diam"))
    assert tagger.spans == [[(0, 7), (8, 11)]]  # the punctuation-only sentence is not read
    row = {words[i]: r for r, i in enumerate(idx)}
    # the tagger's COERCE lifts "menahan"; its O lowers AID at "diam", but AID, a class it does
    # not know, keeps the linear model's reading instead of being wiped out
    assert mixed[row["menahan"], 2] > linear[row["menahan"], 2]
    assert mixed[row["diam"], 1] > 0.5 * linear[row["diam"], 1]
    assert numpy.allclose(mixed.sum(axis=1), 1.0, atol=1e-5)


def test_every_shipped_model_file_is_package_data():
    """A wheel carries only the files pyproject's package-data patterns name (setuptools takes no
    folders): the tagger's subfolders once were not, and an installed pantau failed to load."""
    import fnmatch
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["pantau"]
    package = ROOT / "src" / "pantau"
    shipped = [p for folder in ("events/model", "models/ner", "models/ud") for p in (package / folder).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts]
    assert shipped
    missing = [str(p.relative_to(package)) for p in shipped
               if not any(fnmatch.fnmatch(str(p.relative_to(package)), pat) and
                          str(p.relative_to(package)).count("/") == pat.count("/") for pat in patterns)]
    assert not missing, missing


def test_the_taggers_pretraining_text_holds_no_dev_article(monkeypatch, tmp_path):
    """`spacy pretrain` reads raw text before the tagger learns triggers: the dev articles' text
    must not be in it (the same rule as for the labels), the training articles' must."""
    import train_triggers

    import convert

    bench = tmp_path / "bench" / "kompas.jsonl"
    bench.parent.mkdir()
    articles = {"pfsa-dev-0017": "Polisi menangkap dua tersangka.\n\nMereka ditahan di Polres.",
                "pfsa-dev-0016": "Warga berunjuk rasa di depan kantor bupati.\n\nAparat membubarkan massa."}
    bench.write_text("".join(json.dumps({"id": a, "text": t}) + "\n" for a, t in articles.items()), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(convert, "BENCH", str(bench))
    monkeypatch.setattr(convert, "NER_FILES", {})
    monkeypatch.setattr(convert, "UD_FILES", {})
    monkeypatch.setattr(convert, "kumparan_file", lambda: None)
    lines = train_triggers.raw_text(data)
    assert sorted(lines) == ["Aparat membubarkan massa.", "Warga berunjuk rasa di depan kantor bupati."]
    assert lines == train_triggers.raw_text(data)  # shuffled, always the same way


def test_settings_within_the_dev_noise_of_the_best_f1_are_chosen_by_precision():
    from train_events import F1_TIE, best_of

    tried = [("recall-heavy", {"f1": 0.532, "precision": 0.52}), ("precise", {"f1": 0.532 - F1_TIE / 2, "precision": 0.56}),
             ("worse", {"f1": 0.532 - 2 * F1_TIE, "precision": 0.70})]
    assert best_of(tried)[0] == "precise"
    assert best_of(tried[:1] + tried[2:])[0] == "recall-heavy"  # a real F1 gap is not traded for precision
