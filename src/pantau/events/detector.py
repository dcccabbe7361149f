"""The learned trigger detector: which words name an act, and of which PLOVER type.

A linear model (`linear.LinearModel`, trained by `training/train_events.py` on the plover-id
annotations) gives each word token the probability of O (no trigger) and of each of the 16 types.
A token is a trigger word when P(O) falls below `threshold`; its type is the likeliest of the 16.
Neighbouring trigger words of the same type make one trigger ("memberikan bantuan",
"rapat terbatas"). The threshold was chosen on the dev split (docs/EVALUATION.md). Words the
training data shows often and never inside a trigger ("yang", "dan", "tahun": `never_triggers`
in meta.json, a third of the tokens) are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy

from pantau.events import features
from pantau.events.linear import LinearModel

NONE = "O"


@dataclass
class Detection:
    start: int  # token span of the trigger
    end: int
    event_type: str
    probability: float  # the model's probability of that type, highest over the trigger's words


class Detector:
    def __init__(self, model: LinearModel, threshold: float, skip: frozenset[str] = frozenset()):
        self.model = model
        self.threshold = threshold
        self.skip = skip  # frequent words never inside a training trigger: not scored (no trigger)
        self.none = model.classes.index(NONE)

    def token_probabilities(self, view: features.ArticleView) -> tuple[list[int], numpy.ndarray]:
        """The word tokens and their class probabilities (computed once per view)."""
        key = ("detector", id(self.model))
        cached = view.cache.get(key)
        if cached is None:
            rule_at = features.rule_types_at(view)
            idx = [i for i, w in enumerate(view.lower) if w not in self.skip and features.is_word(w)]
            cached = view.cache[key] = (idx, self.model.proba([features.token_features(view, i, rule_at)
                                                                      for i in idx]))
        return cached

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
