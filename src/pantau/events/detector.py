"""The learned trigger detector: which words name an act, and of which PLOVER type.

A linear model (`linear.LinearModel`, trained by `training/train_events.py` on the plover-id
annotations) gives each word token the probability of O (no trigger) and of each of the 16 types.
A token is a trigger word when P(O) falls below `threshold`; its type is the likeliest of the 16.
Neighbouring trigger words of the same type make one trigger ("memberikan bantuan",
"rapat terbatas"). With the trigger tagger (`tagger.py`, a CNN over the word's context), the
probabilities are the two models' weighted geometric mean (`tagger_weight`). The threshold and
the weight were chosen on the dev split (docs/EVALUATION.md). Words the training data shows
often and never inside a trigger ("yang", "dan", "tahun": `never_triggers` in meta.json, a third
of the tokens) are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy

from pantau.events import features
from pantau.events.linear import LinearModel
from pantau.events.tagger import TriggerTagger, mix

NONE = "O"
TAG_SENTENCES_BELOW = 0.95  # the tagger reads a sentence where some word's linear P(O) is below this


@dataclass
class Detection:
    start: int  # token span of the trigger
    end: int
    event_type: str
    probability: float  # the model's probability of that type, highest over the trigger's words


class Detector:
    def __init__(self, model: LinearModel, threshold: float, skip: frozenset[str] = frozenset(),
                 tagger: TriggerTagger | None = None, tagger_weight: float = 0.0):
        self.model = model
        self.threshold = threshold
        self.skip = skip  # frequent words never inside a training trigger: not scored (no trigger)
        self.none = model.classes.index(NONE)
        self.tagger = tagger
        self.tagger_weight = tagger_weight if tagger is not None else 0.0

    def token_probabilities(self, view: features.ArticleView) -> tuple[list[int], numpy.ndarray]:
        """The word tokens and their class probabilities (computed once per view)."""
        key = ("detector", id(self.model), self.skip, id(self.tagger), self.tagger_weight)
        cached = view.cache.get(key)
        if cached is None:
            idx, probs = self._linear(view)
            if self.tagger_weight > 0 and idx:
                probs = probs.copy()
                rows_of = {i: r for r, i in enumerate(idx)}
                known = self.tagger.known(self.model.classes)
                for (a, b), tagged in self._tagged(view, idx, probs):
                    rows = [rows_of[i] for i in range(a, b) if i in rows_of]
                    probs[rows] = mix(probs[rows], tagged[[i - a for i in range(a, b) if i in rows_of]],
                                      self.tagger_weight, known)
            cached = view.cache[key] = (idx, probs)
        return cached

    def _linear(self, view: features.ArticleView) -> tuple[list[int], numpy.ndarray]:
        """The linear model's probabilities for the word tokens it scores (once per view)."""
        key = ("linear", id(self.model), self.skip)
        if key not in view.cache:
            rule_at = features.rule_types_at(view)
            idx = [i for i, w in enumerate(view.lower) if w not in self.skip and features.is_word(w)]
            view.cache[key] = (idx, self.model.proba([features.token_features(view, i, rule_at) for i in idx]))
        return view.cache[key]

    def _tagged(self, view: features.ArticleView, idx: list[int], linear: numpy.ndarray):
        """The tagger's probabilities, [((start, end), rows)], for the sentences where the linear
        model sees a possible trigger (a word with P(O) below TAG_SENTENCES_BELOW); elsewhere the
        linear model's reading stands. (At 0.95 the tagger reads about 64 % of the tokens, and the
        dev figures are those of tagging every sentence to within one event, docs/EVALUATION.md.)"""
        key = ("tagger", id(self.tagger), id(self.model), self.skip)
        if key not in view.cache:
            sentences = sorted({view.sent_of[i] for r, i in enumerate(idx) if linear[r, self.none] < TAG_SENTENCES_BELOW})
            spans = [view.sentences[k] for k in sentences]
            view.cache[key] = list(zip(spans, self.tagger.probabilities_of_spans(view.words, spans, self.model.classes)))
        return view.cache[key]

    def probability(self, view: features.ArticleView, start: int, end: int, event_type: str) -> float:
        """The highest probability of `event_type` over the words of tokens [start, end) (0 for none)."""
        idx, probs = self.token_probabilities(view)
        k = self.model.classes.index(event_type)
        return max((float(probs[r, k]) for r, i in enumerate(idx) if start <= i < end), default=0.0)

    def detect(self, view: features.ArticleView) -> list[Detection]:
        idx, probs = self.token_probabilities(view)
        out: list[Detection] = []
        for row, i in enumerate(idx):
            p = probs[row]
            if p[self.none] >= self.threshold:
                continue
            masked = p.copy()
            masked[self.none] = -1.0
            best = int(masked.argmax())
            etype = self.model.classes[best]
            last = out[-1] if out else None
            if last is not None and last.end == i and last.event_type == etype and view.sent_of[last.start] == view.sent_of[i]:
                last.end = i + 1
                last.probability = max(last.probability, float(p[best]))
                continue
            out.append(Detection(i, i + 1, etype, float(p[best])))
        return out
