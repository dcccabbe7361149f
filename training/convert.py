"""Convert ../shared/data into spaCy training corpora (DocBin .spacy files) and raw text for pretraining.

    python training/convert.py [--data ../shared/data] [--out training/corpus]

Writes (git-ignored):
    ner-train/ner.spacy    NERP train + NERGrit train + idner-news-2k train, labels harmonised to PER/ORG/LOC
    ner-dev.spacy          the three official dev splits together (model selection)
    ner-dev-{nerp,nergrit,idner}.spacy   each dev split alone (reporting)
    ud-train/ud.spacy      CSUI train minus its carved dev part + GSD dev minus its carved dev part
    ud-dev.spacy           both carved dev parts (model selection)
    ud-all/                every UD sentence (train and carved dev parts) + the kumparan sample: the
                           shipped UD model's training data, after the held-out run has measured the
                           configuration on the carved dev parts (training/train.py)
    parser-labels.json, parser-labels-all.json   the parser's transitions, counted on the UD sentences
                           of ud-train/ and ud-all/ only (the kumparan Docs carry no dependencies)
    ud-dev-{gsd,csui}.conllu             the carved dev parts as CoNLL-U (reporting: `pantau evaluate ud`)
    ud-train/aux-kumparan.spacy          part of kumparan's POS-tagged news corpus (shipped in the `nlp-id`
                           wheel, MIT), for an auxiliary tagger that shares the UD model's token-to-vector
                           layer (spaCy reads every .spacy file of a train folder)
    word-profiles.json     per-word counts (case, kumparan's NNP tags) and distributional clusters from the
                           cased training text and the kumparan corpus (training/lexicon.py), for the
                           NER's embedding layer
    pretrain.jsonl         raw text for `spacy pretrain`: the bench corpus, the NER and UD training sentences
    manifest.json          counts and sha256 of every input, seeds, the dev carve

No test split is read. UD: only GSD *dev* and CSUI *train* exist here (the GSD train split could not
be obtained), so a fixed, seeded 20 % of each is carved off as the dev set and the rest is trained
on (the held-out run); the shipped UD model then learns from every sentence (ud-all/). PUD (UD
ships it as one split, named "test") is not used: trained on whole, it left CSUI dev LAS where it
was and cost GSD 0.8 LAS points and 5 lemma points (its lemmas are stems, GSD's are not;
training/README.md), so the rule of never training on a test split costs nothing here.

Multiword tokens (UD Indonesian splits clitics: "menyetujuinya" = "menyetujui" + "nya") are kept as
ONE token, as pantau's tokenizer produces them: the token takes the host word's UPOS, lemma, features,
head and relation, and its morphology gets a `Clitic=<form>_<UPOS>_<deprel>` feature
("Clitic=nya_PRON_obj"), so the morphologizer learns where a clitic is and what it does;
`pantau.evaluate.ud` expands such tokens back into two words for CoNLL-U scoring.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pantau.evaluate.ner import Sentence, read_iob  # noqa: E402  (the one harmonisation table)
from pantau.evaluate.ud import UDSentence, clitic_feature, read_conllu, write_conllu  # noqa: E402

sys.path.insert(0, str(ROOT / "training"))
import lexicon  # noqa: E402

SEED = 0
UD_DEV_FRACTION = 0.2
UD_SENTENCES_PER_DOC = 5  # consecutive sentences per training Doc
NERP_TRUECASE = False  # re-cased copies of NERP sentences: measured worse (see training/README.md)

# kumparan's POS-tagged news sentences (33k sentences, 16 tags of kumparan's own tag set), as the
# `nlp-id` wheel ships them (MIT). Used only to train an auxiliary tagger beside the UD components:
# the shared CNN learns from 5x more news text than the treebanks hold; the tagger itself is
# dropped from the shipped model (training/train.py). Beside the NER it did not help (README).
# Its tags are not UPOS, so they never reach the morphologizer. A fixed, seeded sample: the whole
# corpus would drown the 1,000 UD sentences.
KUMPARAN_PACKAGE = ("nlp_id", "data/dataset_postag.txt")
KUMPARAN_SENTENCES = 8000
KUMPARAN_CLITICS = {"nya"}  # split off by kumparan's tokenizer; pantau's keeps them on the host word

NER_FILES = {  # scheme: (train file, dev file), relative to the data folder
    "nerp": ("indonlu-nerp/train_preprocess.txt", "indonlu-nerp/valid_preprocess.txt"),
    "nergrit": ("indonlu-nergrit/train_preprocess.txt", "indonlu-nergrit/valid_preprocess.txt"),
    "idner": ("idner-news-2k/train.txt", "idner-news-2k/dev.txt"),
}
UD_FILES = {  # treebank: file; both are carved into train + dev
    "csui": "ud-indonesian/id_csui-ud-train.conllu",
    "gsd": "ud-indonesian/id_gsd-ud-dev.conllu",
}
BENCH = "../bench/kompas-pfsa-408.jsonl"  # relative to the data folder


def default_data() -> Path:
    return Path(os.environ.get("PANTAU_DATA") or (ROOT.parent / "shared" / "data"))


# ---------------------------------------------------------------------------------------------- CoNLL-U


def kumparan_file() -> Path | None:
    """The corpus file inside the installed `nlp-id` package (found without importing the package,
    whose own dependencies training does not need), or None."""
    import importlib.util

    spec = importlib.util.find_spec(KUMPARAN_PACKAGE[0])
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / KUMPARAN_PACKAGE[1]
    return path if path.is_file() else None


def read_kumparan(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (word, tag); a split-off clitic ("acara" "nya") is joined to its host word,
    which keeps the host's tag, as pantau's tokenizer writes "acaranya"."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        word, tag = parts[0].strip(), parts[1].strip().upper()
        if word.lower() in KUMPARAN_CLITICS and cur and cur[-1][0][-1:].isalpha():
            cur[-1] = (cur[-1][0] + word, cur[-1][1])
        else:
            cur.append((word, tag))
    if cur:
        sents.append(cur)
    return sents


def kumparan_doc(vocab, sents: list[list[tuple[str, str]]]):
    from spacy.tokens import Doc

    return Doc(vocab, words=[w for s in sents for w, _ in s], tags=[t for s in sents for _, t in s])


def merge_mwts(sent: UDSentence) -> dict:
    """One sentence as surface tokens (multiword tokens merged into their host word): a dict of
    spaCy Doc arguments (words, spaces, pos, lemmas, morphs, heads as absolute token indices, deps).
    The host is the word the multiword token hangs from (its head lies outside the token); the
    other words become `Clitic=<form>_<UPOS>_<deprel>` features of the token."""
    word_to_tok = {w.id: t for t, tok in enumerate(sent.tokens) for w in tok.words}
    out = {"words": [], "spaces": [], "pos": [], "lemmas": [], "morphs": [], "heads": [], "deps": []}
    for t, tok in enumerate(sent.tokens):
        ids = {w.id for w in tok.words}
        inside = [w for w in tok.words if w.head not in ids]
        host = inside[0] if inside else tok.words[0]
        feats = [] if host.feats in ("_", "") else host.feats.split("|")
        for w in tok.words:
            if w is not host:
                feats.append("Clitic=" + clitic_feature(w.form, w.upos, w.deprel))
        out["words"].append(tok.form)
        out["spaces"].append(tok.space_after)
        out["pos"].append(host.upos)
        out["lemmas"].append(host.lemma)
        out["morphs"].append("|".join(sorted(feats, key=lambda f: f.split("=")[0].lower())))
        out["heads"].append(word_to_tok[host.head] if host.head else t)
        out["deps"].append("ROOT" if host.head == 0 else host.deprel)
    return out


def ud_doc(vocab, sents: list[UDSentence]):
    """One spaCy Doc holding consecutive sentences, so that the parser also learns where sentences
    end (`pantau evaluate ud` lets it split the raw text)."""
    from spacy.tokens import Doc

    args: dict = {"words": [], "spaces": [], "pos": [], "lemmas": [], "morphs": [], "heads": [], "deps": [],
                  "sent_starts": []}
    for sent in sents:
        a = merge_mwts(sent)
        offset = len(args["words"])
        a["spaces"][-1] = True  # sentences are joined by a space
        a["heads"] = [h + offset for h in a["heads"]]
        a["sent_starts"] = [True] + [False] * (len(a["words"]) - 1)
        for key in args:
            args[key].extend(a[key])
    return Doc(vocab, **args)


def parser_labels(docs: list, min_freq: int) -> dict[str, dict[str, int]]:
    """The arc-eager transitions the parser learns, counted on `docs` as spaCy would count them.

    Given to the parser explicitly (ud.cfg, [initialize.components.parser]) because spaCy counts
    them on every training Doc, and a kumparan Doc (POS tags, no dependencies) reads as words that
    are their own heads with no label: an unlabelled sentence-break action the parser could never
    learn or use."""
    from spacy.pipeline._parser_internals.arc_eager import ArcEager
    from spacy.training import Example

    actions = ArcEager.get_actions(examples=[Example(d, d) for d in docs], min_freq=min_freq)
    return {str(action): dict(sorted(labels.items())) for action, labels in sorted(actions.items())}


def parser_min_action_freq() -> int:
    """ud.cfg's min_action_freq: the transitions rarer than this are dropped, as spaCy would."""
    from spacy.util import load_config

    return int(load_config(ROOT / "training" / "configs" / "ud.cfg")["components"]["parser"]["min_action_freq"])


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def carve(sents: list, fraction: float = UD_DEV_FRACTION, seed: int = SEED) -> tuple[list, list]:
    """(train, dev): a fixed, seeded `fraction` of the sentences as dev; both keep file order."""
    idx = list(range(len(sents)))
    random.Random(seed).shuffle(idx)
    dev_idx = set(idx[: round(len(sents) * fraction)])
    return ([s for i, s in enumerate(sents) if i not in dev_idx], [s for i, s in enumerate(sents) if i in dev_idx])


def case_table(sentences: list[list[str]]) -> dict[str, str]:
    """lower-cased word -> its usual spelling in cased text (the majority among the occurrences
    that do not open a sentence or follow a full stop), for words seen at least twice there."""
    from collections import Counter, defaultdict

    seen: dict[str, Counter] = defaultdict(Counter)
    for tokens in sentences:
        for i, tok in enumerate(tokens):
            if i == 0 or tokens[i - 1] in (".", "!", "?", '"', "“", ":"):
                continue
            seen[tok.lower()][tok] += 1
    table = {}
    for low, forms in seen.items():
        form, n = forms.most_common(1)[0]
        if form != low and n >= 2 and n > sum(forms.values()) / 2:
            table[low] = form
    return table


NAME_FUNCTION_WORDS = {"dan", "di", "ke", "dari", "untuk", "bagi", "yang", "&", "of", "the", "and", "de", "van", "bin", "binti"}


def truecase(tokens: list[str], table: dict[str, str], tags: list[str] | None = None) -> list[str]:
    """A lower-cased sentence (NERP) spelled as cased text would be: words by `table`; the first
    word, the word after a full stop and (given `tags`) every word of a PER/ORG/LOC name except
    function words ("Kementerian Hukum dan HAM") capitalised."""
    out = []
    for i, tok in enumerate(tokens):
        form = table.get(tok, tok)
        if tags is not None and tags[i] != "O" and tok not in NAME_FUNCTION_WORDS and form[:1].islower():
            form = form[:1].upper() + form[1:]
        if (i == 0 or tokens[i - 1] in (".", "!", "?")) and form[:1].islower():
            form = form[:1].upper() + form[1:]
        out.append(form)
    return out


def ner_doc(vocab, sent: Sentence):
    from spacy.tokens import Doc

    return Doc(vocab, words=sent.tokens, ents=sent.tags)


# ---------------------------------------------------------------------------------------------- main


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def convert(data: Path, out: Path) -> dict:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("id")
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("ner-train", "ud-train", "ud-all"):  # spaCy trains on every file in them: no stale ones
        shutil.rmtree(out / folder, ignore_errors=True)
    manifest: dict = {"data": str(data), "seed": SEED, "inputs": {}, "ner": {}, "ud": {}}
    raw_lines: list[dict] = []
    lexicon_text: dict[str, list[list[str]]] = {"cased": [], "lower": []}  # training text, by casing

    # NER ------------------------------------------------------------------------------------
    train_bin, dev_bin = DocBin(), DocBin()
    trains = {scheme: read_iob(data / train_rel, scheme) for scheme, (train_rel, _) in NER_FILES.items()}
    # NERP is lower-cased: beside each NERP sentence, train on a re-cased copy: words spelled by the
    # casing of the cased *training* text (NERGrit, idner-news-2k, UD train part; no dev), names
    # capitalised as Indonesian writes them
    cased = [s.tokens for scheme in ("nergrit", "idner") for s in trains[scheme]]
    for rel in UD_FILES.values():
        cased += [[t.form for t in s.tokens] for s in carve(read_conllu(data / rel))[0]]
    table = case_table(cased) if NERP_TRUECASE else {}
    manifest["ner_truecase_words"] = len(table)
    for scheme, (train_rel, dev_rel) in NER_FILES.items():
        train = trains[scheme]
        dev = read_iob(data / dev_rel, scheme)
        one_dev = DocBin()
        for s in train:
            train_bin.add(ner_doc(nlp.vocab, s))
            raw_lines.append({"text": " ".join(s.tokens)})
            lexicon_text["lower" if scheme == "nerp" else "cased"].append(s.tokens)
            if scheme == "nerp" and NERP_TRUECASE:
                train_bin.add(ner_doc(nlp.vocab, Sentence(truecase(s.tokens, table, s.tags), s.tags)))
        for s in dev:
            doc = ner_doc(nlp.vocab, s)
            dev_bin.add(doc)
            one_dev.add(doc)
        one_dev.to_disk(out / f"ner-dev-{scheme}.spacy")
        for rel in (train_rel, dev_rel):
            manifest["inputs"][rel] = sha256(data / rel)
        manifest["ner"][scheme] = {"train_sentences": len(train), "dev_sentences": len(dev),
                                   "train_entities": sum(t.startswith("B-") for s in train for t in s.tags)}
    (out / "ner-train").mkdir(exist_ok=True)
    train_bin.to_disk(out / "ner-train" / "ner.spacy")
    dev_bin.to_disk(out / "ner-dev.spacy")

    # UD -------------------------------------------------------------------------------------
    train_docs, dev_docs = [], []
    for bank, rel in UD_FILES.items():
        sents = read_conllu(data / rel)
        train, dev = carve(sents)
        train_docs += [ud_doc(nlp.vocab, group) for group in chunks(train, UD_SENTENCES_PER_DOC)]
        for s in train:
            raw_lines.append({"text": s.text})
            lexicon_text["cased"].append([t.form for t in s.tokens])
        dev_docs += [ud_doc(nlp.vocab, group) for group in chunks(dev, UD_SENTENCES_PER_DOC)]
        (out / f"ud-dev-{bank}.conllu").write_text(write_conllu(dev), encoding="utf-8")
        manifest["inputs"][rel] = sha256(data / rel)
        manifest["ud"][bank] = {"file": rel, "sentences": len(sents), "train_sentences": len(train),
                                "dev_sentences": len(dev), "train_sent_ids": [s.sent_id for s in train],
                                "dev_sent_ids": [s.sent_id for s in dev]}
    min_freq = parser_min_action_freq()
    for folder, docs, labels in (("ud-train", train_docs, "parser-labels.json"),
                                 ("ud-all", train_docs + dev_docs, "parser-labels-all.json")):
        (out / folder).mkdir(exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(out / folder / "ud.spacy")
        (out / labels).write_text(json.dumps(parser_labels(docs, min_freq), indent=1) + "\n", encoding="utf-8")
    DocBin(docs=dev_docs, store_user_data=False).to_disk(out / "ud-dev.spacy")

    # auxiliary POS corpus for the UD model's shared CNN ----------------------------------------
    kumparan = kumparan_file()
    if kumparan is None:
        raise SystemExit("error: the kumparan POS corpus is missing: pip install --no-deps nlp-id==0.1.23.0 "
                         "(`make train` does this)")
    sents = read_kumparan(kumparan)
    random.Random(SEED).shuffle(sents)
    sample = sents[:KUMPARAN_SENTENCES]
    aux_bin = DocBin(store_user_data=False)
    for group in chunks(sample, UD_SENTENCES_PER_DOC):
        aux_bin.add(kumparan_doc(nlp.vocab, group))
    for folder in ("ud-train", "ud-all"):
        aux_bin.to_disk(out / folder / "aux-kumparan.spacy")
    manifest["inputs"]["nlp_id/" + KUMPARAN_PACKAGE[1]] = sha256(kumparan)
    manifest["aux_kumparan"] = {"sentences": len(sents), "used": len(sample),
                                "tokens": sum(len(s) for s in sample)}

    # word profiles and clusters for the NER (training/lexicon.py): licence-clean text only (the
    # kumparan corpus, every NER and UD training sentence; not the bench corpus, CC BY-NC-SA)
    cased = lexicon_text["cased"] + [[w for w, _ in s] for s in sents]  # the kumparan corpus is cased
    counts = lexicon.word_counts(cased, sents)
    words, space = lexicon.word_space(cased + lexicon_text["lower"])
    clusters = lexicon.word_clusters(words, space)
    profiles = {"counts": counts, "cluster_sizes": list(lexicon.CLUSTER_SIZES), "clusters": clusters}
    (out / "word-profiles.json").write_text(json.dumps(profiles, ensure_ascii=False, sort_keys=True) + "\n",
                                            encoding="utf-8")
    manifest["word_profiles"] = {"words": len(counts), "clustered_words": len(clusters),
                                 "cluster_sizes": list(lexicon.CLUSTER_SIZES)}

    # raw text for pretraining ---------------------------------------------------------------
    bench = (data / BENCH).resolve()
    n_bench = 0
    if bench.is_file():
        manifest["inputs"][str(BENCH)] = sha256(bench)
        with open(bench, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                for para in text.split("\n"):
                    if para.strip():
                        raw_lines.append({"text": para.strip()})
                        n_bench += 1
    random.Random(SEED).shuffle(raw_lines)
    with open(out / "pretrain.jsonl", "w", encoding="utf-8") as fh:
        for r in raw_lines:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    manifest["pretrain"] = {"lines": len(raw_lines), "bench_paragraphs": n_bench}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=default_data(), help="the shared data folder ($PANTAU_DATA)")
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "corpus")
    args = ap.parse_args(argv)
    if not (args.data / "INDEX.md").is_file():
        print(f"error: no data folder at {args.data} (set --data or PANTAU_DATA)", file=sys.stderr)
        return 2
    m = convert(args.data, args.out)
    print(json.dumps({k: m[k] for k in ("ner", "pretrain")}, indent=1))
    print(json.dumps({b: {k: v for k, v in d.items() if not k.endswith("_sent_ids")} for b, d in m["ud"].items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
