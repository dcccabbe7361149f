"""A multinomial logistic regression over string features, as shipped and as run.

Training (scikit-learn, `training/train_events.py`) fits the weights; the package only keeps the
vocabulary and the matrix and scores with numpy, so running pantau needs neither scikit-learn nor
scipy. Scoring is a sum of the weight rows of the features present, then a softmax: the
probabilities are the model's own, and they are what an event's `confidence` reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy


class LinearModel:
    def __init__(self, classes: list[str], vocab: dict[str, int], weights: numpy.ndarray, bias: numpy.ndarray):
        self.classes = list(classes)
        self.vocab = vocab
        self.weights = weights.astype(numpy.float32)
        self.bias = bias.astype(numpy.float32)

    def scores(self, rows: list[list[str]]) -> numpy.ndarray:
        """Bias plus the sum of the weight rows of each row's known features (one gather and
        one segmented sum for all rows: a Python loop of numpy calls per row cost more than the
        features themselves)."""
        vocab = self.vocab
        index: list[int] = []
        starts: list[int] = []
        for feats in rows:
            starts.append(len(index))
            index.extend({vocab[f] for f in feats if f in vocab})
        out = numpy.tile(self.bias, (len(rows), 1))
        if not index:
            return out
        # a zero row at the end: an empty row's segment start may then point past the last feature
        gathered = numpy.vstack([self.weights[numpy.asarray(index)], numpy.zeros((1, self.weights.shape[1]),
                                                                                self.weights.dtype)])
        sums = numpy.add.reduceat(gathered, numpy.asarray(starts), axis=0)
        counts = numpy.diff(numpy.asarray(starts + [len(index)]))
        out[counts > 0] += sums[counts > 0]  # (reduceat gives an empty segment its first row: not added)
        return out

    def proba(self, rows: list[list[str]]) -> numpy.ndarray:
        """One row of class probabilities per feature list (columns in `classes` order)."""
        if not rows:
            return numpy.zeros((0, len(self.classes)), dtype=numpy.float32)
        s = self.scores(rows)
        s -= s.max(axis=1, keepdims=True)
        e = numpy.exp(s)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, folder: Path, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        features = sorted(self.vocab, key=self.vocab.get)
        (folder / f"{name}.json").write_text(json.dumps({"classes": self.classes, "features": features},
                                                        ensure_ascii=False, separators=(",", ":")) + "\n",
                                             encoding="utf-8")
        # float16 halves the files; the scores move by less than 1e-3 (checked by the tests)
        numpy.savez_compressed(folder / f"{name}.npz", weights=self.weights.astype(numpy.float16),
                               bias=self.bias.astype(numpy.float32))

    @classmethod
    def load(cls, folder: Path, name: str) -> "LinearModel":
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        arrays = numpy.load(folder / f"{name}.npz")
        vocab = {f: i for i, f in enumerate(meta["features"])}
        return cls(meta["classes"], vocab, arrays["weights"], arrays["bias"])


def fit(rows: list[list[str]], labels: list[str], *, c: float = 1.0, min_count: int = 2, seed: int = 0,
        class_weight=None) -> LinearModel:
    """Fit on feature lists and their labels (scikit-learn; training only). Features seen fewer
    than `min_count` times are left out of the vocabulary."""
    from collections import Counter

    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in rows for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    indptr, indices = [0], []
    for feats in rows:
        idx = sorted({vocab[f] for f in feats if f in vocab})
        indices.extend(idx)
        indptr.append(len(indices))
    x = csr_matrix((numpy.ones(len(indices), dtype=numpy.float32), indices, indptr), shape=(len(rows), len(vocab)))
    model = LogisticRegression(C=c, max_iter=2000, random_state=seed, class_weight=class_weight)
    model.fit(x, labels)
    classes = [str(k) for k in model.classes_]
    coef = model.coef_.T
    intercept = model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one column for two classes: spell out both
        coef = numpy.hstack([-coef / 2, coef / 2])
        intercept = numpy.array([-intercept[0] / 2, intercept[0] / 2])
    return LinearModel(classes, vocab, coef, intercept)
