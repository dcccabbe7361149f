"""Train the trigger tagger: a CNN that reads each word in its context (issue 20).

    python training/train_triggers.py --views VIEWS.pkl [--out DIR] [--steps N]

Called by `train_events.py` (which analyses the articles and passes them in); standalone it reads
the analysed articles that `train_events.py --views` pickled. Every token of an article becomes
O or the PLOVER type of the gold trigger covering it (`train_events.trigger_labels`), the training
articles and pantau's own annotations are written as spaCy DocBins, and `spacy train` fits
`training/configs/triggers.cfg` (a spaCy tagger over its own token-to-vector CNN), one thread,
fixed seed. The dev split (plover-id articles ending in 7) picks the step; the trained tagger is
written, without its optimizer state, to DIR (the package's `events/model/triggers/`).

Given the data folder (as `train_events.py` gives it), the CNN is first pretrained with `spacy
pretrain` (the config's [pretraining] section: predict each word's first and last characters
from its context) on raw news text that holds no dev article: `raw_text` below.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "training" / "configs" / "triggers.cfg"
CORPUS = ROOT / "training" / "corpus"  # the DocBins and the raw text (derived, not committed)
OUTPUT = ROOT / "training" / "output"  # the pretrained weights (derived, not committed)
NONE = "O"
SEED = 0


def raw_text(data: Path) -> list[str]:
    """Lines of raw Indonesian news for pretraining, shuffled with a fixed seed: the cased NER
    training sentences (NERGrit, idner-news-2k; not NERP, which is lower-cased), the UD training
    parts, kumparan's POS-tagged news (when nlp-id is installed, as `make train` does), and the
    paragraphs of the bench articles outside the plover-id dev split (about 0.9M words). Licences:
    Apache-2.0, MIT, CC BY-SA, and CC BY-NC-SA for the bench text, which the tagger's training
    articles are anyway."""
    import json
    import random

    import convert
    from pantau.evaluate.events import is_dev

    lines = []
    for scheme, (train_rel, _dev) in convert.NER_FILES.items():
        if scheme != "nerp":
            lines += [" ".join(s.tokens) for s in convert.read_iob(data / train_rel, scheme)]
    for rel in convert.UD_FILES.values():
        lines += [" ".join(t.form for t in s.tokens) for s in convert.carve(convert.read_conllu(data / rel))[0]]
    kumparan = convert.kumparan_file()
    if kumparan is not None:
        lines += [" ".join(w for w, _tag in s) for s in convert.read_kumparan(kumparan)]
    with open(data / convert.BENCH, encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            if not is_dev(article["id"]):
                lines += [p.strip() for p in article["text"].split("\n") if p.strip()]
    random.Random(SEED).shuffle(lines)
    return lines


def pretrain(data: Path, config: Path = CONFIG) -> Path:
    """`spacy pretrain` the tagger's CNN on `raw_text(data)`; returns the last epoch's weights."""
    import json

    from train import env1  # one BLAS thread and a fixed hash seed, as for the other models

    lines = raw_text(data)
    CORPUS.mkdir(parents=True, exist_ok=True)
    raw = CORPUS / "triggers-raw.jsonl"
    raw.write_text("".join(json.dumps({"text": line}, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    print(f"trigger tagger: pretraining on {len(lines)} lines, {sum(len(x.split()) for x in lines)} words", flush=True)
    out = OUTPUT / "triggers-pretrain"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "spacy", "pretrain", str(config), str(out.relative_to(ROOT)),
                    "--paths.raw_text", str(raw.relative_to(ROOT))], check=True, env=env1(), cwd=ROOT)
    epochs = sorted(out.glob("model[0-9]*.bin"), key=lambda f: int(f.stem[len("model"):]))
    return epochs[-1]


def docbin(vocab, views: dict, golds: dict, ids: list[str], path: Path) -> int:
    """One Doc per article, its tokens tagged O or a type; returns the number of trigger tokens."""
    from spacy.tokens import Doc, DocBin

    from pantau.evaluate.events import place_gold
    from train_events import trigger_labels

    out = DocBin(attrs=["TAG"])
    n = 0
    for aid in ids:
        document, view = views[aid]
        place_gold(golds[aid], document.clean_text)
        label = trigger_labels(view, golds[aid])
        n += len(label)
        tags = [label.get(i, NONE) for i in range(len(view.words))]
        out.add(Doc(vocab, words=view.words, spaces=[True] * len(view.words), tags=tags))
    out.to_disk(path)
    return n


def train(views: dict, golds: dict, train_ids: list[str], dev_ids: list[str], out: Path,
          steps: int | None = None, config: Path = CONFIG, overrides: tuple[str, ...] = (),
          data: Path | None = None) -> Path:
    """Fit the tagger (its CNN pretrained first when `data`, the shared data folder, is given)
    and install its best step (by dev tag accuracy) into `out`."""
    import spacy

    vocab = spacy.blank("id").vocab
    CORPUS.mkdir(parents=True, exist_ok=True)
    # fixed paths (relative to the repository): the shipped config.cfg names them, so a rerun
    # gives the same files byte for byte
    train_path, dev_path = CORPUS / "triggers-train.spacy", CORPUS / "triggers-dev.spacy"
    n_train = docbin(vocab, views, golds, sorted(train_ids), train_path)
    n_dev = docbin(vocab, views, golds, sorted(dev_ids), dev_path)
    print(f"trigger tagger: {n_train} trigger tokens in training, {n_dev} in dev", flush=True)
    if data is not None:
        overrides = ("--paths.init_tok2vec", str(pretrain(data, config).relative_to(ROOT)), *overrides)
    from train import env1

    env = env1()
    with tempfile.TemporaryDirectory(prefix="pantau-triggers-") as tmp:
        run = Path(tmp) / "run"
        cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(run),
               "--paths.train", str(train_path.relative_to(ROOT)), "--paths.dev", str(dev_path.relative_to(ROOT)),
               *overrides]
        if steps:
            cmd += ["--training.max_steps", str(steps)]
        subprocess.run(cmd, check=True, env=env, cwd=ROOT)
        nlp = spacy.load(run / "model-best")
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        # the pipeline only (model-best holds no optimizer state), without spaCy's tokenizer: pantau
        # loads the tagger without it (tagger.py) and reads Docs made from the article's tokens
        nlp.to_disk(out, exclude=["tokenizer"])
    from pantau import models

    models.load_path.cache_clear()  # a TriggerTagger made after this reads the new files, not a cached load
    return out


def main(argv: list[str] | None = None) -> int:
    import pickle

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_events import gold_sets

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--views", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--extra", type=Path, default=ROOT / "training" / "annotations")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "pantau" / "events" / "model" / "triggers")
    ap.add_argument("--steps", type=int, default=None)
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--no-pretrain", action="store_true", help="train the CNN from scratch (no spacy pretrain)")
    args, overrides = ap.parse_known_args(argv)  # the rest: `spacy train` overrides (--section.key value)
    with open(args.views, "rb") as f:
        views = pickle.load(f)
    golds, _raw, train_ids, dev_ids, _texts, _sets = gold_sets(args.data, args.extra, None)
    train(views, golds, [a for a in train_ids if a in views], [a for a in dev_ids if a in views], args.out,
          args.steps, args.config, tuple(overrides), data=None if args.no_pretrain else args.data.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
