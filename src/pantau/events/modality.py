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

    def predict(self, view: features.ArticleView, trig: tuple[int, int], etype: str,
                rule_event: Event | None) -> tuple[str, float]:
        p = self.model.proba([features.modality_features(view, trig, etype, rule_event)])[0]
        k = int(p.argmax())
        return self.model.classes[k], float(p[k])
