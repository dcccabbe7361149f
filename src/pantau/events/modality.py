"""The learned modality: asserted, claimed, future, negated or hypothetical, from the words of
the trigger's clause (`features.modality_features`: "akan", "tidak", "jika", "diduga", a quote,
and what the rules read)."""

from __future__ import annotations

from pantau.events import features
from pantau.events.linear import LinearModel
from pantau.model import Event


class ModalityModel:
    def __init__(self, model: LinearModel):
        self.model = model

    def predict(self, view: features.ArticleView,
                items: list[tuple[tuple[int, int], str, Event | None]]) -> list[tuple[str, float]]:
        """(modality, probability) for each (trigger span, type, rule event on it), in one batch."""
        out = []
        for p in self.model.proba([features.modality_features(view, trig, etype, rule_event)
                                   for trig, etype, rule_event in items]):
            k = int(p.argmax())
            out.append((self.model.classes[k], float(p[k])))
        return out
