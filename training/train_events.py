"""Train the learned event coder (issue 20) from the plover-id annotations.

    python training/train_events.py [--data ../shared/data] [--out src/pantau/events/model]

Reads `plover-id/annotations/*.jsonl` (train split: article numbers not ending in 7) and the
article texts (`../shared/bench/kompas-pfsa-408.jsonl`, or `--articles`), plus the annotations
made for pantau in `training/annotations/*/` (their texts beside them). Each article is analysed
up to the event coder (`event_views.analyse`); then six linear models are fitted:
- the detector: each word token → O or the PLOVER type of the gold trigger that covers it;
- the roles: each (gold trigger, mention of its sentence) → actor, recipient or none;
- the codes: each named gold participant → its code class;
- the implicit participants, one per side: each gold event → EMPTY, MENTION or a code class;
- the modality: each gold event → its modality;
and the trigger tagger, a CNN with the detector's task (`train_triggers.py`; `--no-tagger` skips it).
They are written to `--out` (the package's `events/model/`, shipped) with a `meta.json` holding
the training set, the settings and the dev figures. Fixed seeds; the same data gives the same
models. plover-id's dev split is scored (and chooses the decision thresholds) but never trained on.

(Word clusters from multilingual-e5-small's embedding table as detector features were tried and
left off, docs/EVALUATION.md; their code is in commit a365cf2: training/e5_vectors.py,
training/e5_clusters.py, `--clusters`.)
"""

from __future__ import annotations

import argparse
import glob
import itertools
import pickle
import shutil
from collections import Counter
from dataclasses import asdict, replace
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_triggers  # noqa: E402
from event_views import analyse, read_articles  # noqa: E402

from pantau.evaluate.events import GoldEvent, is_dev, load_gold, place_gold, score  # noqa: E402
from pantau.events import combine  # noqa: E402
from pantau.events import features  # noqa: E402
from pantau.events.codes import label_of  # noqa: E402
from pantau.events.linear import fit  # noqa: E402
from pantau.events.tagger import TriggerTagger  # noqa: E402
from pantau.model import Event, Evidence, Mention  # noqa: E402

NONE = "O"
NO_MENTION = Mention(text="", start=0, end=0, type="ORG")


def gold_participants(raw_event: dict, g: GoldEvent, text: str, role: str) -> list[tuple[dict, tuple[int, int]]]:
    """The participants of a role that have text, each with where it sits in the cleaned text
    (in the evidence); those not found are left out."""
    spans = []
    if g.span is None:
        return spans
    for p in raw_event.get(role) or ():
        t = p.get("text")
        if not t:
            continue
        at = text.find(t, g.span[0], g.span[1] + 2)
        if at < 0:
            at = text.find(t, max(0, g.span[0] - 50), g.span[1] + 50)
        if at >= 0:
            spans.append((p, (at, at + len(t))))
    return spans


def instances(views: dict, golds: dict[str, list[GoldEvent]], raw: dict[str, list[dict]]):
    """Training rows for the three models."""
    det_x, det_y, role_x, role_y, mod_x, mod_y, code_x, code_y = [], [], [], [], [], [], [], []
    imp_x, imp_a, imp_r = [], [], []
    for aid, events in golds.items():
        document, view = views[aid]
        text = document.clean_text
        place_gold(events, text)
        label = trigger_labels(view, events)
        rule_at = features.rule_types_at(view)
        for i, w in enumerate(view.words):
            if features.is_word(w):
                det_x.append(features.token_features(view, i, rule_at))
                det_y.append(label.get(i, NONE))
        for g, e in zip(events, raw[aid]):
            if g.trigger_span is None:
                continue
            trig = view.token_range(*g.trigger_span)
            rule_event = next((ev for ev, s, t in view.rule_events if s < trig[1] and trig[0] < t), None)
            cands = [k for k in features.candidates(view, view.sent_of[trig[0]])
                     if not (trig[0] <= view.mention_tokens(view.mentions[k])[0] < trig[1])]  # not the trigger's words
            named = {}
            for side in ("actors", "recipients"):
                named[side] = {p_k for p_k in (best_mention(view, cands, p, span)
                                               for p, span in gold_participants(e, g, text, side)) if p_k is not None}
            for k in cands:
                role = "actor" if k in named["actors"] else "recipient" if k in named["recipients"] else "none"
                role_x.append(features.role_features(view, trig, g.types[0], k, rule_event))
                role_y.append(role)
            mod_x.append(features.modality_features(view, trig, g.types[0], rule_event))
            mod_y.append(g.modality)
            imp_x.append(features.implicit_features(view, trig, g.types[0]))
            imp_a.append(implicit_label(e["actors"], bool(named["actors"]), view.home))
            imp_r.append(implicit_label(e["recipients"], bool(named["recipients"]), view.home))
            for side in ("actors", "recipients"):
                for p, span in gold_participants(e, g, text, side):
                    k = best_mention(view, cands, p, span)
                    if k is not None and p.get("code"):
                        code_x.append(features.code_features(view, k))
                        code_y.append(label_of(p["code"], view.mentions[k], view.home))
    return det_x, det_y, role_x, role_y, mod_x, mod_y, code_x, code_y, imp_x, imp_a, imp_r


def trigger_labels(view, events: list[GoldEvent]) -> dict[int, str]:
    """Word token → the (first) PLOVER type of the gold trigger that covers it (placed events only)."""
    label: dict[int, str] = {}
    for g in events:
        if g.trigger_span is None:
            continue
        a, b = view.token_range(*g.trigger_span)
        for i in range(a, b):
            if features.is_word(view.words[i]):
                label.setdefault(i, g.types[0])
    return label


def implicit_label(participants: list[dict], named: bool, home: str | None) -> str:
    """What the implicit-participant model learns for one side of a gold event: EMPTY (no
    participant), MENTION (a mention of the sentence names one), else the code class of the
    first participant (as `codes.label_of` gives it, for a mention without a code)."""
    if not participants:
        return "EMPTY"
    if named:
        return "MENTION"
    code = next((p.get("code") for p in participants if p.get("code")), None)
    if not code:
        return "EMPTY"
    return label_of(code, NO_MENTION, home)


def split(golds: dict) -> tuple[list[str], list[str]]:
    """plover-id's training and dev article ids: an article number ending in 7 is dev."""
    return [a for a in golds if not is_dev(a)], [a for a in golds if is_dev(a)]


def best_mention(view, cands: list[int], participant: dict, span: tuple[int, int]) -> int | None:
    """The one mention that stands for a gold participant: of those inside its text, the one
    its `refers_to` names, else the last ("Kepala Kejaksaan Negeri Jakarta Selatan Anang
    Supriatna" is Anang Supriatna, not the body or the place in his title)."""
    x, y = span
    inside = [k for k in cands if view.mentions[k].start < y and x < view.mentions[k].end]
    if not inside:
        return None
    refers = (participant.get("refers_to") or "").casefold()
    named = [k for k in inside if refers and (view.mentions[k].text.casefold() in refers
                                              or refers in (view.mentions[k].canonical_name or "").casefold())]
    return max(named or inside, key=lambda k: (view.mentions[k].start, view.mentions[k].end))


def raw_events(paths: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    out.setdefault(rec["id"], rec.get("events") or [])
    return out


def gold_sets(data: Path, extra_folder: Path, articles: Path | None):
    """The annotations and texts: (golds, raw events, training ids, dev ids, texts, sets trained on).
    plover-id's split decides; every further set (`extra_folder/*/`) is training data."""
    articles = articles or data.parent / "bench" / "kompas-pfsa-408.jsonl"
    paths = sorted(glob.glob(str(data / "plover-id" / "annotations" / "*.jsonl")))
    golds = load_gold(paths)
    raw = raw_events(paths)
    train_ids, dev_ids = split(golds)
    texts = {a: t for a, t in read_articles(articles).items() if a in golds}
    sets = {"plover-id": len(train_ids)}
    for folder in sorted(p for p in extra_folder.glob("*") if (p / "units.jsonl").is_file()):
        batches = sorted(str(p) for p in folder.glob("batch-*.jsonl"))
        if not batches:
            continue
        extra = load_gold(batches)
        raw.update({k: v for k, v in raw_events(batches).items() if k in extra})
        golds.update(extra)
        train_ids += list(extra)
        texts.update({a: t for a, t in read_articles(folder / "units.jsonl").items() if a in extra})
        sets[folder.name] = len(extra)
    return golds, raw, train_ids, dev_ids, texts, sets


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--articles", type=Path, default=None)
    ap.add_argument("--extra", type=Path, default=ROOT / "training" / "annotations",
                    help="folder of further annotation sets (each: units.jsonl + batch-*.jsonl)")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "pantau" / "events" / "model")
    ap.add_argument("--views", type=Path, default=None, help="reuse analysed articles pickled here")
    ap.add_argument("--no-tagger", action="store_true", help="the linear detector alone (no trigger tagger)")
    ap.add_argument("--tagger-from", type=Path, default=None,
                    help="copy this trained trigger tagger instead of training one (experiments)")
    args = ap.parse_args(argv)
    t0 = time.time()
    golds, raw, train_ids, dev_ids, texts, sets = gold_sets(args.data, args.extra, args.articles)
    if args.views and args.views.is_file():
        with open(args.views, "rb") as f:
            views = pickle.load(f)
        for _document, view in views.values():
            view.cache.clear()  # the models' results of an earlier run
        missing = {a: t for a, t in texts.items() if a not in views}
        views.update(analyse(missing) if missing else {})
    else:
        views = analyse(texts)
        if args.views:
            with open(args.views, "wb") as f:
                pickle.dump(views, f)
    print(f"analysed {len(views)} articles in {time.time() - t0:.0f} s", flush=True)
    train = {a: golds[a] for a in train_ids}
    dev = {a: golds[a] for a in dev_ids}
    rows = instances(views, train, raw)
    names = ("detection", "roles", "modality", "codes", "implicit")
    print("rows: " + ", ".join(f"{n} {len(rows[2 * k])}" for k, n in enumerate(names)), flush=True)
    t1 = time.time()
    m = {"detector": fit(rows[0], rows[1], c=1.0), "roles": fit(rows[2], rows[3], c=0.5),
         "modality": fit(rows[4], rows[5], c=0.5), "codes": fit(rows[6], rows[7], c=0.5),
         "implicit_actor": fit(rows[8], rows[9], c=0.5), "implicit_recipient": fit(rows[8], rows[10], c=0.5)}
    print(f"fitted in {time.time() - t1:.0f} s", flush=True)
    never = never_triggers(rows[0], rows[1])
    tagger = None
    if not args.no_tagger:
        t2 = time.time()
        tagger_dir = args.out / combine.TAGGER
        if args.tagger_from:
            if args.tagger_from.resolve() != tagger_dir.resolve():  # (else it is in place already)
                shutil.rmtree(tagger_dir, ignore_errors=True)
                shutil.copytree(args.tagger_from, tagger_dir)
        else:
            train_triggers.train(views, golds, train_ids, dev_ids, tagger_dir, data=args.data.resolve())
        tagger = TriggerTagger(tagger_dir)
        print(f"trigger tagger in {time.time() - t2:.0f} s", flush=True)
    settings, report, grid = choose_settings(m, views, dev, never, tagger)
    print("dev: " + json.dumps({k: report[k] for k in SUMMARY}), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, model in m.items():
        model.save(args.out, name)
    meta = {"trained_on": sets, "rows": {n: len(rows[2 * k]) for k, n in enumerate(names)},
            "features": {name: len(model.vocab) for name, model in m.items()},
            "settings": asdict(settings), "never_triggers": never, "dev": report, "settings_tried": grid,
            "licence": "trained on PFSA-ID texts (CC BY-NC-SA 4.0): non-commercial use only"}
    # (no timing in meta.json: a rerun must give the same files, byte for byte)
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"trained in {time.time() - t0:.0f} s", flush=True)
    return 0


SUMMARY = ("recall", "precision", "f1", "recall_type_in_sentence", "recall_type_actor", "recall_whole_codes")


def dev_score(combiner, views: dict, dev: dict, mode: str = "combined") -> dict:
    """The issue's scoring rule on the dev articles, from the analysed views (the pipeline's
    `pantau evaluate events` gives the same up to the rules' date and place, which it ignores)."""
    documents = {}
    for aid in dev:
        document, view = views[aid]
        events = []
        for d in combiner.decide(view, document, mode=mode):
            a, b = view.sentences[view.sent_of[d.start]]
            start, end = view.starts[a], view.starts[b - 1] + len(view.words[b - 1])
            events.append(Event(id="", event_type=d.event_type, cameo_code=None, goldstein=None, quad_class=None,
                                actors=d.actors, recipients=d.recipients, evidence=Evidence(aid, 0, start, end, ""),
                                modality=d.modality, confidence=d.confidence))
        documents[aid] = replace(document, events=events)
    out = score(dev, documents).as_dict()
    return out


def never_triggers(det_x: list[list[str]], det_y: list[str], min_count: int = 50, rate: float = 0.005) -> list[str]:
    """Words seen at least `min_count` times in training and inside a trigger at most `rate` of
    the time ("yang", "dan", "di", "tahun"): the detector skips them at run time, about half of
    all tokens."""
    seen: Counter = Counter()
    triggers: Counter = Counter()
    for feats, label in zip(det_x, det_y):
        word = next(f[2:] for f in feats if f.startswith("w="))
        seen[word] += 1
        if label != NONE:
            triggers[word] += 1
    return sorted(w for w, n in seen.items() if n >= min_count and triggers[w] <= rate * n)


def choose_settings(m: dict, views: dict, dev: dict, never: list[str], tagger=None):
    """The decision settings with the best F1 on dev, in two steps (recorded in meta.json): the
    detector's threshold and the tagger's weight, then the participants' thresholds and order."""
    grid = []
    tried: list[tuple[combine.Settings, dict]] = []

    def trial(settings: combine.Settings):
        report = dev_score(combine.build(m, settings, never, tagger), views, dev)
        grid.append({**asdict(settings), **{k: report[k] for k in ("recall", "precision", "f1")}})
        tried.append((settings, report))

    weights = (0.0, 0.25, 0.4, 0.55) if tagger is not None else (0.0,)
    for detect, weight in itertools.product((0.7, 0.75, 0.8, 0.85), weights):
        trial(combine.Settings(detect=detect, tagger_weight=weight, implicit=0.0, role_fallback=0.1,
                               context_actors=IMPLICIT_FIRST, implicit_backoff=True))
    chosen = best_of(tried)[0]
    for implicit, fallback, context, backoff in itertools.product((0.0, 0.3, 0.5), (0.1, 0.2),
                                                                  (IMPLICIT_FIRST, IMPLICIT_LAST), (True, False)):
        trial(replace(chosen, implicit=implicit, role_fallback=fallback, context_actors=context,
                      implicit_backoff=backoff))
    settings, report = best_of(tried)
    return settings, report, grid


# F1 differences below this are noise on dev: half the standard error of F1 over its 491 events
# (about 0.02). (Set first at 0.005, two events, the grid took detect 0.8: recall 0.546 at precision
# 0.525, F1 0.535, against 0.503 at 0.559, F1 0.530 at 0.75; precision 0.525 is one standard error
# above the bar of 0.50, so the tolerance was widened: a choice made on dev, said here.)
F1_TIE = 0.01


def best_of(tried: list[tuple[combine.Settings, dict]]) -> tuple[combine.Settings, dict]:
    """The most precise of the settings whose dev F1 is within F1_TIE of the best (the first of
    equals): where dev cannot tell two settings apart, the one whose events are more often right
    serves an analyst better than the one that finds a few more."""
    top = max(report["f1"] for _settings, report in tried)
    close = [(s, r) for s, r in tried if r["f1"] >= top - F1_TIE]
    return max(close, key=lambda pair: pair[1]["precision"])


IMPLICIT_FIRST = ("implicit", "rules", "speaker", "previous")
IMPLICIT_LAST = ("rules", "speaker", "previous", "implicit")


if __name__ == "__main__":
    raise SystemExit(main())
