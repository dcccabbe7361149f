"""Word statistics from running text without NER labels, for the NER's embedding layer
(`pantau.GazetteerHashEmbed.v2`, src/pantau/models/gazetteer.py). Called by training/convert.py,
which writes the result to training/corpus/word-profiles.json:

    {"counts":        {word: [case_seen, capitalised, capitals, pos_seen, proper]},
     "cluster_sizes": [k_1, k_2, ...],
     "clusters":      {word: [cluster id among k_1, among k_2, ...]}}

- counts: for each lower-cased word, how often it occurs where case is free (not sentence-initial,
  not after a quote or colon) in cased text, how many of those start with a capital, how many are
  all capitals; how often kumparan's POS-tagged news has it, and how often as NNP (proper noun).
- clusters: words seen at least CLUSTER_MIN_COUNT times, grouped by the contexts they occur in:
  positive PMI of (word, left neighbour), (word, right neighbour) and (word, a word two away), the
  matrix reduced to CLUSTER_DIMS dimensions by a seeded randomized SVD, then k-means (k-means++
  start, seeded), at one or more granularities (CLUSTER_SIZES). Plain numpy: no new dependency
  for a one-off computation of a few seconds.

Everything is seeded, so the same inputs give the same file.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

import numpy

SEED = 0
CASE_FREE_AFTER = {".", "!", "?", ":", '"', "“", "”", "'", "‘", "’", "(", "-", "–", "—"}
CLUSTER_MIN_COUNT = 5
CLUSTER_CONTEXTS = 2000  # the most frequent words serve as contexts
CLUSTER_DIMS = 100
# one granularity: 64 + 256 + 1024 clusters, and the same plus the 64-dimensional SVD vectors as
# frozen inputs, both scored below 256 alone on the NER dev sets (training/README.md)
CLUSTER_SIZES = (256,)
KMEANS_ITERATIONS = 25


def case_counts(sentences: Iterable[Sequence[str]]) -> dict[str, list[int]]:
    """word → [seen where case is free, capitalised there, all capitals there]."""
    out: dict[str, list[int]] = {}
    for words in sentences:
        for i, w in enumerate(words):
            if i == 0 or words[i - 1] in CASE_FREE_AFTER or not w[:1].isalpha():
                continue
            c = out.setdefault(w.lower(), [0, 0, 0])
            c[0] += 1
            c[1] += w[0].isupper()
            c[2] += len(w) > 1 and w.isupper()
    return out


def proper_counts(tagged: Iterable[Sequence[tuple[str, str]]], proper_tag: str = "NNP") -> dict[str, list[int]]:
    """word → [seen in the tagged corpus, tagged as a proper noun]."""
    out: dict[str, list[int]] = {}
    for sent in tagged:
        for w, tag in sent:
            if not w[:1].isalpha():
                continue
            c = out.setdefault(w.lower(), [0, 0])
            c[0] += 1
            c[1] += tag == proper_tag
    return out


def word_counts(cased: Iterable[Sequence[str]], tagged: Iterable[Sequence[tuple[str, str]]]) -> dict[str, list[int]]:
    """word → [case_seen, capitalised, capitals, pos_seen, proper] (see the module docstring)."""
    case = case_counts(cased)
    pos = proper_counts(tagged)
    return {w: case.get(w, [0, 0, 0]) + pos.get(w, [0, 0]) for w in sorted(set(case) | set(pos))}


def _ppmi(sentences: list[list[str]], vocab: dict[str, int], contexts: dict[str, int]) -> numpy.ndarray:
    n_ctx = len(contexts)
    pairs: Counter = Counter()
    for words in sentences:
        for i, w in enumerate(words):
            row = vocab.get(w)
            if row is None:
                continue
            for offset, block in ((-1, 0), (1, 1), (-2, 2), (2, 2)):
                j = i + offset
                if 0 <= j < len(words) and words[j] in contexts:
                    pairs[row, block * n_ctx + contexts[words[j]]] += 1
    matrix = numpy.zeros((len(vocab), 3 * n_ctx), dtype="float32")
    for (row, col), n in pairs.items():
        matrix[row, col] = n
    col_p = matrix.sum(0) ** 0.75  # context distribution smoothing (Levy et al. 2015)
    col_p /= col_p.sum()
    row_p = matrix.sum(1) / matrix.sum()
    with numpy.errstate(divide="ignore", invalid="ignore"):
        pmi = numpy.log(matrix / matrix.sum()) - numpy.log(row_p)[:, None] - numpy.log(col_p)[None, :]
    pmi[~numpy.isfinite(pmi)] = 0  # pairs never seen (log 0)
    return numpy.maximum(pmi, 0, out=pmi)


def _svd(matrix: numpy.ndarray, dims: int, rng: numpy.random.Generator) -> numpy.ndarray:
    """Rows of `matrix` in `dims` dimensions (randomized SVD, two power iterations), scaled by
    the square root of the singular values and normalised to unit length."""
    sketch = matrix @ rng.standard_normal((matrix.shape[1], dims + 20), dtype="float32")
    for _ in range(2):
        sketch, _r = numpy.linalg.qr(sketch)
        sketch = matrix @ (matrix.T @ sketch)
    basis, _r = numpy.linalg.qr(sketch)
    u, s, _vt = numpy.linalg.svd(basis.T @ matrix, full_matrices=False)
    vectors = (basis @ u[:, :dims]) * numpy.sqrt(s[:dims])
    return vectors / numpy.maximum(numpy.linalg.norm(vectors, axis=1, keepdims=True), 1e-8)


def _kmeans(vectors: numpy.ndarray, k: int, rng: numpy.random.Generator) -> numpy.ndarray:
    """Cluster ids (k-means++ start, KMEANS_ITERATIONS Lloyd steps) of unit vectors."""
    centres = [vectors[rng.integers(len(vectors))]]
    dist = numpy.full(len(vectors), numpy.inf, dtype="float32")
    for _ in range(1, k):
        dist = numpy.minimum(dist, ((vectors - centres[-1]) ** 2).sum(1))
        centres.append(vectors[rng.choice(len(vectors), p=dist / dist.sum())])
    centre = numpy.stack(centres)
    for _ in range(KMEANS_ITERATIONS):
        labels = (vectors @ centre.T).argmax(1)  # unit vectors: nearest = largest dot product
        for c in range(k):
            members = vectors[labels == c]
            if len(members):
                centre[c] = members.mean(0)
    return (vectors @ centre.T).argmax(1)


def word_space(sentences: Sequence[Sequence[str]], dims: int = CLUSTER_DIMS) -> tuple[list[str], numpy.ndarray]:
    """(words, unit vectors of `dims` dimensions) for the lower-cased words seen at least
    CLUSTER_MIN_COUNT times; ([], empty) when there are too few words to reduce."""
    lowered = [[w.lower() for w in s] for s in sentences]
    freq = Counter(w for s in lowered for w in s)
    words = sorted((w for w, n in freq.items() if n >= CLUSTER_MIN_COUNT and any(ch.isalpha() for ch in w)),
                   key=lambda w: (-freq[w], w))
    if len(words) <= dims:
        return [], numpy.zeros((0, dims), dtype="float32")
    vocab = {w: i for i, w in enumerate(words)}
    contexts = {w: i for i, (w, _n) in enumerate(sorted(freq.items(), key=lambda x: (-x[1], x[0]))[:CLUSTER_CONTEXTS])}
    return words, _svd(_ppmi(lowered, vocab, contexts), dims, numpy.random.default_rng(SEED))


def word_clusters(words: Sequence[str], vectors: numpy.ndarray,
                  sizes: Sequence[int] = CLUSTER_SIZES) -> dict[str, list[int]]:
    """word → [its cluster among k] for each k in `sizes` (k-means, seeded per k)."""
    if len(words) <= max(sizes, default=0):
        return {}
    labels = [_kmeans(vectors, k, numpy.random.default_rng(SEED + k)) for k in sizes]
    return {w: [int(lab[i]) for lab in labels] for i, w in enumerate(words)}
