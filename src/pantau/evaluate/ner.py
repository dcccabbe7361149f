"""NER scoring on the IOB files of ../shared/data, after harmonising their label sets to PER/ORG/LOC.

    sents = read_iob("../shared/data/indonlu-nergrit/valid_preprocess.txt", scheme="nergrit")
    report = evaluate_model(pantau.models.load_ner(), sents)     # or score(gold_tags, pred_tags)
    print(json.dumps(report, indent=2))

The harmonisation below is the single source of truth: `training/convert.py` imports it, so the
models are trained on exactly the labels they are scored on.

| scheme  | file format                          | PER    | ORG           | LOC    | dropped (→ O)  |
|---------|--------------------------------------|--------|---------------|--------|----------------|
| nerp    | `token<TAB>tag`, lower-cased text    | PPL    | IND           | PLC    | EVT, FNB       |
| nergrit | `token<TAB>tag`                      | PERSON | ORGANISATION  | PLACE  | –              |
| idner   | `token POS tag` (CRLF)               | PER    | ORG           | LOC    | –              |

EVT (events: "piala dunia", "pilkada") and FNB (food and beverage) have no counterpart in the
other two sets, whose annotators left such spans unlabelled, so they become O there too: keeping
them would teach the model types it could never learn from the other two thirds of the data.

Spans are read from the tags as conlleval does (IOB2; an I- after O or after another type opens a
new span). A predicted span counts only when its start, end and label all match a gold span.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

LABELS = ("PER", "ORG", "LOC")

SCHEMES: dict[str, dict[str, str | None]] = {
    "nerp": {"PPL": "PER", "IND": "ORG", "PLC": "LOC", "EVT": None, "FNB": None},
    "nergrit": {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"},
    "idner": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
}


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]  # harmonised IOB2 tags (B-PER, I-ORG, O, ...)


def harmonise_tag(tag: str, scheme: str) -> str:
    """One source tag ('B-PPL', 'I-ORGANISATION', 'O') → its harmonised tag ('B-PER', 'O')."""
    mapping = SCHEMES[scheme]
    tag = tag.strip()
    if not tag or tag == "O":
        return "O"
    prefix, _, label = tag.partition("-")
    if prefix not in ("B", "I") or not label:
        raise ValueError(f"not an IOB2 tag in the {scheme} scheme: {tag!r}")
    if label not in mapping:
        raise ValueError(f"unknown label {label!r} for scheme {scheme} (known: {sorted(mapping)})")
    target = mapping[label]
    return "O" if target is None else f"{prefix}-{target}"


def repair_iob(tags: Sequence[str]) -> list[str]:
    """IOB2 with every span opened by B-: an I- after O or after another type becomes B-."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def parse_iob(lines: Iterable[str], scheme: str) -> list[Sentence]:
    """Sentences from the lines of an IOB file in `scheme`'s format; tags harmonised."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r} (known: {', '.join(SCHEMES)})")
    sents: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if tokens:
                sents.append(Sentence(tokens, repair_iob(tags)))
                tokens, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split(" ")
        cols = [c for c in cols if c != ""]
        if len(cols) < 2:
            raise ValueError(f"line {lineno}: expected 'token tag' columns, got {line!r}")
        tokens.append(cols[0])
        tags.append(harmonise_tag(cols[-1], scheme))
    if tokens:
        sents.append(Sentence(tokens, repair_iob(tags)))
    return sents


def read_iob(path: str | Path, scheme: str) -> list[Sentence]:
    """The sentences of an IOB file (NERP/NERGrit `token<TAB>tag`, idner `token POS tag`)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return parse_iob(fh, scheme)


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, label) spans of an IOB2 tag sequence (end exclusive), conlleval-style."""
    out: set[tuple[int, int, str]] = set()
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                out.add((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], labels: Sequence[str] = LABELS) -> dict:
    """Per-label and micro-averaged precision/recall/F1 of predicted IOB2 tag sequences.

    Returns {"labels": {"PER": {...}, ...}, "micro": {...}, "sentences": n, "tokens": n};
    each score dict has precision, recall, f1, tp, pred, gold."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    counts = {lab: [0, 0, 0] for lab in labels}  # tp, pred, gold
    n_tokens = 0
    for g, p in zip(gold, pred):
        if len(g) != len(p):
            raise ValueError("a predicted sentence has a different number of tokens from its gold")
        n_tokens += len(g)
        gs = {s for s in spans(g) if s[2] in counts}
        ps = {s for s in spans(p) if s[2] in counts}
        for s in gs:
            counts[s[2]][2] += 1
        for s in ps:
            counts[s[2]][1] += 1
        for s in gs & ps:
            counts[s[2]][0] += 1
    per = {lab: _prf(*counts[lab]) for lab in labels}
    micro = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return {"labels": per, "micro": micro, "sentences": len(gold), "tokens": n_tokens}


def predict(nlp, sentences: Sequence[Sentence], batch_size: int = 256) -> list[list[str]]:
    """IOB2 tags that `nlp` (a spaCy pipeline with an `ner`) gives each pre-tokenised sentence."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=s.tokens) for s in sentences)
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        tags = []
        for tok in doc:
            tags.append("O" if not tok.ent_iob_ or tok.ent_iob_ == "O" else f"{tok.ent_iob_}-{tok.ent_type_}")
        out.append(tags)
    return out


def evaluate_model(nlp, sentences: Sequence[Sentence]) -> dict:
    """Score `nlp` on gold sentences (tokens are given: this measures recognition, not tokenising)."""
    return score([s.tags for s in sentences], predict(nlp, sentences))
