"""The trigger tagger: a small CNN that reads each word in its context (nine tokens) and gives the
probability of O and of each PLOVER type, beside the linear detector (`detector.py`).

The linear detector sees hand-made features of a five-word window; the tagger learns its own
representation of the words (hash embeddings of the word's norm, first letter, last three
letters and shape, four convolution layers), so it also reads words and contexts the features
never named. The detector mixes the two (`Detector.tagger_weight`, chosen on dev): a weighted
geometric mean of their probabilities, normalised. Trained by `training/train_triggers.py` (a
spaCy tagger, `training/configs/triggers.cfg`); shipped in `model/triggers/`.
"""

from __future__ import annotations

from pathlib import Path

import numpy


class TriggerTagger:
    def __init__(self, folder: Path):
        from pantau import models

        # as the NER and UD models are loaded: without spaCy's Indonesian tokenizer (building its
        # 31,000 special cases took 6 s; the tagger reads Docs made from the article's tokens)
        self.nlp = models.load_path(folder)
        self.model = self.nlp.get_pipe("tagger").model
        self.labels = list(self.nlp.get_pipe("tagger").labels)

    def probabilities(self, words: list[str], classes: list[str]) -> numpy.ndarray:
        """One row per word: the probability of each of `classes` (a class the tagger does not
        know gets 0: `known` says which it knows). The words are read as one Doc, as training
        read each article."""
        return self.probabilities_of_spans(words, [(0, len(words))], classes)[0]

    def probabilities_of_spans(self, words: list[str], spans: list[tuple[int, int]],
                               classes: list[str]) -> list[numpy.ndarray]:
        """The same for each token span [start, end) of `words` read on its own (one batch; the
        detector reads sentences so: at a sentence's edges the CNN then sees padding where in
        training it saw the next sentence's words)."""
        from spacy.tokens import Doc

        spans = [(a, b) for a, b in spans]
        docs = [Doc(self.nlp.vocab, words=words[a:b], spaces=[True] * (b - a)) for a, b in spans if b > a]
        scored = iter(self.model.predict(docs) if docs else [])
        columns = [self.labels.index(c) if c in self.labels else None for c in classes]
        out = []
        for a, b in spans:
            rows = numpy.zeros((b - a, len(classes)), dtype=numpy.float32)
            if b > a:
                # spaCy's tagger gives scores unnormalised at inference (Tagger.v2, normalize = false): softmax
                scores = numpy.asarray(next(scored), dtype=numpy.float32)
                scores = numpy.exp(scores - scores.max(axis=1, keepdims=True))
                scores /= scores.sum(axis=1, keepdims=True)
                for j, c in enumerate(columns):
                    if c is not None:
                        rows[:, j] = scores[:, c]
            out.append(rows)
        return out


    def known(self, classes: list[str]) -> numpy.ndarray:
        """Which of `classes` the tagger has a label for (a bool per class)."""
        return numpy.array([c in self.labels for c in classes])


def available(folder: Path) -> bool:
    return (folder / "config.cfg").is_file() and (folder / "tagger").is_dir()


def mix(linear: numpy.ndarray, tagged: numpy.ndarray, weight: float, known: numpy.ndarray | None = None) -> numpy.ndarray:
    """The weighted geometric mean of two rows of class probabilities each, normalised per row
    (`weight` is the tagger's share; 0 leaves the linear model's probabilities). Where `known`
    (a bool per class) says the tagger has no such class, the linear model's reading stands in
    for the tagger's (its 0 would otherwise wipe the class out)."""
    if weight <= 0:
        return linear
    if known is not None and not known.all():
        tagged = numpy.where(known[None, :], tagged, linear)
    log = (1 - weight) * numpy.log(linear + 1e-9) + weight * numpy.log(tagged + 1e-9)
    log -= log.max(axis=1, keepdims=True)
    e = numpy.exp(log)
    return e / e.sum(axis=1, keepdims=True)
